import { useEffect, useRef, useState } from 'preact/hooks';
import type { Page, TreatyView } from '@depositary/contracts';
import { api } from '../../api';
import { PageHeading } from '../../components/page-heading';
import { Failure, Loading } from '../../components/ui';
import { inWords } from '../../errors';
import { countryName, t } from '../../i18n';
import { navigate } from '../../router';
import { may, session } from '../../session';
import type { View } from '../../views';
import '../../styles/notifications.css';
import { DraftInbox } from './drafts';
import { IssuedList } from './issued-list';
import { Notification, listNotifications } from './notification-words';

/** While a circulation is under way, the counts are read again this often. */
const REFRESH_MS = 1500;
/** How many times the list is read again waiting for the e-mails of a notification just issued. */
const CIRCULATION_POLLS = 20;

/**
 * `#/notifications`: for an officer, the drafts to issue and the issued notifications with their deliveries; for
 * a focal point, the notifications its country received. `?treaty=<slug>` narrows the list to one treaty.
 */
export const NotificationsPage: View = ({ route }) => {
  const treaty = route.name === 'notifications' ? route.params.get('treaty') || null : null;
  const issuer = may('depositaryNotifications.issue');
  const [treaties, setTreaties] = useState<TreatyView[] | null>(null);
  const [drafts, setDrafts] = useState<Notification[] | null>(issuer ? null : []);
  const [issued, setIssued] = useState<Notification[] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [reload, setReload] = useState(0);
  const couldNotRead = (error: unknown) => setFailure(inWords(error, t('notifications.couldNotRead')));

  useEffect(() => {
    api<Page<TreatyView>>('/api/treaties').then((page) => setTreaties(page.items), couldNotRead);
  }, []);
  // Only the latest reading is shown: an earlier one answering late (the filter changed meanwhile) is dropped.
  const reading = useRef(0);
  useEffect(() => {
    const current = ++reading.current;
    const latest =
      <T,>(set: (value: T) => void) =>
      (value: T) => {
        if (current === reading.current) set(value);
      };
    if (issuer) listNotifications('draft', null).then(latest(setDrafts), couldNotRead);
    listNotifications('issued', treaty).then(latest(setIssued), couldNotRead);
  }, [treaty, reload]);
  // Delivery counts move as the worker sends: read the list again while any e-mail is still queued, and after an
  // issue until the worker has queued its e-mails (a notification no one is to receive stops being waited for).
  const [awaiting, setAwaiting] = useState<{ id: number; polls: number } | null>(null);
  const sending = issued?.some((notification) => notification.deliveries.queued > 0) ?? false;
  const circulating =
    awaiting !== null &&
    awaiting.polls < CIRCULATION_POLLS &&
    issued?.find((notification) => notification.id === awaiting.id)?.recipients === 0;
  useEffect(() => {
    if (!sending && !circulating) return;
    const timer = setTimeout(() => {
      if (awaiting) setAwaiting({ ...awaiting, polls: awaiting.polls + 1 });
      setReload((n) => n + 1);
    }, REFRESH_MS);
    return () => clearTimeout(timer);
  }, [sending, circulating, issued]);

  if (failure) return <Failure message={failure} />;
  if (!treaties || !drafts || !issued) return <Loading what={t('notifications.loading')} />;
  const country = session.value?.country;
  const title = !issuer && country ? t('notifications.titleOf', { country: countryName(country) }) : t('notifications.title');
  return (
    <>
      <PageHeading title={title} />
      <p class="muted notifications-intro">{issuer || !country ? t('notifications.intro') : t('notifications.introFocal')}</p>
      {issuer && (
        <DraftInbox
          drafts={drafts}
          treaties={treaties}
          onIssued={(notification) => {
            setAwaiting({ id: notification.id, polls: 0 });
            setReload((n) => n + 1);
          }}
        />
      )}
      <IssuedList
        issued={issued}
        treaties={treaties}
        treaty={treaty}
        onTreaty={(slug) => navigate(slug ? `#/notifications?treaty=${encodeURIComponent(slug)}` : '#/notifications')}
        heading={issuer || !country ? t('notifications.issuedList') : t('notifications.received')}
      />
    </>
  );
};
