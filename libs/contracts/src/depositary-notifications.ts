import { LANGUAGES } from '@depositary/domain';
import { z } from 'zod';
import { slugSchema, text } from './treaties';
import { day, instant, listOf, named, wholeListOf } from './views/common';

const STATUSES = ['draft', 'issued', 'superseded'] as const;

/** `POST /api/depositary-notifications`: a free-form draft, e.g. a correction of the text of the treaty. */
export const newDepositaryNotificationSchema = z.strictObject({
  treaty: slugSchema,
  subject: text(500),
  text: z.strictObject({ en: text(20_000), fr: text(20_000).optional(), ar: text(20_000).optional() }),
});
export type NewDepositaryNotificationRequest = z.infer<typeof newDepositaryNotificationSchema>;

export const depositaryNotificationListQuery = z.strictObject({
  treaty: slugSchema.optional(),
  status: z.enum(STATUSES, `must be one of ${STATUSES.join(', ')}`).optional(),
  year: z.coerce.number().int('must be a whole number').min(1900).max(9999).optional(),
  cursor: z.string().max(100).optional(),
  limit: z.coerce.number().int('must be a whole number').min(1).max(1000).optional(),
});
export type DepositaryNotificationListQuery = z.infer<typeof depositaryNotificationListQuery>;

export const depositaryNotificationReadQuery = z.strictObject({
  format: z.enum(['json', 'html'], 'must be json or html').optional(),
  lang: z.enum(LANGUAGES, 'must be en, fr or ar').optional(),
});
export type DepositaryNotificationReadQuery = z.infer<typeof depositaryNotificationReadQuery>;

const inEachLanguage = z.object({ en: z.string(), fr: z.string(), ar: z.string() });

export const depositaryNotificationViewSchema = named(
  'DepositaryNotification',
  z.object({
    id: z.number().int(),
    number: z.string().nullable().describe('given when issued'),
    status: z.enum(STATUSES),
    kind: z.string(),
    treaty: z.string(),
    country: z.string().nullable(),
    eventId: z.number().int().nullable(),
    treatyEventId: z.number().int().nullable(),
    corrects: z.string().nullable(),
    issuedOn: day.nullable(),
    subject: inEachLanguage,
    text: inEachLanguage,
    recipients: z.number().int(),
    deliveries: z.object({ queued: z.number().int(), sent: z.number().int(), failed: z.number().int(), dead: z.number().int() }),
    createdAt: instant,
  }),
);
export type DepositaryNotificationView = z.infer<typeof depositaryNotificationViewSchema>;
export const depositaryNotificationListSchema = listOf(depositaryNotificationViewSchema);

/** `GET /public/treaties/{slug}/notifications`: what anyone may read of an issued notification. */
export const publicNotificationListSchema = wholeListOf(
  depositaryNotificationViewSchema.pick({ number: true, kind: true, country: true, issuedOn: true, subject: true, text: true }),
);
