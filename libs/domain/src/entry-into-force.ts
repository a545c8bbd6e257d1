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
  /** For a succession: the day from which the successor is bound, which its membership dates from. */
  effectiveFrom?: string | null;
}

/** A `minimumFrom` group that is short: the listed parties still missing, and how many of the group have deposited. */
export interface GroupShortfall {
  parties: string[];
  count: number;
  have: number;
}

export interface EntryIntoForceOutcome {
  /**
   * Whether the threshold was met on or before `asOf` and stands: withdrawals that took effect after entry
   * into force never undo it; one that took effect before it (and brought the record below the rule) did.
   */
  met: boolean;
  /** The day a threshold met earlier was last undone by a withdrawal taking effect before entry into force. */
  undoneOn: string | null;
  /** The earliest effective date on which every condition of the rule held. */
  metOn: string | null;
  /** The deposit that completed the threshold on `metOn`; among same-day deposits, the first in country-code order that did. */
  decisive: Deposit | null;
  /** How many counted parties there were once the decisive deposit was made: "the 10th instrument". */
  decisiveOrdinal: number | null;
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

const INSTRUMENT_RANK: Readonly<Record<Instrument, number>> = {
  ratification: 0,
  acceptance: 1,
  approval: 2,
  accession: 3,
  succession: 4,
  definitive_signature: 5,
};

/** Share comparisons allow for the rounding of binary fractions (17.89 + 20.09 is not exactly 37.98). */
const SHARE_TOLERANCE = 1e-9;

/**
 * Evaluates an entry-into-force rule against the deposits of a treaty, as the contract ("Entry into force" in the README and the OpenAPI document) reads.
 *
 * - Deposits may come in any order: they are sorted once by effective date and walked once. The state of a
 *   day is the state after all of its withdrawals and deposits; `metOn` is the first day on which every
 *   condition of the rule holds. Among deposits of the same day the walk goes in country-code order (then
 *   instrument, then input order), and `decisive` is the first of them after which the rule held.
 * - A deposit counts from `depositedOn` until the day before `withdrawnOn`; one withdrawn on the day it was
 *   made never counts. A country counts once, however many of its instruments are in force. Only
 *   `countedInstruments` count toward the threshold.
 * - Once the treaty is in force, its threshold date stands: withdrawals that take effect on or after the
 *   entry-into-force day do not move `metOn` or `entryIntoForceOn` (Vienna Convention art. 55). One that
 *   takes effect before it and brings the record below the rule undoes the threshold (`undoneOn`): the
 *   treaty is open again, and a later deposit may meet it anew. `current`, `share`, `missing*` and
 *   `holdsAsOf` describe the record on `asOf`.
 * - `asOf` (default: the end of the record) ignores deposits and withdrawals dated after it.
 * - A rule with no condition at all (the schema forbids it) is met by the first counted party.
 */
export function evaluateEntryIntoForce(rule: EntryIntoForceRule, deposits: readonly Deposit[], asOf?: string): EntryIntoForceOutcome {
  const untilDay = asOf === undefined ? Number.POSITIVE_INFINITY : dayNumberOf(asOf, 'asOf');
  const counted = new Set<Instrument>(rule.countedInstruments ?? INSTRUMENTS);

  // One number per step: (day × 2 + kind) × size + deposit index. A plain numeric sort then puts the steps in
  // date order with a day's withdrawals before its deposits, and each step still names its deposit (exactly:
  // the largest key, about 7.6e6 × size, stays far below 2^53).
  const size = deposits.length;
  const keys = new Float64Array(2 * size);
  let length = 0;
  // Countries become small integers once, so that the walk indexes arrays instead of hashing strings.
  const countryIds = new Map<string, number>();
  const countryOf = new Int32Array(size);
  for (let index = 0; index < size; index++) {
    const deposit = deposits[index];
    let id = countryIds.get(deposit.country);
    if (id === undefined) countryIds.set(deposit.country, (id = countryIds.size));
    countryOf[index] = id;
    const depositDay = dayNumberOf(deposit.depositedOn, 'depositedOn');
    const withdrawalDay = deposit.withdrawnOn == null ? Number.POSITIVE_INFINITY : dayNumberOf(deposit.withdrawnOn, 'withdrawnOn');
    if (depositDay > untilDay || withdrawalDay <= depositDay) continue;
    keys[length++] = (depositDay * 2 + DEPOSIT) * size + index;
    if (deposit.withdrawnOn != null && withdrawalDay <= untilDay && counted.has(deposit.instrument))
      keys[length++] = (withdrawalDay * 2 + WITHDRAWAL) * size + index;
  }
  const steps = keys.subarray(0, length).sort();

  const tally = new Tally(rule, countryIds);
  const walked: number[] = [];
  let metOn: string | null = null;
  let decisive: Deposit | null = null;
  let decisiveOrdinal: number | null = null;
  let entryIntoForceDay = Number.POSITIVE_INFINITY;
  let undoneOn: string | null = null;
  for (let position = 0; position < length;) {
    const first = steps[position] % size;
    const slot = (steps[position] - first) / size;
    if (slot % 2 === WITHDRAWAL) {
      tally.leave(countryOf[first]);
      position++;
      // A withdrawal that takes effect before entry into force can undo the threshold; once in force, none does.
      if (metOn !== null && (slot - WITHDRAWAL) / 2 < entryIntoForceDay && !tally.holds()) {
        undoneOn = deposits[first].withdrawnOn!;
        metOn = null;
        decisive = null;
        decisiveOrdinal = null;
        entryIntoForceDay = Number.POSITIVE_INFINITY;
      }
      continue;
    }
    const sameDay = [first];
    for (position++; position < length && steps[position] < (slot + 1) * size; position++) sameDay.push(steps[position] % size);
    if (sameDay.length > 1) sameDay.sort((a, b) => byCountry(deposits[a], deposits[b]) || a - b);
    for (const index of sameDay) {
      walked.push(index);
      const deposit = deposits[index];
      if (!counted.has(deposit.instrument)) continue;
      tally.enter(countryOf[index]);
      // Only deposits follow within the day, and a deposit never undoes a condition: holding now is holding at the day's end.
      if (metOn === null && tally.holds()) {
        metOn = deposit.depositedOn;
        decisive = deposit;
        decisiveOrdinal = tally.parties;
        entryIntoForceDay = dayNumberOf(entryIntoForceOf(rule, metOn), 'entryIntoForceOn');
      }
    }
  }

  const entryIntoForceOn = metOn === null ? null : entryIntoForceOf(rule, metOn);
  return {
    met: metOn !== null,
    undoneOn,
    metOn,
    decisive,
    decisiveOrdinal,
    holdsAsOf: tally.holds(),
    current: tally.parties,
    required: rule.minimumParties ?? null,
    share: tally.share(),
    missingRequired: tally.missingRequired(),
    missingFromGroups: tally.missingFromGroups(),
    entryIntoForceOn,
    membershipDates:
      metOn === null || entryIntoForceOn === null
        ? {}
        : membershipDates(rule, deposits, walked, countryOf, asOf ?? null, metOn, entryIntoForceOn),
  };
}

function byCountry(a: Deposit, b: Deposit): number {
  if (a.country !== b.country) return a.country < b.country ? -1 : 1;
  return INSTRUMENT_RANK[a.instrument] - INSTRUMENT_RANK[b.instrument];
}

/**
 * The membership day of one deposit once the threshold met on `metOn` gives entry into force on
 * `entryIntoForceOn`: a deposit on or before the threshold date joins on entry into force; a later one on its
 * own date under `laterParties` (default `entersIntoForce`), never before entry into force; a succession from
 * the date of succession (`effectiveFrom`) if the treaty was then in force, else on entry into force.
 */
export function membershipDateOf(
  rule: EntryIntoForceRule,
  metOn: string,
  entryIntoForceOn: string,
  deposit: Pick<Deposit, 'instrument' | 'depositedOn' | 'effectiveFrom'>,
): string {
  if (deposit.instrument === 'succession') return laterOf(deposit.effectiveFrom ?? deposit.depositedOn, entryIntoForceOn);
  if (deposit.depositedOn <= metOn) return entryIntoForceOn;
  return laterOf(addDelay(deposit.depositedOn, rule.laterParties ?? rule.entersIntoForce), entryIntoForceOn);
}

/**
 * Membership of every country whose instrument is in force on `asOf` — counted toward the threshold or not,
 * since every party has a membership date. A country with several instruments in force goes by its
 * earliest. Keys come in the order of the walk (date, then country code).
 */
function membershipDates(
  rule: EntryIntoForceRule,
  deposits: readonly Deposit[],
  walked: readonly number[],
  countryOf: Int32Array,
  asOf: string | null,
  metOn: string,
  entryIntoForceOn: string,
): Record<string, string> {
  const dates: Record<string, string> = {};
  const seen = new Uint8Array(countryOf.length);
  for (const index of walked) {
    const deposit = deposits[index];
    if ((deposit.withdrawnOn != null && (asOf === null || deposit.withdrawnOn <= asOf)) || seen[countryOf[index]] === 1) continue;
    seen[countryOf[index]] = 1;
    dates[deposit.country] = membershipDateOf(rule, metOn, entryIntoForceOn, deposit);
  }
  return dates;
}

/**
 * Running counts of the parties in force, by country id, kept so that each step and each check is O(1) (per
 * group the country is listed in). Countries the rule names but that never deposited have no id.
 */
class Tally {
  parties = 0;
  private readonly inForce: Int32Array;
  private readonly weightOf: Float64Array;
  private readonly weightTotal: number;
  private weight = 0;
  private readonly isRequired: Uint8Array;
  private requiredHave = 0;
  private readonly requiredCount: number;
  private readonly groups: NonNullable<EntryIntoForceRule['minimumFrom']>;
  private readonly groupsOf: number[][];
  private readonly groupHave: number[];
  private groupsShort: number;
  private readonly minimumParties: number | undefined;

