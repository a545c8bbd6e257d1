import { DomainError, ErrorCode } from './errors';
import {
  Act,
  ActDetails,
  DEFAULT_WITHDRAWAL_DELAY,
  Decision,
  DecisionContext,
  HistoryEvent,
  ParticipantRecord,
  decide,
  exitDueBy,
  invitedRecord,
  latestDate,
  machineState,
  recordOf,
  replay,
  systemStepsDue,
} from './participant-history';
import { EventAction, ParticipantStatus, PersonAction, SystemAction } from './status-machine';

const ev = (action: EventAction, date: string, details?: ActDetails | null, to?: ParticipantStatus): HistoryEvent => ({
  action,
  date,
  ...(details !== undefined ? { details } : {}),
  ...(to !== undefined ? { to } : {}),
});

function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw, got none');
}

// ---------------------------------------------------------------------------------------------------------------
// Records written by hand from the contract.

const INVITED: ParticipantRecord = {
  status: 'invited',
  invitedOn: '2017-01-10',
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
  lastActOn: '2017-01-10',
};
const SIGNED: ParticipantRecord = {
  ...INVITED,
  status: 'signed',
  signedOn: '2017-02-01',
  signature: { kind: 'subject_to_ratification', confirmedOn: null },
  lastActOn: '2017-02-01',
};
const RATIFIED: ParticipantRecord = {
  ...SIGNED,
  status: 'ratified',
  depositedOn: '2017-05-01',
  instrument: 'ratification',
  consents: [{ instrument: 'ratification', depositedOn: '2017-05-01', effectiveFrom: null, withdrawnOn: null }],
  lastActOn: '2017-05-01',
};
/** The admission is the service's: the latest act of a person is still the ratification. */
const MEMBER: ParticipantRecord = { ...RATIFIED, status: 'member', memberSince: '2018-02-19' };
/** Withdrawal notified 2019-01-01, effective twelve months later: still a member, still counted until 2020-01-01. */
const MEMBER_WITHDRAWING: ParticipantRecord = {
  ...MEMBER,
  withdrawal: { notifiedOn: '2019-01-01', effectiveOn: '2020-01-01' },
  consents: [{ instrument: 'ratification', depositedOn: '2017-05-01', effectiveFrom: null, withdrawnOn: '2020-01-01' }],
  lastActOn: '2019-01-01',
};
/** The exit is the service's: the latest act of a person is still the withdrawal. */
const WITHDRAWN: ParticipantRecord = { ...MEMBER_WITHDRAWING, status: 'withdrawn', withdrawnOn: '2020-01-01' };
const ACCEDED: ParticipantRecord = {
  ...INVITED,
  status: 'ratified',
  depositedOn: '2018-03-01',
  instrument: 'accession',
  consents: [{ instrument: 'accession', depositedOn: '2018-03-01', effectiveFrom: null, withdrawnOn: null }],
  lastActOn: '2018-03-01',
};

// Histories, as the service stores them (a new withdrawal keeps its status in `to`; legacy ones say `withdrawn`).
const invite = ev('invite', '2017-01-10');
const signed = [invite, ev('sign', '2017-02-01', { signature: 'subject_to_ratification' }, 'signed')];
const ratified = [...signed, ev('ratify', '2017-05-01', null, 'ratified')];
const member = [...ratified, ev('admit', '2018-02-19', null, 'member')];
const memberWithdrawing = [...member, ev('withdraw', '2019-01-01', { effectiveOn: '2020-01-01' }, 'member')];
const withdrawn = [...memberWithdrawing, ev('exit', '2020-01-01', null, 'withdrawn')];
const acceded = [invite, ev('accede', '2018-03-01', null, 'ratified')];
const adReferendum = [invite, ev('sign', '2017-02-01', { signature: 'ad_referendum' }, 'signed')];
const legacyFromSigned = [...signed, ev('withdraw', '2019-01-01', null, 'withdrawn')];
const legacyFromRatified = [...ratified, ev('withdraw', '2019-01-01', null, 'withdrawn')];
const legacyFromMember = [...member, ev('withdraw', '2019-01-01', null, 'withdrawn')];

const context: DecisionContext = { today: '2024-06-15', openedForSignatureOn: '2016-05-26', withdrawal: { months: 12 } };

