import type { Delay, EntryIntoForceRule } from './entry-into-force-rule';
import { DomainError, ErrorCode } from './errors';
import { INSTRUMENTS, type Instrument } from './status-machine';

/** One instrument deposited by a country, with the dates it took and lost effect. */
export interface Deposit {
  country: string;
  instrument: Instrument;
  /** The effective date of the deposit, YYYY-MM-DD. */
  depositedOn: string;
  /** The effective date of a withdrawal: from that day on the deposit no longer counts. */
  withdrawnOn?: string | null;
}

/** A `minimumFrom` group that is short: the listed parties still missing, and how many of the group have deposited. */
export interface GroupShortfall {
  parties: string[];
  count: number;
  have: number;
}

export interface EntryIntoForceOutcome {
  /** Whether the threshold was met on or before `asOf`. Stays true when later withdrawals bring the record below it. */
  met: boolean;
  /** The earliest effective date on which every condition of the rule held. */
  metOn: string | null;
  /** The deposit that completed the threshold on `metOn`; among same-day deposits, the first in country-code order that did. */
  decisive: Deposit | null;
  /** Whether every condition still holds on `asOf`, after any withdrawals. */
  holdsAsOf: boolean;
  /** Parties with a counted instrument in force on `asOf`. */
  current: number;
  required: number | null;
  /** Share of the weights, in percent (rounded to 6 decimals), held by the counted parties on `asOf`; null without weights. */
  share: number | null;
  missingRequired: string[];
  missingFromGroups: GroupShortfall[];
  entryIntoForceOn: string | null;
  /** Country → membership date, for every country whose instrument is in force on `asOf`, once the threshold is met. */
  membershipDates: Record<string, string>;
}

const WITHDRAWAL = 0;
const DEPOSIT = 1;

interface Step {
  date: string;
  kind: typeof WITHDRAWAL | typeof DEPOSIT;
  deposit: Deposit;
  /** Whether the instrument counts toward the threshold; the others only make members. */
  counted: boolean;
  country: string;
  rank: number;
  order: number;
}

const INSTRUMENT_RANK: Readonly<Record<Instrument, number>> = { ratification: 0, acceptance: 1, approval: 2, accession: 3 };

function step(date: string, kind: Step['kind'], deposit: Deposit, counted: boolean, order: number): Step {
  return { date, kind, deposit, counted, country: deposit.country, rank: INSTRUMENT_RANK[deposit.instrument], order };
}

/**
 * By date; within a day withdrawals first, then deposits in country-code order (then instrument, then input
 * order), which is what picks the decisive one among same-day deposits.
 */
function byStep(a: Step, b: Step): number {
  if (a.date !== b.date) return a.date < b.date ? -1 : 1;
  if (a.kind !== b.kind) return a.kind - b.kind;
  if (a.country !== b.country) return a.country < b.country ? -1 : 1;
  return a.rank !== b.rank ? a.rank - b.rank : a.order - b.order;
}

/** Share comparisons allow for the rounding of binary fractions (17.89 + 20.09 is not exactly 37.98). */
const SHARE_TOLERANCE = 1e-9;
const END_OF_TIME = '9999-12-31';

/**
 * Evaluates an entry-into-force rule against the deposits of a treaty, as DESIGN.md "Entry into force" reads.
 *
 * - Deposits may come in any order: they are sorted once by effective date and walked once. The state of a
 *   day is the state after all of its deposits and withdrawals; `metOn` is the first day on which every
 *   condition of the rule holds.
 * - A deposit counts from `depositedOn` until the day before `withdrawnOn`; one withdrawn on the day it was
 *   made never counts. A country counts once, however many of its instruments are in force.
 * - Once met, the threshold date stands: withdrawals after it do not move `metOn` or `entryIntoForceOn`
 *   (Vienna Convention art. 55; DESIGN.md sends such changes to legal review). `current`, `share`,
 *   `missing*` and `holdsAsOf` describe the record on `asOf`.
 * - `asOf` (default: the end of the record) ignores deposits and withdrawals dated after it.
 * - A rule with no condition at all (the schema forbids it) is met by the first counted party.
 */
