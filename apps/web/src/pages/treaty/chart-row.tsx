// One country's row of the chart.
import type { ComponentChildren } from 'preact';
import type { ParticipantView } from '@depositary/contracts';
import { Badge, Day } from '../../components/ui';
import { capitalised, countryName, listInWords, t, wordFor } from '../../i18n';
import { href } from '../../router';
import { instrumentWord } from '../../rule-in-words';

export type Column = 'country' | 'status' | 'signedOn' | 'instrument' | 'depositedOn' | 'memberSince' | 'withdrawnOn';

export function ChartRow(props: {
  slug: string;
  participant: ParticipantView;
  columns: Column[];
  recording: boolean;
  onRecord: (country: string) => void;
}) {
  const { slug, participant: p } = props;
  const name = countryName(p.country.code, p.country.name);
  const label = (column: Column): string => t(`treaty.column.${column}`);
  const cell = (column: Column, filled: unknown, children: ComponentChildren) => (
    <td key={column} data-label={label(column)} class={filled ? undefined : 'is-empty'}>
      {children}
    </td>
  );
  const cells: Record<Column, () => ComponentChildren> = {
    country: () => (
      <th key="country" scope="row" data-label={label('country')}>
        <a href={href.country(slug, p.country.code)} class="country-link">
          {name}
        </a>{' '}
        <span class="code">{p.country.code}</span>
        {p.statementKinds.length > 0 && (
          <span class="statement-kinds muted">
            {' '}
            {t('treaty.chart.statements', {
              kinds: capitalised(listInWords(p.statementKinds.map((kind) => wordFor('statementKind', kind)))),
            })}
          </span>
        )}
      </th>
    ),
    status: () =>
      cell(
        'status',
        true,
        <>
          <Badge status={p.status} />
          {p.withdrawal && p.status !== 'withdrawn' && (
            <span class="pending-withdrawal">
              {' '}
              {t('treaty.chart.withdrawalNotified', { notified: p.withdrawal.notifiedOn, effective: p.withdrawal.effectiveOn })}
            </span>
          )}
        </>,
      ),
    signedOn: () =>
      cell(
        'signedOn',
        p.signedOn,
        <>
          <Day value={p.signedOn} />
          {p.signature && p.signature.kind !== 'subject_to_ratification' && (
            <span class="signature-kind">
              {' '}
              {wordFor('signature', p.signature.kind)}
              {p.signature.kind === 'ad_referendum' &&
                (p.signature.confirmedOn
                  ? t('treaty.chart.confirmedOn', { day: p.signature.confirmedOn })
                  : t('treaty.chart.notConfirmed'))}
            </span>
          )}
        </>,
      ),
    instrument: () =>
      cell(
        'instrument',
        p.instrument,
        <>
          {p.instrument ? instrumentWord(p.instrument) : <span class="none">—</span>}
          {p.instrument === 'succession' &&
            p.effectiveFrom &&
            ` ${
              p.predecessor
                ? t('treaty.chart.boundFromSucceeding', { day: p.effectiveFrom, predecessor: p.predecessor })
                : t('treaty.chart.boundFrom', { day: p.effectiveFrom })
            }`}
        </>,
      ),
    depositedOn: () => cell('depositedOn', p.depositedOn, <Day value={p.depositedOn} />),
    memberSince: () => cell('memberSince', p.memberSince, <Day value={p.memberSince} />),
    withdrawnOn: () => cell('withdrawnOn', p.withdrawnOn, <Day value={p.withdrawnOn} />),
  };
  return (
    <tr data-country={p.country.code} data-status={p.status} data-version={p.version}>
      {props.columns.map((column) => cells[column]())}
      <td class="row-actions no-print" data-label={t('treaty.column.open')}>
        <a href={href.country(slug, p.country.code)} class="button button--small" aria-label={t('treaty.chart.timelineOf', { name })}>
          {t('treaty.chart.timeline')}
        </a>
        {props.recording && p.allowedActions.length > 0 && (
          <button
            type="button"
            class="button button--small button--primary"
            data-record={p.country.code}
            aria-label={t('treaty.chart.recordFor', { name })}
            onClick={() => props.onRecord(p.country.code)}
          >
            {t('treaty.chart.record')}
          </button>
        )}
      </td>
    </tr>
  );
}
