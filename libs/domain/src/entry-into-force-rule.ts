import { z } from 'zod';
import { isIsoDate } from './dates';
import { INSTRUMENTS } from './status-machine';

export const countryCode = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 3166-1 alpha-3 code in capitals, like "KAZ"');
export const isoDate = z.string().refine(isIsoDate, 'must be a calendar day written YYYY-MM-DD');
/** An instant in ISO 8601 with its offset (2018-02-19T12:00:00Z), in the years 0001 to 9999. */
export const isoInstant = z.iso
  .datetime({ offset: true, message: 'must be an ISO 8601 instant with its offset, like 2018-02-19T12:00:00Z' })
  .refine((value) => {
    const year = new Date(value).getUTCFullYear();
    return year >= 1 && year <= 9999;
  }, 'must fall in the years 0001 to 9999');

const uniqueCodes = z
  .array(countryCode)
  .min(1, 'must list at least one country')
  .refine((codes) => new Set(codes).size === codes.length, 'must not list a country twice');

export const delaySchema = z
  .strictObject({
    days: z.int('must be a whole number of days').min(0).max(3650).optional(),
    months: z.int('must be a whole number of months').min(0).max(120).optional(),
    then: z.literal('first_day_of_next_month', 'the only value is "first_day_of_next_month"').optional(),
  })
  .refine((delay) => delay.days === undefined || delay.months === undefined, 'give either days or months, not both');
export type Delay = z.infer<typeof delaySchema>;

/** The entry-into-force rule language of the contract, validated on the way in. */
export const entryIntoForceRuleSchema = z
  .strictObject({
    minimumParties: z.int('must be a whole number').min(1, 'must be at least 1').max(1000).optional(),
    countedInstruments: z
      .array(z.enum(INSTRUMENTS, `must be one of ${INSTRUMENTS.join(', ')}`))
      .min(1, 'must name at least one instrument')
      .refine((list) => new Set(list).size === list.length, 'must not name an instrument twice')
      .optional(),
    weights: z
      .strictObject({
        // A weight may be 0: official tables round small shares to 0.00.
        values: z
          .record(countryCode, z.number().min(0, 'a weight cannot be negative'))
          .refine((values) => Object.keys(values).length > 0, 'must weigh at least one country'),
        minimumShare: z.number().gt(0, 'must be above 0').max(100, 'is a percentage: at most 100'),
        total: z.number().positive('must be positive').optional(),
      })
      .refine(
        (weights) => weights.total !== undefined || Object.values(weights.values).some((value) => value > 0),
        'the weights add up to 0: give a total, or at least one weight above 0',
      )
      .optional(),
    minimumFrom: z
      .array(
        // A count above the number of listed parties is accepted (the contract's own example has one): the rule then cannot be met.
        z.strictObject({ parties: uniqueCodes, count: z.int('must be a whole number').min(1, 'must be at least 1') }),
      )
      .min(1)
      .optional(),
    requiredParties: uniqueCodes.optional(),
    notBefore: isoDate.optional(),
    entersIntoForce: delaySchema.default({}),
    laterParties: delaySchema.optional(),
  })
  .refine(
    (rule) =>
      rule.minimumParties !== undefined ||
      rule.weights !== undefined ||
      rule.minimumFrom !== undefined ||
      rule.requiredParties !== undefined,
    'a rule needs at least one condition: minimumParties, weights, minimumFrom or requiredParties',
  );
export type EntryIntoForceRule = z.infer<typeof entryIntoForceRuleSchema>;

/** Every country a rule names, so the caller can check they exist. */
export function countriesNamedBy(rule: EntryIntoForceRule): string[] {
  return [
    ...Object.keys(rule.weights?.values ?? {}),
    ...(rule.minimumFrom ?? []).flatMap((group) => group.parties),
    ...(rule.requiredParties ?? []),
  ];
}
