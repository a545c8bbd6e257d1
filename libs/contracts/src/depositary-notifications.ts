import { z } from 'zod';
import { slugSchema, text } from './treaties';

const LANGUAGES = ['en', 'fr', 'ar'] as const;
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

export interface DepositaryNotificationView {
  id: number;
  number: string | null;
  status: (typeof STATUSES)[number];
  kind: string;
  treaty: string;
  country: string | null;
  eventId: number | null;
  treatyEventId: number | null;
  corrects: string | null;
  issuedOn: string | null;
  subject: Record<(typeof LANGUAGES)[number], string>;
  text: Record<(typeof LANGUAGES)[number], string>;
  recipients: number;
  deliveries: { queued: number; sent: number; failed: number; dead: number };
  createdAt: string;
}
