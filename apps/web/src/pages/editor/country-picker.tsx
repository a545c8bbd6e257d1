// A searchable multi-select of countries: a search box by name (in the page's language or English) or code, a list
// of checkboxes, and the chosen ones, each removable. Countries that cannot be chosen are shown with the reason.
import { useMemo, useState } from 'preact/hooks';
import { countryName, language, t } from '../../i18n';
import { Country, byName, matches } from './countries';

export interface CountryPickerProps {
  /** Prefix of the ids of the picker's controls; the fieldset gets it too. */
  id: string;
  legend: string;
  countries: readonly Country[];
  selected: readonly string[];
  onChange: (codes: string[]) => void;
  /** Countries shown but not selectable, with why (already invited, say). */
  unavailable?: ReadonlyMap<string, string>;
  /** Only these are offered (the others are not listed at all). */
  offered?: ReadonlySet<string>;
  hint?: string;
  compact?: boolean;
}

export function CountryPicker(props: CountryPickerProps) {
  const { id, countries, selected, onChange, unavailable, offered } = props;
  const [query, setQuery] = useState('');
  const lang = language.value;
  const listed = useMemo(
    () => byName(offered ? countries.filter((country) => offered.has(country.code)) : countries, lang),
    [countries, offered, lang],
  );
  const shown = listed.filter((country) => matches(country, query));
  const chosen = new Set(selected);
  const choosable = shown.filter((country) => !unavailable?.has(country.code));
  const toggle = (code: string, on: boolean) =>
    onChange(on ? [...selected.filter((other) => other !== code), code] : selected.filter((other) => other !== code));
  const names = new Map(countries.map((country) => [country.code, country.name]));
  return (
    <fieldset class={`picker${props.compact ? ' picker--compact' : ''}`} id={id}>
      <legend>{props.legend}</legend>
      {props.hint && <p class="hint">{props.hint}</p>}
      <div class="picker__search">
        <label for={`${id}-search`}>{t('editor.picker.search')}</label>
        <input
          id={`${id}-search`}
          type="search"
          value={query}
          autoComplete="off"
          aria-describedby={`${id}-count`}
          onInput={(event) => setQuery(event.currentTarget.value)}
        />
      </div>
      <p id={`${id}-count`} class="picker__count" aria-live="polite">
        {t('editor.picker.count', { count: selected.length })} · {t('editor.picker.shown', { count: shown.length })}
      </p>
      <p class="picker__actions">
        <button
          type="button"
          class="button button--small"
          disabled={choosable.every((country) => chosen.has(country.code))}
          onClick={() => onChange([...selected, ...choosable.map((country) => country.code).filter((code) => !chosen.has(code))])}
        >
          {t('editor.picker.selectShown', { count: choosable.length })}
        </button>{' '}
        <button type="button" class="button button--small button--quiet" disabled={!selected.length} onClick={() => onChange([])}>
          {t('editor.picker.clear')}
        </button>
      </p>
      <ul class="picker__list" aria-label={t('editor.picker.listOf', { what: props.legend })}>
        {shown.map((country) => {
          const reason = unavailable?.get(country.code);
          return (
            <li key={country.code} class={reason ? 'picker__item picker__item--unavailable' : 'picker__item'}>
              <label>
                <input
                  type="checkbox"
                  value={country.code}
                  checked={chosen.has(country.code)}
                  disabled={reason !== undefined}
                  onChange={(event) => toggle(country.code, event.currentTarget.checked)}
                />{' '}
                <span>{countryName(country.code, country.name)}</span> <span class="code">{country.code}</span>
                {reason && <span class="picker__reason"> · {reason}</span>}
              </label>
            </li>
          );
        })}
        {!shown.length && <li class="muted">{t('editor.picker.noMatch')}</li>}
      </ul>
      {selected.length > 0 && (
        <ul class="picker__chosen" aria-label={t('editor.picker.chosen')}>
          {selected.map((code) => (
            <li key={code}>
              <button
                type="button"
                class="chip"
                aria-label={t('editor.picker.remove', { country: countryName(code, names.get(code)) })}
                onClick={() => toggle(code, false)}
              >
                {countryName(code, names.get(code))} <span aria-hidden="true">×</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}