describe('replay', () => {
  it.each<[string, HistoryEvent[], ParticipantRecord]>([
    ['invite', [invite], INVITED],
    ['sign (subject to ratification by default)', signed, SIGNED],
    ['sign, an event of the first version with no details', [invite, ev('sign', '2017-02-01')], SIGNED],
    ['sign ad referendum', adReferendum, { ...SIGNED, signature: { kind: 'ad_referendum', confirmedOn: null } }],
    [
      'confirm a signature ad referendum: the signature keeps its date',
      [...adReferendum, ev('confirm', '2017-03-01', null, 'signed')],
      { ...SIGNED, signature: { kind: 'ad_referendum', confirmedOn: '2017-03-01' }, lastActOn: '2017-03-01' },
    ],
    [
      'sign definitively: consent by signature alone',
      [invite, ev('sign', '2017-02-01', { signature: 'definitive' }, 'ratified')],
      {
        ...SIGNED,
        status: 'ratified',
        signature: { kind: 'definitive', confirmedOn: null },
        depositedOn: '2017-02-01',
        instrument: 'definitive_signature',
        consents: [{ instrument: 'definitive_signature', depositedOn: '2017-02-01', effectiveFrom: null, withdrawnOn: null }],
      },
    ],
    ['ratify', ratified, RATIFIED],
    [
      'accept after a signature',
      [...signed, ev('accept', '2017-05-02')],
      {
        ...SIGNED,
        status: 'ratified',
        depositedOn: '2017-05-02',
        instrument: 'acceptance',
        consents: [{ instrument: 'acceptance', depositedOn: '2017-05-02', effectiveFrom: null, withdrawnOn: null }],
        lastActOn: '2017-05-02',
      },
    ],
    [
      'approve after a signature',
      [...signed, ev('approve', '2017-05-03')],
      {
        ...SIGNED,
        status: 'ratified',
        depositedOn: '2017-05-03',
        instrument: 'approval',
        consents: [{ instrument: 'approval', depositedOn: '2017-05-03', effectiveFrom: null, withdrawnOn: null }],
        lastActOn: '2017-05-03',
      },
    ],
    [
      'accept with no signature (VCLT 14(2))',
      [invite, ev('accept', '2017-05-02')],
      {
        ...INVITED,
        status: 'ratified',
        depositedOn: '2017-05-02',
        instrument: 'acceptance',
        consents: [{ instrument: 'acceptance', depositedOn: '2017-05-02', effectiveFrom: null, withdrawnOn: null }],
        lastActOn: '2017-05-02',
      },
    ],
    [
      'approve with no signature',
      [invite, ev('approve', '2017-05-03')],
      {
        ...INVITED,
        status: 'ratified',
        depositedOn: '2017-05-03',
        instrument: 'approval',
        consents: [{ instrument: 'approval', depositedOn: '2017-05-03', effectiveFrom: null, withdrawnOn: null }],
        lastActOn: '2017-05-03',
      },
    ],
    ['accede', acceded, ACCEDED],
    [
      'succeed from a date of succession, naming the predecessor',
      [invite, ev('succeed', '2017-10-23', { effectiveFrom: '2017-06-03', predecessor: 'SCG' })],
      {
        ...INVITED,
        status: 'ratified',
        depositedOn: '2017-10-23',
        instrument: 'succession',
        effectiveFrom: '2017-06-03',
        predecessor: 'SCG',
        consents: [{ instrument: 'succession', depositedOn: '2017-10-23', effectiveFrom: '2017-06-03', withdrawnOn: null }],
        lastActOn: '2017-10-23',
      },
    ],
    [
      'succeed with no date of succession: bound from the notification',
      [invite, ev('succeed', '2017-10-23')],
      {
        ...INVITED,
        status: 'ratified',
        depositedOn: '2017-10-23',
        instrument: 'succession',
        effectiveFrom: '2017-10-23',
        consents: [{ instrument: 'succession', depositedOn: '2017-10-23', effectiveFrom: '2017-10-23', withdrawnOn: null }],
        lastActOn: '2017-10-23',
      },
    ],
    ['admit', member, MEMBER],
    ['withdraw from member: pending, still a member, counted until it takes effect', memberWithdrawing, MEMBER_WITHDRAWING],
    [
      'withdraw from ratified: pending, still ratified',
      [...acceded, ev('withdraw', '2019-01-01', { effectiveOn: '2020-01-01' }, 'ratified')],
      {
        ...ACCEDED,
        withdrawal: { notifiedOn: '2019-01-01', effectiveOn: '2020-01-01' },
        consents: [{ instrument: 'accession', depositedOn: '2018-03-01', effectiveFrom: null, withdrawnOn: '2020-01-01' }],
        lastActOn: '2019-01-01',
      },
    ],
    ['exit on the day the withdrawal takes effect', withdrawn, WITHDRAWN],
    [
      'revoke a pending withdrawal: as if never notified, the revocation the latest act',
      [...memberWithdrawing, ev('revoke_withdrawal', '2019-06-01')],
      { ...MEMBER, lastActOn: '2019-06-01' },
    ],
    [
      'revoke a withdrawal whose exit was recorded (historical import): as if it never left',
      [...withdrawn, ev('revoke_withdrawal', '2019-06-01')],
      { ...MEMBER, lastActOn: '2019-06-01' },
    ],
    [
      'revoke after the exit of a state that was never admitted: back to ratified',
      [
        ...acceded,
        ev('withdraw', '2019-01-01', { effectiveOn: '2020-01-01' }, 'ratified'),
        ev('exit', '2020-01-01', null, 'withdrawn'),
        ev('revoke_withdrawal', '2019-06-01'),
      ],
      { ...ACCEDED, lastActOn: '2019-06-01' },
    ],
    [
      'rejoin after leaving: a second period of consent, the first kept',
      [...withdrawn, ev('accede', '2021-01-20', null, 'ratified')],
      {
        ...SIGNED,
        status: 'ratified',
        depositedOn: '2021-01-20',
        instrument: 'accession',
        consents: [
          { instrument: 'ratification', depositedOn: '2017-05-01', effectiveFrom: null, withdrawnOn: '2020-01-01' },
          { instrument: 'accession', depositedOn: '2021-01-20', effectiveFrom: null, withdrawnOn: null },
        ],
        lastActOn: '2021-01-20',
      },
    ],
    [
      'legacy immediate withdrawal from signed: notified and effective on its date',
      legacyFromSigned,
      {
        ...SIGNED,
        status: 'withdrawn',
        withdrawal: { notifiedOn: '2019-01-01', effectiveOn: '2019-01-01' },
        withdrawnOn: '2019-01-01',
        lastActOn: '2019-01-01',
      },
    ],
    [
      'legacy immediate withdrawal from ratified',
      legacyFromRatified,
      {
        ...RATIFIED,
        status: 'withdrawn',
        withdrawal: { notifiedOn: '2019-01-01', effectiveOn: '2019-01-01' },
        withdrawnOn: '2019-01-01',
        consents: [{ instrument: 'ratification', depositedOn: '2017-05-01', effectiveFrom: null, withdrawnOn: '2019-01-01' }],
        lastActOn: '2019-01-01',
      },
    ],
    [
      'legacy immediate withdrawal from member',
      legacyFromMember,
      {
        ...MEMBER,
        status: 'withdrawn',
        withdrawal: { notifiedOn: '2019-01-01', effectiveOn: '2019-01-01' },
        withdrawnOn: '2019-01-01',
        consents: [{ instrument: 'ratification', depositedOn: '2017-05-01', effectiveFrom: null, withdrawnOn: '2019-01-01' }],
        lastActOn: '2019-01-01',
      },
    ],
    ['correct a signature: signed → invited, signedOn cleared', [...signed, ev('correct', '2024-01-01')], INVITED],
    ['correct a ratification: ratified → signed, deposit and instrument cleared', [...ratified, ev('correct', '2024-01-01')], SIGNED],
    ['correct an accession: ratified → invited', [...acceded, ev('correct', '2024-01-01')], INVITED],
    ['correct a legacy withdrawal from signed: withdrawn → signed', [...legacyFromSigned, ev('correct', '2024-01-01')], SIGNED],
    ['correct a legacy withdrawal from member: withdrawn → member', [...legacyFromMember, ev('correct', '2024-01-01')], MEMBER],
    ['correct a pending withdrawal: no withdrawal, counted again', [...memberWithdrawing, ev('correct', '2024-01-01')], MEMBER],
    [
      'correct a revocation: the withdrawal is pending again',
      [...memberWithdrawing, ev('revoke_withdrawal', '2019-06-01'), ev('correct', '2024-01-01')],
      MEMBER_WITHDRAWING,
    ],
    [
      'correct an exit: the withdrawal it followed goes with it, back to the record before the withdrawal',
      [...withdrawn, ev('correct', '2024-01-01')],
      MEMBER,
    ],
    [
      'correct an exit drawn after an admission the service drew after the withdrawal: exit, admission and withdrawal go',
      [
        ...ratified,
        ev('withdraw', '2019-01-01', { effectiveOn: '2020-01-01' }, 'ratified'),
        ev('admit', '2018-02-19', null, 'member'),
        ev('exit', '2020-01-01', null, 'withdrawn'),
        ev('correct', '2024-01-01'),
      ],
      RATIFIED,
    ],
    [
      'correct a rejoining, then the exit beneath it (with its withdrawal)',
      [...withdrawn, ev('accede', '2021-01-20'), ev('correct', '2024-01-01'), ev('correct', '2024-01-02')],
      MEMBER,
    ],
    [
      'withdraw again after correcting a legacy withdrawal: still a member since 2018-02-19, the new notification the latest act',
      [...legacyFromMember, ev('correct', '2024-01-01'), ev('withdraw', '2019-02-01', { effectiveOn: '2020-02-01' }, 'member')],
      {
        ...MEMBER,
        withdrawal: { notifiedOn: '2019-02-01', effectiveOn: '2020-02-01' },
        consents: [{ ...RATIFIED.consents[0], withdrawnOn: '2020-02-01' }],
        lastActOn: '2019-02-01',
      },
    ],
    [
      'correct a confirmation: the signature ad referendum is unconfirmed again',
      [...adReferendum, ev('confirm', '2017-03-01'), ev('correct', '2024-01-01')],
      { ...SIGNED, signature: { kind: 'ad_referendum', confirmedOn: null } },
    ],
    [
      'correct a definitive signature: invited',
      [invite, ev('sign', '2017-02-01', { signature: 'definitive' }), ev('correct', '2024-01-01')],
      INVITED,
    ],
    ['correct twice: ratified → signed → invited', [...ratified, ev('correct', '2024-01-01'), ev('correct', '2024-01-02')], INVITED],
    ['act again after a correction', [invite, ev('sign', '2017-03-01'), ev('correct', '2024-01-01'), ev('sign', '2017-02-01')], SIGNED],
    [
      'a different instrument after correcting a ratification',
      [...ratified, ev('correct', '2024-01-01'), ev('accept', '2017-06-01')],
      {
        ...SIGNED,
        status: 'ratified',
        depositedOn: '2017-06-01',
        instrument: 'acceptance',
        consents: [{ instrument: 'acceptance', depositedOn: '2017-06-01', effectiveFrom: null, withdrawnOn: null }],
        lastActOn: '2017-06-01',
      },
    ],
  ])('%s', (_name, events, record) => {
    expect(recordOf(events)).toEqual(record);
  });

  it.each<[string, HistoryEvent[], boolean[]]>([
    ['invite only', [invite], [false]],
    ['sign, ratify, admit', member, [false, true, true, false]],
    ['withdraw (a person) then exit (the system)', withdrawn, [false, true, true, false, true, false]],
    ['a correction pops the latest act', [...legacyFromSigned, ev('correct', '2024-01-01')], [false, true]],
  ])('keeps a stack of records, acts of persons reversible (%s)', (_name, events, reversible) => {
    expect(replay(events).map((entry) => entry.reversible)).toEqual(reversible);
  });

  it('returns an empty stack for no events, and no record', () => {
    expect(replay([])).toEqual([]);
    expect(recordOf([])).toBeUndefined();
  });

  it('invitedRecord is the record of an invitation', () => {
    expect(invitedRecord('2017-01-10')).toEqual(INVITED);
  });
});

describe('machineState', () => {
  it.each<[string, HistoryEvent[], ReturnType<typeof machineState>]>([
    ['invited', [invite], { status: 'invited', signature: null, withdrawal: null, correctable: false }],
    ['signed', signed, { status: 'signed', signature: SIGNED.signature, withdrawal: null, correctable: true }],
    ['member by admission', member, { status: 'member', signature: SIGNED.signature, withdrawal: null, correctable: false }],
    [
      'member, withdrawal pending',
      memberWithdrawing,
      { status: 'member', signature: SIGNED.signature, withdrawal: MEMBER_WITHDRAWING.withdrawal, correctable: true },
    ],
    [
      'withdrawn by exit: correctable, the exit going with the withdrawal it followed',
      withdrawn,
      { status: 'withdrawn', signature: SIGNED.signature, withdrawal: WITHDRAWN.withdrawal, correctable: true },
    ],
    [
      'member by an admission drawn after a withdrawal: an admission alone is not correctable',
      [...ratified, ev('withdraw', '2019-01-01', { effectiveOn: '2020-01-01' }, 'ratified'), ev('admit', '2018-02-19', null, 'member')],
      { status: 'member', signature: SIGNED.signature, withdrawal: MEMBER_WITHDRAWING.withdrawal, correctable: false },
    ],
    [
      'withdrawn again once a rejoining is corrected: the exit is on top, correctable',
      [...withdrawn, ev('accede', '2021-01-20'), ev('correct', '2024-01-01')],
      { status: 'withdrawn', signature: SIGNED.signature, withdrawal: WITHDRAWN.withdrawal, correctable: true },
    ],
    [
      'every act corrected',
      [...signed, ev('correct', '2024-01-01')],
      { status: 'invited', signature: null, withdrawal: null, correctable: false },
    ],
  ])('%s', (_name, events, state) => {
    expect(machineState(replay(events))).toEqual(state);
  });

  it('refuses a participant with no invitation', () => {
    expect(thrownBy(() => machineState([]))).toMatchObject({ code: ErrorCode.NotFound });
  });
});

