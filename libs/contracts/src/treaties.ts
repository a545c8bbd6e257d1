import { delaySchema, entryIntoForceRuleSchema, isoDate, reminderPoliciesSchema } from '@depositary/domain';
import { z } from 'zod';

export const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);

export const slugSchema = z
  .string()
  .max(100)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'lower-case letters and digits separated by single hyphens, like "iofs-statute"');

/** The treaty's title in French and Arabic, beside its `title` (English). */
export const titlesSchema = z.strictObject({ fr: text(500).optional(), ar: text(500).optional() });

/** `POST /api/treaties`, and the `treaty` of an imported history. */
/** How a treaty's depositary notifications are handled: `autoIssue` issues each draft as soon as it is drafted. */
export const notificationSettingsSchema = z.strictObject({ autoIssue: z.boolean() });

export const newTreatySchema = z.strictObject({
  slug: slugSchema,
  title: text(500),
  titles: titlesSchema.optional(),
  depositary: text(500).optional(),
  openedForSignatureOn: isoDate,
  entryIntoForce: entryIntoForceRuleSchema,
  withdrawal: delaySchema.optional(),
  reminders: reminderPoliciesSchema.optional(),
  reservations: z.enum(['permitted', 'prohibited'], 'must be permitted or prohibited').optional(),
  public: z.boolean('must be true or false').optional(),
  notifications: notificationSettingsSchema.optional(),
});
export type NewTreatyRequest = z.infer<typeof newTreatySchema>;

/** `PATCH /api/treaties/{slug}`: the rule only while the treaty is open. */
export const treatyChangeSchema = z
  .strictObject({
    title: text(500).optional(),
    titles: titlesSchema.optional(),
    depositary: text(500).nullable().optional(),
    reminders: reminderPoliciesSchema.optional(),
    entryIntoForce: entryIntoForceRuleSchema.optional(),
    withdrawal: delaySchema.optional(),
    reservations: z.enum(['permitted', 'prohibited'], 'must be permitted or prohibited').optional(),
    public: z.boolean('must be true or false').optional(),
    notifications: notificationSettingsSchema.optional(),
  })
  .refine(
    (change) => Object.keys(change).length > 0,
    'give at least one of title, titles, depositary, reminders, entryIntoForce, withdrawal, reservations, public, notifications',
  );
export type TreatyChangeRequest = z.infer<typeof treatyChangeSchema>;
