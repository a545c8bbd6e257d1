import {
  Deposit,
  EntryIntoForceOutcome,
  EntryIntoForceRule,
  Instrument,
  ParticipantStatus,
  PARTICIPANT_STATUSES,
  evaluateEntryIntoForce,
} from '@depositary/domain';
import type { TreatyStatus } from '@depositary/persistence';

export interface TreatyStatusView {
  status: TreatyStatus;
  counts: Record<ParticipantStatus, number>;
  threshold: { required: number | null; current: number; met: boolean; metOn: string | null; share?: number | null };
  entryIntoForceOn: string | null;
}

export interface DepositRow {
  country_code: string;
  status: ParticipantStatus;
  instrument: Instrument | null;
  deposited_on: string | null;
  withdrawn_on: string | null;
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

/** The treaty's status as the record shows it today. */
export function treatyStatusOf(outcome: EntryIntoForceOutcome, today: string): TreatyStatus {
  if (!outcome.met || !outcome.entryIntoForceOn) return 'open';
  return outcome.entryIntoForceOn <= today ? 'in_force' : 'threshold_met';
}

export function toTreatyStatusView(rule: EntryIntoForceRule, rows: readonly DepositRow[], today: string): TreatyStatusView {
  const { counts, deposits } = depositsOf(rows);
  const outcome = evaluateEntryIntoForce(rule, deposits, today);
  return {
    status: treatyStatusOf(outcome, today),
    counts,
    threshold: {
      required: outcome.required,
      current: outcome.current,
      met: outcome.met,
      metOn: outcome.metOn,
      ...(rule.weights ? { share: outcome.share } : {}),
    },
    entryIntoForceOn: outcome.entryIntoForceOn,
  };
}
