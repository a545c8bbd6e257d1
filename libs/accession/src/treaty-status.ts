import {
  ConsentPeriod,
  Deposit,
  EntryIntoForceOutcome,
  EntryIntoForceRule,
  PARTICIPANT_STATUSES,
  ParticipantStatus,
  RecordAsOf,
  TreatyStatus,
  countRecords,
  depositsOfRecords,
  evaluateEntryIntoForce,
  ordinal,
} from '@depositary/domain';
import type { DecisiveDeposit, TreatyStatusView } from '@depositary/contracts';
import { selectList } from '@depositary/persistence';

export type { DecisiveDeposit, TreatyStatusView } from '@depositary/contracts';

/** What the status reads of each participant row. */
export interface DepositRow {
  country_code: string;
  status: ParticipantStatus;
  signed_on: string | null;
  consents: ConsentPeriod[];
}

export const DEPOSIT_COLUMNS = selectList<DepositRow>()({
  country_code: 'p.country_code',
  status: 'p.status',
  signed_on: 'p.signed_on',
  consents: 'p.consents',
});

/** The stored outcome of the last evaluation, as the worker wrote it on the treaty. */
export interface StoredOutcome {
  title: string;
  entryIntoForce: EntryIntoForceRule;
  status: TreatyStatus;
  thresholdMetOn: string | null;
  entryIntoForceOn: string | null;
  decisive: DecisiveDeposit | null;
  evaluatedAt: Date | null;
}

/** Counts per status (and signatories), and the deposits the rule is evaluated on. */
export function depositsOf(rows: readonly DepositRow[]): { counts: TreatyStatusView['counts']; deposits: Deposit[] } {
  const counts = {
    ...(Object.fromEntries(PARTICIPANT_STATUSES.map((status) => [status, 0])) as Record<ParticipantStatus, number>),
    signatories: 0,
  };
  for (const row of rows) {
    counts[row.status]++;
    if (row.signed_on !== null) counts.signatories++;
  }
  return { counts, deposits: depositsOfRecords(rows.map((row) => ({ country: row.country_code, record: row }))) };
}

/** "the Statute", "the Convention" ...: how the treaty calls itself in a sentence. */
function shortTitle(title: string): string {
  const first = title.split(/\s+/)[0] ?? '';
  return /^(Statute|Convention|Protocol|Agreement|Treaty|Charter|Covenant|Constitution|Amendment)$/i.test(first)
    ? `the ${first}`
    : 'the treaty';
}

/** One sentence a person can read: what met the threshold, and when the treaty enters or entered into force. */
export function explain(stored: StoredOutcome, today: string, current: number, required: number | null): string {
  const treaty = shortTitle(stored.title);
  const Treaty = treaty.charAt(0).toUpperCase() + treaty.slice(1);
  if (!stored.thresholdMetOn || !stored.entryIntoForceOn) {
    const needed = required === null ? '' : ` ${current} of the ${required} instruments required have been deposited.`;
    return `The entry-into-force threshold has not been met.${needed}`.trim();
  }
  const d = stored.decisive;
  const cause = d
    ? `The ${ordinal(d.ordinal)} instrument, deposited by ${d.countryName} on ${d.depositedOn}, met the threshold`
    : `The threshold was met on ${stored.thresholdMetOn}`;
  const sameDay = stored.entryIntoForceOn === stored.thresholdMetOn;
  if (stored.status === 'in_force')
    return `${cause}; ${treaty} entered into force ${sameDay ? 'that day' : `on ${stored.entryIntoForceOn}`}.`;
  if (stored.entryIntoForceOn > today) return `${cause}; ${treaty} enters into force on ${stored.entryIntoForceOn}.`;
  return `${cause}; ${Treaty} entry into force on ${stored.entryIntoForceOn} awaits confirmation by the service.`;
}

/** The status: the stored outcome of the rule, with counts and progress read from the record now. */
export function toTreatyStatusView(stored: StoredOutcome, rows: readonly DepositRow[], today: string): TreatyStatusView {
  const { counts, deposits } = depositsOf(rows);
  const progress = evaluateEntryIntoForce(stored.entryIntoForce, deposits, today);
  return {
    status: stored.status,
    counts,
    threshold: thresholdOf(stored.entryIntoForce, progress, stored.thresholdMetOn),
    entryIntoForceOn: stored.entryIntoForceOn,
    decisive: stored.decisive,
    explanation: explain(stored, today, progress.current, progress.required),
    evaluatedAt: stored.evaluatedAt ? stored.evaluatedAt.toISOString() : null,
    asOf: null,
    knownAt: null,
  };
}

/**
 * The status as of a day and as known at an instant: evaluated afresh from the record as it then stood,
 * not read from the stored outcome (which is today's).
 */
export function toTreatyStatusViewAsOf(
  stored: StoredOutcome,
  projection: RecordAsOf,
  names: ReadonlyMap<string, string>,
  asked: { asOf: string | null; knownAt: string | null; day: string },
): TreatyStatusView {
  const { outcome, standing } = projection;
  const decisive: DecisiveDeposit | null =
    standing.metOn !== null && outcome.decisive
      ? {
          country: outcome.decisive.country,
          countryName: names.get(outcome.decisive.country) ?? outcome.decisive.country,
          instrument: outcome.decisive.instrument,
          depositedOn: outcome.decisive.depositedOn,
          ordinal: outcome.decisiveOrdinal ?? 0,
        }
      : null;
  const asThen: StoredOutcome = {
    ...stored,
    status: standing.status,
    thresholdMetOn: standing.metOn,
    entryIntoForceOn: standing.entryIntoForceOn,
    decisive,
  };
  return {
    status: standing.status,
    counts: countRecords(projection.participants.map(({ record }) => record)),
    threshold: thresholdOf(stored.entryIntoForce, outcome, standing.metOn),
    entryIntoForceOn: standing.entryIntoForceOn,
    decisive,
    explanation: explain(asThen, asked.day, outcome.current, outcome.required),
    evaluatedAt: stored.evaluatedAt ? stored.evaluatedAt.toISOString() : null,
    asOf: asked.asOf,
    knownAt: asked.knownAt,
  };
}

function thresholdOf(rule: EntryIntoForceRule, progress: EntryIntoForceOutcome, metOn: string | null): TreatyStatusView['threshold'] {
  return {
    required: progress.required,
    current: progress.current,
    met: metOn !== null,
    metOn,
    ...(rule.weights ? { share: progress.share } : {}),
    missingRequired: progress.missingRequired,
    missingFromGroups: progress.missingFromGroups,
  };
}