  constructor(
    private readonly rule: EntryIntoForceRule,
    private readonly countryIds: ReadonlyMap<string, number>,
  ) {
    const countries = countryIds.size;
    this.inForce = new Int32Array(countries);
    this.weightOf = new Float64Array(countries);
    const weights = Object.entries(rule.weights?.values ?? {});
    for (const [country, value] of weights) this.at(country, (id) => (this.weightOf[id] = value));
    this.weightTotal = rule.weights?.total ?? weights.reduce((sum, [, value]) => sum + value, 0);
    this.isRequired = new Uint8Array(countries);
    const required = new Set(rule.requiredParties ?? []);
    this.requiredCount = required.size;
    for (const country of required) this.at(country, (id) => (this.isRequired[id] = 1));
    this.groups = rule.minimumFrom ?? [];
    this.groupsOf = Array.from({ length: countries }, () => []);
    this.groups.forEach((group, index) => {
      for (const country of new Set(group.parties)) this.at(country, (id) => this.groupsOf[id].push(index));
    });
    this.groupHave = this.groups.map(() => 0);
    this.groupsShort = this.groups.filter((group) => group.count > 0).length;
    const hasCondition = rule.minimumParties !== undefined || rule.weights !== undefined || this.groups.length > 0 || required.size > 0;
    this.minimumParties = rule.minimumParties ?? (hasCondition ? undefined : 1);
  }

