import { checkActDate, isIsoDate } from './dates';
import type { Delay } from './entry-into-force-rule';
import { addDelay } from './entry-into-force';
import { DomainError, ErrorCode } from './errors';
import { STATEMENT_ACTIONS } from './statements';
import {
  BOUND_STATUSES,
  EventAction,
  INSTRUMENT_OF,
  Instrument,
  MachineState,
  ParticipantStatus,
  PersonAction,
  SignatureKind,
  SystemAction,
  invalidTransition,
  permits,
} from './status-machine';

export interface SignatureRecord {
  kind: SignatureKind;
  /** For a signature ad referendum: the day it was confirmed (the signature keeps its own date). */
  confirmedOn: string | null;
}

export interface WithdrawalRecord {
  /** The day the notification of withdrawal was received. */
  notifiedOn: string;
  /** The day it takes (or took) effect: until then the state is still bound and still counts. */
  effectiveOn: string;
}

/** One period during which a state's consent to be bound stood: what the entry-into-force rule counts. */
export interface ConsentPeriod {
  instrument: Instrument;
  /** The day the instrument (or the definitive signature, or the notification of succession) took effect. */
  depositedOn: string;
  /** For a succession: the day from which the successor is bound (the date of succession). */
  effectiveFrom: string | null;
  /** The day a withdrawal takes effect, notified or taken effect: from that day on the consent no longer counts. */
  withdrawnOn: string | null;
}

/** What the chart shows of one participant: a projection of its events. */
export interface ParticipantRecord {
  status: ParticipantStatus;
  invitedOn: string;
  signedOn: string | null;
  signature: SignatureRecord | null;
  /** The current consent: the day its instrument was deposited, and which instrument. */
  depositedOn: string | null;
  instrument: Instrument | null;
  /** For a succession: the day from which the state is bound. */
  effectiveFrom: string | null;
  /** For a succession: the predecessor state named in the notification. */
  predecessor: string | null;
  memberSince: string | null;
  /** A withdrawal notified, pending or taken effect. */
  withdrawal: WithdrawalRecord | null;
  /** The day the state ceased to be bound (its withdrawal took effect). */
  withdrawnOn: string | null;
  /** Every period of consent, oldest first: a state that withdrew and rejoined has two. */
  consents: ConsentPeriod[];
  /** The effective date of the latest act of a person that stands (or of the invitation). */
  lastActOn: string;
}

/** What an act carries beyond its action and date, stored with its event and covered by its hash. */
export interface ActDetails {
  signature?: SignatureKind;
  effectiveFrom?: string;
  predecessor?: string;
  effectiveOn?: string;
  /** A statement's events: which statement, of what kind, made at which act, objecting to which, and its text's hash. */
  statement?: string;
  kind?: string;
  at?: string;
  objectsTo?: string;
  textHash?: string;
}

export interface HistoryEvent {
  action: EventAction;
  date: string;
  /** The status the event recorded. Tells apart the withdrawals of databases that recorded them as immediate. */
  to?: ParticipantStatus | null;
  details?: ActDetails | null;
}

interface StackEntry {
  event: HistoryEvent;
  record: ParticipantRecord;
  /** A person's act, which `correct` may reverse (admissions and exits are the service's). */
  reversible: boolean;
}

const SYSTEM: ReadonlySet<EventAction> = new Set<EventAction>(['invite', 'admit', 'exit']);
const STATEMENTS: ReadonlySet<EventAction> = new Set<EventAction>(STATEMENT_ACTIONS);

/**
 * Replays a participant's events. Each act pushes the record it produced; a correction pops the latest
 * act of a person, so the record is the one before it. An exit that followed a withdrawal goes with it
 * (with any admission drawn in between): correcting a withdrawal recorded in error undoes its effect too.
 * Returns the stack, newest last.
 */
export function replay(events: readonly HistoryEvent[]): StackEntry[] {
  const stack: StackEntry[] = [];
  for (const event of events) {
    // A statement changes nothing of the record, and a correction never reverses one (it is withdrawn instead).
    if (STATEMENTS.has(event.action)) continue;
    if (event.action === 'correct') {
      if (stack.at(-1)?.event.action === 'exit') while (stack.length > 1 && !stack.at(-1)!.reversible) stack.pop();
      if (stack.length > 1) stack.pop();
      continue;
    }
    stack.push({ event, record: apply(stack.at(-1)?.record, event), reversible: !SYSTEM.has(event.action) });
  }
  return stack;
}

