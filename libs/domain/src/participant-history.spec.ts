import { DomainError, ErrorCode } from './errors';
import { Decision, HistoryEvent, ParticipantRecord, decide, latestDate, replay } from './participant-history';
import { EventAction, ParticipantStatus, PersonAction } from './status-machine';

const ev = (action: EventAction, date: string): HistoryEvent => ({
  action,
  date,
});

const INVITED: ParticipantRecord = {
  status: 'invited',
  invitedOn: '2017-01-10',
  signedOn: null,
  depositedOn: null,
  instrument: null,
  memberSince: null,
  withdrawnOn: null,
};

const invite = ev('invite', '2017-01-10');
const sign = ev('sign', '2017-02-01');
const context = { today: '2024-06-15', openedForSignatureOn: '2016-05-26' };

function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw, got none');
}

const current = (events: HistoryEvent[]): ParticipantRecord | undefined => replay(events).at(-1)?.record;

describe('replay', () => {
  it.each<[string, HistoryEvent[], ParticipantRecord]>([
    ['invite', [invite], INVITED],
    ['sign', [invite, sign], { ...INVITED, status: 'signed', signedOn: '2017-02-01' }],
    [
      'ratify',
      [invite, sign, ev('ratify', '2017-05-01')],
      {
        ...INVITED,
        status: 'ratified',
        signedOn: '2017-02-01',
        depositedOn: '2017-05-01',
        instrument: 'ratification',
      },
    ],
    [
      'accept',
      [invite, sign, ev('accept', '2017-05-02')],
      {
        ...INVITED,
        status: 'ratified',
        signedOn: '2017-02-01',
        depositedOn: '2017-05-02',
        instrument: 'acceptance',
      },
    ],
    [
      'approve',
      [invite, sign, ev('approve', '2017-05-03')],
      {
        ...INVITED,
        status: 'ratified',
        signedOn: '2017-02-01',
        depositedOn: '2017-05-03',
        instrument: 'approval',
      },
    ],
    [
      'accede',
      [invite, ev('accede', '2018-03-01')],
      {
        ...INVITED,
        status: 'ratified',
        depositedOn: '2018-03-01',
        instrument: 'accession',
      },
    ],
    [
      'admit',
      [invite, sign, ev('ratify', '2017-05-01'), ev('admit', '2018-02-19')],
      {
        ...INVITED,
        status: 'member',
        signedOn: '2017-02-01',
        depositedOn: '2017-05-01',
        instrument: 'ratification',
        memberSince: '2018-02-19',
      },
    ],
    [
      'withdraw from signed',
      [invite, sign, ev('withdraw', '2019-01-01')],
      {
        ...INVITED,
        status: 'withdrawn',
        signedOn: '2017-02-01',
        withdrawnOn: '2019-01-01',
      },
    ],
    [
      'withdraw from ratified',
      [invite, ev('accede', '2018-03-01'), ev('withdraw', '2019-01-01')],
      {
        ...INVITED,
        status: 'withdrawn',
        depositedOn: '2018-03-01',
        instrument: 'accession',
        withdrawnOn: '2019-01-01',
      },
    ],
    [
      'withdraw from member',
      [invite, ev('accede', '2018-03-01'), ev('admit', '2018-04-01'), ev('withdraw', '2019-01-01')],
      {
        ...INVITED,
        status: 'withdrawn',
        depositedOn: '2018-03-01',
        instrument: 'accession',
        memberSince: '2018-04-01',
        withdrawnOn: '2019-01-01',
      },
    ],
    ['correct a signature: signed → invited, signedOn cleared', [invite, sign, ev('correct', '2024-01-01')], INVITED],
    [
      'correct a ratification: ratified → signed, deposit and instrument cleared',
      [invite, sign, ev('ratify', '2017-05-01'), ev('correct', '2024-01-01')],
      { ...INVITED, status: 'signed', signedOn: '2017-02-01' },
    ],
    ['correct an accession: ratified → invited', [invite, ev('accede', '2018-03-01'), ev('correct', '2024-01-01')], INVITED],
    [
      'correct a withdrawal from signed: withdrawn → signed',
      [invite, sign, ev('withdraw', '2019-01-01'), ev('correct', '2024-01-01')],
      { ...INVITED, status: 'signed', signedOn: '2017-02-01' },
    ],
    [
      'correct a withdrawal from member: withdrawn → member',
      [invite, ev('accede', '2018-03-01'), ev('admit', '2018-04-01'), ev('withdraw', '2019-01-01'), ev('correct', '2024-01-01')],
      {
        ...INVITED,
        status: 'member',
        depositedOn: '2018-03-01',
        instrument: 'accession',
        memberSince: '2018-04-01',
      },
    ],
    [
      'correct twice: ratified → signed → invited',
      [invite, sign, ev('ratify', '2017-05-01'), ev('correct', '2024-01-01'), ev('correct', '2024-01-02')],
      INVITED,
    ],
    [
      'act again after a correction',
      [invite, ev('sign', '2017-03-01'), ev('correct', '2024-01-01'), ev('sign', '2017-02-15')],
      { ...INVITED, status: 'signed', signedOn: '2017-02-15' },
    ],
    [
      'a different instrument after correcting a ratification',
      [invite, sign, ev('ratify', '2017-05-01'), ev('correct', '2024-01-01'), ev('accept', '2017-06-01')],
      {
        ...INVITED,
        status: 'ratified',
        signedOn: '2017-02-01',
        depositedOn: '2017-06-01',
        instrument: 'acceptance',
      },
    ],
  ])('%s', (_name, events, record) => {
    expect(current(events)).toEqual(record);
  });

  it.each<[string, HistoryEvent[], boolean[]]>([
    ['invite only', [invite], [false]],
    ['sign, ratify, admit', [invite, sign, ev('ratify', '2017-05-01'), ev('admit', '2018-02-19')], [false, true, true, false]],
    ['a correction pops the latest act', [invite, sign, ev('withdraw', '2019-01-01'), ev('correct', '2024-01-01')], [false, true]],
  ])('keeps a stack of records, person acts reversible (%s)', (_name, events, reversible) => {
    expect(replay(events).map((entry) => entry.reversible)).toEqual(reversible);
  });

  it('returns an empty stack for no events', () => {
    expect(replay([])).toEqual([]);
  });

  it.each<[string, HistoryEvent[]]>([
    ['ratify without signature', [invite, ev('ratify', '2017-05-01')]],
    ['sign twice', [invite, sign, ev('sign', '2017-03-01')]],
    ['act after withdrawal', [invite, sign, ev('withdraw', '2019-01-01'), ev('ratify', '2019-02-01')]],
  ])('refuses an impossible history: %s', (_name, events) => {
    expect(thrownBy(() => replay(events))).toMatchObject({
      code: ErrorCode.InvalidTransition,
    });
  });
});

