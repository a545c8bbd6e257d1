// The configuration trail as a table: each change of a treaty, a user or a focal point, with what it changed.
import type { ConfigurationEventView, TreatyView } from '@depositary/contracts';
import { countryName, instantText, t, treatyTitle, wordFor } from '../../i18n';
import { href } from '../../router';

const COLUMNS = ['id', 'recorded', 'action', 'treaty', 'country', 'subject', 'actor', 'changed', 'hash'] as const;

const shown = (value: unknown): string => {
  const text = value === undefined ? '—' : typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
};

/** The fields a change set, each as `field: before → after` (or `field: value` when created). */
export function changedFields(event: ConfigurationEventView): string[] {
  const before = event.before;
  return Object.keys(event.after)
    .filter((key) => !before || JSON.stringify(before[key]) !== JSON.stringify(event.after[key]))
    .map((key) =>
      before
        ? `${key}: ${t('audit.change', { from: shown(before[key]), to: shown(event.after[key]) })}`
        : `${key}: ${shown(event.after[key])}`,
    );
}

function ConfigurationRow({ event, treaties }: { event: ConfigurationEventView; treaties: TreatyView[] }) {
  const treaty = treaties.find((candidate) => candidate.slug === event.treaty);
  const label = (column: (typeof COLUMNS)[number]) => t(`audit.config.column.${column}`);
  const changed = changedFields(event);
  return (
    <tr data-id={event.id}>
      <td data-label={label('id')}>{event.id}</td>
      <td data-label={label('recorded')} class="nowrap">
        <time dateTime={event.recordedAt}>{instantText(event.recordedAt).replace(' UTC', '')}</time>
      </td>
      <td data-label={label('action')} data-action={event.action}>
        {wordFor('audit.config.action', event.action)}
      </td>
      <td data-label={label('treaty')} class="nowrap">
        {event.treaty && treaty ? (
          <a href={href.treaty(event.treaty)} title={treatyTitle(treaty)}>
            {event.treaty}
          </a>
        ) : (
          (event.treaty ?? '')
        )}
      </td>
      <td data-label={label('country')}>{event.country ? <abbr title={countryName(event.country)}>{event.country}</abbr> : ''}</td>
      <td data-label={label('subject')} class="hash">
        <bdi>{event.subject}</bdi>
      </td>
      <td data-label={label('actor')} title={event.actor === 'system' ? t('audit.systemHint') : wordFor('role', event.actor.role)}>
        <bdi>{event.actor === 'system' ? 'system' : event.actor.email}</bdi>
      </td>
      <td data-label={label('changed')}>
        <ul class="changed-fields">
          {changed.map((line) => (
            <li key={line}>
              <bdi>{line}</bdi>
            </li>
          ))}
        </ul>
      </td>
      <td data-label={label('hash')} class="hash" title={t('audit.hashes', { hash: event.hash, previous: event.prevHash })}>
        <bdi>{`${event.hash.slice(0, 8)}…`}</bdi>
      </td>
    </tr>
  );
}

export function ConfigurationTable({ events, treaties }: { events: ConfigurationEventView[]; treaties: TreatyView[] }) {
  return (
    <div class="table-wrap">
      <table class="data audit" id="audit-config-table">
        <caption>{t('audit.config.caption')}</caption>
        <thead>
          <tr>
            {COLUMNS.map((column) => (
              <th scope="col" key={column}>
                {t(`audit.config.column.${column}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {events.map((event) => (
            <ConfigurationRow key={event.id} event={event} treaties={treaties} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
