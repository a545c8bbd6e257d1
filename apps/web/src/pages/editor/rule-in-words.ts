// An entry-into-force rule, and its delays, as sentences in the page's language.
import { INSTRUMENTS, type Delay, type EntryIntoForceRule } from '@depositary/domain';
import { countryName, formatDay, formatNumber, listInWords, t } from '../../i18n';

export const instrumentWord = (instrument: string): string => t(`editor.instrument.${instrument as (typeof INSTRUMENTS)[number]}`);

/** "30 days after {from}", "the first day of the month following 3 months after {from}", "on {from}". */
export function delayInWords(delay: Delay, from: string): string {
  let phrase =
    delay.days !== undefined && delay.days > 0
      ? t('editor.words.days', { count: delay.days, from })
      : delay.months !== undefined && delay.months > 0
        ? t('editor.words.months', { count: delay.months, from })
        : t('editor.words.same', { from });
  if (delay.then === 'first_day_of_next_month') phrase = t('editor.words.then', { phrase });
  return phrase;
}

/** The whole rule: its threshold, when the treaty enters into force, and when for later parties. */
export function ruleInWords(rule: EntryIntoForceRule, names: ReadonlyMap<string, string> = new Map()): string {
  const name = (code: string): string => countryName(code, names.get(code));
  const instruments = listInWords((rule.countedInstruments ?? INSTRUMENTS).map(instrumentWord), 'disjunction');
  const conditions: string[] = [];
  if (rule.minimumParties !== undefined) conditions.push(t('editor.words.minimum', { count: rule.minimumParties, instruments }));
  if (rule.weights)
    conditions.push(
      t('editor.words.weights', {
        share: formatNumber(rule.weights.minimumShare),
        total: rule.weights.total !== undefined ? t('editor.words.totalOf', { total: rule.weights.total }) : t('editor.words.allWeights'),
      }),
    );
  for (const group of rule.minimumFrom ?? [])
    conditions.push(t('editor.words.group', { count: group.count, parties: listInWords(group.parties.map(name)) }));
  if (rule.requiredParties?.length)
    conditions.push(
      t('editor.words.required', { count: rule.requiredParties.length, parties: listInWords(rule.requiredParties.map(name)) }),
    );
  const counting = rule.minimumParties === undefined && rule.countedInstruments ? ` ${t('editor.words.counting', { instruments })}` : '';
  const threshold = t(conditions.length > 1 ? 'editor.words.thresholdAll' : 'editor.words.threshold', {
    conditions: `${conditions.join('; ')}${counting}`,
  });
  const delay = delayInWords(rule.entersIntoForce, t('editor.words.fromThreshold'));
  const enters = rule.notBefore
    ? t('editor.words.entersNotBefore', { delay, date: formatDay(rule.notBefore) })
    : t('editor.words.enters', { delay });
  const later = t('editor.words.later', { delay: delayInWords(rule.laterParties ?? rule.entersIntoForce, t('editor.words.fromDeposit')) });
  return `${threshold} ${enters} ${later}`;
}
