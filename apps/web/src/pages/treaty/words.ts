// The treaty's explanation and a country's next step in the page's language.
import { ordinal } from '@depositary/domain';
import type { ParticipantView, TreatyStatusView } from '@depositary/contracts';
import { countryName, formatDay, formatNumber, language, t } from '../../i18n';
import { instrumentOfWord } from '../../rule-in-words';

/** 10th, 10e, الـ10: the ordinal of a number, as the page's language writes it in figures. */
export function ordinalText(n: number): string {
  if (language.value === 'en') return ordinal(n);
  return t('treaty.ordinal', { count: n, n: formatNumber(n) });
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
  const instrument = p.instrument ? instrumentOfWord(p.instrument) : '';
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
