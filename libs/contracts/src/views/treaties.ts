import { PARTICIPANT_STATUSES, TREATY_STATUSES, delaySchema, entryIntoForceRuleSchema, reminderPolicySchema } from '@depositary/domain';
import { z } from 'zod';
import { day, instant, named, wholeListOf } from './common';
import { publicChartRowSchema } from './participants';

const titles = z.object({ fr: z.string().optional(), ar: z.string().optional() });

export const treatyViewSchema = named(
  'Treaty',
  z.object({
    slug: z.string(),
    title: z.string(),
    titles,
    depositary: z.string().nullable(),
    openedForSignatureOn: day,
    entryIntoForce: entryIntoForceRuleSchema,
    reminders: z.array(reminderPolicySchema.extend({ status: z.string() })),
    withdrawal: delaySchema,
    reservations: z.enum(['permitted', 'prohibited']),
    public: z.boolean(),
    notifications: z.object({ autoIssue: z.boolean() }),
    status: z.enum(TREATY_STATUSES),
    thresholdMetOn: day.nullable(),
    entryIntoForceOn: day.nullable(),
    createdAt: instant,
    updatedAt: instant,
  }),
);
export type TreatyView = z.infer<typeof treatyViewSchema>;
export const treatyListSchema = wholeListOf(treatyViewSchema);

const counts = z.object({
  ...Object.fromEntries(PARTICIPANT_STATUSES.map((status) => [status, z.number().int()])),
  signatories: z.number().int(),
} as Record<(typeof PARTICIPANT_STATUSES)[number] | 'signatories', z.ZodNumber>);

const threshold = z.object({
  required: z.number().nullable(),
  current: z.number(),
  met: z.boolean(),
  metOn: day.nullable(),
  share: z.number().nullable().optional(),
  missingRequired: z.array(z.string()),
  missingFromGroups: z.array(z.object({ parties: z.array(z.string()), count: z.number().int(), have: z.number().int() })),
});

const decisive = z.object({
  country: z.string(),
  countryName: z.string(),
  instrument: z.string(),
  depositedOn: day,
  ordinal: z.number().int(),
});

/** `GET /api/treaties/{slug}/status`. */
export const treatyStatusViewSchema = named(
  'TreatyStatus',
  z.object({
    status: z.enum(TREATY_STATUSES),
    counts,
    threshold,
    entryIntoForceOn: day.nullable(),
    decisive: decisive.nullable(),
    explanation: z.string(),
    evaluatedAt: instant.nullable(),
    asOf: day.nullable(),
    knownAt: instant.nullable(),
  }),
);
export type TreatyStatusView = z.infer<typeof treatyStatusViewSchema>;

/** `POST /api/treaties/import`. */
export const importResultSchema = named(
  'ImportResult',
  z.object({
    dryRun: z.boolean(),
    treaty: treatyViewSchema,
    invited: z.number().int(),
    recorded: z.number().int(),
    status: treatyStatusViewSchema,
  }),
);

/** What anyone may read of a public treaty: no user, actor, e-mail, focal point, note or internal reason. */
export const publicTreatySummarySchema = named(
  'PublicTreatySummary',
  treatyViewSchema.pick({ slug: true, title: true, titles: true, depositary: true, openedForSignatureOn: true, status: true }).extend({
    entryIntoForceOn: day.nullable(),
  }),
);
export const publicTreatyListSchema = wholeListOf(publicTreatySummarySchema);

export const publicTreatySchema = named(
  'PublicTreaty',
  publicTreatySummarySchema.omit({ status: true }).extend({
    entryIntoForce: entryIntoForceRuleSchema,
    withdrawal: delaySchema,
    status: treatyStatusViewSchema.pick({
      status: true,
      counts: true,
      threshold: true,
      entryIntoForceOn: true,
      decisive: true,
      explanation: true,
    }),
    chart: z.array(publicChartRowSchema),
    asOf: day.nullable(),
    knownAt: instant.nullable(),
  }),
);
