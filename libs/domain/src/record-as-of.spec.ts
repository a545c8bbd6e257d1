import iofs from '../../../apps/dev/src/iofs-statute.json';
import { Deposit, evaluateEntryIntoForce } from './entry-into-force';
import { EntryIntoForceRule, entryIntoForceRuleSchema } from './entry-into-force-rule';
import { ActDetails, ParticipantRecord, invitedRecord, recordOf } from './participant-history';
import { TimedHistoryEvent, TreatyStanding, countRecords, depositsOfRecords, recordAsOf, treatyStandingOn } from './record-as-of';
import { EventAction, ParticipantStatus } from './status-machine';

/** Rules go through the real schema, so the defaults are the ones the service stores. */
const rule = (input: Record<string, unknown>): EntryIntoForceRule => entryIntoForceRuleSchema.parse(input);

const at = (action: EventAction, date: string, recordedAt: string, details?: ActDetails, to?: ParticipantStatus): TimedHistoryEvent => ({
  action,
  date,
  recordedAt,
  ...(details ? { details } : {}),
  ...(to ? { to } : {}),
});

/** Events recorded one minute apart from `from`, in the order given. */
function recorded(from: string, events: [EventAction, string, ActDetails?, ParticipantStatus?][]): TimedHistoryEvent[] {
  const start = Date.parse(from);
  return events.map(([action, date, details, to], index) => at(action, date, new Date(start + index * 60_000).toISOString(), details, to));
}

type History = { country: string; events: TimedHistoryEvent[] };
const recordIn = (result: ReturnType<typeof recordAsOf>, country: string): ParticipantRecord | undefined =>
  result.participants.find((participant) => participant.country === country)?.record;

// ---------------------------------------------------------------------------------------------------------------
// The IOFS Statute demo, as apps/dev/src/iofs-statute.json has it: 57 invitations, then each act in file order.

const IOFS_RULE = rule(iofs.treaty.entryIntoForce);
const IOFS_HISTORIES: History[] = (() => {
  let tick = Date.parse('2024-01-01T00:00:00Z');
  const next = (): string => new Date((tick += 60_000)).toISOString();
  const histories = iofs.invited.countries.map((country) => ({
    country,
    events: [at('invite', iofs.invited.invitedOn, next())],
  }));
  for (const act of iofs.actions)
    histories.find((history) => history.country === act.country)!.events.push(at(act.action as EventAction, act.date, next()));
  return histories;
})();
const IOFS_FOUNDERS = ['AFG', 'ARE', 'BFA', 'BGD', 'GMB', 'KAZ', 'KWT', 'NER', 'PSE', 'QAT'];