/** The events that stand once corrections are applied, in order: what a correction reversed is gone. */
export const standingEvents = (events: readonly HistoryEvent[]): HistoryEvent[] => replay(events).map((entry) => entry.event);

/** The record after the given events (undefined before the invitation). */
export const recordOf = (events: readonly HistoryEvent[]): ParticipantRecord | undefined => replay(events).at(-1)?.record;

export const invitedRecord = (invitedOn: string): ParticipantRecord => ({
  status: 'invited',
  invitedOn,
  signedOn: null,
  signature: null,
  depositedOn: null,
  instrument: null,
  effectiveFrom: null,
  predecessor: null,
  memberSince: null,
  withdrawal: null,
  withdrawnOn: null,
  consents: [],
  lastActOn: invitedOn,
});

/** The record an event leads to. The machine is checked by `decide` when the act is recorded, not here. */
export function apply(previous: ParticipantRecord | undefined, event: HistoryEvent): ParticipantRecord {
  if (event.action === 'invite' || previous === undefined) return invitedRecord(event.date);
  const record = step(previous, event);
  return SYSTEM.has(event.action) || STATEMENTS.has(event.action) ? record : { ...record, lastActOn: event.date };
}

function step(previous: ParticipantRecord, event: HistoryEvent): ParticipantRecord {
  const details = event.details ?? {};
  switch (event.action) {
    case 'sign': {
      const kind = details.signature ?? 'subject_to_ratification';
      const signed = { ...previous, status: 'signed' as const, signedOn: event.date, signature: { kind, confirmedOn: null } };
      return kind === 'definitive' ? consent(signed, 'definitive_signature', event.date, null, null) : signed;
    }
    case 'confirm':
      return { ...previous, signature: previous.signature && { ...previous.signature, confirmedOn: event.date } };
    case 'ratify':
    case 'accept':
    case 'approve':
    case 'accede':
    case 'succeed': {
      const succession = event.action === 'succeed';
      return consent(
        previous,
        INSTRUMENT_OF[event.action],
        event.date,
        succession ? (details.effectiveFrom ?? event.date) : null,
        succession ? (details.predecessor ?? null) : null,
      );
    }
    case 'admit':
      return { ...previous, status: 'member', memberSince: event.date };
    case 'withdraw': {
      // Databases of the first version recorded a withdrawal as taking effect the day it was recorded.
      const immediate = event.to === 'withdrawn';
      const effectiveOn = immediate ? event.date : (details.effectiveOn ?? event.date);
      const withdrawal = { notifiedOn: event.date, effectiveOn };
      const record = { ...previous, withdrawal, consents: endCurrentConsent(previous.consents, effectiveOn) };
      return immediate ? { ...record, status: 'withdrawn', withdrawnOn: event.date } : record;
    }
    case 'exit':
      return { ...previous, status: 'withdrawn', withdrawnOn: event.date };
    case 'revoke_withdrawal':
      return revoked(previous);
    case 'invite':
    case 'correct':
    case 'state':
    case 'confirm_statement':
    case 'withdraw_statement':
      return previous; // handled by apply and replay; statements change nothing of the record
  }
}

/** A new period of consent; a state that had withdrawn starts afresh (its earlier periods are kept). */
function consent(
  previous: ParticipantRecord,
  instrument: Instrument,
  date: string,
  effectiveFrom: string | null,
  predecessor: string | null,
): ParticipantRecord {
  return {
    ...previous,
    status: 'ratified',
    depositedOn: date,
    instrument,
    effectiveFrom,
    predecessor,
    memberSince: null,
    withdrawal: null,
    withdrawnOn: null,
    consents: [...previous.consents, { instrument, depositedOn: date, effectiveFrom, withdrawnOn: null }],
  };
}

function endCurrentConsent(consents: readonly ConsentPeriod[], withdrawnOn: string | null): ConsentPeriod[] {
  const current = consents.at(-1);
  return current === undefined ? [...consents] : [...consents.slice(0, -1), { ...current, withdrawnOn }];
}

/** A revoked withdrawal is as if it had never been notified: an exit already recorded is undone. */
function revoked(previous: ParticipantRecord): ParticipantRecord {
  const record = { ...previous, withdrawal: null, withdrawnOn: null, consents: endCurrentConsent(previous.consents, null) };
  if (previous.status !== 'withdrawn') return record;
  const status: ParticipantStatus = previous.depositedOn
    ? previous.memberSince
      ? 'member'
      : 'ratified'
    : previous.signedOn
      ? 'signed'
      : 'invited';
  return { ...record, status };
}