describe('latestDate', () => {
  const PENDING = { notifiedOn: '2019-01-01', effectiveOn: '2020-01-01' };
  it.each<[Partial<ParticipantRecord>, { exit?: boolean }, string]>([
    // The invitation: lastActOn is the invitation day.
    [{}, {}, '2017-01-10'],
    [{ signedOn: '2017-02-01', lastActOn: '2017-02-01' }, {}, '2017-02-01'],
    [
      { signedOn: '2017-02-01', signature: { kind: 'ad_referendum', confirmedOn: '2017-03-01' }, lastActOn: '2017-03-01' },
      {},
      '2017-03-01',
    ],
    [{ signedOn: '2017-02-01', depositedOn: '2017-05-01', lastActOn: '2017-05-01' }, {}, '2017-05-01'],
    // The admission (the service's) is later than the latest act of a person.
    [{ depositedOn: '2017-05-01', lastActOn: '2017-05-01', memberSince: '2018-02-19' }, {}, '2018-02-19'],
    [{ memberSince: '2018-02-19', withdrawal: PENDING, lastActOn: '2019-01-01' }, {}, '2019-01-01'],
    [{ memberSince: '2018-02-19', withdrawal: PENDING, lastActOn: '2019-01-01', withdrawnOn: '2020-01-01' }, {}, '2020-01-01'],
    [{ memberSince: '2018-02-19', withdrawal: PENDING, lastActOn: '2019-01-01', withdrawnOn: '2020-01-01' }, { exit: false }, '2019-01-01'],
    // A revocation leaves no date of its own in the record but lastActOn: it still bounds the next act.
    [{ depositedOn: '2017-05-01', memberSince: '2018-02-19', lastActOn: '2019-06-01' }, {}, '2019-06-01'],
  ])('latestDate(%j, %j) = %s', (fields, options, expected) => {
    expect(latestDate({ ...INVITED, ...fields }, options)).toBe(expected);
  });
});

describe('exitDueBy', () => {
  it.each<[string, ParticipantRecord, string, { action: 'exit'; date: string } | null]>([
    ['no withdrawal', MEMBER, '2030-01-01', null],
    ['a withdrawal not yet effective', MEMBER_WITHDRAWING, '2019-12-31', null],
    ['a withdrawal effective that day', MEMBER_WITHDRAWING, '2020-01-01', { action: 'exit', date: '2020-01-01' }],
    [
      'a withdrawal effective earlier: the exit is dated its effective day',
      MEMBER_WITHDRAWING,
      '2021-01-20',
      { action: 'exit', date: '2020-01-01' },
    ],
    ['an exit already recorded', WITHDRAWN, '2021-01-20', null],
    ['a legacy immediate withdrawal (already withdrawn)', recordOf(legacyFromMember)!, '2021-01-20', null],
  ])('%s', (_name, record, date, expected) => {
    expect(exitDueBy(record, date)).toEqual(expected);
  });
});

describe('systemStepsDue', () => {
  const ratifiedWithdrawing = (effectiveOn: string): ParticipantRecord => ({
    ...RATIFIED,
    withdrawal: { notifiedOn: '2019-01-01', effectiveOn },
    consents: [{ ...RATIFIED.consents[0], withdrawnOn: effectiveOn }],
  });
  it.each<[string, ParticipantRecord, string | null, string, { action: SystemAction; date: string }[], string | null]>([
    ['ratified, membership day come: admission', RATIFIED, '2018-02-19', '2018-02-19', [{ action: 'admit', date: '2018-02-19' }], null],
    [
      'ratified, membership day past: admission dated that day',
      RATIFIED,
      '2018-02-19',
      '2024-06-15',
      [{ action: 'admit', date: '2018-02-19' }],
      null,
    ],
    ['ratified, membership day to come', RATIFIED, '2018-02-19', '2018-02-18', [], '2018-02-19'],
    ['ratified, treaty not in force: nothing due', RATIFIED, null, '2024-06-15', [], null],
    ['signed: no admission', SIGNED, '2018-02-19', '2024-06-15', [], null],
    ['member with no withdrawal: nothing', MEMBER, '2018-02-19', '2024-06-15', [], null],
    ['member, withdrawal pending', MEMBER_WITHDRAWING, '2018-02-19', '2019-12-31', [], '2020-01-01'],
    ['member, withdrawal effective: exit', MEMBER_WITHDRAWING, '2018-02-19', '2020-01-01', [{ action: 'exit', date: '2020-01-01' }], null],
    [
      'member, withdrawal effective long ago: exit dated its day',
      MEMBER_WITHDRAWING,
      '2018-02-19',
      '2024-06-15',
      [{ action: 'exit', date: '2020-01-01' }],
      null,
    ],
    [
      'ratified, membership then withdrawal both past: admission then exit, in date order',
      ratifiedWithdrawing('2020-01-01'),
      '2018-02-19',
      '2024-06-15',
      [
        { action: 'admit', date: '2018-02-19' },
        { action: 'exit', date: '2020-01-01' },
      ],
      null,
    ],
    [
      'ratified, admission due, withdrawal to come',
      ratifiedWithdrawing('2020-01-01'),
      '2018-02-19',
      '2019-06-01',
      [{ action: 'admit', date: '2018-02-19' }],
      '2020-01-01',
    ],
    ['ratified, neither due: the nearer is next', ratifiedWithdrawing('2020-01-01'), '2019-10-01', '2019-06-01', [], '2019-10-01'],
    [
      'no admission when the withdrawal takes effect first',
      ratifiedWithdrawing('2020-01-01'),
      '2020-06-01',
      '2024-06-15',
      [{ action: 'exit', date: '2020-01-01' }],
      null,
    ],
    [
      'no admission when the withdrawal takes effect the same day',
      ratifiedWithdrawing('2020-01-01'),
      '2020-01-01',
      '2024-06-15',
      [{ action: 'exit', date: '2020-01-01' }],
      null,
    ],
    [
      'no admission to wait for when the withdrawal takes effect first',
      ratifiedWithdrawing('2020-01-01'),
      '2020-06-01',
      '2019-06-01',
      [],
      '2020-01-01',
    ],
    [
      'ratified, withdrawal pending, treaty not in force: only the exit',
      ratifiedWithdrawing('2020-01-01'),
      null,
      '2024-06-15',
      [{ action: 'exit', date: '2020-01-01' }],
      null,
    ],
    ['withdrawn: nothing', WITHDRAWN, '2018-02-19', '2024-06-15', [], null],
  ])('%s', (_name, record, membershipOn, today, steps, nextDueOn) => {
    expect(systemStepsDue(record, membershipOn, today)).toEqual({ steps, nextDueOn });
  });
});

/** The fields of a decision the contract names: `{from, to, date, details, record}`. */
type ContractDecision = Pick<Decision, 'from' | 'to' | 'date' | 'details' | 'record'>;

/** Decides an act, checks that the event it stores replays to the record it returns, and returns the contract's fields. */
function decideAndReplay(history: readonly HistoryEvent[], act: Act, ctx: DecisionContext = context): ContractDecision {
  const { from, to, date, details, record } = decide(history, act, ctx);
  const event: HistoryEvent = act.action === 'correct' ? { action: 'correct', date } : { action: act.action, date, details, to };
  expect(recordOf([...history, event])).toEqual(record);
  return { from, to, date, details, record };
}

