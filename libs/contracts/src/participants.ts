import { PERSON_ACTIONS, SIGNATURE_KINDS, countryCode, isoDate, isoInstant } from '@depositary/domain';
import { z } from 'zod';

/** `POST /api/treaties/{slug}/participants`: invite, idempotent per country. */
export const invitationSchema = z.strictObject({
  countries: z.array(countryCode).min(1, 'name at least one country').max(300),
  invitedOn: isoDate,
});

export const optionalText = (max: number) => z.string().trim().min(1, 'must not be empty when given').max(max).optional();

/** Fields that only one action carries. */
const ONLY_WITH = [
  ['signature', 'sign'],
  ['effectiveFrom', 'succeed'],
  ['predecessor', 'succeed'],
  ['effectiveOn', 'withdraw'],
] as const;

/** The fields of an act, as one participant's action and as a line of an imported history. */
const actFields = {
  action: z.enum(PERSON_ACTIONS, `must be one of ${PERSON_ACTIONS.join(', ')}`),
  date: isoDate.optional(),
  signature: z.enum(SIGNATURE_KINDS, `must be one of ${SIGNATURE_KINDS.join(', ')}`).optional(),
  effectiveFrom: isoDate.optional(),
  predecessor: optionalText(200),
  effectiveOn: isoDate.optional(),
  reference: optionalText(500),
  note: optionalText(4000),
  reason: optionalText(4000),
};

type ActFields = z.infer<z.ZodObject<typeof actFields>>;

/** A correction needs a reason and no date; every other act a date; a field only with its action. */
function checkAct(value: ActFields, ctx: z.RefinementCtx): void {
  if (value.action === 'correct' && !value.reason)
    ctx.addIssue({ code: 'custom', path: ['reason'], message: 'a correction needs a reason' });
  if (value.action !== 'correct' && !value.date)
    ctx.addIssue({ code: 'custom', path: ['date'], message: 'the day the act took effect, YYYY-MM-DD' });
  for (const [field, action] of ONLY_WITH)
    if (value[field] !== undefined && value.action !== action)
      ctx.addIssue({ code: 'custom', path: [field], message: `${field} goes only with the action "${action}"` });
}

/** `POST /api/treaties/{slug}/participants/{code}/actions`. */
export const actSchema = z.strictObject(actFields).superRefine(checkAct);
export type ActRequest = z.infer<typeof actSchema>;

/** `POST /api/treaties/{slug}/actions`: the same act for many countries, as at a signing ceremony. */
export const bulkActSchema = z
  .strictObject({
    action: z.enum(
      PERSON_ACTIONS.filter((action) => action !== 'correct'),
      'must be an act a state takes (a correction is recorded one participant at a time)',
    ),
    date: isoDate,
    countries: z
      .array(countryCode)
      .min(1, 'name at least one country')
      .max(300)
      .refine((codes) => new Set(codes).size === codes.length, 'must not list a country twice'),
    signature: actFields.signature,
    reference: actFields.reference,
    note: actFields.note,
  })
  .superRefine((value, ctx) => {
    if (value.signature !== undefined && value.action !== 'sign')
      ctx.addIssue({ code: 'custom', path: ['signature'], message: 'signature goes only with the action "sign"' });
  });
export type BulkActRequest = z.infer<typeof bulkActSchema>;

/** `?asOf=YYYY-MM-DD&knownAt=<instant>`: the record in law at the end of a day, as known at an instant. */
export const asOfQuerySchema = z.strictObject({
  asOf: isoDate.optional(),
  knownAt: isoInstant.optional(),
});

/** The same with `?format=json|csv`, for the chart. */
export const chartQuerySchema = asOfQuerySchema.extend({ format: z.enum(['json', 'csv'], 'must be json or csv').optional() });

/** A line of an imported history: one country's act, as `POST .../actions` takes it. */
export const importedActSchema = z
  .strictObject({ ...actFields, country: countryCode, illustrative: z.boolean().optional() })
  .superRefine(checkAct);