describe('recordAsOf: the IOFS Statute demo', () => {
  it('reads the demo file: 57 invited, 54 acts', () => {
    expect(IOFS_HISTORIES).toHaveLength(57);
    expect(IOFS_HISTORIES.reduce((sum, history) => sum + history.events.length, 0)).toBe(57 + 54);
  });

  it.each<{
    asOf: string;
    counts: Record<ParticipantStatus | 'signatories', number>;
    standing: TreatyStanding;
    current: number;
  }>([
    {
      asOf: '2013-12-09',
      counts: { invited: 0, signed: 0, ratified: 0, member: 0, withdrawn: 0, signatories: 0 },
      standing: { status: 'open', metOn: null, entryIntoForceOn: null, undone: false },
      current: 0,
    },
    {
      asOf: '2013-12-10',
      counts: { invited: 38, signed: 19, ratified: 0, member: 0, withdrawn: 0, signatories: 19 },
      standing: { status: 'open', metOn: null, entryIntoForceOn: null, undone: false },
      current: 0,
    },
    {
      asOf: '2016-07-10',
      counts: { invited: 25, signed: 29, ratified: 3, member: 0, withdrawn: 0, signatories: 32 },
      standing: { status: 'open', metOn: null, entryIntoForceOn: null, undone: false },
      current: 3,
    },
    {
      asOf: '2016-07-11',
      counts: { invited: 24, signed: 30, ratified: 3, member: 0, withdrawn: 0, signatories: 33 },
      standing: { status: 'open', metOn: null, entryIntoForceOn: null, undone: false },
      current: 3,
    },
    {
      asOf: '2018-02-18',
      counts: { invited: 24, signed: 24, ratified: 9, member: 0, withdrawn: 0, signatories: 33 },
      standing: { status: 'open', metOn: null, entryIntoForceOn: null, undone: false },
      current: 9,
    },
    {
      asOf: '2018-02-19',
      counts: { invited: 24, signed: 23, ratified: 0, member: 10, withdrawn: 0, signatories: 33 },
      standing: { status: 'in_force', metOn: '2018-02-19', entryIntoForceOn: '2018-02-19', undone: false },
      current: 10,
    },
    {
      asOf: '2024-06-15',
      counts: { invited: 15, signed: 30, ratified: 0, member: 12, withdrawn: 0, signatories: 42 },
      standing: { status: 'in_force', metOn: '2018-02-19', entryIntoForceOn: '2018-02-19', undone: false },
      current: 12,
    },
  ])('as at $asOf: $counts.signatories signatories, $standing.status, $current counted', ({ asOf, counts, standing, current }) => {
    const result = recordAsOf(IOFS_RULE, IOFS_HISTORIES, asOf, null);
    expect(countRecords(result.participants.map((participant) => participant.record))).toEqual(counts);
    expect(result.standing).toEqual(standing);
    expect(result.outcome.current).toBe(current);
  });

  it.each<[string, string, Partial<ParticipantRecord> | undefined]>([
    ['SEN', '2016-07-10', { status: 'invited', signedOn: null }],
    ['SEN', '2016-07-11', { status: 'signed', signedOn: '2016-07-11' }],
    ['ARE', '2018-02-18', { status: 'signed', signedOn: '2016-01-12', depositedOn: null }],
    ['ARE', '2018-02-19', { status: 'member', depositedOn: '2018-02-19', instrument: 'ratification', memberSince: '2018-02-19' }],
    ['QAT', '2018-02-18', { status: 'ratified', depositedOn: '2018-01-24', memberSince: null }],
    ['EGY', '2018-02-19', { status: 'signed', signedOn: '2016-04-27' }],
    ['EGY', '2019-05-12', { status: 'member', memberSince: '2019-05-12' }],
    ['SAU', '2020-11-02', { status: 'signed' }],
    ['SAU', '2020-11-03', { status: 'member', memberSince: '2020-11-03' }],
    ['NGA', '2019-08-27', { status: 'invited' }],
    ['NGA', '2019-08-28', { status: 'signed', signedOn: '2019-08-28' }],
  ])('%s as at %s', (country, asOf, fields) => {
    expect(recordIn(recordAsOf(IOFS_RULE, IOFS_HISTORIES, asOf, null), country)).toMatchObject(fields!);
  });

  it('as at 2018-02-19 the ten ratified parties are members since 2018-02-19', () => {
    const result = recordAsOf(IOFS_RULE, IOFS_HISTORIES, '2018-02-19', null);
    const members = result.participants.filter((participant) => participant.record.status === 'member');
    expect(members.map((participant) => participant.country).sort()).toEqual(IOFS_FOUNDERS);
    for (const { record } of members) expect(record.memberSince).toBe('2018-02-19');
  });

  it('as at 2018-02-18 none is a member and nine are ratified', () => {
    const result = recordAsOf(IOFS_RULE, IOFS_HISTORIES, '2018-02-18', null);
    const ratified = result.participants.filter((participant) => participant.record.status === 'ratified');
    expect(ratified.map((participant) => participant.country).sort()).toEqual(IOFS_FOUNDERS.filter((country) => country !== 'ARE'));
  });

  it('knownAt before the demo was recorded: only what was recorded by then', () => {
    const result = recordAsOf(IOFS_RULE, IOFS_HISTORIES, '2024-06-15', '2023-12-31T23:59:59Z');
    expect(result.participants).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// The United States and the Paris Agreement (threshold met 2016-10-05, in force 2016-11-04): a small rule of two
// parties with France, which approved on 2016-10-05.

const PARIS = rule({ minimumParties: 2, entersIntoForce: { days: 30 }, laterParties: { days: 30 } });
const USA_ACTS: [EventAction, string, ActDetails?, ParticipantStatus?][] = [
  ['invite', '2016-04-22'],
  ['sign', '2016-04-22', { signature: 'subject_to_ratification' }, 'signed'],
  ['accept', '2016-09-03', undefined, 'ratified'],
  ['withdraw', '2019-11-04', { effectiveOn: '2020-11-04' }, 'member'],
  ['accept', '2021-01-20', undefined, 'ratified'],
];
const USA_LIVE: [EventAction, string, ActDetails?, ParticipantStatus?][] = [
  ['invite', '2016-04-22'],
  ['sign', '2016-04-22', { signature: 'subject_to_ratification' }, 'signed'],
  ['accept', '2016-09-03', undefined, 'ratified'],
  ['admit', '2016-11-04', undefined, 'member'],
  ['withdraw', '2019-11-04', { effectiveOn: '2020-11-04' }, 'member'],
  ['exit', '2020-11-04', undefined, 'withdrawn'],
  ['accept', '2021-01-20', undefined, 'ratified'],
  ['admit', '2021-02-19', undefined, 'member'],
];
const FRA_ACTS: [EventAction, string, ActDetails?, ParticipantStatus?][] = [
  ['invite', '2016-04-22'],
  ['sign', '2016-04-22', { signature: 'subject_to_ratification' }, 'signed'],
  ['approve', '2016-10-05', undefined, 'ratified'],
];
const PARIS_HISTORIES: Record<string, History[]> = {
  'persons’ acts only (imported faster than the worker followed)': [
    { country: 'USA', events: recorded('2024-01-01T00:00:00Z', USA_ACTS) },
    { country: 'FRA', events: recorded('2024-01-02T00:00:00Z', FRA_ACTS) },
  ],
  'with the admissions and exits the service recorded': [
    { country: 'USA', events: recorded('2024-01-01T00:00:00Z', USA_LIVE) },
    { country: 'FRA', events: recorded('2024-01-02T00:00:00Z', [...FRA_ACTS, ['admit', '2016-11-04', undefined, 'member']]) },
  ],
};
const USA_PENDING = { notifiedOn: '2019-11-04', effectiveOn: '2020-11-04' };

describe('recordAsOf: the United States and the Paris Agreement', () => {
  const rows: [string, Partial<ParticipantRecord>, number, TreatyStanding['status']][] = [
    ['2016-09-02', { status: 'signed', depositedOn: null }, 0, 'open'],
    ['2016-09-03', { status: 'ratified', depositedOn: '2016-09-03', instrument: 'acceptance', memberSince: null }, 1, 'open'],
    ['2016-10-05', { status: 'ratified', memberSince: null }, 2, 'threshold_met'],
    ['2016-11-03', { status: 'ratified', memberSince: null }, 2, 'threshold_met'],
    ['2016-11-04', { status: 'member', memberSince: '2016-11-04', withdrawal: null }, 2, 'in_force'],
    ['2019-11-03', { status: 'member', memberSince: '2016-11-04', withdrawal: null }, 2, 'in_force'],
    ['2019-11-04', { status: 'member', memberSince: '2016-11-04', withdrawal: USA_PENDING, withdrawnOn: null }, 2, 'in_force'],
    ['2020-11-03', { status: 'member', memberSince: '2016-11-04', withdrawal: USA_PENDING, withdrawnOn: null }, 2, 'in_force'],
    ['2020-11-04', { status: 'withdrawn', memberSince: '2016-11-04', withdrawal: USA_PENDING, withdrawnOn: '2020-11-04' }, 1, 'in_force'],
    ['2021-01-19', { status: 'withdrawn', withdrawnOn: '2020-11-04' }, 1, 'in_force'],
    [
      '2021-01-20',
      { status: 'ratified', depositedOn: '2021-01-20', memberSince: null, withdrawal: null, withdrawnOn: null },
      2,
      'in_force',
    ],
    ['2021-02-18', { status: 'ratified', memberSince: null }, 2, 'in_force'],
    ['2021-02-19', { status: 'member', memberSince: '2021-02-19', withdrawal: null, withdrawnOn: null }, 2, 'in_force'],
  ];
  const cases = Object.entries(PARIS_HISTORIES).flatMap(([variant, histories]) =>
    rows.map(([asOf, usa, current, standing]) => ({ variant, histories, asOf, usa, current, standing })),
  );

  it.each(cases)('$variant: as of $asOf USA is $usa.status, $current counted, $standing', ({ histories, asOf, usa, current, standing }) => {
    const result = recordAsOf(PARIS, histories, asOf, null);
    expect(recordIn(result, 'USA')).toMatchObject(usa);
    expect(result.outcome.current).toBe(current);
    expect(result.standing.status).toBe(standing);
  });

  it.each(Object.keys(PARIS_HISTORIES))('%s: the threshold is met on 2016-10-05 and the treaty in force on 2016-11-04', (variant) => {
    const result = recordAsOf(PARIS, PARIS_HISTORIES[variant], '2021-02-19', null);
    expect(result.standing).toEqual({ status: 'in_force', metOn: '2016-10-05', entryIntoForceOn: '2016-11-04', undone: false });
    expect(recordIn(result, 'FRA')).toMatchObject({ status: 'member', memberSince: '2016-11-04' });
  });

  it('as of 2020-11-03 the pending withdrawal ends the consent on 2020-11-04 and the USA still counts', () => {
    const result = recordAsOf(PARIS, PARIS_HISTORIES['persons’ acts only (imported faster than the worker followed)'], '2020-11-03', null);
    expect(recordIn(result, 'USA')).toEqual({
      ...invitedRecord('2016-04-22'),
      status: 'member',
      signedOn: '2016-04-22',
      signature: { kind: 'subject_to_ratification', confirmedOn: null },
      depositedOn: '2016-09-03',
      instrument: 'acceptance',
      memberSince: '2016-11-04',
      withdrawal: USA_PENDING,
      consents: [{ instrument: 'acceptance', depositedOn: '2016-09-03', effectiveFrom: null, withdrawnOn: '2020-11-04' }],
      // The notification of withdrawal is the latest act of a person; the admission was the service's.
      lastActOn: '2019-11-04',
    });
    expect(result.outcome.holdsAsOf).toBe(true);
  });

  it('as of 2021-02-19 the USA has two periods of consent and is a member again', () => {
    const result = recordAsOf(PARIS, PARIS_HISTORIES['persons’ acts only (imported faster than the worker followed)'], '2021-02-19', null);
    expect(recordIn(result, 'USA')).toEqual({
      ...invitedRecord('2016-04-22'),
      status: 'member',
      signedOn: '2016-04-22',
      signature: { kind: 'subject_to_ratification', confirmedOn: null },
      depositedOn: '2021-01-20',
      instrument: 'acceptance',
      memberSince: '2021-02-19',
      consents: [
        { instrument: 'acceptance', depositedOn: '2016-09-03', effectiveFrom: null, withdrawnOn: '2020-11-04' },
        { instrument: 'acceptance', depositedOn: '2021-01-20', effectiveFrom: null, withdrawnOn: null },
      ],
      // The new acceptance is the latest act of a person; the exit and the new admission were the service's.
      lastActOn: '2021-01-20',
    });
    expect(result.outcome.membershipDates).toEqual({ FRA: '2016-11-04', USA: '2021-02-19' });
  });
});

// ---------------------------------------------------------------------------------------------------------------
// The Rome Statute, in small: two parties meet the threshold on 2002-04-11, in force on 2002-07-01.

const ROME = rule({ minimumParties: 2, entersIntoForce: { days: 60, then: 'first_day_of_next_month' } });
const ZAF: History = {
  country: 'ZAF',
  events: [
    at('invite', '1998-07-17', '1998-07-17T09:00:00Z'),
    at('sign', '1998-07-17', '1998-07-17T10:00:00Z'),
    at('ratify', '2000-11-27', '2000-11-28T10:00:00Z'),
    at('admit', '2002-07-01', '2002-07-01T00:00:00Z', undefined, 'member'),
    at('withdraw', '2016-10-19', '2016-10-21T10:00:00Z', { effectiveOn: '2017-10-19' }, 'member'),
    at('revoke_withdrawal', '2017-03-07', '2017-03-08T10:00:00Z'),
  ],
};
const IRL: History = {
  country: 'IRL',
  events: [
    at('invite', '1998-07-17', '1998-07-17T09:00:00Z'),
    at('sign', '1998-10-07', '1998-10-07T10:00:00Z'),
    at('ratify', '2002-04-11', '2002-04-11T10:00:00Z'),
  ],
};
/** Montenegro: notification of succession deposited 2007-10-23, bound from the date of succession, 2006-06-03. */
const MNE: History = {
  country: 'MNE',
  events: [
    at('invite', '2006-06-28', '2006-06-28T09:00:00Z'),
    at('succeed', '2007-10-23', '2007-10-23T10:00:00Z', { effectiveFrom: '2006-06-03', predecessor: 'SCG' }),
  ],
};
/** A successor (synthetic code) bound from a date before entry into force: a member from entry into force. */
const XSU: History = {
  country: 'XSU',
  events: [
    at('invite', '1998-07-17', '1998-07-17T09:00:00Z'),
    at('succeed', '2002-05-01', '2002-05-01T10:00:00Z', { effectiveFrom: '2002-01-01' }),
  ],
};
/** A state (synthetic code) that withdrew in a database of the first version: immediately, on 2010-01-01. */
const XLG: History = {
  country: 'XLG',
  events: [
    at('invite', '1998-07-17', '1998-07-17T09:00:00Z'),
    at('ratify', '2002-04-11', '2002-04-11T11:00:00Z'),
    at('admit', '2002-07-01', '2002-07-01T00:00:00Z', undefined, 'member'),
    at('withdraw', '2010-01-01', '2010-01-01T10:00:00Z', undefined, 'withdrawn'),
  ],
};
const ROME_HISTORIES = [ZAF, IRL, MNE, XSU, XLG];
const ZAF_PENDING = { notifiedOn: '2016-10-19', effectiveOn: '2017-10-19' };

describe('recordAsOf: withdrawals, revocations, successions', () => {
  it.each<[string, string, string, string | null, Partial<ParticipantRecord> | undefined]>([
    ['South Africa before its withdrawal', 'ZAF', '2016-10-18', null, { status: 'member', memberSince: '2002-07-01', withdrawal: null }],
    ['South Africa, withdrawal pending', 'ZAF', '2017-03-06', null, { status: 'member', withdrawal: ZAF_PENDING, withdrawnOn: null }],
    ['South Africa, withdrawal revoked 2017-03-07', 'ZAF', '2017-03-07', null, { status: 'member', withdrawal: null, withdrawnOn: null }],
    ['South Africa, on the day it would have taken effect', 'ZAF', '2017-10-19', null, { status: 'member', withdrawal: null }],
    [
      'South Africa, as the depositary knew it before the revocation was recorded',
      'ZAF',
      '2017-10-19',
      '2017-03-08T09:59:59Z',
      { status: 'withdrawn', withdrawal: ZAF_PENDING, withdrawnOn: '2017-10-19', memberSince: '2002-07-01' },
    ],
    [
      'South Africa, the revocation known the instant it was recorded',
      'ZAF',
      '2017-10-19',
      '2017-03-08T10:00:00Z',
      { status: 'member', withdrawal: null },
    ],
    [
      'South Africa, knownAt in another offset naming the same instant',
      'ZAF',
      '2017-10-19',
      '2017-03-08T11:00:00+01:00',
      { status: 'member', withdrawal: null },
    ],
    ['Montenegro before its notification of succession', 'MNE', '2007-10-22', null, { status: 'invited', depositedOn: null }],
    [
      'Montenegro: a member from the date of succession, the treaty being then in force',
      'MNE',
      '2007-10-23',
      null,
      {
        status: 'member',
        instrument: 'succession',
        depositedOn: '2007-10-23',
        effectiveFrom: '2006-06-03',
        predecessor: 'SCG',
        memberSince: '2006-06-03',
      },
    ],
    [
      'a successor bound before entry into force: ratified until then',
      'XSU',
      '2002-06-30',
      null,
      { status: 'ratified', memberSince: null },
    ],
    [
      'a successor bound before entry into force: a member from it',
      'XSU',
      '2002-07-01',
      null,
      { status: 'member', memberSince: '2002-07-01' },
    ],
    ['a legacy immediate withdrawal: a member the day before', 'XLG', '2009-12-31', null, { status: 'member', memberSince: '2002-07-01' }],
    [
      'a legacy immediate withdrawal: notified and effective on its date',
      'XLG',
      '2010-01-01',
      null,
      {
        status: 'withdrawn',
        withdrawnOn: '2010-01-01',
        withdrawal: { notifiedOn: '2010-01-01', effectiveOn: '2010-01-01' },
        memberSince: '2002-07-01',
        lastActOn: '2010-01-01',
      },
    ],
    ['a participant invited after the day is not in the record', 'MNE', '2006-06-27', null, undefined],
  ])('%s', (_name, country, asOf, knownAt, fields) => {
    const record = recordIn(recordAsOf(ROME, ROME_HISTORIES, asOf, knownAt), country);
    if (fields === undefined) expect(record).toBeUndefined();
    else expect(record).toMatchObject(fields);
  });

  it.each<[string, string, number]>([
    ['2002-04-10', 'only ZAF counted', 1],
    ['2002-04-11', 'IRL and XLG deposit: three', 3],
    ['2002-04-30', 'the successor bound from 2002-01-01 does not count before its notification', 3],
    ['2002-05-01', 'the successor counts from the day of its notification', 4],
    ['2007-10-22', 'Montenegro not yet', 4],
    ['2007-10-23', 'Montenegro counted from its notification', 5],
    ['2009-12-31', 'XLG still counted', 5],
    ['2010-01-01', 'XLG no longer counted from its legacy withdrawal', 4],
    ['2017-10-19', 'South Africa still counted: its withdrawal was revoked', 4],
  ])('counts as of %s: %s', (asOf, _name, current) => {
    expect(recordAsOf(ROME, ROME_HISTORIES, asOf, null).outcome.current).toBe(current);
  });

  it('the threshold of the Rome rule: met 2002-04-11, in force 2002-07-01 (60th day, then the first of the next month)', () => {
    expect(recordAsOf(ROME, ROME_HISTORIES, '2002-07-01', null).standing).toEqual({
      status: 'in_force',
      metOn: '2002-04-11',
      entryIntoForceOn: '2002-07-01',
      undone: false,
    });
  });

  it.each<[string, History, string | null, ParticipantStatus, string | null]>([
    [
      'historical import: withdrawal, exit and then a revocation dated before the exit → a member, as if it never left',
      {
        country: 'KAZ',
        events: recorded('2024-03-01T00:00:00Z', [
          ['invite', '2017-01-10'],
          ['ratify', '2017-05-01'],
          ['withdraw', '2019-01-01', { effectiveOn: '2020-01-01' }, 'member'],
          ['exit', '2020-01-01', undefined, 'withdrawn'],
          ['revoke_withdrawal', '2019-06-01'],
        ]),
      },
      null,
      'member',
      null,
    ],
    [
      'historical import as known before the revocation was recorded: withdrawn',
      {
        country: 'KAZ',
        events: recorded('2024-03-01T00:00:00Z', [
          ['invite', '2017-01-10'],
          ['ratify', '2017-05-01'],
          ['withdraw', '2019-01-01', { effectiveOn: '2020-01-01' }, 'member'],
          ['exit', '2020-01-01', undefined, 'withdrawn'],
          ['revoke_withdrawal', '2019-06-01'],
        ]),
      },
      '2024-03-01T00:03:00Z',
      'withdrawn',
      '2020-01-01',
    ],
    [
      'a withdrawal corrected after its exit was recorded: the exit goes with it, a member as if never notified',
      {
        country: 'KAZ',
        events: recorded('2024-03-01T00:00:00Z', [
          ['invite', '2017-01-10'],
          ['ratify', '2017-05-01'],
          ['withdraw', '2019-01-01', { effectiveOn: '2020-01-01' }, 'member'],
          ['exit', '2020-01-01', undefined, 'withdrawn'],
          ['correct', '2024-03-01'],
        ]),
      },
      null,
      'member',
      null,
    ],
    [
      '… as known before the correction was recorded: withdrawn',
      {
        country: 'KAZ',
        events: recorded('2024-03-01T00:00:00Z', [
          ['invite', '2017-01-10'],
          ['ratify', '2017-05-01'],
          ['withdraw', '2019-01-01', { effectiveOn: '2020-01-01' }, 'member'],
          ['exit', '2020-01-01', undefined, 'withdrawn'],
          ['correct', '2024-03-01'],
        ]),
      },
      '2024-03-01T00:03:59Z',
      'withdrawn',
      '2020-01-01',
    ],
  ])('%s', (_name, history, knownAt, status, withdrawnOn) => {
    const rule1 = rule({ minimumParties: 1 });
    const record = recordIn(recordAsOf(rule1, [history], '2020-06-01', knownAt), 'KAZ');
    expect(record).toMatchObject({ status, withdrawnOn, memberSince: '2017-05-01' });
  });
});

describe('recordAsOf: knownAt', () => {
  const RULE = rule({ minimumParties: 1 });
  /** A ratification dated 2015-01-20 but recorded on 2015-03-01 at noon. */
  const backDated: History = {
    country: 'KAZ',
    events: [
      at('invite', '2013-12-10', '2013-12-10T09:00:00Z'),
      at('sign', '2013-12-10', '2013-12-10T10:00:00Z'),
      at('ratify', '2015-01-20', '2015-03-01T12:00:00Z'),
    ],
  };
  /** A ratification recorded in 2015, corrected on 2016-01-05. */
  const corrected: History = {
    country: 'NER',
    events: [
      at('invite', '2013-12-10', '2013-12-10T09:00:00Z'),
      at('sign', '2013-12-10', '2013-12-10T10:00:00Z'),
      at('ratify', '2015-09-10', '2015-09-11T00:00:00Z'),
      at('correct', '2016-01-05', '2016-01-05T00:00:00Z'),
    ],
  };

  it.each<[string, History, string, string | null, ParticipantStatus, TreatyStanding['status']]>([
    ['a later back-dated act is hidden before it was recorded', backDated, '2015-02-01', '2015-02-01T00:00:00Z', 'signed', 'open'],
    ['… one second before it was recorded', backDated, '2015-02-01', '2015-03-01T11:59:59Z', 'signed', 'open'],
    ['… and seen from the instant it was recorded', backDated, '2015-02-01', '2015-03-01T12:00:00Z', 'member', 'in_force'],
    ['… and with all that is known', backDated, '2015-02-01', null, 'member', 'in_force'],
    ['… but not on a day before its own date', backDated, '2015-01-19', null, 'signed', 'open'],
    ['a later correction is hidden before it was recorded', corrected, '2015-12-31', '2015-12-31T23:59:59Z', 'member', 'in_force'],
    ['… and applies once recorded', corrected, '2015-12-31', '2016-01-05T00:00:00Z', 'signed', 'open'],
    ['… with all that is known', corrected, '2015-12-31', null, 'signed', 'open'],
    ['… whatever the day asked about: the act is taken never to have been', corrected, '2015-10-01', null, 'signed', 'open'],
  ])('%s', (_name, history, asOf, knownAt, status, standing) => {
    const result = recordAsOf(RULE, [history], asOf, knownAt);
    expect(result.participants[0].record.status).toBe(status);
    expect(result.standing.status).toBe(standing);
  });
});

describe('recordAsOf: deposits and undoing', () => {
  it('a definitive signature counts as a deposit from its date', () => {
    const RULE = rule({ minimumParties: 2, entersIntoForce: { days: 30 } });
    const histories: History[] = [
      {
        country: 'NOR',
        events: recorded('2015-01-01T00:00:00Z', [
          ['invite', '2015-01-01'],
          ['sign', '2015-03-01', { signature: 'definitive' }, 'ratified'],
        ]),
      },
      {
        country: 'ISL',
        events: recorded('2015-01-02T00:00:00Z', [
          ['invite', '2015-01-01'],
          ['accede', '2015-06-01'],
        ]),
      },
    ];
    const table: [string, ParticipantStatus, number, TreatyStanding['status'], number][] = [
      ['2015-02-28', 'invited', 0, 'open', 0],
      ['2015-03-01', 'ratified', 1, 'open', 1],
      ['2015-06-01', 'ratified', 2, 'threshold_met', 1],
      ['2015-07-01', 'member', 2, 'in_force', 1],
    ];
    for (const [asOf, status, current, standing, signatories] of table) {
      const result = recordAsOf(RULE, histories, asOf, null);
      expect([asOf, recordIn(result, 'NOR')?.status, result.outcome.current, result.standing.status]).toEqual([
        asOf,
        status,
        current,
        standing,
      ]);
      expect(countRecords(result.participants.map((participant) => participant.record)).signatories).toBe(signatories);
    }
    expect(recordIn(recordAsOf(RULE, histories, '2015-07-01', null), 'NOR')).toMatchObject({
      instrument: 'definitive_signature',
      depositedOn: '2015-03-01',
      signedOn: '2015-03-01',
      memberSince: '2015-07-01',
    });
  });

  /**
   * Two parties meet the threshold on 2015-03-01; entry into force is 24 months later (2017-03-01). AAA's
   * withdrawal, notified 2015-01-01, takes effect 2016-01-01: before entry into force, it undoes the threshold.
   */
  const UNDO_RULE = rule({ minimumParties: 2, entersIntoForce: { months: 24 } });
  const UNDO: History[] = [
    {
      country: 'AAA',
      events: recorded('2015-01-01T00:00:00Z', [
        ['invite', '2014-01-01'],
        ['ratify', '2014-06-01'],
        ['withdraw', '2015-01-01', { effectiveOn: '2016-01-01' }, 'ratified'],
      ]),
    },
    {
      country: 'BBB',
      events: recorded('2015-03-01T00:00:00Z', [
        ['invite', '2014-01-01'],
        ['ratify', '2015-03-01'],
      ]),
    },
  ];

  it.each<[string, TreatyStanding, ParticipantStatus, ParticipantStatus]>([
    ['2015-03-01', { status: 'threshold_met', metOn: '2015-03-01', entryIntoForceOn: '2017-03-01', undone: false }, 'ratified', 'ratified'],
    ['2016-01-01', { status: 'open', metOn: null, entryIntoForceOn: null, undone: true }, 'withdrawn', 'ratified'],
    ['2017-03-01', { status: 'open', metOn: null, entryIntoForceOn: null, undone: true }, 'withdrawn', 'ratified'],
    ['2018-01-01', { status: 'open', metOn: null, entryIntoForceOn: null, undone: true }, 'withdrawn', 'ratified'],
  ])('a withdrawal effective before entry into force undoes the threshold: as of %s', (asOf, standing, aaa, bbb) => {
    const result = recordAsOf(UNDO_RULE, UNDO, asOf, null);
    expect(result.standing).toEqual(standing);
    expect(result.outcome.undoneOn).toBe(standing.undone ? '2016-01-01' : null);
    expect(recordIn(result, 'AAA')).toMatchObject({ status: aaa, memberSince: null });
    expect(recordIn(result, 'BBB')).toMatchObject({ status: bbb, memberSince: null });
  });
});

describe('recordAsOf agrees with the replay of a history the service followed day by day', () => {
  it.each<[string, EntryIntoForceRule, History[], string]>([
    ['the USA', PARIS, PARIS_HISTORIES['with the admissions and exits the service recorded'], 'USA'],
    ['France', PARIS, PARIS_HISTORIES['with the admissions and exits the service recorded'], 'FRA'],
    ['South Africa (withdrawal revoked)', ROME, ROME_HISTORIES, 'ZAF'],
    ['a state that withdrew in a database of the first version', ROME, ROME_HISTORIES, 'XLG'],
  ])('%s', (_name, treatyRule, histories, country) => {
    const events = histories.find((history) => history.country === country)!.events;
    expect(recordIn(recordAsOf(treatyRule, histories, '2024-06-15', null), country)).toEqual(recordOf(events));
  });
});

describe('treatyStandingOn', () => {
  const RULE = rule({ minimumParties: 2, entersIntoForce: { days: 30 } });
  const PARIS_DEPOSITS: Deposit[] = [
    { country: 'USA', instrument: 'acceptance', depositedOn: '2016-09-03', withdrawnOn: '2020-11-04' },
    { country: 'FRA', instrument: 'approval', depositedOn: '2016-10-05' },
  ];
  const UNDO_RULE = rule({ minimumParties: 2, entersIntoForce: { months: 24 } });
  const UNDO_DEPOSITS: Deposit[] = [
    { country: 'AAA', instrument: 'ratification', depositedOn: '2014-06-01', withdrawnOn: '2016-01-01' },
    { country: 'BBB', instrument: 'ratification', depositedOn: '2015-03-01' },
  ];
  const OPEN: TreatyStanding = { status: 'open', metOn: null, entryIntoForceOn: null, undone: false };
  const UNDONE: TreatyStanding = { status: 'open', metOn: null, entryIntoForceOn: null, undone: true };

  it.each<[string, EntryIntoForceRule, Deposit[], string, TreatyStanding]>([
    ['open before the threshold', RULE, PARIS_DEPOSITS, '2016-10-04', OPEN],
    [
      'threshold_met on the threshold day',
      RULE,
      PARIS_DEPOSITS,
      '2016-10-05',
      { status: 'threshold_met', metOn: '2016-10-05', entryIntoForceOn: '2016-11-04', undone: false },
    ],
    [
      'threshold_met the day before entry into force',
      RULE,
      PARIS_DEPOSITS,
      '2016-11-03',
      { status: 'threshold_met', metOn: '2016-10-05', entryIntoForceOn: '2016-11-04', undone: false },
    ],
    [
      'in_force on the day of entry into force',
      RULE,
      PARIS_DEPOSITS,
      '2016-11-04',
      { status: 'in_force', metOn: '2016-10-05', entryIntoForceOn: '2016-11-04', undone: false },
    ],
    [
      'in_force still after a withdrawal that takes effect after entry into force',
      RULE,
      PARIS_DEPOSITS,
      '2020-11-04',
      { status: 'in_force', metOn: '2016-10-05', entryIntoForceOn: '2016-11-04', undone: false },
    ],
    [
      'threshold_met while a withdrawal notified in the waiting period is not yet effective',
      UNDO_RULE,
      UNDO_DEPOSITS,
      '2015-12-31',
      { status: 'threshold_met', metOn: '2015-03-01', entryIntoForceOn: '2017-03-01', undone: false },
    ],
    ['undone once a withdrawal takes effect before entry into force: open again', UNDO_RULE, UNDO_DEPOSITS, '2016-01-01', UNDONE],
    ['still undone on the day entry into force was due', UNDO_RULE, UNDO_DEPOSITS, '2017-03-01', UNDONE],
    ['still undone after the day entry into force was due', UNDO_RULE, UNDO_DEPOSITS, '2018-01-01', UNDONE],
    [
      'a later deposit meets the threshold again: threshold_met anew, no longer undone',
      UNDO_RULE,
      [...UNDO_DEPOSITS, { country: 'CCC', instrument: 'ratification', depositedOn: '2018-01-01' }],
      '2018-01-01',
      { status: 'threshold_met', metOn: '2018-01-01', entryIntoForceOn: '2020-01-01', undone: false },
    ],
    [
      '… and in force 24 months later',
      UNDO_RULE,
      [...UNDO_DEPOSITS, { country: 'CCC', instrument: 'ratification', depositedOn: '2018-01-01' }],
      '2020-01-01',
      { status: 'in_force', metOn: '2018-01-01', entryIntoForceOn: '2020-01-01', undone: false },
    ],
  ])('%s', (_name, treatyRule, deposits, day, standing) => {
    expect(treatyStandingOn(evaluateEntryIntoForce(treatyRule, deposits, day), day)).toEqual(standing);
  });
});

describe('countRecords', () => {
  const invited = invitedRecord('2017-01-10');
  const signature = { kind: 'subject_to_ratification', confirmedOn: null } as const;
  const signedRecord: ParticipantRecord = { ...invited, status: 'signed', signedOn: '2017-02-01', signature };
  const acceded: ParticipantRecord = { ...invited, status: 'ratified', depositedOn: '2018-03-01', instrument: 'accession' };
  const definitive: ParticipantRecord = {
    ...invited,
    status: 'ratified',
    signedOn: '2017-02-01',
    signature: { kind: 'definitive', confirmedOn: null },
    depositedOn: '2017-02-01',
    instrument: 'definitive_signature',
  };
  const adReferendum: ParticipantRecord = { ...signedRecord, signature: { kind: 'ad_referendum', confirmedOn: null } };
  const member: ParticipantRecord = { ...signedRecord, status: 'member', depositedOn: '2017-05-01', instrument: 'ratification' };
  const withdrawnSignatory: ParticipantRecord = { ...member, status: 'withdrawn', withdrawnOn: '2020-01-01' };
  const withdrawnAccession: ParticipantRecord = { ...acceded, status: 'withdrawn', withdrawnOn: '2020-01-01' };

  it.each<[string, ParticipantRecord[], Record<ParticipantStatus | 'signatories', number>]>([
    ['none', [], { invited: 0, signed: 0, ratified: 0, member: 0, withdrawn: 0, signatories: 0 }],
    [
      'one of each status',
      [invited, signedRecord, acceded, member, withdrawnSignatory],
      { invited: 1, signed: 1, ratified: 1, member: 1, withdrawn: 1, signatories: 3 },
    ],
    [
      'signatures of every kind count, whatever came after; an accession is no signature',
      [signedRecord, adReferendum, definitive, member, withdrawnSignatory, acceded, withdrawnAccession],
      { invited: 0, signed: 2, ratified: 2, member: 1, withdrawn: 2, signatories: 5 },
    ],
    [
      'a signature corrected away does not count',
      [
        recordOf([
          { action: 'invite', date: '2017-01-10' },
          { action: 'sign', date: '2017-02-01' },
          { action: 'correct', date: '2024-01-01' },
        ])!,
      ],
      { invited: 1, signed: 0, ratified: 0, member: 0, withdrawn: 0, signatories: 0 },
    ],
  ])('%s', (_name, records, counts) => {
    expect(countRecords(records)).toEqual(counts);
  });
});

describe('depositsOfRecords', () => {
  it('gives every period of consent, with its withdrawal and date of succession', () => {
    const usa = recordOf(recorded('2024-01-01T00:00:00Z', USA_LIVE))!;
    const mne = recordOf(MNE.events)!;
    expect(
      depositsOfRecords([
        { country: 'USA', record: usa },
        { country: 'MNE', record: mne },
        { country: 'KAZ', record: invitedRecord('2013-12-10') },
      ]),
    ).toEqual([
      { country: 'USA', instrument: 'acceptance', depositedOn: '2016-09-03', withdrawnOn: '2020-11-04', effectiveFrom: null },
      { country: 'USA', instrument: 'acceptance', depositedOn: '2021-01-20', withdrawnOn: null, effectiveFrom: null },
      { country: 'MNE', instrument: 'succession', depositedOn: '2007-10-23', withdrawnOn: null, effectiveFrom: '2006-06-03' },
    ]);
  });
});
