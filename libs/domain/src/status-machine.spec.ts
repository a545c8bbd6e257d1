import { DomainError, ErrorCode } from './errors';
import {
  CORRECTABLE,
  INSTRUMENT_OF,
  PARTICIPANT_STATUSES,
  ParticipantStatus,
  PersonAction,
  allowedActions,
  invalidTransition,
  nextStatus,
} from './status-machine';

type MachineAction = Parameters<typeof nextStatus>[1];

/** DESIGN.md's machine written out by hand, so the test does not read the code's own table. */
const MACHINE: Record<ParticipantStatus, Record<MachineAction, ParticipantStatus | null>> = {
  invited: {
    sign: 'signed',
    ratify: null,
    accept: null,
    approve: null,
    accede: 'ratified',
    admit: null,
    withdraw: null,
  },
  signed: {
    sign: null,
    ratify: 'ratified',
    accept: 'ratified',
    approve: 'ratified',
    accede: null,
    admit: null,
    withdraw: 'withdrawn',
  },
  ratified: {
    sign: null,
    ratify: null,
    accept: null,
    approve: null,
    accede: null,
    admit: 'member',
    withdraw: 'withdrawn',
  },
  member: {
    sign: null,
    ratify: null,
    accept: null,
    approve: null,
    accede: null,
    admit: null,
    withdraw: 'withdrawn',
  },
  withdrawn: {
    sign: null,
    ratify: null,
    accept: null,
    approve: null,
    accede: null,
    admit: null,
    withdraw: null,
  },
};

/** What a person may post from each status, in PERSON_ACTIONS order; `admit` is the service's own. */
const ALLOWED: Record<ParticipantStatus, PersonAction[]> = {
  invited: ['sign', 'accede'],
  signed: ['ratify', 'accept', 'approve', 'withdraw', 'correct'],
  ratified: ['withdraw', 'correct'],
  member: ['withdraw'],
  withdrawn: ['correct'],
};

const pairs = PARTICIPANT_STATUSES.flatMap((status) =>
  (Object.keys(MACHINE[status]) as MachineAction[]).map((action) => ({
    status,
    action,
    to: MACHINE[status][action],
  })),
);

function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw, got none');
}

describe('status machine', () => {
  it('covers every status × action pair', () => {
    expect(pairs).toHaveLength(PARTICIPANT_STATUSES.length * 7);
  });

  it.each(pairs.filter((pair) => pair.to !== null))('$status --$action--> $to', ({ status, action, to }) => {
    expect(nextStatus(status, action)).toBe(to);
  });

  it.each(pairs.filter((pair) => pair.to === null))('$status --$action--> invalid_transition', ({ status, action }) => {
    const error = thrownBy(() => nextStatus(status, action));
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({
      code: ErrorCode.InvalidTransition,
      details: { status, action, allowed: allowedActions(status) },
    });
    expect((error as DomainError).details.allowed).toEqual(ALLOWED[status]);
    expect((error as DomainError).message).toContain(status);
    expect((error as DomainError).message).toContain(action);
  });

  it.each(PARTICIPANT_STATUSES.map((status) => [status, ALLOWED[status]] as const))('allowedActions(%s) = %j', (status, allowed) => {
    expect(allowedActions(status)).toEqual(allowed);
  });

  it('never offers admit to a person', () => {
    for (const status of PARTICIPANT_STATUSES) expect(allowedActions(status)).not.toContain('admit');
  });

  it.each([
    ['invited', false],
    ['signed', true],
    ['ratified', true],
    ['member', false],
    ['withdrawn', true],
  ] as const)('correct is offered from %s: %s', (status, correctable) => {
    expect(CORRECTABLE.includes(status)).toBe(correctable);
    expect(allowedActions(status).includes('correct')).toBe(correctable);
  });

  it.each([
    ['ratify', 'ratification'],
    ['accept', 'acceptance'],
    ['approve', 'approval'],
    ['accede', 'accession'],
    ['sign', undefined],
    ['withdraw', undefined],
    ['admit', undefined],
  ] as const)('%s deposits instrument %s', (action, instrument) => {
    expect(INSTRUMENT_OF[action]).toBe(instrument);
  });

  it.each(PARTICIPANT_STATUSES.map((status) => [status]))('invalidTransition(%s, correct) carries the allowed list', (status) => {
    const error = invalidTransition(status, 'correct');
    expect(error).toBeInstanceOf(DomainError);
    expect(error.code).toBe(ErrorCode.InvalidTransition);
    expect(error.details).toEqual({
      status,
      action: 'correct',
      allowed: ALLOWED[status],
    });
  });
});
