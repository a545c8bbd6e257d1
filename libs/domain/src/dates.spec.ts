import { ActDateBounds, checkActDate, isIsoDate, todayUtc } from './dates';
import { DomainError, ErrorCode } from './errors';

function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw, got none');
}

describe('isIsoDate', () => {
  it.each([
    ['2020-02-29', 'leap year'],
    ['2024-02-29', 'leap year'],
    ['2000-02-29', 'leap century (divisible by 400)'],
    ['2019-02-28', 'last day of February, common year'],
    ['2018-02-19', 'IOFS entry into force'],
    ['1998-09-24', 'ordinary day'],
    ['2021-01-01', 'first day of a year'],
    ['2021-12-31', 'last day of a year'],
    ['2021-04-30', 'last day of a 30-day month'],
    ['2021-01-31', 'last day of a 31-day month'],
    ['1900-01-01', 'early year'],
    ['9999-12-31', 'last four-digit day'],
    ['0100-01-01', 'year 100'],
    // Fails today: Date.UTC maps years 0–99 to 1900–1999, so isIsoDate refuses them.
    ['0099-12-31', 'year 99, a real day written YYYY-MM-DD'],
  ])('accepts %s (%s)', (value) => {
    expect(isIsoDate(value)).toBe(true);
  });

  it.each([
    ['2019-02-29', 'not a leap year'],
    ['1900-02-29', 'century not divisible by 400'],
    ['2100-02-29', 'century not divisible by 400'],
    ['2018-02-30', 'February never has 30 days'],
    ['2021-04-31', 'April has 30 days'],
    ['2021-01-32', 'day 32'],
    ['2021-01-00', 'day 0'],
    ['2021-00-10', 'month 0'],
    ['2021-13-01', 'month 13'],
    ['2021-1-01', 'one-digit month'],
    ['2021-01-1', 'one-digit day'],
    ['21-01-01', 'two-digit year'],
    ['20210101', 'no dashes'],
    ['2021/01/01', 'slashes'],
    ['01-02-2021', 'day first'],
    ['2021-01-01T00:00:00Z', 'a timestamp'],
    ['2021-01-01 ', 'trailing space'],
    [' 2021-01-01', 'leading space'],
    ['2021-01-01\n', 'trailing newline'],
    ['+02021-01-01', 'expanded year'],
    ['2021-Jan-01', 'month name'],
    ['', 'empty string'],
    ['today', 'a word'],
  ])('refuses %j (%s)', (value) => {
    expect(isIsoDate(value)).toBe(false);
  });
});

describe('todayUtc', () => {
  afterEach(() => jest.useRealTimers());

  it.each([
    ['2024-03-01T23:30:00-05:00', '2024-03-02', 'evening west of Greenwich is already tomorrow in UTC'],
    ['2024-03-02T01:30:00+05:00', '2024-03-01', 'early morning east of Greenwich is still yesterday in UTC'],
    ['2020-02-29T12:00:00Z', '2020-02-29', 'a leap day'],
    ['2018-02-19T00:00:00.000Z', '2018-02-19', 'midnight UTC'],
    ['2018-02-19T23:59:59.999Z', '2018-02-19', 'the last millisecond of the day'],
  ])('%s → %s (%s)', (instant, expected) => {
    expect(todayUtc(new Date(instant))).toBe(expected);
  });

  it('defaults to the current clock', () => {
    jest.useFakeTimers({ now: new Date('2031-07-04T22:15:00Z') });
    expect(todayUtc()).toBe('2031-07-04');
  });
});

describe('checkActDate', () => {
  const bounds: ActDateBounds = {
    today: '2024-06-15',
    openedForSignatureOn: '2010-01-01',
    previousOn: '2015-05-05',
  };

  it.each<[string, ActDateBounds, string]>([
    ['2020-01-01', bounds, 'between every bound'],
    ['2024-06-15', bounds, 'today'],
    ['2015-05-05', bounds, 'the same day as the previous act'],
    ['2010-01-01', { ...bounds, previousOn: null }, 'the opening day, with no previous act'],
    ['2010-01-01', { ...bounds, previousOn: '2010-01-01' }, 'the opening day, invited the same day'],
    [
      '2024-06-15',
      {
        today: '2024-06-15',
        openedForSignatureOn: '2024-06-15',
        previousOn: '2024-06-15',
      },
      'every bound on the same day',
    ],
    ['2020-02-29', bounds, 'a leap day'],
  ])('allows %s (%s)', (date, dateBounds) => {
    expect(() => checkActDate(date, dateBounds)).not.toThrow();
  });

  it.each<[string, ActDateBounds, Record<string, string>, string]>([
    ['2024-06-16', bounds, { date: '2024-06-16', today: '2024-06-15' }, 'in the future'],
    ['2031-01-01', bounds, { date: '2031-01-01', today: '2024-06-15' }, 'years in the future'],
    ['2009-12-31', { ...bounds, previousOn: null }, { date: '2009-12-31', openedForSignatureOn: '2010-01-01' }, 'before opening'],
    ['2009-12-31', bounds, { date: '2009-12-31', openedForSignatureOn: '2010-01-01' }, 'before opening and before the previous act'],
    ['2015-05-04', bounds, { date: '2015-05-04', previousOn: '2015-05-05' }, 'the day before the previous act'],
    ['2012-01-01', bounds, { date: '2012-01-01', previousOn: '2015-05-05' }, 'years before the previous act'],
    ['2019-02-29', bounds, {}, 'not a calendar day'],
    ['2020-1-1', bounds, {}, 'not written YYYY-MM-DD'],
    ['', bounds, {}, 'empty'],
  ])('refuses %j (%s)', (date, dateBounds, details) => {
    const error = thrownBy(() => checkActDate(date, dateBounds));
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: ErrorCode.InvalidDate, details });
  });

  it.each<[string, ActDateBounds, RegExp]>([
    ['2024-06-16', bounds, /future/],
    ['2009-12-31', { ...bounds, previousOn: null }, /opened for signature on 2010-01-01/],
    ['2015-05-04', bounds, /previous act on 2015-05-05/],
    ['2019-02-29', bounds, /YYYY-MM-DD/],
  ])('explains why %s is refused', (date, dateBounds, message) => {
    expect(() => checkActDate(date, dateBounds)).toThrow(message);
  });
});
