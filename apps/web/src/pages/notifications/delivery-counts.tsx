import { formatNumber, t } from '../../i18n';
import { DELIVERY_STATES, Notification } from './notification-words';

/** Queued / sent / failed / given up, as the API counts them. */
export function DeliveryCounts({ notification }: { notification: Notification }) {
  return (
    <ul class="delivery-counts" aria-label={t('notifications.deliveries', { number: notification.number ?? '' })}>
      {DELIVERY_STATES.map((state) => (
        <li
          key={state}
          class={`delivery-counts__item delivery-counts__item--${state}${notification.deliveries[state] ? '' : ' delivery-counts__item--zero'}`}
          data-delivery={state}
          title={t(`notifications.deliveryHint.${state}`)}
        >
          <span class="delivery-counts__n">{formatNumber(notification.deliveries[state])}</span> {t(`notifications.delivery.${state}`)}
        </li>
      ))}
    </ul>
  );
}