export function evaluateEntryIntoForce(rule: EntryIntoForceRule, deposits: readonly Deposit[], asOf?: string): EntryIntoForceOutcome {
  if (asOf !== undefined) assertDate(asOf, 'asOf');
  const until = asOf ?? END_OF_TIME;
  const counted = new Set<Instrument>(rule.countedInstruments ?? INSTRUMENTS);

  const steps: Step[] = [];
  for (let order = 0; order < deposits.length; order++) {
    const deposit = deposits[order];
    assertDate(deposit.depositedOn, 'depositedOn');
    if (deposit.withdrawnOn != null) assertDate(deposit.withdrawnOn, 'withdrawnOn');
    if (deposit.depositedOn > until || !inForceAt(deposit, deposit.depositedOn)) continue;
    const isCounted = counted.has(deposit.instrument);
    steps.push(step(deposit.depositedOn, DEPOSIT, deposit, isCounted, order));
    if (isCounted && deposit.withdrawnOn != null && deposit.withdrawnOn <= until)
      steps.push(step(deposit.withdrawnOn, WITHDRAWAL, deposit, true, order));
  }
  steps.sort(byStep);

  const tally = new Tally(rule);
  let metOn: string | null = null;
  let decisive: Deposit | null = null;
  for (const { kind, date, deposit, counted } of steps) {
    if (!counted) continue;
    if (kind === WITHDRAWAL) {
      tally.leave(deposit.country);
      continue;
    }
    tally.enter(deposit.country);
    // Within a day only deposits follow, and deposits never undo a condition: holding now means holding at the day's end.
    if (metOn === null && tally.holds()) {
      metOn = date;
      decisive = deposit;
    }
  }

  const entryIntoForceOn = metOn === null ? null : laterOf(addDelay(metOn, rule.entersIntoForce), rule.notBefore);
  return {
    met: metOn !== null,
    metOn,
    decisive,
    holdsAsOf: tally.holds(),
    current: tally.parties,
    required: rule.minimumParties ?? null,
    share: tally.share(),
    missingRequired: tally.missingRequired(),
    missingFromGroups: tally.missingFromGroups(),
    entryIntoForceOn,
    membershipDates: metOn === null || entryIntoForceOn === null ? {} : membershipDates(rule, steps, until, metOn, entryIntoForceOn),
  };
}

/**
 * Membership of every country whose instrument is in force on `until` — counted toward the threshold or not,
 * since DESIGN.md gives every ratified participant a membership date. One that deposited on or before the
 * threshold date joins on entry into force; a later one on its own date under `laterParties` (default
 * `entersIntoForce`), never before entry into force. A country with several instruments in force goes by
 * its earliest. Keys come in the order of deposit (date, then country code).
 */
function membershipDates(
  rule: EntryIntoForceRule,
  steps: readonly Step[],
  until: string,
  metOn: string,
  entryIntoForceOn: string,
): Record<string, string> {
  const laterParties = rule.laterParties ?? rule.entersIntoForce;
  const laterOn = new Map<string, string>();
  const dates: Record<string, string> = {};
  const seen = new Set<string>();
  for (const { kind, date, country, deposit } of steps) {
    if (kind === WITHDRAWAL || !inForceAt(deposit, until) || seen.has(country)) continue;
    seen.add(country);
    if (date <= metOn) {
      dates[country] = entryIntoForceOn;
      continue;
    }
    let membershipOn = laterOn.get(date);
    if (membershipOn === undefined) laterOn.set(date, (membershipOn = laterOf(addDelay(date, laterParties), entryIntoForceOn)));
    dates[country] = membershipOn;
  }
  return dates;
}

/** Running counts of the parties in force, kept so that each step and each check is O(1) per group. */
class Tally {
  parties = 0;
  private readonly inForce = new Map<string, number>();
  private readonly weights: ReadonlyMap<string, number>;
  private readonly weightTotal: number;
  private weight = 0;
  private readonly required: ReadonlySet<string>;
  private requiredHave = 0;
  private readonly groups: NonNullable<EntryIntoForceRule['minimumFrom']>;
  private readonly groupsOf = new Map<string, number[]>();
  private readonly groupHave: number[];
  private groupsShort: number;
  private readonly minimumParties: number | undefined;

