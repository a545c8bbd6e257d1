import { countryCode, isoDate } from '@depositary/domain';
import { z } from 'zod';
import { importedActSchema } from './participants';
import { newTreatySchema } from './treaties';

/**
 * `POST /api/treaties/import`: a treaty with its history — the treaty, who was invited and when, and each act in
 * the order recorded. `about` (a description) and `expected` (what the file's author expects the record to come
 * to) are kept by such files for their readers; the service reads neither.
 */
export const treatyRecordFileSchema = z.strictObject({
  about: z.string().max(10_000).optional(),
  treaty: newTreatySchema,
  invited: z.strictObject({
    countries: z
      .array(countryCode)
      .min(1, 'name at least one country')
      .max(300)
      .refine((codes) => new Set(codes).size === codes.length, 'must not list a country twice'),
    invitedOn: isoDate,
    /** Kept as the note of each invitation event. */
    note: z.string().trim().min(1).max(4000).optional(),
  }),
  actions: z.array(importedActSchema).max(10_000),
  expected: z.record(z.string(), z.unknown()).optional(),
});
export type TreatyRecordFileRequest = z.infer<typeof treatyRecordFileSchema>;

export const importQuerySchema = z.strictObject({
  dryRun: z.enum(['true', 'false'], 'must be true or false').optional(),
});
