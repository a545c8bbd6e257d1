import { DomainError, ErrorCode } from './errors';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar day written YYYY-MM-DD (2019-02-29 is not one). */
export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number);
  if (y < 1) return false; // PostgreSQL, like the Gregorian calendar, has no year 0
  const date = new Date(0);
  date.setUTCFullYear(y, m - 1, d); // unlike Date.UTC, keeps years 0-99 as they are
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** Today's date in UTC, the calendar the record is kept in. */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

export interface ActDateBounds {
  today: string;
  openedForSignatureOn: string;
  /** The participant's invitation or latest act still in force; the same day is allowed. */
  previousOn: string | null;
}

/** Applies the contract's date rules to the effective date of an act; ISO dates compare as strings. */
export function checkActDate(date: string, bounds: ActDateBounds): void {
  if (!isIsoDate(date)) throw new DomainError(ErrorCode.InvalidDate, `date must be a calendar day as YYYY-MM-DD, got "${date}"`);
  if (date > bounds.today)
    throw new DomainError(ErrorCode.InvalidDate, `date ${date} is in the future (today is ${bounds.today})`, { date, today: bounds.today });
  if (date < bounds.openedForSignatureOn)
    throw new DomainError(
      ErrorCode.InvalidDate,
      `date ${date} is before the treaty was opened for signature on ${bounds.openedForSignatureOn}`,
      { date, openedForSignatureOn: bounds.openedForSignatureOn },
    );
  if (bounds.previousOn !== null && date < bounds.previousOn)
    throw new DomainError(ErrorCode.InvalidDate, `date ${date} is before the participant's previous act on ${bounds.previousOn}`, {
      date,
      previousOn: bounds.previousOn,
    });
}

/** 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st ... */
export function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th');
  return `${n}${suffix}`;
}
