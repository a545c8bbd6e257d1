// The rule as it is being edited: whatever the raw JSON holds, read field by field so the builder never breaks on it.
import type { Delay } from '@depositary/domain';

export type RuleDraft = Record<string, unknown>;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

export const numberOr = (value: unknown): number | undefined => (typeof value === 'number' ? value : undefined);

export const codesOf = (value: unknown): string[] => (Array.isArray(value) ? value.filter((code) => typeof code === 'string') : []);

export const delayOf = (value: unknown): Delay => {
  if (!isRecord(value)) return {};
  const delay: Delay = {};
  if (typeof value.days === 'number') delay.days = value.days;
  if (typeof value.months === 'number') delay.months = value.months;
  if (value.then === 'first_day_of_next_month') delay.then = 'first_day_of_next_month';
  return delay;
};

export interface WeightsDraft {
  values: [string, number][];
  minimumShare: number | undefined;
  total: number | undefined;
}

export const weightsOf = (value: unknown): WeightsDraft | undefined => {
  if (!isRecord(value)) return undefined;
  const values = isRecord(value.values)
    ? Object.entries(value.values).map(([code, weight]): [string, number] => [code, typeof weight === 'number' ? weight : 0])
    : [];
  return { values, minimumShare: numberOr(value.minimumShare), total: numberOr(value.total) };
};

export const weightsDraftToJson = (weights: WeightsDraft): Record<string, unknown> => {
  const json: Record<string, unknown> = { values: Object.fromEntries(weights.values) };
  if (weights.minimumShare !== undefined) json.minimumShare = weights.minimumShare;
  if (weights.total !== undefined) json.total = weights.total;
  return json;
};

export interface GroupDraft {
  parties: string[];
  count: number | undefined;
}

export const groupsOf = (value: unknown): GroupDraft[] =>
  Array.isArray(value) ? value.filter(isRecord).map((group) => ({ parties: codesOf(group.parties), count: numberOr(group.count) })) : [];

/** The draft with `key` set to `value`, or without `key` when `value` is undefined; key order kept. */
export function withField(draft: RuleDraft, key: string, value: unknown): RuleDraft {
  const next: RuleDraft = { ...draft };
  if (value === undefined) delete next[key];
  else next[key] = value;
  return next;
}

/** A number input's value, or undefined when it is empty. */
export const inputNumber = (input: HTMLInputElement): number | undefined =>
  input.value.trim() === '' || Number.isNaN(input.valueAsNumber) ? undefined : input.valueAsNumber;
