import {
  INSTRUMENTS,
  PARTICIPANT_STATUSES,
  PERSON_ACTIONS,
  ROLES,
  SIGNATURE_KINDS,
  STATEMENT_KINDS,
  STATEMENT_STAGES,
  TERRITORIAL_SCOPES,
} from '@depositary/domain';
import { z } from 'zod';
import { day, instant, named, wholeListOf } from './common';

/** One row of the chart: a participant's record. */
export const participantViewSchema = named(
  'Participant',
  z.object({
    country: z.object({ code: z.string(), name: z.string() }),
    status: z.enum(PARTICIPANT_STATUSES),
    version: z.number().int().describe('send it back in If-Match to act on this record'),
    invitedOn: day,
    signedOn: day.nullable(),
    signature: z.object({ kind: z.enum(SIGNATURE_KINDS), confirmedOn: day.nullable() }).nullable(),
    depositedOn: day.nullable(),
    instrument: z.enum(INSTRUMENTS).nullable(),
    effectiveFrom: day.nullable(),
    predecessor: z.string().nullable(),
    memberSince: day.nullable(),
    withdrawal: z.object({ notifiedOn: day, effectiveOn: day }).nullable(),
    withdrawnOn: day.nullable(),
    statementKinds: z.array(z.string()),
    allowedActions: z.array(z.enum(PERSON_ACTIONS)),
  }),
);
export type ParticipantView = z.infer<typeof participantViewSchema>;

const actDetails = z.object({
  signature: z.enum(SIGNATURE_KINDS).optional(),
  effectiveFrom: z.string().optional(),
  predecessor: z.string().optional(),
  effectiveOn: z.string().optional(),
  statement: z.string().optional(),
  kind: z.string().optional(),
  at: z.string().optional(),
  objectsTo: z.string().optional(),
  textHash: z.string().optional(),
});

/** Who recorded an event: a user, or the system (admissions, exits). */
export const eventActorSchema = z.union([z.object({ id: z.string(), email: z.string(), role: z.enum(ROLES) }), z.literal('system')]);

/** An event of a participant's hash chain. */
export const eventViewSchema = named(
  'Event',
  z.object({
    id: z.number().int(),
    treaty: z.string(),
    country: z.string(),
    seq: z.number().int(),
    action: z.string(),
    from: z.string().nullable(),
    to: z.string(),
    date: day.describe('the day the act took effect'),
    recordedAt: instant,
    actor: eventActorSchema,
    reference: z.string().nullable(),
    note: z.string().nullable(),
    reason: z.string().nullable(),
    details: actDetails.nullable(),
    prevHash: z.string(),
    hash: z.string(),
  }),
);
export type EventView = z.infer<typeof eventViewSchema>;

const asOfEcho = { asOf: day.nullable(), knownAt: instant.nullable() };

/** `GET /api/treaties/{slug}/participants`: the chart. */
export const chartViewSchema = named('Chart', z.object({ items: z.array(participantViewSchema), nextCursor: z.null(), ...asOfEcho }));

/** `POST /api/treaties/{slug}/participants`. */
export const invitationResultSchema = named(
  'InvitationResult',
  z.object({ invited: z.array(participantViewSchema), alreadyInvited: z.array(z.string()) }),
);

/** `POST .../participants/{code}/actions`: the participant after the act, and the act's event. */
export const actResultSchema = named('ActResult', z.object({ participant: participantViewSchema, event: eventViewSchema }));
export const bulkActResultSchema = named('BulkActResult', z.object({ items: z.array(actResultSchema) }));

const statementText = z.union([z.string(), z.object({ en: z.string().optional(), fr: z.string().optional(), ar: z.string().optional() })]);

export const statementViewSchema = named(
  'Statement',
  z.object({
    id: z.number().int(),
    treaty: z.string(),
    country: z.string(),
    kind: z.enum(STATEMENT_KINDS),
    date: day,
    at: z.enum(STATEMENT_STAGES),
    text: statementText,
    objectsTo: z.number().int().nullable(),
    territories: z.array(z.string()).nullable(),
    scope: z.enum(TERRITORIAL_SCOPES).nullable(),
    reference: z.string().nullable(),
    confirmed: z.boolean().nullable(),
    confirmedOn: day.nullable(),
    withdrawnOn: day.nullable(),
    deadline: day.nullable().optional(),
    late: z.boolean().optional(),
    objections: z.array(z.number().int()),
    eventId: z.number().int(),
  }),
);
export type StatementView = z.infer<typeof statementViewSchema>;
export const statementListSchema = wholeListOf(statementViewSchema);
export const statementResultSchema = named('StatementResult', z.object({ statement: statementViewSchema, event: eventViewSchema }));

/** `GET /api/treaties/{slug}/participants/{code}`: one participant with its events and statements. */
export const participantDetailSchema = named(
  'ParticipantDetail',
  participantViewSchema.extend({ events: z.array(eventViewSchema), statements: z.array(statementViewSchema), ...asOfEcho }),
);

/** A row of the public chart: a participant's record less its version and the actions open to it. */
export const publicChartRowSchema = participantViewSchema.omit({ version: true, allowedActions: true });
