// The filters of the audit trail: kept in the address (`#/audit?treaty=…&country=KAZ`), checked before they are sent.
import { useState } from 'preact/hooks';
import type { TreatyView } from '@depositary/contracts';
import { isIsoDate } from '@depositary/domain';
import { api } from '../../api';
import { inWords } from '../../errors';
import { countryName, listInWords, t, treatyTitle } from '../../i18n';
import { Country, CountryField, countryOf } from './countries';
import { downloadText } from '../../components/download';
import { TextField } from '../../components/fields';

/** `kind` is the trail: the participants' acts (empty) or the changes of configuration ('configuration'). */
export const AUDIT_FILTERS = ['kind', 'treaty', 'country', 'actor', 'from', 'to'] as const;
export type AuditFilter = Record<(typeof AUDIT_FILTERS)[number], string>;

export function filterOf(params: URLSearchParams): AuditFilter {
  const filter = Object.fromEntries(AUDIT_FILTERS.map((key) => [key, params.get(key) ?? ''])) as AuditFilter;
  if (filter.kind !== 'configuration') filter.kind = '';
  return filter;
}

/** The query string of `filter`, its empty fields left out, with `extra` (a cursor, a format) after. */
export function queryOf(filter: AuditFilter, extra: Record<string, string> = {}): string {
  const search = new URLSearchParams();
  for (const key of AUDIT_FILTERS) if (filter[key]) search.set(key, filter[key]);
  for (const [key, value] of Object.entries(extra)) search.set(key, value);
  return search.toString();
}

/** A day, or what looks like an ISO date-time (the service has the last word on those). */
const isDayOrInstant = (value: string): boolean =>
  isIsoDate(value) || (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value) && isIsoDate(value.slice(0, 10)));

function problemsOf(filter: AuditFilter, typedCountry: string): string[] {
  const found: string[] = [];
  if (typedCountry.trim() && !filter.country) found.push(t('audit.badCountry', { value: typedCountry.trim() }));
  for (const key of ['from', 'to'] as const)
    if (filter[key] && !isDayOrInstant(filter[key])) found.push(t('audit.badDate', { value: filter[key] }));
  if (isIsoDate(filter.from) && isIsoDate(filter.to) && filter.from > filter.to) found.push(t('audit.fromAfterTo'));
  return found;
}

export function AuditFilters(props: {
  filter: AuditFilter;
  treaties: TreatyView[];
  countries: Country[];
  onApply: (filter: AuditFilter) => void;
}) {
  const { filter, treaties, countries } = props;
  const known = countries.find((country) => country.code === filter.country);
  const [kind, setKind] = useState(filter.kind);
  const [treaty, setTreaty] = useState(filter.treaty);
  const [country, setCountry] = useState(known ? `${countryName(known.code, known.name)} (${known.code})` : filter.country);
  const [actor, setActor] = useState(filter.actor);
  const [from, setFrom] = useState(filter.from);
  const [to, setTo] = useState(filter.to);
  const [error, setError] = useState('');

  const read = (): AuditFilter | null => {
    const value: AuditFilter = {
      kind,
      treaty,
      country: countryOf(country, countries) ?? '',
      actor: actor.trim(),
      from: from.trim(),
      to: to.trim(),
    };
    const found = problemsOf(value, country);
    setError(found.length ? `${listInWords(found)}.` : '');
    return found.length ? null : value;
  };
  const exportCsv = async () => {
    const value = read();
    if (!value) return;
    try {
      const csv = await api<string>(`/api/audit/events?${queryOf(value, { format: 'csv' })}`, { as: 'text' });
      downloadText(csv, value.kind ? 'audit-configuration-events.csv' : 'audit-events.csv', 'text/csv;charset=utf-8');
    } catch (failure) {
      setError(inWords(failure, t('audit.csvFailed')));
    }
  };
  const clear = () => {
    setKind('');
    setTreaty('');
    setCountry('');
    setActor('');
    setFrom('');
    setTo('');
    setError('');
    props.onApply(filterOf(new URLSearchParams()));
  };

  return (
    <form
      class="filters card no-print"
      id="audit-filters"
      aria-label={t('audit.filtersLabel')}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const value = read();
        if (value) props.onApply(value);
      }}
    >
      <label class="field">
        <span>{t('audit.field.kind')}</span>
        <select id="audit-kind" name="kind" value={kind} onChange={(event) => setKind(event.currentTarget.value)}>
          <option value="">{t('audit.kind.participant')}</option>
          <option value="configuration">{t('audit.kind.configuration')}</option>
        </select>
      </label>
      <label class="field">
        <span>{t('audit.field.treaty')}</span>
        <select id="audit-treaty" name="treaty" value={treaty} onChange={(event) => setTreaty(event.currentTarget.value)}>
          <option value="">{t('audit.allTreaties')}</option>
          {treaties.map((item) => (
            <option key={item.slug} value={item.slug}>
              {treatyTitle(item)}
            </option>
          ))}
        </select>
      </label>
      <CountryField
        id="audit-country"
        label={t('audit.field.country')}
        name="country"
        value={country}
        list={countries}
        onChange={setCountry}
      />
      <TextField
        id="audit-actor"
        label={t('audit.field.actor')}
        name="actor"
        value={actor}
        placeholder={t('audit.actorPlaceholder')}
        autocomplete="off"
        dir="ltr"
        onInput={setActor}
      />
      {(['from', 'to'] as const).map((key) => (
        <TextField
          key={key}
          id={`audit-${key}`}
          label={t(`audit.field.${key}`)}
          name={key}
          value={key === 'from' ? from : to}
          placeholder={t('audit.datePlaceholder')}
          inputMode="numeric"
          maxLength={30}
          dir="ltr"
          onInput={key === 'from' ? setFrom : setTo}
        />
      ))}
      <div class="filters__actions">
        <button type="submit" class="button button--primary">
          {t('audit.show')}
        </button>
        <button type="button" class="button" id="audit-csv" onClick={() => void exportCsv()}>
          {t('audit.csv')}
        </button>
        <button type="button" class="button button--quiet" onClick={clear}>
          {t('audit.clear')}
        </button>
      </div>
      <p class="form-error" role="alert" id="audit-error">
        {error}
      </p>
    </form>
  );
}
