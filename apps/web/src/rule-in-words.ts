// An entry-into-force rule, and its delays, as sentences in the page's language: the treaty's page states the rule
// with them and the editor previews it with them, so both say the same.
import { INSTRUMENTS, type Delay, type EntryIntoForceRule } from '@depositary/domain';
import { countryName, formatDay, formatNumber, listInWords, t, wordFor } from './i18n';

/** 'ratification', 'adhésion', 'تصديق': an instrument's name, as a label or a cell says it. */
export const instrumentWord = (instrument: string): string => wordFor('instrument', instrument);

/** An instrument's name where it follows "instrument(s)" in a sentence: "(of) ratification", "d’adhésion", "التصديق". */
export const instrumentOfWord = (instrument: string): string => wordFor('instrumentOf', instrument);

/** "30 days after {from}", "the first day of the month following 3 months after {from}", "on {from}". */
export function delayInWords(delay: Delay, from: string): string {
  let phrase =
    delay.days !== undefined && delay.days > 0
      ? t('rule.days', { count: delay.days, from })
      : delay.months !== undefined && delay.months > 0
        ? t('rule.months', { count: delay.months, from })
        : t('rule.same', { from });
  if (delay.then === 'first_day_of_next_month') phrase = t('rule.then', { phrase });
  return phrase;
}

/** The whole rule: its threshold, when the treaty enters into force, and when for later parties. A rule that names
 * no instruments counts all of them, as the domain's evaluation does. */
export function ruleInWords(rule: EntryIntoForceRule, names: ReadonlyMap<string, string> = new Map()): string {
  const name = (code: string): string => countryName(code, names.get(code));
  const instruments = listInWords((rule.countedInstruments ?? INSTRUMENTS).map(instrumentOfWord), 'disjunction');
  const conditions: string[] = [];
  if (rule.minimumParties !== undefined) conditions.push(t('rule.minimum', { count: rule.minimumParties, instruments }));
  if (rule.weights)
    conditions.push(
      t('rule.weights', {
        share: formatNumber(rule.weights.minimumShare),
        total: rule.weights.total !== undefined ? t('rule.totalOf', { total: rule.weights.total }) : t('rule.allWeights'),
      }),
    );
  for (const group of rule.minimumFrom ?? [])
    conditions.push(t('rule.group', { count: group.count, parties: listInWords(group.parties.map(name)) }));
  if (rule.requiredParties?.length)
    conditions.push(t('rule.required', { count: rule.requiredParties.length, parties: listInWords(rule.requiredParties.map(name)) }));
  const counting = rule.minimumParties === undefined && rule.countedInstruments ? ` ${t('rule.counting', { instruments })}` : '';
  const threshold = t(conditions.length > 1 ? 'rule.thresholdAll' : 'rule.threshold', {
    conditions: `${conditions.join('; ')}${counting}`,
  });
  const delay = delayInWords(rule.entersIntoForce, t('rule.fromThreshold'));
  const enters = rule.notBefore ? t('rule.entersNotBefore', { delay, date: formatDay(rule.notBefore) }) : t('rule.enters', { delay });
  const later = t('rule.later', { delay: delayInWords(rule.laterParties ?? rule.entersIntoForce, t('rule.fromDeposit')) });
  return `${threshold} ${enters} ${later}`;
}