describe('decide', () => {
  it.each<[string, HistoryEvent[], Act, ContractDecision]>([
    [
      'sign (subject to ratification by default)',
      [invite],
      { action: 'sign', date: '2017-02-01' },
      { from: 'invited', to: 'signed', date: '2017-02-01', details: { signature: 'subject_to_ratification' }, record: SIGNED },
    ],
    [
      'sign on the invitation day',
      [invite],
      { action: 'sign', date: '2017-01-10' },
      {
        from: 'invited',
        to: 'signed',
        date: '2017-01-10',
        details: { signature: 'subject_to_ratification' },
        record: { ...SIGNED, signedOn: '2017-01-10', lastActOn: '2017-01-10' },
      },
    ],
    [
      'sign today',
      [invite],
      { action: 'sign', date: '2024-06-15' },
      {
        from: 'invited',
        to: 'signed',
        date: '2024-06-15',
        details: { signature: 'subject_to_ratification' },
        record: { ...SIGNED, signedOn: '2024-06-15', lastActOn: '2024-06-15' },
      },
    ],
    [
      'sign before a corrected signature date',
      [invite, ev('sign', '2018-01-01'), ev('correct', '2024-01-01')],
      { action: 'sign', date: '2017-02-01' },
      { from: 'invited', to: 'signed', date: '2017-02-01', details: { signature: 'subject_to_ratification' }, record: SIGNED },
    ],
    [
      'sign ad referendum',
      [invite],
      { action: 'sign', date: '2017-02-01', signature: 'ad_referendum' },
      {
        from: 'invited',
        to: 'signed',
        date: '2017-02-01',
        details: { signature: 'ad_referendum' },
        record: { ...SIGNED, signature: { kind: 'ad_referendum', confirmedOn: null } },
      },
    ],
    [
      'sign definitively → ratified, instrument definitive_signature, a deposit from its date',
      [invite],
      { action: 'sign', date: '2017-02-01', signature: 'definitive' },
      {
        from: 'invited',
        to: 'ratified',
        date: '2017-02-01',
        details: { signature: 'definitive' },
        record: {
          ...SIGNED,
          status: 'ratified',
          signature: { kind: 'definitive', confirmedOn: null },
          depositedOn: '2017-02-01',
          instrument: 'definitive_signature',
          consents: [{ instrument: 'definitive_signature', depositedOn: '2017-02-01', effectiveFrom: null, withdrawnOn: null }],
        },
      },
    ],
    [
      'confirm a signature ad referendum',
      adReferendum,
      { action: 'confirm', date: '2017-03-01' },
      {
        from: 'signed',
        to: 'signed',
        date: '2017-03-01',
        details: null,
        record: { ...SIGNED, signature: { kind: 'ad_referendum', confirmedOn: '2017-03-01' }, lastActOn: '2017-03-01' },
      },
    ],
    [
      'ratify',
      signed,
      { action: 'ratify', date: '2017-05-01' },
      { from: 'signed', to: 'ratified', date: '2017-05-01', details: null, record: RATIFIED },
    ],
    [
      'ratify on the signature day',
      signed,
      { action: 'ratify', date: '2017-02-01' },
      {
        from: 'signed',
        to: 'ratified',
        date: '2017-02-01',
        details: null,
        record: {
          ...RATIFIED,
          depositedOn: '2017-02-01',
          consents: [{ ...RATIFIED.consents[0], depositedOn: '2017-02-01' }],
          lastActOn: '2017-02-01',
        },
      },
    ],
    [
      'ratify a signature ad referendum never confirmed',
      adReferendum,
      { action: 'ratify', date: '2017-05-01' },
      {
        from: 'signed',
        to: 'ratified',
        date: '2017-05-01',
        details: null,
        record: { ...RATIFIED, signature: { kind: 'ad_referendum', confirmedOn: null } },
      },
    ],
    [
      'accept after a signature',
      signed,
      { action: 'accept', date: '2017-05-01' },
      {
        from: 'signed',
        to: 'ratified',
        date: '2017-05-01',
        details: null,
        record: { ...RATIFIED, instrument: 'acceptance', consents: [{ ...RATIFIED.consents[0], instrument: 'acceptance' }] },
      },
    ],
    [
      'approve after a signature',
      signed,
      { action: 'approve', date: '2017-05-01' },
      {
        from: 'signed',
        to: 'ratified',
        date: '2017-05-01',
        details: null,
        record: { ...RATIFIED, instrument: 'approval', consents: [{ ...RATIFIED.consents[0], instrument: 'approval' }] },
      },
    ],
    [
      'accept with no signature (VCLT 14(2))',
      [invite],
      { action: 'accept', date: '2018-03-01' },
      {
        from: 'invited',
        to: 'ratified',
        date: '2018-03-01',
        details: null,
        record: { ...ACCEDED, instrument: 'acceptance', consents: [{ ...ACCEDED.consents[0], instrument: 'acceptance' }] },
      },
    ],
    [
      'approve with no signature',
      [invite],
      { action: 'approve', date: '2018-03-01' },
      {
        from: 'invited',
        to: 'ratified',
        date: '2018-03-01',
        details: null,
        record: { ...ACCEDED, instrument: 'approval', consents: [{ ...ACCEDED.consents[0], instrument: 'approval' }] },
      },
    ],
    [
      'accede',
      [invite],
      { action: 'accede', date: '2018-03-01' },
      { from: 'invited', to: 'ratified', date: '2018-03-01', details: null, record: ACCEDED },
    ],
    [
      'succeed with no date of succession: bound from the notification',
      [invite],
      { action: 'succeed', date: '2018-03-01' },
      {
        from: 'invited',
        to: 'ratified',
        date: '2018-03-01',
        details: { effectiveFrom: '2018-03-01' },
        record: {
          ...ACCEDED,
          instrument: 'succession',
          effectiveFrom: '2018-03-01',
          consents: [{ instrument: 'succession', depositedOn: '2018-03-01', effectiveFrom: '2018-03-01', withdrawnOn: null }],
        },
      },
    ],
    [
      'succeed with a date of succession the same day as the notification',
      [invite],
      { action: 'succeed', date: '2018-03-01', effectiveFrom: '2018-03-01', predecessor: 'SCG' },
      {
        from: 'invited',
        to: 'ratified',
        date: '2018-03-01',
        details: { effectiveFrom: '2018-03-01', predecessor: 'SCG' },
        record: {
          ...ACCEDED,
          instrument: 'succession',
          effectiveFrom: '2018-03-01',
          predecessor: 'SCG',
          consents: [{ instrument: 'succession', depositedOn: '2018-03-01', effectiveFrom: '2018-03-01', withdrawnOn: null }],
        },
      },
    ],
    [
      'admit',
      ratified,
      { action: 'admit', date: '2018-02-19' },
      { from: 'ratified', to: 'member', date: '2018-02-19', details: null, record: MEMBER },
    ],
    [
      'admit on the membership day, drawn after a withdrawal notified later (admission then exit, in date order)',
      [...ratified, ev('withdraw', '2019-01-01', { effectiveOn: '2020-01-01' }, 'ratified')],
      { action: 'admit', date: '2018-02-19' },
      { from: 'ratified', to: 'member', date: '2018-02-19', details: null, record: MEMBER_WITHDRAWING },
    ],
    [
      'withdraw from member: default delay of twelve months, still a member until then',
      member,
      { action: 'withdraw', date: '2019-01-01' },
      { from: 'member', to: 'member', date: '2019-01-01', details: { effectiveOn: '2020-01-01' }, record: MEMBER_WITHDRAWING },
    ],
    [
      'withdraw from ratified',
      acceded,
      { action: 'withdraw', date: '2019-01-01' },
      {
        from: 'ratified',
        to: 'ratified',
        date: '2019-01-01',
        details: { effectiveOn: '2020-01-01' },
        record: {
          ...ACCEDED,
          withdrawal: { notifiedOn: '2019-01-01', effectiveOn: '2020-01-01' },
          consents: [{ ...ACCEDED.consents[0], withdrawnOn: '2020-01-01' }],
          lastActOn: '2019-01-01',
        },
      },
    ],
    [
      'withdraw naming a later day than the delay gives',
      member,
      { action: 'withdraw', date: '2019-01-01', effectiveOn: '2020-06-30' },
      {
        from: 'member',
        to: 'member',
        date: '2019-01-01',
        details: { effectiveOn: '2020-06-30' },
        record: {
          ...MEMBER,
          withdrawal: { notifiedOn: '2019-01-01', effectiveOn: '2020-06-30' },
          consents: [{ ...RATIFIED.consents[0], withdrawnOn: '2020-06-30' }],
          lastActOn: '2019-01-01',
        },
      },
    ],
    [
      'withdraw naming exactly the earliest day',
      member,
      { action: 'withdraw', date: '2019-01-01', effectiveOn: '2020-01-01' },
      { from: 'member', to: 'member', date: '2019-01-01', details: { effectiveOn: '2020-01-01' }, record: MEMBER_WITHDRAWING },
    ],
    [
      'withdraw on the day of admission',
      member,
      { action: 'withdraw', date: '2018-02-19' },
      {
        from: 'member',
        to: 'member',
        date: '2018-02-19',
        details: { effectiveOn: '2019-02-19' },
        record: {
          ...MEMBER,
          withdrawal: { notifiedOn: '2018-02-19', effectiveOn: '2019-02-19' },
          consents: [{ ...RATIFIED.consents[0], withdrawnOn: '2019-02-19' }],
          lastActOn: '2018-02-19',
        },
      },
    ],
    [
      'exit on the day the withdrawal takes effect',
      memberWithdrawing,
      { action: 'exit', date: '2020-01-01' },
      { from: 'member', to: 'withdrawn', date: '2020-01-01', details: null, record: WITHDRAWN },
    ],
    [
      'revoke a pending withdrawal the day before it takes effect',
      memberWithdrawing,
      { action: 'revoke_withdrawal', date: '2019-12-31' },
      { from: 'member', to: 'member', date: '2019-12-31', details: null, record: { ...MEMBER, lastActOn: '2019-12-31' } },
    ],
    [
      'revoke a pending withdrawal the day it was notified',
      memberWithdrawing,
      { action: 'revoke_withdrawal', date: '2019-01-01' },
      { from: 'member', to: 'member', date: '2019-01-01', details: null, record: { ...MEMBER, lastActOn: '2019-01-01' } },
    ],
    [
      'historical import: a revocation dated before the recorded exit undoes it',
      withdrawn,
      { action: 'revoke_withdrawal', date: '2019-06-01' },
      { from: 'withdrawn', to: 'member', date: '2019-06-01', details: null, record: { ...MEMBER, lastActOn: '2019-06-01' } },
    ],
    [
      'rejoin by accession after leaving',
      withdrawn,
      { action: 'accede', date: '2021-01-20' },
      {
        from: 'withdrawn',
        to: 'ratified',
        date: '2021-01-20',
        details: null,
        record: {
          ...SIGNED,
          status: 'ratified',
          depositedOn: '2021-01-20',
          instrument: 'accession',
          consents: [
            { ...RATIFIED.consents[0], withdrawnOn: '2020-01-01' },
            { instrument: 'accession', depositedOn: '2021-01-20', effectiveFrom: null, withdrawnOn: null },
          ],
          lastActOn: '2021-01-20',
        },
      },
    ],
    [
      'rejoin by ratification on the day of the exit',
      withdrawn,
      { action: 'ratify', date: '2020-01-01' },
      {
        from: 'withdrawn',
        to: 'ratified',
        date: '2020-01-01',
        details: null,
        record: {
          ...SIGNED,
          status: 'ratified',
          depositedOn: '2020-01-01',
          instrument: 'ratification',
          consents: [
            { ...RATIFIED.consents[0], withdrawnOn: '2020-01-01' },
            { instrument: 'ratification', depositedOn: '2020-01-01', effectiveFrom: null, withdrawnOn: null },
          ],
          lastActOn: '2020-01-01',
        },
      },
    ],
    [
      'rejoin after a legacy immediate withdrawal',
      legacyFromMember,
      { action: 'approve', date: '2019-01-01' },
      {
        from: 'withdrawn',
        to: 'ratified',
        date: '2019-01-01',
        details: null,
        record: {
          ...SIGNED,
          status: 'ratified',
          depositedOn: '2019-01-01',
          instrument: 'approval',
          consents: [
            { ...RATIFIED.consents[0], withdrawnOn: '2019-01-01' },
            { instrument: 'approval', depositedOn: '2019-01-01', effectiveFrom: null, withdrawnOn: null },
          ],
          lastActOn: '2019-01-01',
        },
      },
    ],
  ])('%s', (_name, history, act, decision) => {
    expect(decideAndReplay(history, act)).toEqual(decision);
  });

  it.each<[string, HistoryEvent[], ParticipantStatus, ParticipantRecord]>([
    ['a signature: signed → invited, signedOn cleared', signed, 'signed', INVITED],
    ['a ratification: ratified → signed, deposit and instrument cleared', ratified, 'ratified', SIGNED],
    ['an accession: ratified → invited', acceded, 'ratified', INVITED],
    ['a definitive signature: ratified → invited', [invite, ev('sign', '2017-02-01', { signature: 'definitive' })], 'ratified', INVITED],
    ['a succession: ratified → invited', [invite, ev('succeed', '2018-03-01', { effectiveFrom: '2017-06-03' })], 'ratified', INVITED],
    [
      'a confirmation: the signature ad referendum unconfirmed again',
      [...adReferendum, ev('confirm', '2017-03-01')],
      'signed',
      { ...SIGNED, signature: { kind: 'ad_referendum', confirmedOn: null } },
    ],
    ['a pending withdrawal: member → member, no withdrawal', memberWithdrawing, 'member', MEMBER],
    [
      'a revocation: the withdrawal pending again',
      [...memberWithdrawing, ev('revoke_withdrawal', '2019-06-01')],
      'member',
      MEMBER_WITHDRAWING,
    ],
    ['a revocation that undid an exit: withdrawn again', [...withdrawn, ev('revoke_withdrawal', '2019-06-01')], 'member', WITHDRAWN],
    ['a rejoining: withdrawn again', [...withdrawn, ev('accede', '2021-01-20')], 'ratified', WITHDRAWN],
    ['a legacy withdrawal from signed: withdrawn → signed', legacyFromSigned, 'withdrawn', SIGNED],
    ['a legacy withdrawal from ratified: withdrawn → ratified', legacyFromRatified, 'withdrawn', RATIFIED],
    ['a legacy withdrawal from member: withdrawn → member', legacyFromMember, 'withdrawn', MEMBER],
    ['an exit with the withdrawal it followed: withdrawn → member, no withdrawal', withdrawn, 'withdrawn', MEMBER],
    [
      'an exit, the admission drawn after the withdrawal, and the withdrawal: withdrawn → ratified',
      [
        ...ratified,
        ev('withdraw', '2019-01-01', { effectiveOn: '2020-01-01' }, 'ratified'),
        ev('admit', '2018-02-19', null, 'member'),
        ev('exit', '2020-01-01', null, 'withdrawn'),
      ],
      'withdrawn',
      RATIFIED,
    ],
    [
      'an exit that followed a withdrawal from ratified (never admitted): withdrawn → ratified',
      [...acceded, ev('withdraw', '2019-01-01', { effectiveOn: '2020-01-01' }, 'ratified'), ev('exit', '2020-01-01', null, 'withdrawn')],
      'withdrawn',
      ACCEDED,
    ],
    [
      'the exit left on top by correcting a rejoining: withdrawn → member',
      [...withdrawn, ev('accede', '2021-01-20'), ev('correct', '2024-01-01')],
      'withdrawn',
      MEMBER,
    ],
    ['the second of two corrections in a row: signed → invited', [...ratified, ev('correct', '2024-01-01')], 'signed', INVITED],
  ])('correct reverses %s', (_name, history, from, record) => {
    const result = decideAndReplay(history, { action: 'correct', date: context.today });
    expect(result).toEqual({ from, to: record.status, date: context.today, details: null, record });
  });

  it.each<[string, HistoryEvent[], Act, boolean]>([
    ['after a signature (a person act)', [invite], { action: 'sign', date: '2017-02-01' }, true],
    ['after a withdrawal', member, { action: 'withdraw', date: '2019-01-01' }, true],
    ['after an admission (the service)', ratified, { action: 'admit', date: '2018-02-19' }, false],
    [
      'after an admission drawn after a withdrawal',
      [...ratified, ev('withdraw', '2019-01-01', { effectiveOn: '2020-01-01' }, 'ratified')],
      { action: 'admit', date: '2018-02-19' },
      false,
    ],
    // The contract: an exit may be corrected (with the withdrawal it followed), so the record it leads to is correctable.
    ['after an exit (the service), which goes with its withdrawal', memberWithdrawing, { action: 'exit', date: '2020-01-01' }, true],
    [
      'after correcting a rejoining: the exit beneath may be corrected next',
      [...withdrawn, ev('accede', '2021-01-20')],
      { action: 'correct', date: '2024-06-15' },
      true,
    ],
    ['after correcting an exit: the admission beneath may not', withdrawn, { action: 'correct', date: '2024-06-15' }, false],
    ['after correcting a ratification: the signature may be corrected next', ratified, { action: 'correct', date: '2024-06-15' }, true],
    ['after correcting a signature: nothing left to correct', signed, { action: 'correct', date: '2024-06-15' }, false],
    ['after correcting a withdrawal made after an admission', memberWithdrawing, { action: 'correct', date: '2024-06-15' }, false],
  ])('correctable %s', (_name, history, act, correctable) => {
    expect(decide(history, act, context).correctable).toBe(correctable);
  });

  it('correct twice in a row reverses two acts', () => {
    const history = [...ratified];
    const first = decide(history, { action: 'correct', date: context.today }, context);
    history.push(ev('correct', first.date));
    const second = decide(history, { action: 'correct', date: context.today }, context);
    expect([first.from, first.to, second.from, second.to]).toEqual(['ratified', 'signed', 'signed', 'invited']);
    expect(second.record).toEqual(INVITED);
  });

  it.each([
    ['posted with no date', ''],
    ['posted with today', '2024-06-15'],
  ])('dates a correction today (%s)', (_name, date) => {
    expect(decide(ratified, { action: 'correct', date }, context).date).toBe(context.today);
  });

  it.each([
    ['in the past', '2001-01-01'],
    ['yesterday', '2024-06-14'],
    ['in the future', '2024-06-16'],
    ['not a date', 'not a date'],
  ])('refuses a correction posted with another date (%s)', (_name, date) => {
    const error = thrownBy(() => decide(ratified, { action: 'correct', date }, context));
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: ErrorCode.InvalidDate });
  });

  it('refuses a participant with no invitation', () => {
    expect(thrownBy(() => decide([], { action: 'sign', date: '2018-01-01' }, context))).toMatchObject({ code: ErrorCode.NotFound });
  });

  it('the default withdrawal delay is twelve months (VCLT 56(2))', () => {
    expect(DEFAULT_WITHDRAWAL_DELAY).toEqual({ months: 12 });
  });
});

