import { DomainError, ErrorCode } from './errors';

export const PARTICIPANT_STATUSES = ['invited', 'signed', 'ratified', 'member', 'withdrawn'] as const;
export type ParticipantStatus = (typeof PARTICIPANT_STATUSES)[number];

/** Actions a person may post. `admit` is the service's own; `invite` creates the participant. */
export const PERSON_ACTIONS = ['sign', 'ratify', 'accept', 'approve', 'accede', 'withdraw', 'correct'] as const;
export type PersonAction = (typeof PERSON_ACTIONS)[number];
export type EventAction = PersonAction | 'invite' | 'admit';

export const INSTRUMENTS = ['ratification', 'acceptance', 'approval', 'accession'] as const;
export type Instrument = (typeof INSTRUMENTS)[number];

/** The state machine of DESIGN.md, one row per action. `correct` is resolved from the history. */
export const TRANSITIONS: Readonly<
  Record<Exclude<EventAction, 'invite' | 'correct'>, { from: readonly ParticipantStatus[]; to: ParticipantStatus }>
> = {
  sign: { from: ['invited'], to: 'signed' },
  ratify: { from: ['signed'], to: 'ratified' },
  accept: { from: ['signed'], to: 'ratified' },
  approve: { from: ['signed'], to: 'ratified' },
  accede: { from: ['invited'], to: 'ratified' },
  admit: { from: ['ratified'], to: 'member' },
  withdraw: { from: ['signed', 'ratified', 'member'], to: 'withdrawn' },
};

/** Statuses a person's action can have produced, and so that `correct` may reverse. */
export const CORRECTABLE: readonly ParticipantStatus[] = ['signed', 'ratified', 'withdrawn'];

export const INSTRUMENT_OF: Readonly<Partial<Record<EventAction, Instrument>>> = {
  ratify: 'ratification',
  accept: 'acceptance',
  approve: 'approval',
  accede: 'accession',
};

export function allowedActions(status: ParticipantStatus): PersonAction[] {
  return PERSON_ACTIONS.filter((action) =>
    action === 'correct' ? CORRECTABLE.includes(status) : TRANSITIONS[action].from.includes(status),
  );
}

/** The status an action leads to from `status`, or an `invalid_transition` error. `correct` is not handled here. */
export function nextStatus(status: ParticipantStatus, action: Exclude<EventAction, 'invite' | 'correct'>): ParticipantStatus {
  const row = TRANSITIONS[action];
  if (!row.from.includes(status)) throw invalidTransition(status, action);
  return row.to;
}

export function invalidTransition(status: ParticipantStatus, action: string): DomainError {
  return new DomainError(ErrorCode.InvalidTransition, `a participant that is ${status} cannot ${action}`, {
    status,
    action,
    allowed: allowedActions(status),
  });
}