  constructor(private readonly rule: EntryIntoForceRule) {
    this.weights = new Map(Object.entries(rule.weights?.values ?? {}));
    this.weightTotal = rule.weights?.total ?? [...this.weights.values()].reduce((sum, value) => sum + value, 0);
    this.required = new Set(rule.requiredParties ?? []);
    this.groups = rule.minimumFrom ?? [];
    this.groups.forEach((group, index) => {
      for (const country of new Set(group.parties)) this.groupsOf.set(country, [...(this.groupsOf.get(country) ?? []), index]);
    });
    this.groupHave = this.groups.map(() => 0);
    this.groupsShort = this.groups.filter((group) => group.count > 0).length;
    const hasCondition =
      rule.minimumParties !== undefined || rule.weights !== undefined || this.groups.length > 0 || this.required.size > 0;
    this.minimumParties = rule.minimumParties ?? (hasCondition ? undefined : 1);
  }

  enter(country: string): void {
    const instruments = this.inForce.get(country) ?? 0;
    this.inForce.set(country, instruments + 1);
    if (instruments > 0) return;
    this.parties++;
    this.weight += this.weights.get(country) ?? 0;
    if (this.required.has(country)) this.requiredHave++;
    for (const index of this.groupsOf.get(country) ?? []) if (++this.groupHave[index] === this.groups[index].count) this.groupsShort--;
  }

  leave(country: string): void {
    const instruments = this.inForce.get(country) ?? 0;
    if (instruments > 1) {
      this.inForce.set(country, instruments - 1);
      return;
    }
    this.inForce.delete(country);
    this.parties--;
    this.weight -= this.weights.get(country) ?? 0;
    if (this.required.has(country)) this.requiredHave--;
    for (const index of this.groupsOf.get(country) ?? []) if (this.groupHave[index]-- === this.groups[index].count) this.groupsShort++;
  }

  holds(): boolean {
    const weights = this.rule.weights;
    return (
      (this.minimumParties === undefined || this.parties >= this.minimumParties) &&
      (weights === undefined || (this.weight / this.weightTotal) * 100 >= weights.minimumShare - SHARE_TOLERANCE) &&
      this.groupsShort === 0 &&
      this.requiredHave === this.required.size
    );
  }

  /** Summed afresh in the rule's order, so that the figure shown carries no drift from the walk. */
  share(): number | null {
    if (this.rule.weights === undefined) return null;
    let weight = 0;
    for (const [country, value] of this.weights) if (this.inForce.has(country)) weight += value;
    return Math.round((weight / this.weightTotal) * 100 * 1e6) / 1e6;
  }

  missingRequired(): string[] {
    return (this.rule.requiredParties ?? []).filter((country) => !this.inForce.has(country));
  }

  missingFromGroups(): GroupShortfall[] {
    return this.groups.flatMap((group, index) =>
      this.groupHave[index] >= group.count
        ? []
        : [{ parties: group.parties.filter((country) => !this.inForce.has(country)), count: group.count, have: this.groupHave[index] }],
    );
  }
}

function inForceAt(deposit: Deposit, date: string): boolean {
  return deposit.withdrawnOn == null || deposit.withdrawnOn > date;
}

function laterOf(date: string, other: string | null | undefined): string {
  return other != null && other > date ? other : date;
}

function assertDate(value: string, field: string): void {
  if (parseDay(value) === null) throw notACalendarDay(value, field);
}

function notACalendarDay(value: string, field: string): DomainError {
  return new DomainError(ErrorCode.InvalidDate, `${field} must be a calendar day as YYYY-MM-DD, got "${value}"`, { [field]: value });
}