/** The machine's view of the latest record of a history. */
export function machineState(stack: readonly StackEntry[]): MachineState {
  const current = stack.at(-1);
  if (!current) throw new DomainError(ErrorCode.NotFound, 'participant has no invitation');
  const { status, signature, withdrawal } = current.record;
  const correctable = stack.length > 1 && (current.reversible || current.event.action === 'exit');
  return { status, signature, withdrawal, correctable };
}

/** The latest date of the record: no new act may take effect before it. */
export function latestDate(record: ParticipantRecord, options: { exit?: boolean } = {}): string {
  return [record.lastActOn, record.memberSince, options.exit === false ? null : record.withdrawnOn]
    .filter((date): date is string => date !== null)
    .reduce((a, b) => (a > b ? a : b));
}

/** The exit due before an act dated `date`: a withdrawal that took effect on or before it, not yet recorded. */
export function exitDueBy(record: ParticipantRecord, date: string): { action: 'exit'; date: string } | null {
  const withdrawal = record.withdrawal;
  if (!withdrawal || !BOUND_STATUSES.includes(record.status) || withdrawal.effectiveOn > date) return null;
  return { action: 'exit', date: withdrawal.effectiveOn };
}

/**
 * The service's own steps due for a participant by `today`, in date order: its admission on its
 * membership day (unless its withdrawal took effect first), then its exit on the day its withdrawal takes
 * effect. `nextDueOn` is the next day one of them falls due.
 */
export function systemStepsDue(
  record: ParticipantRecord,
  membershipOn: string | null,
  today: string,
): { steps: { action: SystemAction; date: string }[]; nextDueOn: string | null } {
  const steps: { action: SystemAction; date: string }[] = [];
  const upcoming: string[] = [];
  const leavesOn = record.withdrawal && BOUND_STATUSES.includes(record.status) ? record.withdrawal.effectiveOn : null;
  if (record.status === 'ratified' && membershipOn !== null && (leavesOn === null || membershipOn < leavesOn)) {
    if (membershipOn <= today) steps.push({ action: 'admit', date: membershipOn });
    else upcoming.push(membershipOn);
  }
  if (leavesOn !== null) {
    if (leavesOn <= today) steps.push({ action: 'exit', date: leavesOn });
    else upcoming.push(leavesOn);
  }
  return { steps, nextDueOn: upcoming.length ? upcoming.reduce((a, b) => (a < b ? a : b)) : null };
}

export interface Act {
  action: PersonAction | SystemAction;
  date: string;
  signature?: SignatureKind;
  effectiveFrom?: string;
  predecessor?: string;
  effectiveOn?: string;
}

export interface DecisionContext {
  today: string;
  openedForSignatureOn: string;
  /** The treaty's withdrawal delay: a withdrawal takes effect no earlier than its notification plus this. */
  withdrawal: Delay;
}

export interface Decision {
  from: ParticipantStatus;
  to: ParticipantStatus;
  date: string;
  details: ActDetails | null;
  record: ParticipantRecord;
  /** Whether the record it leads to may be corrected next (its latest act is a person's). */
  correctable: boolean;
}

/** A treaty's withdrawal delay when it names none: twelve months (Vienna Convention art. 56(2)). */
export const DEFAULT_WITHDRAWAL_DELAY: Delay = { months: 12 };

/**
 * Decides an act on a participant from its history: checks the machine and the date rules and returns
 * the record it leads to, with the details its event keeps. A correction takes effect on `today` and
 * restores the record before the latest act of a person.
 */
