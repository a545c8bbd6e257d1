import {
  Deposit,
  EntryIntoForceRule,
  Instrument,
  PARTICIPANT_STATUSES,
  ParticipantStatus,
  evaluateEntryIntoForce,
  ordinal,
} from '@depositary/domain';
import type { TreatyStatus } from '@depositary/persistence';

export interface DecisiveDeposit {
  country: string;
  countryName: string;
  instrument: string;
  depositedOn: string;
  ordinal: number;
}

export interface TreatyStatusView {
  status: TreatyStatus;
  counts: Record<ParticipantStatus, number>;
  threshold: {
    required: number | null;
    current: number;
    met: boolean;
    metOn: string | null;
    share?: number | null;
    missingRequired: string[];
    missingFromGroups: { parties: string[]; count: number; have: number }[];
  };
  entryIntoForceOn: string | null;
  decisive: DecisiveDeposit | null;
  explanation: string;
  /** When the worker last evaluated the rule (null: not yet). */
  evaluatedAt: string | null;
}

export interface DepositRow {
  country_code: string;
  status: ParticipantStatus;
  instrument: Instrument | null;
  deposited_on: string | null;
  withdrawn_on: string | null;
}

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

/** Counts per status, and the deposits the rule is evaluated on. */
export function depositsOf(rows: readonly DepositRow[]): { counts: Record<ParticipantStatus, number>; deposits: Deposit[] } {
  const counts = Object.fromEntries(PARTICIPANT_STATUSES.map((status) => [status, 0])) as Record<ParticipantStatus, number>;
  const deposits: Deposit[] = [];
  for (const row of rows) {
    counts[row.status]++;
    if (row.instrument && row.deposited_on)
      deposits.push({
        country: row.country_code,
        instrument: row.instrument,
        depositedOn: row.deposited_on,
        withdrawnOn: row.withdrawn_on,
      });
  }
  return { counts, deposits };
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

/** The status of DESIGN.md: the stored outcome of the rule, with counts and progress read from the record now. */
export function toTreatyStatusView(stored: StoredOutcome, rows: readonly DepositRow[], today: string): TreatyStatusView {
  const { counts, deposits } = depositsOf(rows);
  const progress = evaluateEntryIntoForce(stored.entryIntoForce, deposits, today);
  return {
    status: stored.status,
    counts,
    threshold: {
      required: progress.required,
      current: progress.current,
      met: stored.thresholdMetOn !== null,
      metOn: stored.thresholdMetOn,
      ...(stored.entryIntoForce.weights ? { share: progress.share } : {}),
      missingRequired: progress.missingRequired,
      missingFromGroups: progress.missingFromGroups,
    },
    entryIntoForceOn: stored.entryIntoForceOn,
    decisive: stored.decisive,
    explanation: explain(stored, today, progress.current, progress.required),
    evaluatedAt: stored.evaluatedAt ? stored.evaluatedAt.toISOString() : null,
  };
}
