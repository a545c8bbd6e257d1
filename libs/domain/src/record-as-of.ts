import type { EntryIntoForceRule } from './entry-into-force-rule';
import { Deposit, EntryIntoForceOutcome, evaluateEntryIntoForce, membershipDateOf } from './entry-into-force';
import { HistoryEvent, ParticipantRecord, apply, exitDueBy, standingEvents, systemStepsDue } from './participant-history';
import { BOUND_STATUSES, PARTICIPANT_STATUSES, ParticipantStatus } from './status-machine';

export const TREATY_STATUSES = ['open', 'threshold_met', 'in_force'] as const;
export type TreatyStatus = (typeof TREATY_STATUSES)[number];

/** Where a treaty stands on a day, from the outcome of its rule evaluated on that day. */
export interface TreatyStanding {
  status: TreatyStatus;
  metOn: string | null;
  entryIntoForceOn: string | null;
  /** The threshold was met, but withdrawals took effect before entry into force and it no longer holds. */
  undone: boolean;
}

/**
 * `open` until the threshold is met, `threshold_met` until entry into force, then `in_force`. A threshold
 * met but undone by withdrawals taking effect before the entry-into-force day leaves the treaty open
 * (`evaluateEntryIntoForce` finds that); once in force, withdrawals never undo it.
 */
export function treatyStandingOn(outcome: EntryIntoForceOutcome, day: string): TreatyStanding {
  const { met, metOn, entryIntoForceOn } = outcome;
  return {
    status: !met ? 'open' : entryIntoForceOn! <= day ? 'in_force' : 'threshold_met',
    metOn,
    entryIntoForceOn,
    undone: !met && outcome.undoneOn !== null,
  };
}

/** The deposits the rule counts, from every participant's periods of consent. */
export function depositsOfRecords(records: readonly { country: string; record: Pick<ParticipantRecord, 'consents'> }[]): Deposit[] {
  return records.flatMap(({ country, record }) =>
    record.consents.map((period) => ({
      country,
      instrument: period.instrument,
      depositedOn: period.depositedOn,
      withdrawnOn: period.withdrawnOn,
      effectiveFrom: period.effectiveFrom,
    })),
  );
}

/** How many parties the rule counts on `day` (the threshold's "current"), from every participant's periods of consent. */
export const countedPartiesOn = (
  rule: EntryIntoForceRule,
  records: readonly { country: string; record: Pick<ParticipantRecord, 'consents'> }[],
  day: string,
): number => evaluateEntryIntoForce(rule, depositsOfRecords(records), day).current;

/** Participants per status, and those that signed (of any kind, not corrected away), whatever came after. */
export function countRecords(records: readonly ParticipantRecord[]): Record<ParticipantStatus, number> & { signatories: number } {
  const counts = Object.fromEntries(PARTICIPANT_STATUSES.map((status) => [status, 0])) as Record<ParticipantStatus, number>;
  let signatories = 0;
  for (const record of records) {
    counts[record.status]++;
    if (record.signedOn !== null) signatories++;
  }
  return { ...counts, signatories };
}

export interface TimedHistoryEvent extends HistoryEvent {
  /** When the depositary recorded it (ISO 8601). */
  recordedAt: string;
}

export interface RecordAsOf {
  participants: { country: string; record: ParticipantRecord }[];
  outcome: EntryIntoForceOutcome;
  standing: TreatyStanding;
}

/**
 * The record in law at the end of `asOf`, as the depositary knew it at `knownAt`:
 *
 * - only events recorded at or before `knownAt` are seen (a later back-dated act or correction is not);
 * - a correction removes the act it reversed, whatever its own date: the act is taken never to have been;
 * - of the acts that stand, only those whose effective date is on or before `asOf` count;
 * - admissions and exits are the consequences the service draws on their day: they are derived here from
 *   the rule and the withdrawals (a withdrawal not yet effective on `asOf` still counts), not read from the
 *   events the service recorded, so that a record imported faster than the worker followed reads the same.
 */
export function recordAsOf(
  rule: EntryIntoForceRule,
  histories: readonly { country: string; events: readonly TimedHistoryEvent[] }[],
  asOf: string,
  knownAt: string | null,
): RecordAsOf {
  const known = knownAt === null ? null : Date.parse(knownAt);
  const acts = histories
    .map(({ country, events }) => ({
      country,
      record: personRecordAsOf(
        events.filter((event) => known === null || Date.parse(event.recordedAt) <= known),
        asOf,
      ),
    }))
    .filter((entry): entry is { country: string; record: ParticipantRecord } => entry.record !== undefined);
  const outcome = evaluateEntryIntoForce(rule, depositsOfRecords(acts), asOf);
  const standing = treatyStandingOn(outcome, asOf);
  const participants = acts.map(({ country, record }) => {
    const current = record.consents.at(-1);
    const membershipOn =
      standing.metOn !== null && standing.entryIntoForceOn !== null && current && BOUND_STATUSES.includes(record.status)
        ? membershipDateOf(rule, standing.metOn, standing.entryIntoForceOn, current)
        : null;
    let derived = record;
    for (const step of systemStepsDue(record, membershipOn, asOf).steps) derived = apply(derived, step);
    return { country, record: derived };
  });
  return { participants, outcome, standing };
}

/**
 * The record of one participant from the acts of persons that stand (corrections applied) and took
 * effect by `asOf`; an exit is drawn before an act that could follow only once the withdrawal took effect.
 */
function personRecordAsOf(events: readonly HistoryEvent[], asOf: string): ParticipantRecord | undefined {
  let record: ParticipantRecord | undefined;
  for (const standing of standingEvents(events)) {
    // A withdrawal the first version recorded as immediate is one notified and effective on its date: its exit
    // is drawn like any other, after the admission it may have followed.
    const event: HistoryEvent =
      standing.action === 'withdraw' && standing.to === 'withdrawn'
        ? { action: 'withdraw', date: standing.date, details: { effectiveOn: standing.date } }
        : standing;
    if (isSystemStep(event) || event.date > asOf || (record === undefined && event.action !== 'invite')) continue;
    const exit = record && event.action !== 'revoke_withdrawal' ? exitDueBy(record, event.date) : null;
    if (record && exit) record = apply(record, exit);
    record = apply(record, event);
  }
  return record;
}

const isSystemStep = (event: HistoryEvent): boolean => event.action === 'admit' || event.action === 'exit';
