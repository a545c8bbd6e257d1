import { DomainError, ErrorCode } from './errors';
import {
  BOUND_STATUSES,
  INSTRUMENTS,
  INSTRUMENT_OF,
  MachineState,
  PARTICIPANT_STATUSES,
  PERSON_ACTIONS,
  PersonAction,
  ParticipantStatus,
  SIGNATURE_KINDS,
  SYSTEM_ACTIONS,
  SystemAction,
  TRANSITIONS,
  allowedActions,
  invalidTransition,
  permits,
} from './status-machine';

type MachineAction = Exclude<PersonAction, 'correct'> | SystemAction;
const MACHINE_ACTIONS: MachineAction[] = [
  'sign',
  'confirm',
  'ratify',
  'accept',
  'approve',
  'accede',
  'succeed',
  'withdraw',
  'revoke_withdrawal',
  'admit',
  'exit',
];

const PENDING = { notifiedOn: '2019-11-04', effectiveOn: '2020-11-04' };
const SIGNATURE = { kind: 'subject_to_ratification', confirmedOn: null } as const;

/** The states of the contract's machine: a status, and what of the record decides the rest. */
const STATES: Record<string, MachineState> = {
  invited: { status: 'invited', signature: null, withdrawal: null, correctable: false },
  'signed (subject to ratification)': { status: 'signed', signature: SIGNATURE, withdrawal: null, correctable: true },
  'signed ad referendum, unconfirmed': {
    status: 'signed',
    signature: { kind: 'ad_referendum', confirmedOn: null },
    withdrawal: null,
    correctable: true,
  },
  'signed ad referendum, confirmed': {
    status: 'signed',
    signature: { kind: 'ad_referendum', confirmedOn: '2014-06-01' },
    withdrawal: null,
    correctable: true,
  },
  ratified: { status: 'ratified', signature: SIGNATURE, withdrawal: null, correctable: true },
  'ratified by definitive signature': {
    status: 'ratified',
    signature: { kind: 'definitive', confirmedOn: null },
    withdrawal: null,
    correctable: true,
  },
  'ratified, withdrawal pending': { status: 'ratified', signature: null, withdrawal: PENDING, correctable: true },
  member: { status: 'member', signature: null, withdrawal: null, correctable: false },
  'member, withdrawal pending': { status: 'member', signature: null, withdrawal: PENDING, correctable: true },
  /** Admitted on its membership day after a withdrawal was notified: the admission is on top, and admissions are not corrected. */
  'member, withdrawal pending, admission on top': { status: 'member', signature: null, withdrawal: PENDING, correctable: false },
  // An exit may be corrected: it goes with the withdrawal it followed (machineState says so of an exit on top).
  'withdrawn (exit recorded by the system)': { status: 'withdrawn', signature: null, withdrawal: PENDING, correctable: true },
  'withdrawn (legacy immediate withdrawal, a person act)': {
    status: 'withdrawn',
    signature: SIGNATURE,
    withdrawal: { notifiedOn: '2019-01-01', effectiveOn: '2019-01-01' },
    correctable: true,
  },
};

/**
 * The contract's machine written out by hand, so the test does not read the code's own table: the status each
 * action leads to from each state (the status itself when unchanged; `revoke_withdrawal` from `withdrawn`
 * goes back, shown as `back`), or null when the action is refused.
 */