/**
 * Applies an entry-into-force delay to a date, in UTC: `{}` is the same day; `{days: N}` N days later
 * ("the thirtieth day after" = +30); `{months: N}` the same day N months later, clamped to the month's end
 * (2019-01-31 + 1 month = 2019-02-28); `then: "first_day_of_next_month"` then moves to the first day of the
 * month after (always the next month, even from a first day).
 */
export function addDelay(date: string, delay: Delay): string {
  const day = parseDay(date);
  if (day === null) throw notACalendarDay(date, 'date');
  let { year, month, dayOfMonth } = day;
  if (delay.months) {
    const months = year * 12 + (month - 1) + delay.months;
    year = div(months, 12);
    month = (months % 12) + 1;
    const lastDay = daysInMonth(year, month);
    if (dayOfMonth > lastDay) dayOfMonth = lastDay;
  }
  let result = calendarDay(dayNumber(year, month, dayOfMonth) + (delay.days ?? 0));
  if (delay.then === 'first_day_of_next_month')
    result =
      result.month === 12 ? { year: result.year + 1, month: 1, dayOfMonth: 1 } : { ...result, month: result.month + 1, dayOfMonth: 1 };
  return formatDay(result);
}

// Plain integer calendar arithmetic (proleptic Gregorian, as UTC) on years 0000-9999: no Date objects and no
// Math calls, which stay slow under Jest's VM contexts, so that 10,000 deposits stay cheap.

/** Integer division of a non-negative integer, rounding down. */
function div(dividend: number, divisor: number): number {
  return (dividend - (dividend % divisor)) / divisor;
}

interface CalendarDay {
  year: number;
  month: number;
  dayOfMonth: number;
}

function parseDay(value: string): CalendarDay | null {
  if (value.length !== 10 || value.charCodeAt(4) !== 45 || value.charCodeAt(7) !== 45) return null;
  const year = digits(value, 0, 4);
  const month = digits(value, 5, 7);
  const dayOfMonth = digits(value, 8, 10);
  if (year < 0 || month < 1 || month > 12 || dayOfMonth < 1 || dayOfMonth > daysInMonth(year, month)) return null;
  return { year, month, dayOfMonth };
}

/** The number written by value[from, to), or -1 unless all of it are ASCII digits. */
function digits(value: string, from: number, to: number): number {
  let number = 0;
  for (let index = from; index < to; index++) {
    const digit = value.charCodeAt(index) - 48;
    if (digit < 0 || digit > 9) return -1;
    number = number * 10 + digit;
  }
  return number;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Days counted from 1 March of the year -400 (H. Hinnant's days_from_civil, shifted by one 400-year era so
 * that every quantity stays non-negative from the year 0000 on). Only differences of these numbers matter.
 */
function dayNumber(year: number, month: number, dayOfMonth: number): number {
  const y = (month <= 2 ? year - 1 : year) + 400;
  const era = div(y, 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = div(153 * (month > 2 ? month - 3 : month + 9) + 2, 5) + dayOfMonth - 1;
  return era * 146097 + yearOfEra * 365 + div(yearOfEra, 4) - div(yearOfEra, 100) + dayOfYear;
}

/** The calendar day of a `dayNumber` (H. Hinnant's civil_from_days). */
function calendarDay(days: number): CalendarDay {
  const era = div(days, 146097);
  const dayOfEra = days - era * 146097;
  const yearOfEra = div(dayOfEra - div(dayOfEra, 1460) + div(dayOfEra, 36524) - div(dayOfEra, 146096), 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + div(yearOfEra, 4) - div(yearOfEra, 100));
  const shiftedMonth = div(5 * dayOfYear + 2, 153);
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  return {
    year: yearOfEra + era * 400 - 400 + (month <= 2 ? 1 : 0),
    month,
    dayOfMonth: dayOfYear - div(153 * shiftedMonth + 2, 5) + 1,
  };
}

function formatDay({ year, month, dayOfMonth }: CalendarDay): string {
  return `${String(year).padStart(4, '0')}-${month < 10 ? '0' : ''}${month}-${dayOfMonth < 10 ? '0' : ''}${dayOfMonth}`;
}
