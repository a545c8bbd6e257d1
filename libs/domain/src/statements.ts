import { addDelay } from './entry-into-force';
import type { ParticipantStatus } from './status-machine';

/**
 * What a state says beside its acts: reservations, interpretative declarations, objections to another state's
 * statement, the territories a treaty applies to, and anything else it communicates to the depositary.
 */
export const STATEMENT_KINDS = ['reservation', 'declaration', 'objection', 'territorial_application', 'communication'] as const;
export type StatementKind = (typeof STATEMENT_KINDS)[number];

/** The act a statement was made at. */
export const STATEMENT_STAGES = ['signature', 'consent', 'later'] as const;
export type StatementStage = (typeof STATEMENT_STAGES)[number];

export const TERRITORIAL_SCOPES = ['excluded', 'extended'] as const;
/** A statement's text: one text, or its text in each language it was made in. */
export type StatementText = string | { en?: string; fr?: string; ar?: string };
export type TerritorialScope = (typeof TERRITORIAL_SCOPES)[number];

/** Events of a participant's chain that record statements: they change none of its record. */
export const STATEMENT_ACTIONS = ['state', 'confirm_statement', 'withdraw_statement'] as const;
export type StatementAction = (typeof STATEMENT_ACTIONS)[number];

/** The stage a statement is made at when none is named: at signature for a signatory, at consent for a party. */
export function defaultStage(status: ParticipantStatus): StatementStage {
  if (status === 'signed') return 'signature';
  if (status === 'ratified' || status === 'member') return 'consent';
  return 'later';
}

export interface StatementFacts {
  kind: StatementKind;
  at: StatementStage;
  date: string;
  confirmedOn: string | null;
  withdrawnOn: string | null;
}

/**
 * Whether a reservation stands confirmed: one formulated at signature must be confirmed when the state
 * expresses its consent to be bound (Vienna Convention art. 23(2)); any other stands as made. Null for the other
 * kinds, which need no confirmation.
 */
export function reservationConfirmed(statement: Pick<StatementFacts, 'kind' | 'at' | 'confirmedOn'>): boolean | null {
  if (statement.kind !== 'reservation') return null;
  return statement.at !== 'signature' || statement.confirmedOn !== null;
}

/** A statement in effect at the end of `day`: made by then, and not withdrawn by then (VCLT 22: from its date). */
export function inEffectOn(statement: Pick<StatementFacts, 'date' | 'withdrawnOn'>, day: string): boolean {
  return statement.date <= day && (statement.withdrawnOn === null || statement.withdrawnOn > day);
}

/** An objection may be made within this delay after the depositary's notification of the reservation. */
export const OBJECTION_PERIOD = { months: 12 } as const;

/**
 * The last day an objection to a reservation may be made (VCLT 20(5)): twelve months after the issue of the
 * depositary notification of the reservation, or the objecting state's own consent to be bound if later. Null while
 * the reservation has not been notified (the period has not started).
 */
export function objectionDeadline(reservationNotifiedOn: string | null, objectorConsentOn: string | null): string | null {
  if (reservationNotifiedOn === null) return null;
  const period = addDelay(reservationNotifiedOn, OBJECTION_PERIOD);
  return objectorConsentOn !== null && objectorConsentOn > period ? objectorConsentOn : period;
}

/** An objection made after its deadline is kept, and marked late. */
export const objectionLate = (objectedOn: string, deadline: string | null): boolean => deadline !== null && objectedOn > deadline;
