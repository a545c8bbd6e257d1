// The countries for the editor's views, and how a typed query finds one.
import { useEffect, useState } from 'preact/hooks';
import { type Country, countries } from '../../countries';
import { inWords } from '../../errors';
import { countryName, t } from '../../i18n';

export type { Country } from '../../countries';

/** The countries, or the failure to read them in words. */
export function useCountries(): { countries: Country[] | null; failure: string | null } {
  const [list, setList] = useState<Country[] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => {
    countries().then(setList, (error: unknown) => setFailure(inWords(error, t('editor.countries.couldNotRead'))));
  }, []);
  return { countries: list, failure };
}

/** Lower case without accents, so that "cote" finds "Côte d'Ivoire" and "senegal" finds "Sénégal". */
export const folded = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

/** Whether `country` answers `query`: its code, its name in the page's language, or its English name. */
export function matches(country: Country, query: string): boolean {
  const wanted = folded(query.trim());
  if (!wanted) return true;
  return (
    country.code.toLowerCase().startsWith(wanted) ||
    folded(countryName(country.code, country.name)).includes(wanted) ||
    folded(country.name).includes(wanted)
  );
}

/** Countries in the order of their names in the page's language. */
export const byName = (countries: readonly Country[], locale: string): Country[] =>
  [...countries].sort((a, b) => countryName(a.code, a.name).localeCompare(countryName(b.code, b.name), locale));