  enter(id: number): void {
    if (this.inForce[id]++ > 0) return;
    this.parties++;
    this.weight += this.weightOf[id];
    this.requiredHave += this.isRequired[id];
    for (const index of this.groupsOf[id]) if (++this.groupHave[index] === this.groups[index].count) this.groupsShort--;
  }

  leave(id: number): void {
    if (--this.inForce[id] > 0) return;
    this.parties--;
    this.weight -= this.weightOf[id];
    this.requiredHave -= this.isRequired[id];
    for (const index of this.groupsOf[id]) if (this.groupHave[index]-- === this.groups[index].count) this.groupsShort++;
  }

  holds(): boolean {
    const weights = this.rule.weights;
    return (
      (this.minimumParties === undefined || this.parties >= this.minimumParties) &&
      (weights === undefined || (this.weight / this.weightTotal) * 100 >= weights.minimumShare - SHARE_TOLERANCE) &&
      this.groupsShort === 0 &&
      this.requiredHave === this.requiredCount
    );
  }

  /** Summed afresh in the rule's order, so that the figure shown carries no drift from the walk. */
  share(): number | null {
    if (this.rule.weights === undefined) return null;
    let weight = 0;
    for (const [country, value] of Object.entries(this.rule.weights.values)) if (this.isIn(country)) weight += value;
    return Math.round((weight / this.weightTotal) * 100 * 1e6) / 1e6;
  }

  missingRequired(): string[] {
    return (this.rule.requiredParties ?? []).filter((country) => !this.isIn(country));
  }

  missingFromGroups(): GroupShortfall[] {
    return this.groups.flatMap((group, index) =>
      this.groupHave[index] >= group.count
        ? []
        : [{ parties: group.parties.filter((country) => !this.isIn(country)), count: group.count, have: this.groupHave[index] }],
    );
  }

  private isIn(country: string): boolean {
    const id = this.countryIds.get(country);
    return id !== undefined && this.inForce[id] > 0;
  }

  private at(country: string, apply: (id: number) => void): void {
    const id = this.countryIds.get(country);
    if (id !== undefined) apply(id);
  }
}

/** The entry-into-force day of a threshold met on `metOn`: the delay of the rule, never before `notBefore`. */
export function entryIntoForceOf(rule: EntryIntoForceRule, metOn: string): string {
  return laterOf(addDelay(metOn, rule.entersIntoForce), rule.notBefore);
}

export function laterOf(date: string, other: string | null | undefined): string {
  return other != null && other > date ? other : date;
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

// Plain integer calendar arithmetic (proleptic Gregorian, as UTC) on years 0000-9999, with no Date objects and
// no Math calls (measured several times slower inside Jest's VM context), so that 10,000 deposits stay cheap.

/** Integer division of a non-negative integer, rounding down. */
function div(dividend: number, divisor: number): number {
  return (dividend - (dividend % divisor)) / divisor;
}

interface CalendarDay {
  year: number;
  month: number;
  dayOfMonth: number;
}

/** The `dayNumber` of a date, or an `invalid_date` error naming the field. */
function dayNumberOf(value: string, field: string): number {
  const day = parseDay(value);
  if (day === null) throw notACalendarDay(value, field);
  return dayNumber(day.year, day.month, day.dayOfMonth);
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