const MACHINE: Record<keyof typeof STATES, Record<MachineAction, ParticipantStatus | 'back' | null>> = {
  invited: {
    sign: 'signed',
    confirm: null,
    ratify: null,
    accept: 'ratified',
    approve: 'ratified',
    accede: 'ratified',
    succeed: 'ratified',
    withdraw: null,
    revoke_withdrawal: null,
    admit: null,
    exit: null,
  },
  'signed (subject to ratification)': {
    sign: null,
    confirm: null,
    ratify: 'ratified',
    accept: 'ratified',
    approve: 'ratified',
    accede: null,
    succeed: null,
    withdraw: null,
    revoke_withdrawal: null,
    admit: null,
    exit: null,
  },
  'signed ad referendum, unconfirmed': {
    sign: null,
    confirm: 'signed',
    ratify: 'ratified',
    accept: 'ratified',
    approve: 'ratified',
    accede: null,
    succeed: null,
    withdraw: null,
    revoke_withdrawal: null,
    admit: null,
    exit: null,
  },
  'signed ad referendum, confirmed': {
    sign: null,
    confirm: null,
    ratify: 'ratified',
    accept: 'ratified',
    approve: 'ratified',
    accede: null,
    succeed: null,
    withdraw: null,
    revoke_withdrawal: null,
    admit: null,
    exit: null,
  },
  ratified: {
    sign: null,
    confirm: null,
    ratify: null,
    accept: null,
    approve: null,
    accede: null,
    succeed: null,
    withdraw: 'ratified',
    revoke_withdrawal: null,
    admit: 'member',
    exit: null,
  },
  'ratified by definitive signature': {
    sign: null,
    confirm: null,
    ratify: null,
    accept: null,
    approve: null,
    accede: null,
    succeed: null,
    withdraw: 'ratified',
    revoke_withdrawal: null,
    admit: 'member',
    exit: null,
  },
  'ratified, withdrawal pending': {
    sign: null,
    confirm: null,
    ratify: null,
    accept: null,
    approve: null,
    accede: null,
    succeed: null,
    withdraw: null,
    revoke_withdrawal: 'ratified',
    admit: 'member',
    exit: 'withdrawn',
  },
  member: {
    sign: null,
    confirm: null,
    ratify: null,
    accept: null,
    approve: null,
    accede: null,
    succeed: null,
    withdraw: 'member',
    revoke_withdrawal: null,
    admit: null,
    exit: null,
  },
  'member, withdrawal pending': {
    sign: null,
    confirm: null,
    ratify: null,
    accept: null,
    approve: null,
    accede: null,
    succeed: null,
    withdraw: null,
    revoke_withdrawal: 'member',
    admit: null,
    exit: 'withdrawn',
  },
  'member, withdrawal pending, admission on top': {
    sign: null,
    confirm: null,
    ratify: null,
    accept: null,
    approve: null,
    accede: null,
    succeed: null,
    withdraw: null,
    revoke_withdrawal: 'member',
    admit: null,
    exit: 'withdrawn',
  },
  'withdrawn (exit recorded by the system)': {
    sign: null,
    confirm: null,
    ratify: 'ratified',
    accept: 'ratified',
    approve: 'ratified',
    accede: 'ratified',
    succeed: null,
    withdraw: null,
    revoke_withdrawal: 'back',
    admit: null,
    exit: null,
  },
  'withdrawn (legacy immediate withdrawal, a person act)': {
    sign: null,
    confirm: null,
    ratify: 'ratified',
    accept: 'ratified',
    approve: 'ratified',
    accede: 'ratified',
    succeed: null,
    withdraw: null,
    revoke_withdrawal: null,
    admit: null,
    exit: null,
  },
};

/** What a person may post from each state, in PERSON_ACTIONS order; `admit` and `exit` are the service's own. */
const ALLOWED: Record<keyof typeof STATES, PersonAction[]> = {
  invited: ['sign', 'accept', 'approve', 'accede', 'succeed'],
  'signed (subject to ratification)': ['ratify', 'accept', 'approve', 'correct'],
  'signed ad referendum, unconfirmed': ['confirm', 'ratify', 'accept', 'approve', 'correct'],
  'signed ad referendum, confirmed': ['ratify', 'accept', 'approve', 'correct'],
  ratified: ['withdraw', 'correct'],
  'ratified by definitive signature': ['withdraw', 'correct'],
  'ratified, withdrawal pending': ['revoke_withdrawal', 'correct'],
  member: ['withdraw'],
  'member, withdrawal pending': ['revoke_withdrawal', 'correct'],
  'member, withdrawal pending, admission on top': ['revoke_withdrawal'],
  'withdrawn (exit recorded by the system)': ['ratify', 'accept', 'approve', 'accede', 'revoke_withdrawal', 'correct'],
  // Effective the day it was notified: no day is left before it on which a revocation could be dated.
  'withdrawn (legacy immediate withdrawal, a person act)': ['ratify', 'accept', 'approve', 'accede', 'correct'],
};

const pairs = Object.keys(STATES).flatMap((name) =>
  MACHINE_ACTIONS.map((action) => ({ name, state: STATES[name], action, to: MACHINE[name][action] })),
);