/**
 * Every state × every action, through `decide` on real histories: the status it leads to, or
 * invalid_transition naming the status, the action and what a person may do. Written by hand from the contract.
 */
describe('decide: the machine on histories', () => {
  type GridAction = Exclude<PersonAction, 'correct'> | SystemAction | 'correct';
  interface Row {
    history: HistoryEvent[];
    status: ParticipantStatus;
    /** A valid date for acts from this state; some actions need their own. */
    on: string;
    dates?: Partial<Record<GridAction, string>>;
    allowed: PersonAction[];
    to: Partial<Record<GridAction, ParticipantStatus>>;
  }
  const ROWS: Record<string, Row> = {
    invited: {
      history: [invite],
      status: 'invited',
      on: '2018-01-01',
      allowed: ['sign', 'accept', 'approve', 'accede', 'succeed'],
      to: { sign: 'signed', accept: 'ratified', approve: 'ratified', accede: 'ratified', succeed: 'ratified' },
    },
    signed: {
      history: signed,
      status: 'signed',
      on: '2018-01-01',
      allowed: ['ratify', 'accept', 'approve', 'correct'],
      to: { ratify: 'ratified', accept: 'ratified', approve: 'ratified', correct: 'invited' },
    },
    'signed ad referendum': {
      history: adReferendum,
      status: 'signed',
      on: '2018-01-01',
      allowed: ['confirm', 'ratify', 'accept', 'approve', 'correct'],
      to: { confirm: 'signed', ratify: 'ratified', accept: 'ratified', approve: 'ratified', correct: 'invited' },
    },
    'signed ad referendum, confirmed': {
      history: [...adReferendum, ev('confirm', '2017-03-01')],
      status: 'signed',
      on: '2018-01-01',
      allowed: ['ratify', 'accept', 'approve', 'correct'],
      to: { ratify: 'ratified', accept: 'ratified', approve: 'ratified', correct: 'signed' },
    },
    ratified: {
      history: ratified,
      status: 'ratified',
      on: '2018-01-01',
      allowed: ['withdraw', 'correct'],
      to: { withdraw: 'ratified', admit: 'member', correct: 'signed' },
    },
    'ratified by definitive signature': {
      history: [invite, ev('sign', '2017-02-01', { signature: 'definitive' })],
      status: 'ratified',
      on: '2018-01-01',
      allowed: ['withdraw', 'correct'],
      to: { withdraw: 'ratified', admit: 'member', correct: 'invited' },
    },
    'ratified, withdrawal pending': {
      history: [...ratified, ev('withdraw', '2017-06-01', { effectiveOn: '2018-06-01' }, 'ratified')],
      status: 'ratified',
      on: '2018-01-01',
      dates: { exit: '2018-06-01' },
      allowed: ['revoke_withdrawal', 'correct'],
      to: { revoke_withdrawal: 'ratified', admit: 'member', exit: 'withdrawn', correct: 'ratified' },
    },
    member: {
      history: member,
      status: 'member',
      on: '2018-03-01',
      allowed: ['withdraw'],
      to: { withdraw: 'member' },
    },
    'member, withdrawal pending': {
      history: memberWithdrawing,
      status: 'member',
      on: '2019-06-01',
      dates: { exit: '2020-01-01' },
      allowed: ['revoke_withdrawal', 'correct'],
      to: { revoke_withdrawal: 'member', exit: 'withdrawn', correct: 'member' },
    },
    'withdrawn (exit recorded)': {
      history: withdrawn,
      status: 'withdrawn',
      on: '2021-01-20',
      dates: { revoke_withdrawal: '2019-06-01' },
      allowed: ['ratify', 'accept', 'approve', 'accede', 'revoke_withdrawal', 'correct'],
      // Correcting the exit takes the withdrawal it followed with it: back to the member before the withdrawal.
      to: {
        ratify: 'ratified',
        accept: 'ratified',
        approve: 'ratified',
        accede: 'ratified',
        revoke_withdrawal: 'member',
        correct: 'member',
      },
    },
    'withdrawn (legacy immediate withdrawal)': {
      history: legacyFromMember,
      status: 'withdrawn',
      on: '2021-01-20',
      // A revocation would have to be dated before the day the withdrawal took effect, its own day: never possible,
      // so it is not offered.
      allowed: ['ratify', 'accept', 'approve', 'accede', 'correct'],
      to: { ratify: 'ratified', accept: 'ratified', approve: 'ratified', accede: 'ratified', correct: 'member' },
    },
  };
  const ACTIONS: GridAction[] = [
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
    'correct',
  ];
  const grid = Object.entries(ROWS).flatMap(([name, row]) =>
    ACTIONS.map((action) => ({
      name,
      row,
      action,
      date: action === 'correct' ? context.today : (row.dates?.[action] ?? row.on),
      to: row.to[action] ?? null,
    })),
  );

  it.each(grid.filter((cell) => cell.to !== null))('$name --$action ($date)--> $to', ({ row, action, date, to }) => {
    const decision = decideAndReplay(row.history, { action, date });
    expect([decision.from, decision.to]).toEqual([row.status, to]);
  });

  it.each(grid.filter((cell) => cell.to === null))('$name --$action ($date)--> invalid_transition', ({ row, action, date }) => {
    const error = thrownBy(() => decide(row.history, { action, date }, context));
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: ErrorCode.InvalidTransition, details: { status: row.status, action, allowed: row.allowed } });
  });
});

