import { defaultStage, inEffectOn, objectionDeadline, objectionLate, reservationConfirmed } from './statements';

describe('the confirmation of a reservation (VCLT 23(2))', () => {
  it.each([
    ['a reservation at signature, unconfirmed', { kind: 'reservation', at: 'signature', confirmedOn: null }, false],
    ['a reservation at signature, confirmed at consent', { kind: 'reservation', at: 'signature', confirmedOn: '2016-10-05' }, true],
    ['a reservation at consent', { kind: 'reservation', at: 'consent', confirmedOn: null }, true],
    ['a reservation made later', { kind: 'reservation', at: 'later', confirmedOn: null }, true],
    ['a declaration at signature', { kind: 'declaration', at: 'signature', confirmedOn: null }, null],
    ['an objection', { kind: 'objection', at: 'consent', confirmedOn: null }, null],
  ] as const)('%s → %s', (_name, statement, confirmed) => {
    expect(reservationConfirmed(statement)).toBe(confirmed);
  });
});

describe("an objection's deadline (VCLT 20(5))", () => {
  it.each([
    ['not notified yet: no deadline', null, null, null],
    ['twelve months after the notification', '2016-02-16', null, '2017-02-16'],
    ['the objector consented earlier: twelve months', '2016-02-16', '2015-01-01', '2017-02-16'],
    ['the objector consented later: its consent', '2016-02-16', '2018-03-01', '2018-03-01'],
    ['a notification on 29 February: 28 February a year on', '2016-02-29', null, '2017-02-28'],
  ])('%s', (_name, notifiedOn, consentOn, deadline) => {
    expect(objectionDeadline(notifiedOn, consentOn)).toBe(deadline);
  });

  it.each([
    ['on the deadline', '2017-02-16', '2017-02-16', false],
    ['the day after', '2017-02-17', '2017-02-16', true],
    ['before it', '2016-12-01', '2017-02-16', false],
    ['no deadline yet', '2030-01-01', null, false],
  ])('an objection %s is late: %s', (_name, objectedOn, deadline, late) => {
    expect(objectionLate(objectedOn, deadline)).toBe(late);
  });
});

describe('a statement in effect on a day (VCLT 22)', () => {
  it.each([
    ['before it was made', { date: '2016-10-04', withdrawnOn: null }, '2016-10-03', false],
    ['the day it was made', { date: '2016-10-04', withdrawnOn: null }, '2016-10-04', true],
    ['the day before its withdrawal', { date: '2016-10-04', withdrawnOn: '2018-01-01' }, '2017-12-31', true],
    ['from its withdrawal on', { date: '2016-10-04', withdrawnOn: '2018-01-01' }, '2018-01-01', false],
  ])('%s', (_name, statement, day, inEffect) => {
    expect(inEffectOn(statement, day)).toBe(inEffect);
  });
});

describe('the stage a statement is made at, by default', () => {
  it.each([
    ['invited', 'later'],
    ['signed', 'signature'],
    ['ratified', 'consent'],
    ['member', 'consent'],
    ['withdrawn', 'later'],
  ] as const)('%s → %s', (status, stage) => {
    expect(defaultStage(status)).toBe(stage);
  });
});
