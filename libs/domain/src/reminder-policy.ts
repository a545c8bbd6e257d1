import { z } from 'zod';

/** Statuses in which a country still owes a step, and so can be reminded of it. */
export const REMINDABLE_STATUSES = ['invited', 'signed'] as const;

export const reminderPolicySchema = z.strictObject({
  status: z.enum(REMINDABLE_STATUSES, `must be a status that owes a step: ${REMINDABLE_STATUSES.join(', ')}`),
  afterDays: z.int('must be a whole number of days').min(0).max(3650),
  everyDays: z.int('must be a whole number of days').min(1).max(3650),
  maxReminders: z.int('must be a whole number').min(0).max(100),
});

export const reminderPoliciesSchema = z
  .array(reminderPolicySchema)
  .max(10)
  .refine((policies) => new Set(policies.map((policy) => policy.status)).size === policies.length, 'one policy per status');
