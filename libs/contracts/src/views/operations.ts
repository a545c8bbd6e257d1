import { z } from 'zod';
import { instant, listOf, named, wholeListOf } from './common';
import { eventViewSchema } from './participants';
import { DELIVERY_KINDS, DELIVERY_STATUSES } from '../deliveries';

/** A change to a treaty, a focal point or a user, in the configuration chain. */
export const configurationEventViewSchema = named(
  'ConfigurationEvent',
  z.object({
    id: z.number().int(),
    seq: z.number().int(),
    action: z.string(),
    treaty: z.string().nullable(),
    country: z.string().nullable(),
    subject: z.string(),
    actor: z.union([z.object({ id: z.string(), email: z.string(), role: z.string() }), z.literal('system')]),
    recordedAt: instant,
    before: z.record(z.string(), z.unknown()).nullable(),
    after: z.record(z.string(), z.unknown()),
    prevHash: z.string(),
    hash: z.string(),
  }),
);
export type ConfigurationEventView = z.infer<typeof configurationEventViewSchema>;

/** `GET /api/audit/events`: participant events, or configuration events with `?kind=configuration`. */
export const auditEventListSchema = listOf(z.union([eventViewSchema, configurationEventViewSchema]));

/** `GET /api/audit/verify`: every chain re-hashed. */
export const verificationSchema = named(
  'Verification',
  z.object({
    ok: z.boolean(),
    checked: z.number().int(),
    firstBroken: z
      .object({
        chain: z.enum(['participant', 'configuration', 'checkpoint']),
        eventId: z.number().int().nullable(),
        treaty: z.string().nullable(),
        country: z.string().nullable(),
        seq: z.number().int().nullable(),
        reason: z.string(),
      })
      .nullable(),
    checkpoint: z.object({ id: z.number().int(), takenAt: instant }).nullable(),
  }),
);
export type VerificationView = z.infer<typeof verificationSchema>;

export const checkpointViewSchema = named(
  'Checkpoint',
  z.object({
    id: z.number().int(),
    takenAt: instant,
    takenBy: z.string(),
    signed: z.string().describe('the exact text signed: canonical JSON of {takenAt, heads}'),
    signature: z.string().describe('Ed25519 signature of `signed`, base64'),
    publicKey: z.string().describe('the public key that checks the signature (PEM, SubjectPublicKeyInfo)'),
    chains: z.number().int(),
  }),
);
export type CheckpointView = z.infer<typeof checkpointViewSchema>;
export const checkpointListSchema = wholeListOf(checkpointViewSchema);

/** An e-mail's delivery record. */
export const deliveryViewSchema = named(
  'Delivery',
  z.object({
    id: z.number().int(),
    kind: z.enum(DELIVERY_KINDS),
    recipient: z.string(),
    treaty: z.string().nullable(),
    country: z.string().nullable(),
    status: z.enum(DELIVERY_STATUSES),
    attempts: z.number().int(),
    lastError: z.string().nullable(),
    messageId: z.string().nullable(),
    reminder: z.object({ status: z.string(), number: z.number().int() }).nullable(),
    createdAt: instant,
    updatedAt: instant,
    sentAt: instant.nullable(),
  }),
);
export type DeliveryView = z.infer<typeof deliveryViewSchema>;
export const deliveryListSchema = listOf(deliveryViewSchema);

export const sweepResultSchema = z.object({ enqueued: z.number().int() });

/** `GET /health` and `/health/ready`: 200 when both answer, 503 otherwise. */
export const readinessSchema = named(
  'Readiness',
  z.object({ status: z.enum(['ok', 'unavailable']), postgres: z.enum(['up', 'down']), redis: z.enum(['up', 'down']) }),
);
export const livenessSchema = z.object({ status: z.literal('ok') });
