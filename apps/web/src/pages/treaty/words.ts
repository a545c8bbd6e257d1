// The treaty's rule, its explanation and a country's next step in the page's language.
import { ordinal, type Delay, type EntryIntoForceRule } from '@depositary/domain';
import type { ParticipantView, TreatyStatusView } from '@depositary/contracts';
import { countryName, formatDay, formatNumber, language, listInWords, t, wordFor } from '../../i18n';

/** The instruments a rule counts when it names none. */
const COUNTED = ['ratification', 'acceptance', 'approval', 'accession'];

/** 10th, 10e, الـ10: the ordinal of a number, as the page's language writes it in figures. */
export function ordinalText(n: number): string {
  if (language.value === 'en') return ordinal(n);
  return t('treaty.ordinal', { count: n, n: formatNumber(n) });
}

export const instrumentWord = (instrument: string): string => wordFor('instrument', instrument);

function delayWords(delay: Delay | undefined, from: string): string {
  const d = delay ?? {};
  let phrase = d.days
    ? t('treaty.rule.daysAfter', { nth: ordinalText(d.days), from })
    : d.months
      ? t('treaty.rule.monthsAfter', { count: d.months, from })
      : from;
  if (d.then === 'first_day_of_next_month') phrase = t('treaty.rule.firstOfNextMonth', { phrase });
  return d.months && !d.then ? phrase : t('treaty.rule.on', { phrase });
}

/** The entry-into-force rule in words: threshold, first entry into force, later parties. */
export function ruleInWords(rule: EntryIntoForceRule): string {
  const name = (code: string): string => countryName(code);
  const counted = rule.countedInstruments ?? COUNTED;
  const list = listInWords(
    counted.map((instrument) => wordFor('treaty.instrumentOf', instrument)),
    'disjunction',
  );
  const conditions: string[] = [];
  if (rule.minimumParties !== undefined) conditions.push(t('treaty.rule.minimum', { count: rule.minimumParties, list }));
  if (rule.weights)
    conditions.push(
      rule.weights.total
        ? t('treaty.rule.weightsOfTotal', { share: rule.weights.minimumShare, total: rule.weights.total })
        : t('treaty.rule.weights', { share: rule.weights.minimumShare }),
    );
  for (const group of rule.minimumFrom ?? [])
    conditions.push(t('treaty.rule.fromGroup', { count: group.count, parties: listInWords(group.parties.map(name)) }));
  if (rule.requiredParties?.length)
    conditions.push(
      t('treaty.rule.required', { count: rule.requiredParties.length, parties: listInWords(rule.requiredParties.map(name)) }),
    );
  const counting = rule.minimumParties === undefined && rule.countedInstruments ? t('treaty.rule.counting', { list }) : '';
  const together = conditions.length > 1 ? t('treaty.rule.sameDay') : '';
  const threshold = t('treaty.rule.threshold', { conditions: conditions.join(t('treaty.rule.separator')) + counting + together });
  const notBefore = rule.notBefore ? t('treaty.rule.notBefore', { day: formatDay(rule.notBefore) }) : '';
  const first = t('treaty.rule.first', { when: delayWords(rule.entersIntoForce, t('treaty.rule.dayMet')), notBefore });
  const later = t('treaty.rule.later', { when: delayWords(rule.laterParties ?? rule.entersIntoForce, t('treaty.rule.ownDeposit')) });
  return `${threshold} ${first} ${later}`;
}

/** Why the treaty stands as it does: the service's sentence in English, the same said from its facts otherwise. */
export function explanationInWords(status: TreatyStatusView): string {
  if (language.value === 'en') return status.explanation;
  const { threshold, entryIntoForceOn, decisive } = status;
  if (!threshold.metOn || !entryIntoForceOn)
    return threshold.required === null
      ? t('treaty.explain.notMet')
      : `${t('treaty.explain.notMet')} ${t('treaty.explain.progress', { current: threshold.current, required: threshold.required })}`;
  const cause = decisive
    ? t('treaty.explain.decisive', {
        nth: ordinalText(decisive.ordinal),
        country: countryName(decisive.country, decisive.countryName),
        day: formatDay(decisive.depositedOn),
      })
    : t('treaty.explain.metOn', { day: formatDay(threshold.metOn) });
  if (status.status === 'in_force')
    return entryIntoForceOn === threshold.metOn
      ? t('treaty.explain.inForceSameDay', { cause })
      : t('treaty.explain.inForceOn', { cause, day: formatDay(entryIntoForceOn) });
  return t('treaty.explain.entersOn', { cause, day: formatDay(entryIntoForceOn) });
}

/** Where a country stands and what the treaty needs from it next, for its focal point. */
export function nextStepWords(p: ParticipantView, status: TreatyStatusView): string {
  const name = countryName(p.country.code, p.country.name);
  const instrument = p.instrument ? wordFor('treaty.instrumentOf', p.instrument) : '';
  switch (p.status) {
    case 'invited':
      return t('treaty.next.invited', { name, day: formatDay(p.invitedOn) });
    case 'signed':
      return t('treaty.next.signed', { name, day: formatDay(p.signedOn ?? p.invitedOn) });
    case 'ratified': {
      const deposited = t('treaty.next.ratified', { name, instrument, day: formatDay(p.depositedOn ?? '') });
      const then = status.entryIntoForceOn
        ? t(status.status === 'in_force' ? 'treaty.next.partyOnEntered' : 'treaty.next.partyOnEnters', {
            day: formatDay(status.entryIntoForceOn),
          })
        : t('treaty.next.counts');
      return `${deposited} ${then}`;
    }
    case 'member':
      return t('treaty.next.member', {
        name,
        since: formatDay(p.memberSince ?? ''),
        instrument,
        day: formatDay(p.depositedOn ?? ''),
      });
    case 'withdrawn':
      return t('treaty.next.withdrawn', { name, day: formatDay(p.withdrawnOn ?? '') });
    default:
      return name;
  }
}
