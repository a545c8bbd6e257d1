import { DomainError, ErrorCode } from './errors';
import type { StatementAction } from './statements';

export const PARTICIPANT_STATUSES = ['invited', 'signed', 'ratified', 'member', 'withdrawn'] as const;
export type ParticipantStatus = (typeof PARTICIPANT_STATUSES)[number];

/** Actions a person may post. `admit` and `exit` are the service's own; `invite` creates the participant. */
export const PERSON_ACTIONS = [
  'sign',
  'confirm',
  'ratify',
  'accept',
  'approve',
  'accede',
  'succeed',
  'withdraw',
  'revoke_withdrawal',
  'correct',
] as const;
export type PersonAction = (typeof PERSON_ACTIONS)[number];
export const SYSTEM_ACTIONS = ['admit', 'exit'] as const;
export type SystemAction = (typeof SYSTEM_ACTIONS)[number];
/** Every action an event of a participant's chain may record; statements change none of its record. */
export type EventAction = PersonAction | SystemAction | StatementAction | 'invite';

export const INSTRUMENTS = ['ratification', 'acceptance', 'approval', 'accession', 'succession', 'definitive_signature'] as const;
export type Instrument = (typeof INSTRUMENTS)[number];

/**
 * Kinds of signature: subject to ratification (the default), ad referendum (valid once confirmed, from its
 * own date: Vienna Convention art. 12(2)(b)), or definitive (consent to be bound by signature alone).
 */
export const SIGNATURE_KINDS = ['subject_to_ratification', 'ad_referendum', 'definitive'] as const;
export type SignatureKind = (typeof SIGNATURE_KINDS)[number];

/** The acts that express consent to be bound, and the instrument each deposits. */
export const INSTRUMENT_OF: Readonly<Record<'ratify' | 'accept' | 'approve' | 'accede' | 'succeed', Instrument>> = {
  ratify: 'ratification',
  accept: 'acceptance',
  approve: 'approval',
  accede: 'accession',
  succeed: 'succession',
};
export type ConsentAction = keyof typeof INSTRUMENT_OF;

/** Statuses in which a state is bound (or about to be): the ones a withdrawal can be notified from. */
export const BOUND_STATUSES: readonly ParticipantStatus[] = ['ratified', 'member'];

/**
 * The machine, one row per action: the statuses it may be taken from and the status it leads to
 * (`unchanged`: the status stays, only the record changes). What the row cannot say alone — a
 * confirmation needs an unconfirmed signature ad referendum, a withdrawal none already notified, a
 * revocation one that is, a definitive signature leads to `ratified` — is in `allowedActions` and `apply`.
 */
export const TRANSITIONS: Readonly<
  Record<
    Exclude<EventAction, 'invite' | 'correct' | StatementAction>,
    { from: readonly ParticipantStatus[]; to: ParticipantStatus | 'unchanged' }
  >
> = {
  sign: { from: ['invited'], to: 'signed' },
  confirm: { from: ['signed'], to: 'unchanged' },
  ratify: { from: ['signed', 'withdrawn'], to: 'ratified' },
  accept: { from: ['invited', 'signed', 'withdrawn'], to: 'ratified' },
  approve: { from: ['invited', 'signed', 'withdrawn'], to: 'ratified' },
  accede: { from: ['invited', 'withdrawn'], to: 'ratified' },
  succeed: { from: ['invited'], to: 'ratified' },
  admit: { from: ['ratified'], to: 'member' },
  withdraw: { from: BOUND_STATUSES, to: 'unchanged' },
  revoke_withdrawal: { from: ['ratified', 'member', 'withdrawn'], to: 'unchanged' },
  exit: { from: BOUND_STATUSES, to: 'withdrawn' },
};

/** What of a participant's record decides which actions it may take. */
export interface MachineState {
  status: ParticipantStatus;
  signature: { kind: SignatureKind; confirmedOn: string | null } | null;
  withdrawal: { notifiedOn: string; effectiveOn: string } | null;
  /** Whether the latest act of the history is a person's (and so may be corrected). */
  correctable: boolean;
}

/** Whether `action` may be taken from `state`, by the machine (dates are checked apart). */
export function permits(state: MachineState, action: PersonAction | SystemAction): boolean {
  if (action === 'correct') return state.correctable;
  if (!TRANSITIONS[action].from.includes(state.status)) return false;
  switch (action) {
    case 'confirm':
      return state.signature?.kind === 'ad_referendum' && state.signature.confirmedOn === null;
    case 'withdraw':
      return state.withdrawal === null;
    case 'revoke_withdrawal':
      // Only before it takes effect: one effective the day it was notified (as the first version recorded them) cannot be.
      return state.withdrawal !== null && state.withdrawal.effectiveOn > state.withdrawal.notifiedOn;
    case 'exit':
      return state.withdrawal !== null;
    case 'sign':
    case 'ratify':
    case 'accept':
    case 'approve':
    case 'accede':
    case 'succeed':
    case 'admit':
      return true;
  }
}

/** The actions a person may post from this state, in PERSON_ACTIONS order. */
export function allowedActions(state: MachineState): PersonAction[] {
  return PERSON_ACTIONS.filter((action) => permits(state, action));
}

export function invalidTransition(
  state: MachineState,
  action: string,
  reason?: string,
  details: Record<string, unknown> = {},
): DomainError {
  const message = reason ?? `a participant that is ${state.status} cannot ${action}`;
  return new DomainError(ErrorCode.InvalidTransition, message, {
    status: state.status,
    action,
    allowed: allowedActions(state),
    ...details,
  });
}
