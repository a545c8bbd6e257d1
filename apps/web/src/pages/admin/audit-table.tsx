// The audit events as a table: one row per recorded act, correction or system step, with its hash.
import type { EventView, TreatyView } from '@depositary/contracts';
import { countryName, t, treatyTitle, wordFor, instantText } from '../../i18n';
import { href } from '../../router';
import { Day } from '../../components/ui';

const COLUMNS = ['id', 'recorded', 'treaty', 'country', 'act', 'change', 'date', 'actor', 'reference', 'note', 'hash'] as const;

function AuditRow({ event, treaties }: { event: EventView; treaties: TreatyView[] }) {
  const treaty = treaties.find((candidate) => candidate.slug === event.treaty);
  const label = (column: (typeof COLUMNS)[number]) => t(`audit.column.${column}`);
  const note = [event.note, event.reason ? t('audit.reason', { reason: event.reason }) : null].filter(Boolean).join(' · ');
  return (
    <tr data-id={event.id}>
      <td data-label={label('id')}>{event.id}</td>
      <td data-label={label('recorded')} class="nowrap">
        <time dateTime={event.recordedAt}>{instantText(event.recordedAt).replace(' UTC', '')}</time>
      </td>
      <td data-label={label('treaty')} class="nowrap">
        {treaty ? (
          <a href={href.treaty(event.treaty)} title={treatyTitle(treaty)}>
            {event.treaty}
          </a>
        ) : (
          event.treaty
        )}
      </td>
      <td data-label={label('country')}>
        <a href={href.country(event.treaty, event.country)} title={countryName(event.country)}>
          {event.country}
        </a>
      </td>
      <td data-label={label('act')} data-action={event.action}>
        {wordFor('event', event.action)}
      </td>
      <td data-label={label('change')} class="nowrap">
        {event.from
          ? t('audit.change', { from: wordFor('status', event.from), to: wordFor('status', event.to) })
          : t('audit.changeFirst', { to: wordFor('status', event.to) })}
      </td>
      <td data-label={label('date')}>
        <Day value={event.date} />
      </td>
      <td data-label={label('actor')} title={event.actor === 'system' ? t('audit.systemHint') : wordFor('role', event.actor.role)}>
        <bdi>{event.actor === 'system' ? 'system' : event.actor.email}</bdi>
      </td>
      <td data-label={label('reference')}>{event.reference ?? ''}</td>
      <td data-label={label('note')}>{note}</td>
      <td data-label={label('hash')} class="hash" title={t('audit.hashes', { hash: event.hash, previous: event.prevHash })}>
        <bdi>{`${event.hash.slice(0, 8)}…`}</bdi>
      </td>
    </tr>
  );
}

export function AuditTable({ events, treaties }: { events: EventView[]; treaties: TreatyView[] }) {
  return (
    <div class="table-wrap">
      <table class="data audit" id="audit-table">
        <caption>{t('audit.caption')}</caption>
        <thead>
          <tr>
            {COLUMNS.map((column) => (
              <th scope="col" key={column}>
                {t(`audit.column.${column}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {events.map((event) => (
            <AuditRow key={event.id} event={event} treaties={treaties} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
