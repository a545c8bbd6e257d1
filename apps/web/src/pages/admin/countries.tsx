// A country found by its code or its name, and the field that suggests them.
import { TextField } from '../../components/fields';
import type { Country } from '../../countries';
import { countryName, t } from '../../i18n';

export { countries, type Country } from '../../countries';

/** Lower case, without accents or the Arabic article's spacing, for matching a typed name. */
const fold = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’'`-]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();

/** The code of the country `text` names: its code (any case), its name in the page's language or in English; else null. */
export function countryOf(text: string, list: Country[]): string | null {
  const typed = text.trim();
  if (!typed) return null;
  const code = typed.toUpperCase();
  if (list.some((country) => country.code === code)) return code;
  // "Kazakhstan (KAZ)", as the suggestions show it.
  const inBrackets = /\(([A-Za-z]{3})\)\s*$/.exec(typed);
  if (inBrackets && list.some((country) => country.code === inBrackets[1].toUpperCase())) return inBrackets[1].toUpperCase();
  const wanted = fold(typed);
  const found = list.find((country) => fold(country.name) === wanted || fold(countryName(country.code, country.name)) === wanted);
  return found?.code ?? null;
}

/** The suggestions of a country field: each country's name in the page's language, its code after it. */
function CountryOptions({ id, list }: { id: string; list: Country[] }) {
  return (
    <datalist id={id}>
      {list.map((country) => (
        <option key={country.code} value={`${countryName(country.code, country.name)} (${country.code})`} />
      ))}
    </datalist>
  );
}

/** A country typed by name or code, with the list's countries suggested (read with `countryOf`). */
export function CountryField(props: {
  id: string;
  label: string;
  value: string;
  list: Country[];
  onChange: (text: string) => void;
  name?: string;
  required?: boolean;
}) {
  return (
    <TextField
      id={props.id}
      label={props.label}
      name={props.name}
      list={`${props.id}-list`}
      value={props.value}
      placeholder={t('audit.countryPlaceholder')}
      autocomplete="off"
      maxLength={80}
      required={props.required}
      onInput={props.onChange}
    >
      <CountryOptions id={`${props.id}-list`} list={props.list} />
    </TextField>
  );
}