describe('latestDate', () => {
  it.each<[Partial<ParticipantRecord>, string]>([
    [{}, '2017-01-10'],
    [{ signedOn: '2017-02-01' }, '2017-02-01'],
    [{ signedOn: '2017-02-01', depositedOn: '2017-05-01' }, '2017-05-01'],
    [{ depositedOn: '2017-05-01', memberSince: '2018-02-19' }, '2018-02-19'],
    [{ signedOn: '2017-02-01', withdrawnOn: '2019-01-01' }, '2019-01-01'],
  ])('latestDate(%j) = %s', (fields, expected) => {
    expect(latestDate({ ...INVITED, ...fields })).toBe(expected);
  });
});

describe('decide', () => {
  const signed = [invite, sign];
  const ratified = [...signed, ev('ratify', '2017-05-01')];
  const member = [...ratified, ev('admit', '2018-02-19')];
  const withdrawn = [...signed, ev('withdraw', '2019-01-01')];

  it.each<[string, HistoryEvent[], PersonAction | 'admit', string, Omit<Decision, 'record'>, Partial<ParticipantRecord>]>([
    ['sign', [invite], 'sign', '2017-02-01', { from: 'invited', to: 'signed', date: '2017-02-01' }, { signedOn: '2017-02-01' }],
    [
      'ratify',
      signed,
      'ratify',
      '2017-05-01',
      { from: 'signed', to: 'ratified', date: '2017-05-01' },
      { depositedOn: '2017-05-01', instrument: 'ratification' },
    ],
    [
      'accept',
      signed,
      'accept',
      '2017-05-01',
      { from: 'signed', to: 'ratified', date: '2017-05-01' },
      { depositedOn: '2017-05-01', instrument: 'acceptance' },
    ],
    [
      'approve',
      signed,
      'approve',
      '2017-05-01',
      { from: 'signed', to: 'ratified', date: '2017-05-01' },
      { depositedOn: '2017-05-01', instrument: 'approval' },
    ],
    [
      'accede',
      [invite],
      'accede',
      '2018-03-01',
      { from: 'invited', to: 'ratified', date: '2018-03-01' },
      { depositedOn: '2018-03-01', instrument: 'accession', signedOn: null },
    ],
    ['admit', ratified, 'admit', '2018-02-19', { from: 'ratified', to: 'member', date: '2018-02-19' }, { memberSince: '2018-02-19' }],
    [
      'withdraw from signed',
      signed,
      'withdraw',
      '2019-01-01',
      { from: 'signed', to: 'withdrawn', date: '2019-01-01' },
      { withdrawnOn: '2019-01-01' },
    ],
    [
      'withdraw from ratified',
      ratified,
      'withdraw',
      '2019-01-01',
      { from: 'ratified', to: 'withdrawn', date: '2019-01-01' },
      { withdrawnOn: '2019-01-01' },
    ],
    [
      'withdraw from member',
      member,
      'withdraw',
      '2019-01-01',
      { from: 'member', to: 'withdrawn', date: '2019-01-01' },
      { withdrawnOn: '2019-01-01' },
    ],
    [
      'sign on the invitation day',
      [invite],
      'sign',
      '2017-01-10',
      { from: 'invited', to: 'signed', date: '2017-01-10' },
      { signedOn: '2017-01-10' },
    ],
    [
      'ratify on the signature day',
      signed,
      'ratify',
      '2017-02-01',
      { from: 'signed', to: 'ratified', date: '2017-02-01' },
      { depositedOn: '2017-02-01', instrument: 'ratification' },
    ],
    ['sign today', [invite], 'sign', '2024-06-15', { from: 'invited', to: 'signed', date: '2024-06-15' }, { signedOn: '2024-06-15' }],
    [
      'sign before a corrected signature date',
      [invite, ev('sign', '2018-01-01'), ev('correct', '2024-01-01')],
      'sign',
      '2017-06-01',
      { from: 'invited', to: 'signed', date: '2017-06-01' },
      { signedOn: '2017-06-01' },
    ],
  ])('%s', (_name, history, action, date, decision, fields) => {
    const result = decide(history, { action, date }, context);
    expect(result).toMatchObject(decision);
    expect(result.record).toEqual({
      ...current(history),
      ...fields,
      status: decision.to,
    });
  });

  it.each<[string, HistoryEvent[], ParticipantStatus, ParticipantRecord]>([
    ['a signature: signed → invited, signedOn cleared', signed, 'signed', INVITED],
    [
      'a ratification: ratified → signed, deposit and instrument cleared',
      ratified,
      'ratified',
      { ...INVITED, status: 'signed', signedOn: '2017-02-01' },
    ],
    ['an accession: ratified → invited', [invite, ev('accede', '2018-03-01')], 'ratified', INVITED],
    ['a withdrawal from signed: withdrawn → signed', withdrawn, 'withdrawn', { ...INVITED, status: 'signed', signedOn: '2017-02-01' }],
    [
      'a withdrawal from ratified: withdrawn → ratified',
      [...ratified, ev('withdraw', '2019-01-01')],
      'withdrawn',
      {
        ...INVITED,
        status: 'ratified',
        signedOn: '2017-02-01',
        depositedOn: '2017-05-01',
        instrument: 'ratification',
      },
    ],
    [
      'a withdrawal from member: withdrawn → member',
      [...member, ev('withdraw', '2019-01-01')],
      'withdrawn',
      {
        ...INVITED,
        status: 'member',
        signedOn: '2017-02-01',
        depositedOn: '2017-05-01',
        instrument: 'ratification',
        memberSince: '2018-02-19',
      },
    ],
    ['the second of two corrections in a row: signed → invited', [...ratified, ev('correct', '2024-01-01')], 'signed', INVITED],
  ])('correct reverses %s', (_name, history, from, record) => {
    const result = decide(history, { action: 'correct', date: context.today }, context);
    expect(result).toEqual({
      from,
      to: record.status,
      date: context.today,
      record,
    });
  });

  it('correct twice in a row reverses two acts', () => {
    const history = [...ratified];
    const first = decide(history, { action: 'correct', date: context.today }, context);
    history.push(ev('correct', first.date));
    const second = decide(history, { action: 'correct', date: context.today }, context);
    expect([first.from, first.to, second.from, second.to]).toEqual(['ratified', 'signed', 'signed', 'invited']);
    expect(second.record).toEqual(INVITED);
  });

  it.each<[string, HistoryEvent[], PersonAction | 'admit', string, ParticipantStatus]>([
    ['correct on invited', [invite], 'correct', '2024-06-15', 'invited'],
    ['correct on member reached by admit', member, 'correct', '2024-06-15', 'member'],
    ['correct after every act is corrected', [...signed, ev('correct', '2024-01-01')], 'correct', '2024-06-15', 'invited'],
    [
      'correct on a member restored by correcting its withdrawal',
      [...member, ev('withdraw', '2019-01-01'), ev('correct', '2024-01-01')],
      'correct',
      '2024-06-15',
      'member',
    ],
    ['sign twice', signed, 'sign', '2018-01-01', 'signed'],
    ['ratify without signature', [invite], 'ratify', '2018-01-01', 'invited'],
    ['accede after signature', signed, 'accede', '2018-01-01', 'signed'],
    ['admit a signatory', signed, 'admit', '2018-01-01', 'signed'],
    ['admit twice', member, 'admit', '2019-01-01', 'member'],
    ['withdraw an invitee', [invite], 'withdraw', '2018-01-01', 'invited'],
    ['withdraw twice', withdrawn, 'withdraw', '2020-01-01', 'withdrawn'],
    ['ratify after withdrawal', withdrawn, 'ratify', '2020-01-01', 'withdrawn'],
  ])('refuses %s with invalid_transition', (_name, history, action, date, status) => {
    const error = thrownBy(() => decide(history, { action, date }, context));
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({
      code: ErrorCode.InvalidTransition,
      details: { status, action },
    });
  });

  it('refuses a participant with no invitation', () => {
    expect(thrownBy(() => decide([], { action: 'sign', date: '2018-01-01' }, context))).toMatchObject({ code: ErrorCode.NotFound });
  });

  it.each<[string, HistoryEvent[], PersonAction | 'admit', string, Record<string, string>]>([
    ['a signature in the future', [invite], 'sign', '2024-06-16', { today: '2024-06-15' }],
    ['an admission in the future', ratified, 'admit', '2025-01-01', { today: '2024-06-15' }],
    ['a signature before the treaty opened', [ev('invite', '2015-01-01')], 'sign', '2016-05-25', { openedForSignatureOn: '2016-05-26' }],
    ['a signature before the invitation', [invite], 'sign', '2017-01-09', { previousOn: '2017-01-10' }],
    ['a ratification before the signature', signed, 'ratify', '2017-01-31', { previousOn: '2017-02-01' }],
    ['an accession before the invitation', [invite], 'accede', '2016-12-31', { previousOn: '2017-01-10' }],
    ['a withdrawal before the deposit', ratified, 'withdraw', '2017-04-30', { previousOn: '2017-05-01' }],
    ['a withdrawal before the admission', member, 'withdraw', '2018-02-18', { previousOn: '2018-02-19' }],
    ['a date that is no calendar day', signed, 'ratify', '2019-02-29', {}],
  ])('applies the date rules: refuses %s', (_name, history, action, date, details) => {
    const error = thrownBy(() => decide(history, { action, date }, context));
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: ErrorCode.InvalidDate, details });
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
});
