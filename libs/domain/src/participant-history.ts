import { checkActDate } from './dates';
import { DomainError, ErrorCode } from './errors';
import {
  CORRECTABLE,
  EventAction,
  INSTRUMENT_OF,
  Instrument,
  ParticipantStatus,
  PersonAction,
  invalidTransition,
  nextStatus,
} from './status-machine';

/** What the chart shows of one participant: a projection of its events. */
export interface ParticipantRecord {
  status: ParticipantStatus;
  invitedOn: string;
  signedOn: string | null;
  depositedOn: string | null;
  instrument: Instrument | null;
  memberSince: string | null;
  withdrawnOn: string | null;
}

export interface HistoryEvent {
  action: EventAction;
  date: string;
}

const PERSON_STEPS: ReadonlySet<EventAction> = new Set(['sign', 'ratify', 'accept', 'approve', 'accede', 'withdraw']);

/**
 * Replays a participant's events. Each act pushes the record it produced; a correction pops the latest
 * person's act, so the record is the one before it. Returns the stack, newest last.
 */
export function replay(events: readonly HistoryEvent[]): { record: ParticipantRecord; reversible: boolean }[] {
  const stack: { record: ParticipantRecord; reversible: boolean }[] = [];
  for (const event of events) {
    if (event.action === 'correct') {
      stack.pop();
      continue;
    }
    const previous = stack.at(-1)?.record;
    stack.push({ record: apply(previous, event), reversible: PERSON_STEPS.has(event.action) });
  }
  return stack;
}

function apply(previous: ParticipantRecord | undefined, event: HistoryEvent): ParticipantRecord {
  if (event.action === 'invite' || previous === undefined) {
    return {
      status: 'invited',
      invitedOn: event.date,
      signedOn: null,
      depositedOn: null,
      instrument: null,
      memberSince: null,
      withdrawnOn: null,
    };
  }
  const action = event.action as Exclude<EventAction, 'invite' | 'correct'>;
  const record = { ...previous, status: nextStatus(previous.status, action) };
  switch (action) {
    case 'sign':
      return { ...record, signedOn: event.date };
    case 'ratify':
    case 'accept':
    case 'approve':
    case 'accede':
      return { ...record, depositedOn: event.date, instrument: INSTRUMENT_OF[action] ?? null };
    case 'admit':
      return { ...record, memberSince: event.date };
    case 'withdraw':
      return { ...record, withdrawnOn: event.date };
  }
}

/** The latest date of the record: no new act may take effect before it. */
export function latestDate(record: ParticipantRecord): string {
  return [record.invitedOn, record.signedOn, record.depositedOn, record.memberSince, record.withdrawnOn]
    .filter((date): date is string => date !== null)
    .reduce((a, b) => (a > b ? a : b));
}

export interface Decision {
  from: ParticipantStatus;
  to: ParticipantStatus;
  date: string;
  record: ParticipantRecord;
}

/**
 * Decides an act on a participant from its history: checks the machine and the date rules and returns
 * the record it leads to. A correction takes effect on `today` and restores the record before the
 * latest act of a person.
 */
export function decide(
  history: readonly HistoryEvent[],
  act: { action: PersonAction | 'admit'; date: string },
  context: { today: string; openedForSignatureOn: string },
): Decision {
  const stack = replay(history);
  const current = stack.at(-1);
  if (!current) throw new DomainError(ErrorCode.NotFound, 'participant has no invitation');
  const from = current.record.status;
  if (act.action === 'correct') {
    const before = stack.at(-2);
    if (!CORRECTABLE.includes(from) || !current.reversible || !before) throw invalidTransition(from, 'correct');
    if (act.date && act.date !== context.today)
      throw new DomainError(ErrorCode.InvalidDate, `a correction is dated the day it is recorded (${context.today}); omit date`);
    return { from, to: before.record.status, date: context.today, record: before.record };
  }
  nextStatus(from, act.action);
  checkActDate(act.date, { ...context, previousOn: latestDate(current.record) });
  const record = apply(current.record, act);
  return { from, to: record.status, date: act.date, record };
}
