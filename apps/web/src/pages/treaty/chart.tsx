// The chart of signatures and ratifications: filter, sort, print and download, one row per country.
import { useState } from 'preact/hooks';
import { PARTICIPANT_STATUSES, type ParticipantStatus } from '@depositary/domain';
import type { ParticipantView } from '@depositary/contracts';
import { flash } from '../../components/flash';
import { inWords } from '../../errors';
import { countryName, formatNumber, language, t, treatyTitle, wordFor } from '../../i18n';
import type { MessageKey } from '../../i18n';
import { may } from '../../session';
import { type TreatyData, chartCsv } from './load';
import { downloadText } from '../../components/download';
import { ChartRow, type Column } from './chart-row';
import { nextStepWords } from './words';

export interface ChartFilter {
  text: string;
  status: ParticipantStatus | '';
}
interface Sort {
  key: Column;
  direction: 1 | -1;
}

const fold = (text: string): string => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

export function ChartSection(props: {
  data: TreatyData;
  scoped: boolean;
  filter: ChartFilter;
  onFilter: (filter: ChartFilter) => void;
  onRecord: (country: string) => void;
}) {
  const { data, scoped, filter, onFilter } = props;
  const [sort, setSort] = useState<Sort>({ key: 'country', direction: 1 });
  const name = (p: ParticipantView): string => countryName(p.country.code, p.country.name);
  const columns: Column[] = ['country', 'status', 'signedOn', 'instrument', 'depositedOn', 'memberSince'];
  if (data.participants.some((p) => p.withdrawnOn)) columns.push('withdrawnOn');
  const label = (column: Column): string => t(`treaty.column.${column}`);

  const sortKey = (p: ParticipantView, key: Column): string | number | null => {
    if (key === 'country') return fold(name(p));
    if (key === 'status') return PARTICIPANT_STATUSES.indexOf(p.status);
    if (key === 'instrument') return p.instrument ? fold(wordFor('instrument', p.instrument)) : null;
    return p[key];
  };
  const text = fold(filter.text.trim());
  const collator = new Intl.Collator(language.value);
  const rows = data.participants
    .filter(
      (p) =>
        (!filter.status || p.status === filter.status) &&
        (!text || fold(name(p)).includes(text) || fold(p.country.name).includes(text) || fold(p.country.code).startsWith(text)),
    )
    .sort((a, b) => {
      const ka = sortKey(a, sort.key);
      const kb = sortKey(b, sort.key);
      if (ka === kb) return collator.compare(name(a), name(b));
      if (ka === null || ka === '') return 1;
      if (kb === null || kb === '') return -1;
      const order = typeof ka === 'string' && typeof kb === 'string' ? collator.compare(ka, kb) : ka < kb ? -1 : 1;
      return order * sort.direction;
    });

  const sortWords = (column: Column): [MessageKey, MessageKey] =>
    column === 'country' || column === 'instrument'
      ? ['treaty.sort.aToZ', 'treaty.sort.zToA']
      : column === 'status'
        ? ['treaty.sort.invitedFirst', 'treaty.sort.withdrawnFirst']
        : ['treaty.sort.earliest', 'treaty.sort.latest'];

  const download = async () => {
    try {
      const csv = await chartCsv(data.slug, data.asOf);
      downloadText(csv, `${data.slug}-chart${data.asOf ? `-${data.asOf}` : ''}.csv`, 'text/csv;charset=utf-8');
    } catch (error) {
      flash(inWords(error, t('treaty.chart.couldNotDownload')), 'error');
    }
  };
  const title = treatyTitle(data.treaty);
  const recording = may('actions.record') && !data.asOf;

  return (
    <section id="treaty-chart" class="chart-section" aria-labelledby="chart-heading">
      <h2 id="chart-heading">{scoped ? t('treaty.chart.yourCountry') : t('treaty.chart.title')}</h2>
      <div class="toolbar no-print" role="group" aria-label={t('treaty.chart.toolbar')}>
        {!scoped && (
          <>
            <label class="field">
              <span>{t('treaty.chart.filter')}</span>
              <input
                id="chart-filter"
                type="search"
                placeholder={t('treaty.chart.filterPlaceholder')}
                value={filter.text}
                autocomplete="off"
                onInput={(event) => onFilter({ ...filter, text: event.currentTarget.value })}
              />
            </label>
            <label class="field">
              <span>{t('treaty.chart.status')}</span>
              <select
                id="chart-status"
                value={filter.status}
                onChange={(event) => onFilter({ ...filter, status: event.currentTarget.value as ChartFilter['status'] })}
              >
                <option value="">{t('treaty.chart.anyStatus')}</option>
                {PARTICIPANT_STATUSES.map((status) => (
                  <option key={status} value={status}>
                    {wordFor('status', status)}
                  </option>
                ))}
              </select>
            </label>
            <label class="field">
              <span>{t('treaty.chart.sort')}</span>
              <select
                id="chart-sort"
                value={`${sort.key}:${sort.direction}`}
                onChange={(event) => {
                  const [key, direction] = event.currentTarget.value.split(':');
                  setSort({ key: key as Column, direction: Number(direction) === -1 ? -1 : 1 });
                }}
              >
                {columns.flatMap((column) => {
                  const [up, down] = sortWords(column);
                  return [
                    <option key={`${column}:1`} value={`${column}:1`}>
                      {`${label(column)}, ${t(up)}`}
                    </option>,
                    <option key={`${column}:-1`} value={`${column}:-1`}>
                      {`${label(column)}, ${t(down)}`}
                    </option>,
                  ];
                })}
              </select>
            </label>
          </>
        )}
        <span class="toolbar__spacer" />
        <button type="button" class="button" onClick={() => window.print()}>
          {t('treaty.chart.print')}
        </button>
        <button type="button" class="button" id="download-chart" onClick={() => void download()}>
          {t('treaty.chart.download')}
        </button>
      </div>
      {scoped &&
        data.participants.map((p) => (
          <p key={p.country.code} class="next-step card" id="next-step">
            {nextStepWords(p, data.status)}
          </p>
        ))}
      <p id="chart-count" class="muted" aria-live="polite">
        {scoped
          ? t('treaty.chart.ownRow')
          : t('treaty.chart.showing', { shown: formatNumber(rows.length), count: data.participants.length })}
      </p>
      <div class="table-wrap">
        <table class="data chart" id="chart">
          <caption>{scoped ? t('treaty.chart.captionOwn', { title }) : t('treaty.chart.caption', { title })}</caption>
          <thead>
            <tr>
              {columns.map((column) => {
                const active = sort.key === column;
                return (
                  <th key={column} scope="col" aria-sort={active ? (sort.direction === 1 ? 'ascending' : 'descending') : 'none'}>
                    <button
                      type="button"
                      class="sort"
                      data-sort={column}
                      onClick={() => setSort({ key: column, direction: active ? (-sort.direction as 1 | -1) : 1 })}
                    >
                      {label(column)}
                      <span class="sort__arrow" aria-hidden="true">
                        {active ? (sort.direction === 1 ? ' ▲' : ' ▼') : ' ↕'}
                      </span>
                    </button>
                  </th>
                );
              })}
              <th scope="col" class="no-print">
                <span class="visually-hidden">{t('treaty.column.open')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.length ? (
              rows.map((p) => (
                <ChartRow
                  key={p.country.code}
                  slug={data.slug}
                  participant={p}
                  columns={columns}
                  recording={recording}
                  onRecord={props.onRecord}
                />
              ))
            ) : (
              <tr>
                <td colSpan={columns.length + 1} class="empty">
                  {t('treaty.chart.noMatch')}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <p class="legend muted">{t('treaty.chart.legend')}</p>
    </section>
  );
}
