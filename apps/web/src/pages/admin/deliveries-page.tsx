// #/deliveries: every e-mail the service sends (reminders, notices, depositary notifications) and where it stands.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { DeliveryView, Page } from '@depositary/contracts';
import { api } from '../../api';
import { PageHeading } from '../../components/page-heading';
import { inWords } from '../../errors';
import { t } from '../../i18n';
import { may } from '../../session';
import type { View } from '../../views';
import { DeliveriesTable } from './deliveries-table';
import { ReminderSweep } from './reminder-sweep';
import '../../styles/admin.css';

export const DELIVERY_STATUSES = ['queued', 'sending', 'sent', 'failed', 'dead'] as const;
const PAGE_SIZE = '100';

export const DeliveriesPage: View = () => {
  const [status, setStatus] = useState('');
  const [items, setItems] = useState<DeliveryView[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [reads, setReads] = useState(0);
  const latest = useRef(0);

  const load = async (cursor: string | null) => {
    const asked = ++latest.current;
    setBusy(true);
    const search = new URLSearchParams({ limit: PAGE_SIZE });
    if (status) search.set('status', status);
    if (cursor) search.set('cursor', cursor);
    try {
      const page = await api<Page<DeliveryView>>(`/api/notifications?${search.toString()}`);
      if (asked !== latest.current) return;
      setItems((current) => (cursor && current ? [...current, ...page.items] : page.items));
      setNext(page.nextCursor);
      setError('');
    } catch (failure) {
      if (asked === latest.current) setError(inWords(failure, t('deliveries.couldNotRead')));
    }
    if (asked === latest.current) setBusy(false);
  };
  useEffect(() => {
    if (may('notifications.read')) void load(null);
  }, [status, reads]);

  if (!may('notifications.read'))
    return (
      <>
        <PageHeading title={t('deliveries.title')} />
        <p class="form-error" role="alert">
          {t('deliveries.notForYou')}
        </p>
      </>
    );
  return (
    <>
      <PageHeading title={t('deliveries.title')} />
      <p class="muted">{t('deliveries.intro')}</p>
      {may('reminders.sweep') && <ReminderSweep onSwept={() => setReads((n) => n + 1)} />}
      <section aria-labelledby="deliveries-list-title">
        <h2 id="deliveries-list-title">{t('deliveries.list')}</h2>
        <div class="toolbar no-print">
          <label class="field">
            <span>{t('deliveries.filterStatus')}</span>
            <select id="delivery-status" value={status} onChange={(event) => setStatus(event.currentTarget.value)}>
              <option value="">{t('deliveries.allStatuses')}</option>
              {DELIVERY_STATUSES.map((code) => (
                <option key={code} value={code}>
                  {t(`delivery.status.${code}`)}
                </option>
              ))}
            </select>
          </label>
          <button type="button" class="button" id="deliveries-refresh" disabled={busy} onClick={() => setReads((n) => n + 1)}>
            {t('deliveries.refresh')}
          </button>
        </div>
        {error && (
          <p class="form-error" role="alert">
            {error}
          </p>
        )}
        <p class="muted" id="deliveries-count" aria-live="polite">
          {items === null
            ? t('deliveries.loading')
            : items.length
              ? t(next ? 'deliveries.showingMore' : 'deliveries.showing', { count: items.length })
              : status
                ? t('deliveries.noneWithStatus', { status: t(`delivery.status.${status as (typeof DELIVERY_STATUSES)[number]}`) })
                : t('deliveries.none')}
        </p>
        {items && items.length > 0 && <DeliveriesTable items={items} />}
        {next && (
          <button type="button" class="button" id="deliveries-more" disabled={busy} onClick={() => void load(next)}>
            {t('deliveries.more')}
          </button>
        )}
      </section>
    </>
  );
};