describe('status machine', () => {
  it('covers every state × action pair', () => {
    expect(pairs).toHaveLength(Object.keys(STATES).length * MACHINE_ACTIONS.length);
    expect([...MACHINE_ACTIONS].sort()).toEqual([...PERSON_ACTIONS.filter((action) => action !== 'correct'), ...SYSTEM_ACTIONS].sort());
  });

  it.each(pairs.filter((pair) => pair.to !== null))('$name --$action--> $to: permitted', ({ state, action }) => {
    expect(permits(state, action)).toBe(true);
  });

  it.each(pairs.filter((pair) => pair.to === null))('$name --$action--> refused', ({ state, action }) => {
    expect(permits(state, action)).toBe(false);
  });

  it.each(Object.keys(STATES).map((name) => ({ name, allowed: ALLOWED[name] })))(
    'allowedActions($name) = $allowed',
    ({ name, allowed }) => {
      expect(allowedActions(STATES[name])).toEqual(allowed);
    },
  );

  it.each(Object.keys(STATES).map((name) => ({ name, correctable: STATES[name].correctable })))(
    'correct is permitted from $name: $correctable',
    ({ name, correctable }) => {
      expect(permits(STATES[name], 'correct')).toBe(correctable);
      expect(allowedActions(STATES[name]).includes('correct')).toBe(correctable);
    },
  );

  it('never offers admit or exit to a person', () => {
    for (const state of Object.values(STATES)) {
      expect(allowedActions(state)).not.toContain('admit');
      expect(allowedActions(state)).not.toContain('exit');
    }
  });

  it('a signatory cannot withdraw its signature', () => {
    for (const state of Object.values(STATES).filter((s) => s.status === 'signed')) expect(permits(state, 'withdraw')).toBe(false);
  });

  it.each(pairs.filter((pair) => pair.to === null))(
    'invalidTransition($name, $action) names the status, the action and what is allowed',
    ({ name, state, action }) => {
      const error = invalidTransition(state, action);
      expect(error).toBeInstanceOf(DomainError);
      expect(error.code).toBe(ErrorCode.InvalidTransition);
      expect(error.details).toEqual({ status: state.status, action, allowed: ALLOWED[name] });
      expect(error.message).toContain(state.status);
      expect(error.message).toContain(action);
    },
  );

  it('invalidTransition keeps a reason and extra details', () => {
    const error = invalidTransition(STATES['ratified, withdrawal pending'], 'revoke_withdrawal', 'too late', {
      effectiveOn: '2020-11-04',
    });
    expect(error.message).toBe('too late');
    expect(error.details).toEqual({
      status: 'ratified',
      action: 'revoke_withdrawal',
      allowed: ['revoke_withdrawal', 'correct'],
      effectiveOn: '2020-11-04',
    });
  });
});

describe('the contract table', () => {
  /** The contract's table, row by row: the statuses an action may be taken from and where it leads. */
  const TABLE: Record<MachineAction, { from: ParticipantStatus[]; to: ParticipantStatus | 'unchanged' }> = {
    sign: { from: ['invited'], to: 'signed' },
    confirm: { from: ['signed'], to: 'unchanged' },
    ratify: { from: ['signed', 'withdrawn'], to: 'ratified' },
    accept: { from: ['invited', 'signed', 'withdrawn'], to: 'ratified' },
    approve: { from: ['invited', 'signed', 'withdrawn'], to: 'ratified' },
    accede: { from: ['invited', 'withdrawn'], to: 'ratified' },
    succeed: { from: ['invited'], to: 'ratified' },
    admit: { from: ['ratified'], to: 'member' },
    withdraw: { from: ['ratified', 'member'], to: 'unchanged' },
    revoke_withdrawal: { from: ['ratified', 'member', 'withdrawn'], to: 'unchanged' },
    exit: { from: ['ratified', 'member'], to: 'withdrawn' },
  };

  it.each(MACHINE_ACTIONS.map((action) => ({ action, ...TABLE[action] })))('$action: from $from to $to', ({ action, from, to }) => {
    expect([...TRANSITIONS[action].from].sort()).toEqual([...from].sort());
    expect(TRANSITIONS[action].to).toBe(to);
  });

  it('lists the statuses, signature kinds, instruments and bound statuses of the contract', () => {
    expect(PARTICIPANT_STATUSES).toEqual(['invited', 'signed', 'ratified', 'member', 'withdrawn']);
    expect(SIGNATURE_KINDS).toEqual(['subject_to_ratification', 'ad_referendum', 'definitive']);
    expect(INSTRUMENTS).toEqual(['ratification', 'acceptance', 'approval', 'accession', 'succession', 'definitive_signature']);
    expect([...BOUND_STATUSES].sort()).toEqual(['member', 'ratified']);
    expect([...SYSTEM_ACTIONS].sort()).toEqual(['admit', 'exit']);
  });

  it.each([
    ['ratify', 'ratification'],
    ['accept', 'acceptance'],
    ['approve', 'approval'],
    ['accede', 'accession'],
    ['succeed', 'succession'],
    ['sign', undefined],
    ['confirm', undefined],
    ['withdraw', undefined],
    ['revoke_withdrawal', undefined],
    ['admit', undefined],
    ['exit', undefined],
  ] as const)('%s deposits instrument %s', (action, instrument) => {
    expect((INSTRUMENT_OF as Record<string, string | undefined>)[action]).toBe(instrument);
  });
});