export function decide(history: readonly HistoryEvent[], act: Act, context: DecisionContext): Decision {
  const stack = replay(history);
  const state = machineState(stack);
  const current = stack.at(-1)!.record;
  const from = current.status;
  if (act.action === 'correct') {
    if (!permits(state, 'correct')) throw invalidTransition(state, 'correct');
    if (act.date && act.date !== context.today)
      throw new DomainError(ErrorCode.InvalidDate, `a correction is dated the day it is recorded (${context.today}); omit date`);
    const after = replay([...history, { action: 'correct', date: context.today }]);
    const { record } = after.at(-1)!;
    return { from, to: record.status, date: context.today, details: null, record, correctable: machineState(after).correctable };
  }
  if (!permits(state, act.action)) throw invalidTransition(state, act.action, whyNot(state, act.action));
  // The service's own steps are dated by law (the membership day, the day a withdrawal takes effect), which
  // may fall before an act recorded earlier (a withdrawal notified before the admission was drawn).
  if (SYSTEM.has(act.action)) checkSystemStepDate(act, current, context.today);
  else
    checkActDate(act.date, {
      today: context.today,
      openedForSignatureOn: context.openedForSignatureOn,
      previousOn: latestDate(current, { exit: act.action !== 'revoke_withdrawal' }),
    });
  const details = detailsOf(act, current, state, context);
  const record = apply(current, { action: act.action, date: act.date, details });
  // An exit may be corrected with the withdrawal it followed; an admission may not.
  return { from, to: record.status, date: act.date, details, record, correctable: act.action === 'exit' || !SYSTEM.has(act.action) };
}

/** An admission or an exit falls due on its day, never before it: an exit on the day its withdrawal takes effect. */
function checkSystemStepDate(act: Act, current: ParticipantRecord, today: string): void {
  if (!isIsoDate(act.date) || act.date > today)
    throw new DomainError(ErrorCode.InvalidDate, `${act.action} dated ${act.date} is not due by ${today}`, { date: act.date, today });
  if (act.action === 'exit' && act.date !== current.withdrawal?.effectiveOn)
    throw new DomainError(
      ErrorCode.InvalidDate,
      `an exit is dated the day the withdrawal takes effect (${current.withdrawal?.effectiveOn})`,
      {
        date: act.date,
      },
    );
}

function whyNot(state: MachineState, action: PersonAction | SystemAction): string | undefined {
  if (action === 'confirm' && state.status === 'signed') return 'only a signature ad referendum not yet confirmed can be confirmed';
  if (action === 'withdraw' && state.withdrawal) return `a withdrawal was already notified on ${state.withdrawal.notifiedOn}`;
  if (action === 'withdraw' && state.status === 'signed')
    return 'a signatory cannot withdraw its signature; a notice that it does not intend to become a party is a statement';
  if (action === 'revoke_withdrawal' && !state.withdrawal) return 'there is no withdrawal to revoke';
  return undefined;
}

/** Checks what an act carries beyond its date and returns what its event keeps (null when nothing). */
function detailsOf(act: Act, current: ParticipantRecord, state: MachineState, context: DecisionContext): ActDetails | null {
  switch (act.action) {
    case 'sign':
      return { signature: act.signature ?? 'subject_to_ratification' };
    case 'succeed': {
      const effectiveFrom = act.effectiveFrom ?? act.date;
      if (!isIsoDate(effectiveFrom))
        throw new DomainError(ErrorCode.InvalidDate, `effectiveFrom must be a calendar day as YYYY-MM-DD, got "${effectiveFrom}"`);
      if (effectiveFrom > act.date)
        throw new DomainError(
          ErrorCode.InvalidDate,
          `effectiveFrom ${effectiveFrom} is after the notification of succession (${act.date}): a successor is bound from the date of succession, which cannot be later`,
          { effectiveFrom, date: act.date },
        );
      return { effectiveFrom, ...(act.predecessor ? { predecessor: act.predecessor } : {}) };
    }
    case 'withdraw': {
      const earliest = addDelay(act.date, context.withdrawal);
      const effectiveOn = act.effectiveOn ?? earliest;
      if (!isIsoDate(effectiveOn))
        throw new DomainError(ErrorCode.InvalidDate, `effectiveOn must be a calendar day as YYYY-MM-DD, got "${effectiveOn}"`);
      if (effectiveOn < earliest)
        throw new DomainError(
          ErrorCode.InvalidDate,
          `a withdrawal notified on ${act.date} takes effect on ${earliest} at the earliest under the treaty; a state may name a later day, not an earlier one`,
          { effectiveOn, earliest },
        );
      return { effectiveOn };
    }
    case 'revoke_withdrawal': {
      const withdrawal = current.withdrawal!;
      if (act.date >= withdrawal.effectiveOn)
        throw invalidTransition(
          state,
          'revoke_withdrawal',
          `a withdrawal can be revoked only before it takes effect on ${withdrawal.effectiveOn}`,
          { effectiveOn: withdrawal.effectiveOn },
        );
      return null;
    }
    case 'confirm':
    case 'ratify':
    case 'accept':
    case 'approve':
    case 'accede':
    case 'admit':
    case 'exit':
    case 'correct':
      return null;
  }
}