/** Cases from the public record, act by act as the service would record them. */
describe('decide: cases from the public record', () => {
  const paris: DecisionContext = { today: '2024-06-15', openedForSignatureOn: '2016-04-22', withdrawal: { months: 12 } };
  const rome: DecisionContext = { today: '2024-06-15', openedForSignatureOn: '1998-07-17', withdrawal: { months: 12 } };

  const USA_INVITED: ParticipantRecord = { ...INVITED, invitedOn: '2016-04-22', lastActOn: '2016-04-22' };
  const USA_ACCEPTED: ParticipantRecord = {
    ...USA_INVITED,
    status: 'ratified',
    depositedOn: '2016-09-03',
    instrument: 'acceptance',
    consents: [{ instrument: 'acceptance', depositedOn: '2016-09-03', effectiveFrom: null, withdrawnOn: null }],
    lastActOn: '2016-09-03',
  };
  const USA_MEMBER: ParticipantRecord = { ...USA_ACCEPTED, status: 'member', memberSince: '2016-11-04' };
  const USA_WITHDRAWING: ParticipantRecord = {
    ...USA_MEMBER,
    withdrawal: { notifiedOn: '2019-11-04', effectiveOn: '2020-11-04' },
    consents: [{ ...USA_ACCEPTED.consents[0], withdrawnOn: '2020-11-04' }],
    lastActOn: '2019-11-04',
  };
  const USA_WITHDRAWN: ParticipantRecord = { ...USA_WITHDRAWING, status: 'withdrawn', withdrawnOn: '2020-11-04' };
  const USA_REJOINED: ParticipantRecord = {
    ...USA_INVITED,
    status: 'ratified',
    depositedOn: '2021-01-20',
    instrument: 'acceptance',
    consents: [
      { instrument: 'acceptance', depositedOn: '2016-09-03', effectiveFrom: null, withdrawnOn: '2020-11-04' },
      { instrument: 'acceptance', depositedOn: '2021-01-20', effectiveFrom: null, withdrawnOn: null },
    ],
    lastActOn: '2021-01-20',
  };
  const usa = [ev('invite', '2016-04-22')];
  const usaAccepted = [...usa, ev('accept', '2016-09-03', null, 'ratified')];
  const usaMember = [...usaAccepted, ev('admit', '2016-11-04', null, 'member')];
  const usaWithdrawing = [...usaMember, ev('withdraw', '2019-11-04', { effectiveOn: '2020-11-04' }, 'member')];
  const usaWithdrawn = [...usaWithdrawing, ev('exit', '2020-11-04', null, 'withdrawn')];
  const usaRejoined = [...usaWithdrawn, ev('accept', '2021-01-20', null, 'ratified')];

  const ZAF_MEMBER: ParticipantRecord = {
    ...INVITED,
    status: 'member',
    invitedOn: '1998-07-17',
    signedOn: '1998-07-17',
    signature: { kind: 'subject_to_ratification', confirmedOn: null },
    depositedOn: '2000-11-27',
    instrument: 'ratification',
    memberSince: '2002-07-01',
    consents: [{ instrument: 'ratification', depositedOn: '2000-11-27', effectiveFrom: null, withdrawnOn: null }],
    lastActOn: '2000-11-27',
  };
  const zaf = [
    ev('invite', '1998-07-17'),
    ev('sign', '1998-07-17', { signature: 'subject_to_ratification' }, 'signed'),
    ev('ratify', '2000-11-27', null, 'ratified'),
    ev('admit', '2002-07-01', null, 'member'),
  ];
  const zafWithdrawing = [...zaf, ev('withdraw', '2016-10-19', { effectiveOn: '2017-10-19' }, 'member')];

  it.each<[string, HistoryEvent[], Act, DecisionContext, ContractDecision]>([
    [
      'USA, Paris Agreement: accept 2016-09-03 with no signature',
      usa,
      { action: 'accept', date: '2016-09-03' },
      paris,
      { from: 'invited', to: 'ratified', date: '2016-09-03', details: null, record: USA_ACCEPTED },
    ],
    [
      'USA, Paris Agreement: accept 2016-09-03 after signing 2016-04-22',
      [...usa, ev('sign', '2016-04-22', { signature: 'subject_to_ratification' }, 'signed')],
      { action: 'accept', date: '2016-09-03' },
      paris,
      {
        from: 'signed',
        to: 'ratified',
        date: '2016-09-03',
        details: null,
        record: { ...USA_ACCEPTED, signedOn: '2016-04-22', signature: { kind: 'subject_to_ratification', confirmedOn: null } },
      },
    ],
    [
      'USA: withdrawal notified 2019-11-04 takes effect 2020-11-04; a member, counted, until then',
      usaMember,
      { action: 'withdraw', date: '2019-11-04' },
      paris,
      { from: 'member', to: 'member', date: '2019-11-04', details: { effectiveOn: '2020-11-04' }, record: USA_WITHDRAWING },
    ],
    [
      'USA: the service records the exit on 2020-11-04',
      usaWithdrawing,
      { action: 'exit', date: '2020-11-04' },
      paris,
      { from: 'member', to: 'withdrawn', date: '2020-11-04', details: null, record: USA_WITHDRAWN },
    ],
    [
      'USA: accepts again on 2021-01-20',
      usaWithdrawn,
      { action: 'accept', date: '2021-01-20' },
      paris,
      { from: 'withdrawn', to: 'ratified', date: '2021-01-20', details: null, record: USA_REJOINED },
    ],
    [
      'USA: admitted again on 2021-02-19',
      usaRejoined,
      { action: 'admit', date: '2021-02-19' },
      paris,
      {
        from: 'ratified',
        to: 'member',
        date: '2021-02-19',
        details: null,
        record: { ...USA_REJOINED, status: 'member', memberSince: '2021-02-19' },
      },
    ],
    [
      'South Africa, Rome Statute: withdrawal notified 2016-10-19, effective 2017-10-19',
      zaf,
      { action: 'withdraw', date: '2016-10-19' },
      rome,
      {
        from: 'member',
        to: 'member',
        date: '2016-10-19',
        details: { effectiveOn: '2017-10-19' },
        record: {
          ...ZAF_MEMBER,
          withdrawal: { notifiedOn: '2016-10-19', effectiveOn: '2017-10-19' },
          consents: [{ ...ZAF_MEMBER.consents[0], withdrawnOn: '2017-10-19' }],
          lastActOn: '2016-10-19',
        },
      },
    ],
    [
      'South Africa: revoked 2017-03-07, status unchanged, withdrawal null',
      zafWithdrawing,
      { action: 'revoke_withdrawal', date: '2017-03-07' },
      rome,
      { from: 'member', to: 'member', date: '2017-03-07', details: null, record: { ...ZAF_MEMBER, lastActOn: '2017-03-07' } },
    ],
    [
      'Montenegro: notification of succession 2007-10-23, bound from 2006-06-03',
      [ev('invite', '2006-06-28')],
      { action: 'succeed', date: '2007-10-23', effectiveFrom: '2006-06-03', predecessor: 'SCG' },
      rome,
      {
        from: 'invited',
        to: 'ratified',
        date: '2007-10-23',
        details: { effectiveFrom: '2006-06-03', predecessor: 'SCG' },
        record: {
          ...INVITED,
          invitedOn: '2006-06-28',
          status: 'ratified',
          depositedOn: '2007-10-23',
          instrument: 'succession',
          effectiveFrom: '2006-06-03',
          predecessor: 'SCG',
          consents: [{ instrument: 'succession', depositedOn: '2007-10-23', effectiveFrom: '2006-06-03', withdrawnOn: null }],
          lastActOn: '2007-10-23',
        },
      },
    ],
    [
      'ad referendum: signed 2014-01-01, confirmed 2014-06-01, the signature keeps its date (VCLT 12(2)(b))',
      [ev('invite', '2013-12-10'), ev('sign', '2014-01-01', { signature: 'ad_referendum' }, 'signed')],
      { action: 'confirm', date: '2014-06-01' },
      { ...context, openedForSignatureOn: '2013-12-10' },
      {
        from: 'signed',
        to: 'signed',
        date: '2014-06-01',
        details: null,
        record: {
          ...INVITED,
          invitedOn: '2013-12-10',
          status: 'signed',
          signedOn: '2014-01-01',
          signature: { kind: 'ad_referendum', confirmedOn: '2014-06-01' },
          lastActOn: '2014-06-01',
        },
      },
    ],
    [
      'Council of Europe delay: notified 2020-01-15, effective 2020-05-01',
      member,
      { action: 'withdraw', date: '2020-01-15' },
      { ...context, withdrawal: { months: 3, then: 'first_day_of_next_month' } },
      {
        from: 'member',
        to: 'member',
        date: '2020-01-15',
        details: { effectiveOn: '2020-05-01' },
        record: {
          ...MEMBER,
          withdrawal: { notifiedOn: '2020-01-15', effectiveOn: '2020-05-01' },
          consents: [{ ...RATIFIED.consents[0], withdrawnOn: '2020-05-01' }],
          lastActOn: '2020-01-15',
        },
      },
    ],
    [
      'Council of Europe delay: a later day named by the state',
      member,
      { action: 'withdraw', date: '2020-01-15', effectiveOn: '2020-06-01' },
      { ...context, withdrawal: { months: 3, then: 'first_day_of_next_month' } },
      {
        from: 'member',
        to: 'member',
        date: '2020-01-15',
        details: { effectiveOn: '2020-06-01' },
        record: {
          ...MEMBER,
          withdrawal: { notifiedOn: '2020-01-15', effectiveOn: '2020-06-01' },
          consents: [{ ...RATIFIED.consents[0], withdrawnOn: '2020-06-01' }],
          lastActOn: '2020-01-15',
        },
      },
    ],
    [
      'a withdrawal taking effect in the future',
      member,
      { action: 'withdraw', date: '2024-06-15' },
      context,
      {
        from: 'member',
        to: 'member',
        date: '2024-06-15',
        details: { effectiveOn: '2025-06-15' },
        record: {
          ...MEMBER,
          withdrawal: { notifiedOn: '2024-06-15', effectiveOn: '2025-06-15' },
          consents: [{ ...RATIFIED.consents[0], withdrawnOn: '2025-06-15' }],
          lastActOn: '2024-06-15',
        },
      },
    ],
    [
      'twelve months from a leap day end on 28 February',
      member,
      { action: 'withdraw', date: '2020-02-29' },
      context,
      {
        from: 'member',
        to: 'member',
        date: '2020-02-29',
        details: { effectiveOn: '2021-02-28' },
        record: {
          ...MEMBER,
          withdrawal: { notifiedOn: '2020-02-29', effectiveOn: '2021-02-28' },
          consents: [{ ...RATIFIED.consents[0], withdrawnOn: '2021-02-28' }],
          lastActOn: '2020-02-29',
        },
      },
    ],
  ])('%s', (_name, history, act, ctx, decision) => {
    expect(decideAndReplay(history, act, ctx)).toEqual(decision);
  });

  it.each<[string, HistoryEvent[], Act, DecisionContext, ParticipantStatus, PersonAction[]]>([
    [
      'a signatory cannot withdraw its signature',
      signed,
      { action: 'withdraw', date: '2019-01-01' },
      context,
      'signed',
      ['ratify', 'accept', 'approve', 'correct'],
    ],
    [
      'a signatory ad referendum cannot withdraw either',
      adReferendum,
      { action: 'withdraw', date: '2019-01-01' },
      context,
      'signed',
      ['confirm', 'ratify', 'accept', 'approve', 'correct'],
    ],
    [
      'South Africa: a revocation dated the day the withdrawal takes effect',
      zafWithdrawing,
      { action: 'revoke_withdrawal', date: '2017-10-19' },
      rome,
      'member',
      ['revoke_withdrawal', 'correct'],
    ],
    [
      'South Africa: a revocation dated after the withdrawal took effect',
      zafWithdrawing,
      { action: 'revoke_withdrawal', date: '2017-10-20' },
      rome,
      'member',
      ['revoke_withdrawal', 'correct'],
    ],
    [
      'a revocation of an exit dated on or after its effective day',
      withdrawn,
      { action: 'revoke_withdrawal', date: '2020-01-01' },
      context,
      'withdrawn',
      ['ratify', 'accept', 'approve', 'accede', 'revoke_withdrawal', 'correct'],
    ],
    [
      'confirm twice',
      [ev('invite', '2013-12-10'), ev('sign', '2014-01-01', { signature: 'ad_referendum' }), ev('confirm', '2014-06-01')],
      { action: 'confirm', date: '2014-07-01' },
      { ...context, openedForSignatureOn: '2013-12-10' },
      'signed',
      ['ratify', 'accept', 'approve', 'correct'],
    ],
    [
      'confirm a signature subject to ratification',
      [ev('invite', '2013-12-10'), ev('sign', '2014-01-01')],
      { action: 'confirm', date: '2014-06-01' },
      { ...context, openedForSignatureOn: '2013-12-10' },
      'signed',
      ['ratify', 'accept', 'approve', 'correct'],
    ],
    [
      'confirm a definitive signature',
      [ev('invite', '2013-12-10'), ev('sign', '2014-01-01', { signature: 'definitive' })],
      { action: 'confirm', date: '2014-06-01' },
      { ...context, openedForSignatureOn: '2013-12-10' },
      'ratified',
      ['withdraw', 'correct'],
    ],
    ['withdraw twice', memberWithdrawing, { action: 'withdraw', date: '2019-06-01' }, context, 'member', ['revoke_withdrawal', 'correct']],
    ['revoke with no withdrawal', member, { action: 'revoke_withdrawal', date: '2019-06-01' }, context, 'member', ['withdraw']],
    [
      'accept while the withdrawal is pending',
      memberWithdrawing,
      { action: 'accept', date: '2019-06-01' },
      context,
      'member',
      ['revoke_withdrawal', 'correct'],
    ],
    [
      'succeed after a signature',
      signed,
      { action: 'succeed', date: '2019-06-01' },
      context,
      'signed',
      ['ratify', 'accept', 'approve', 'correct'],
    ],
    [
      'succeed after leaving',
      withdrawn,
      { action: 'succeed', date: '2021-01-20' },
      context,
      'withdrawn',
      ['ratify', 'accept', 'approve', 'accede', 'revoke_withdrawal', 'correct'],
    ],
    [
      'sign after leaving',
      withdrawn,
      { action: 'sign', date: '2021-01-20' },
      context,
      'withdrawn',
      ['ratify', 'accept', 'approve', 'accede', 'revoke_withdrawal', 'correct'],
    ],
    ['correct an admission (the service’s act)', member, { action: 'correct', date: '2024-06-15' }, context, 'member', ['withdraw']],
    [
      'correct an admission drawn after a withdrawal: the withdrawal beneath is not reached',
      [...ratified, ev('withdraw', '2019-01-01', { effectiveOn: '2020-01-01' }, 'ratified'), ev('admit', '2018-02-19', null, 'member')],
      { action: 'correct', date: '2024-06-15' },
      context,
      'member',
      ['revoke_withdrawal'],
    ],
    [
      'correct on invited',
      [invite],
      { action: 'correct', date: '2024-06-15' },
      context,
      'invited',
      ['sign', 'accept', 'approve', 'accede', 'succeed'],
    ],
    [
      'correct after every act is corrected',
      [...signed, ev('correct', '2024-01-01')],
      { action: 'correct', date: '2024-06-15' },
      context,
      'invited',
      ['sign', 'accept', 'approve', 'accede', 'succeed'],
    ],
    [
      'correct on a member restored by correcting its withdrawal',
      [...legacyFromMember, ev('correct', '2024-01-01')],
      { action: 'correct', date: '2024-06-15' },
      context,
      'member',
      ['withdraw'],
    ],
    ['admit twice', member, { action: 'admit', date: '2019-01-01' }, context, 'member', ['withdraw']],
    ['admit a signatory', signed, { action: 'admit', date: '2018-01-01' }, context, 'signed', ['ratify', 'accept', 'approve', 'correct']],
    ['exit with no withdrawal', member, { action: 'exit', date: '2019-01-01' }, context, 'member', ['withdraw']],
  ])('refuses %s: invalid_transition naming what is allowed', (_name, history, act, ctx, status, allowed) => {
    const error = thrownBy(() => decide(history, act, ctx));
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: ErrorCode.InvalidTransition, details: { status, action: act.action, allowed } });
  });

  it.each<[string, HistoryEvent[], Act, DecisionContext, Record<string, string>]>([
    ['a signature in the future', [invite], { action: 'sign', date: '2024-06-16' }, context, { today: '2024-06-15' }],
    ['an admission in the future', ratified, { action: 'admit', date: '2025-01-01' }, context, { date: '2025-01-01', today: '2024-06-15' }],
    [
      'an exit on its effective day, still to come',
      [...member, ev('withdraw', '2024-01-10', { effectiveOn: '2025-01-10' }, 'member')],
      { action: 'exit', date: '2025-01-10' },
      context,
      { date: '2025-01-10', today: '2024-06-15' },
    ],
    ['an exit before the withdrawal is due', memberWithdrawing, { action: 'exit', date: '2019-06-01' }, context, { date: '2019-06-01' }],
    [
      'an exit the day before the withdrawal takes effect',
      memberWithdrawing,
      { action: 'exit', date: '2019-12-31' },
      context,
      { date: '2019-12-31' },
    ],
    [
      'an exit dated after the withdrawal took effect',
      memberWithdrawing,
      { action: 'exit', date: '2020-01-02' },
      context,
      { date: '2020-01-02' },
    ],
    [
      'an exit dated today, long after the withdrawal took effect',
      memberWithdrawing,
      { action: 'exit', date: '2024-06-15' },
      context,
      { date: '2024-06-15' },
    ],
    ['an admission dated no calendar day', ratified, { action: 'admit', date: '2018-02-30' }, context, {}],
    ['a withdrawal notified in the future', member, { action: 'withdraw', date: '2024-06-16' }, context, { today: '2024-06-15' }],
    [
      'a signature before the treaty opened',
      [ev('invite', '2015-01-01')],
      { action: 'sign', date: '2016-05-25' },
      context,
      { openedForSignatureOn: '2016-05-26' },
    ],
    ['a signature before the invitation', [invite], { action: 'sign', date: '2017-01-09' }, context, { previousOn: '2017-01-10' }],
    ['a ratification before the signature', signed, { action: 'ratify', date: '2017-01-31' }, context, { previousOn: '2017-02-01' }],
    ['an accession before the invitation', [invite], { action: 'accede', date: '2016-12-31' }, context, { previousOn: '2017-01-10' }],
    ['a confirmation before the signature', adReferendum, { action: 'confirm', date: '2017-01-31' }, context, { previousOn: '2017-02-01' }],
    [
      'a ratification before the confirmation',
      [...adReferendum, ev('confirm', '2017-03-01')],
      { action: 'ratify', date: '2017-02-15' },
      context,
      { previousOn: '2017-03-01' },
    ],
    ['a withdrawal before the deposit', ratified, { action: 'withdraw', date: '2017-04-30' }, context, { previousOn: '2017-05-01' }],
    ['a withdrawal before the admission', member, { action: 'withdraw', date: '2018-02-18' }, context, { previousOn: '2018-02-19' }],
    [
      'a revocation before the notification',
      memberWithdrawing,
      { action: 'revoke_withdrawal', date: '2018-12-31' },
      context,
      { previousOn: '2019-01-01' },
    ],
    ['a rejoining before the exit', withdrawn, { action: 'accede', date: '2019-12-31' }, context, { previousOn: '2020-01-01' }],
    ['a date that is no calendar day', signed, { action: 'ratify', date: '2019-02-29' }, context, {}],
    [
      'a withdrawal taking effect before the delay: USA notified 2019-11-04 naming 2020-11-03',
      member,
      { action: 'withdraw', date: '2019-11-04', effectiveOn: '2020-11-03' },
      context,
      { effectiveOn: '2020-11-03', earliest: '2020-11-04' },
    ],
    [
      'a withdrawal taking effect the day it is notified',
      member,
      { action: 'withdraw', date: '2019-11-04', effectiveOn: '2019-11-04' },
      context,
      { effectiveOn: '2019-11-04' },
    ],
    [
      'a withdrawal taking effect before the Council of Europe delay: 2020-01-15 naming 2020-04-30',
      member,
      { action: 'withdraw', date: '2020-01-15', effectiveOn: '2020-04-30' },
      { ...context, withdrawal: { months: 3, then: 'first_day_of_next_month' } },
      { effectiveOn: '2020-04-30', earliest: '2020-05-01' },
    ],
    [
      'a withdrawal effective on no calendar day',
      member,
      { action: 'withdraw', date: '2019-11-04', effectiveOn: '2021-02-29' },
      context,
      {},
    ],
    [
      'Montenegro: a date of succession after the notification',
      [ev('invite', '2006-06-28')],
      { action: 'succeed', date: '2007-10-23', effectiveFrom: '2007-10-24' },
      { ...context, openedForSignatureOn: '1998-07-17' },
      { effectiveFrom: '2007-10-24', date: '2007-10-23' },
    ],
    [
      'a date of succession that is no calendar day',
      [ev('invite', '2006-06-28')],
      { action: 'succeed', date: '2007-10-23', effectiveFrom: '2006-02-30' },
      { ...context, openedForSignatureOn: '1998-07-17' },
      {},
    ],
    [
      'a new withdrawal dated before the revocation of the previous one (the revocation is the previous act)',
      [...memberWithdrawing, ev('revoke_withdrawal', '2019-06-01')],
      { action: 'withdraw', date: '2019-03-01' },
      context,
      {},
    ],
    [
      'a new withdrawal dated before a revocation that undid an exit',
      [...withdrawn, ev('revoke_withdrawal', '2019-06-01')],
      { action: 'withdraw', date: '2019-03-01' },
      context,
      {},
    ],
  ])('applies the date rules: refuses %s with invalid_date', (_name, history, act, ctx, details) => {
    const error = thrownBy(() => decide(history, act, ctx));
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: ErrorCode.InvalidDate, details });
  });
});
