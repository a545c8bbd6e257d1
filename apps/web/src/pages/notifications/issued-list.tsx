import { useState } from 'preact/hooks';
import type { TreatyView } from '@depositary/contracts';
import { Day } from '../../components/ui';
import { language, t } from '../../i18n';
import { may } from '../../session';
import { DeliveryCounts } from './delivery-counts';
import { Notification, kindWord, stateOf, titleOf } from './notification-words';
import { NotificationReader } from './reader';

/**
 * The issued notifications, newest first, filterable by treaty; with their delivery counts for those who may
 * read deliveries. "Read" opens one in a drawer, in English, French or Arabic.
 */
export function IssuedList(props: {
  issued: Notification[];
  treaties: TreatyView[];
  treaty: string | null;
  onTreaty: (slug: string | null) => void;
  heading: string;
}) {
  const { issued, treaties, treaty, onTreaty, heading } = props;
  const [open, setOpen] = useState<Notification | null>(null);
  const counts = may('notifications.read');
  const rows = [...issued].reverse();
  return (
    <section class="notification-issued" aria-labelledby="issued-heading">
      <h2 id="issued-heading">{heading}</h2>
      {treaties.length > 1 && (
        <div class="toolbar">
          <label class="field">
            <span>{t('notifications.filterTreaty')}</span>
            <select id="treaty-filter" value={treaty ?? ''} onChange={(event) => onTreaty(event.currentTarget.value || null)}>
              <option value="">{t('notifications.allTreaties')}</option>
              {treaties.map((candidate) => (
                <option key={candidate.slug} value={candidate.slug}>
                  {titleOf(treaties, candidate.slug)}
                </option>
              ))}
            </select>
          </label>
        </div>
      )}
      {rows.length === 0 ? (
        <p id="issued-none">{treaty ? t('notifications.noneFor') : t('notifications.none')}</p>
      ) : (
        <div class="table-wrap">
          <table id="issued" class="data notification-table">
            <caption>{t('notifications.caption', { count: rows.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('notifications.column.number')}</th>
                <th scope="col">{t('notifications.column.issuedOn')}</th>
                <th scope="col">{t('notifications.column.subject')}</th>
                {counts && <th scope="col">{t('notifications.column.deliveries')}</th>}
                <td />
              </tr>
            </thead>
            <tbody>
              {rows.map((notification) => (
                <IssuedRow key={notification.id} notification={notification} counts={counts} onRead={() => setOpen(notification)} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {open && (
        <NotificationReader
          notification={issued.find((candidate) => candidate.id === open.id) ?? open}
          treaty={titleOf(treaties, open.treaty)}
          counts={counts}
          onClose={() => setOpen(null)}
        />
      )}
    </section>
  );
}

function IssuedRow({ notification, counts, onRead }: { notification: Notification; counts: boolean; onRead: () => void }) {
  const number = notification.number ?? '';
  const state = stateOf(notification);
  return (
    <tr data-number={number} data-id={notification.id}>
      <th scope="row" data-label={t('notifications.column.number')} class="nowrap">
        {number}
      </th>
      <td data-label={t('notifications.column.issuedOn')}>
        <Day value={notification.issuedOn} style="words" />
      </td>
      <td data-label={t('notifications.column.subject')}>
        <span class="notification-table__subject">{notification.subject[language.value]}</span>
        <span class="muted notification-table__kind">
          {kindWord(notification.kind)}
          {state ? ` · ${state}` : ''}
        </span>
      </td>
      {counts && (
        <td data-label={t('notifications.column.deliveries')}>
          <DeliveryCounts notification={notification} />
        </td>
      )}
      <td>
        <button
          type="button"
          class="button button--small"
          data-read={number}
          aria-label={t('notifications.readLabel', { number })}
          onClick={onRead}
        >
          {t('notifications.read')}
        </button>
      </td>
    </tr>
  );
}
