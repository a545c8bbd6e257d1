// The delivery records: what was sent to whom, its status, its attempts and the last error.
import type { DeliveryView } from '@depositary/contracts';
import { countryName, instantText, t, wordFor } from '../../i18n';
import { href } from '../../router';

const COLUMNS = ['id', 'created', 'kind', 'recipient', 'treaty', 'country', 'status', 'attempts', 'sent', 'error'] as const;

function kindWords(delivery: DeliveryView): string {
  const kind = wordFor('delivery.kind', delivery.kind);
  if (!delivery.reminder) return kind;
  return t('delivery.reminderOf', { kind, count: delivery.reminder.number, status: wordFor('status', delivery.reminder.status) });
}

function DeliveryRow({ delivery }: { delivery: DeliveryView }) {
  const label = (column: (typeof COLUMNS)[number]) => t(`deliveries.column.${column}`);
  return (
    <tr data-id={delivery.id} data-status={delivery.status}>
      <td data-label={label('id')}>{delivery.id}</td>
      <td data-label={label('created')} class="nowrap">
        <time dateTime={delivery.createdAt}>{instantText(delivery.createdAt).replace(' UTC', '')}</time>
      </td>
      <td data-label={label('kind')} data-kind={delivery.kind}>
        {kindWords(delivery)}
      </td>
      <td data-label={label('recipient')} class="deliveries__recipient">
        <bdi>{delivery.recipient}</bdi>
      </td>
      <td data-label={label('treaty')} class="nowrap">
        {delivery.treaty ? <a href={href.treaty(delivery.treaty)}>{delivery.treaty}</a> : ''}
      </td>
      <td data-label={label('country')}>{delivery.country ? <abbr title={countryName(delivery.country)}>{delivery.country}</abbr> : ''}</td>
      <td data-label={label('status')}>
        <span class={`badge delivery-status delivery-status--${delivery.status}`}>{wordFor('delivery.status', delivery.status)}</span>
      </td>
      <td data-label={label('attempts')}>{delivery.attempts}</td>
      <td data-label={label('sent')} class="nowrap">
        {delivery.sentAt ? <time dateTime={delivery.sentAt}>{instantText(delivery.sentAt).replace(' UTC', '')}</time> : ''}
      </td>
      <td data-label={label('error')} class="deliveries__error">
        {delivery.lastError ?? ''}
      </td>
    </tr>
  );
}

export function DeliveriesTable({ items }: { items: DeliveryView[] }) {
  return (
    <div class="table-wrap">
      <table class="data deliveries" id="deliveries-table">
        <caption>{t('deliveries.caption')}</caption>
        <thead>
          <tr>
            {COLUMNS.map((column) => (
              <th scope="col" key={column}>
                {t(`deliveries.column.${column}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {items.map((delivery) => (
            <DeliveryRow key={delivery.id} delivery={delivery} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
