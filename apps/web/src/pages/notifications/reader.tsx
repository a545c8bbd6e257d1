import { useState } from 'preact/hooks';
import type { Language } from '@depositary/domain';
import { Dialog } from '../../components/dialog';
import { Day } from '../../components/ui';
import { language, t } from '../../i18n';
import { DeliveryCounts } from './delivery-counts';
import { NotificationText } from './notification-text';
import { ActFacts } from './notification-facts';
import type { Notification } from './notification-words';

/** One issued notification in a drawer: its number, date, treaty and act, and its text in the language chosen. */
export function NotificationReader(props: { notification: Notification; treaty: string; counts: boolean; onClose: () => void }) {
  const { notification, treaty, counts, onClose } = props;
  const [shown, setShown] = useState<Language>(language.value);
  return (
    <Dialog id="reader" class="drawer" titleId="reader-title" onClose={onClose}>
      <div class="drawer__header">
        <div>
          <h2 id="reader-title">{notification.number}</h2>
          <p class="muted">{treaty}</p>
        </div>
      </div>
      <dl class="notification-card__facts">
        <div>
          <dt>{t('notifications.issuedOn')}</dt>
          <dd>
            <Day value={notification.issuedOn} style="words" />
          </dd>
        </div>
        <ActFacts notification={notification} />
        {counts && (
          <div>
            <dt>{t('notifications.recipients', { count: notification.recipients })}</dt>
            <dd>
              <DeliveryCounts notification={notification} />
            </dd>
          </div>
        )}
      </dl>
      <NotificationText notification={notification} idPrefix="reader" shown={shown} onShow={setShown} />
    </Dialog>
  );
}
