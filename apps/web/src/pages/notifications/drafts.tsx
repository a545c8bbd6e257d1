import { useState } from 'preact/hooks';
import type { TreatyView } from '@depositary/contracts';
import type { Language } from '@depositary/domain';
import { Dialog } from '../../components/dialog';
import { flash } from '../../components/flash';
import { inWords } from '../../errors';
import { formatDay, language, t } from '../../i18n';
import { NotificationText } from './notification-text';
import { ActFacts } from './notification-facts';
import { Notification, issueNotification, titleOf } from './notification-words';

/** The officer's inbox: every draft, readable in its three languages, each with its "Issue" button. */
export function DraftInbox(props: { drafts: Notification[]; treaties: TreatyView[]; onIssued: (issued: Notification) => void }) {
  const { drafts, treaties, onIssued } = props;
  return (
    <section class="notification-drafts" aria-labelledby="drafts-heading">
      <h2 id="drafts-heading">{t('notifications.drafts')}</h2>
      <p id="drafts-count" class="muted">
        {t('notifications.draftsCount', { count: drafts.length })}
      </p>
      <ol id="drafts" class="notification-drafts__list">
        {drafts.map((draft) => (
          <li key={draft.id}>
            <DraftCard draft={draft} treaties={treaties} onIssued={onIssued} />
          </li>
        ))}
      </ol>
    </section>
  );
}

function DraftCard({
  draft,
  treaties,
  onIssued,
}: {
  draft: Notification;
  treaties: TreatyView[];
  onIssued: (issued: Notification) => void;
}) {
  const [shown, setShown] = useState<Language>(language.value);
  const [confirming, setConfirming] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const headingId = `draft-${draft.id}-heading`;
  return (
    <article class="card notification-card" data-draft={draft.id} aria-labelledby={headingId}>
      <h3 id={headingId} class="notification-card__title">
        {t('notifications.draftOf', { date: formatDay(draft.createdAt.slice(0, 10)) })}
      </h3>
      <dl class="notification-card__facts">
        <div>
          <dt>{t('notifications.number')}</dt>
          <dd class="muted">{t('notifications.draft')}</dd>
        </div>
        <div>
          <dt>{t('notifications.treaty')}</dt>
          <dd>{titleOf(treaties, draft.treaty)}</dd>
        </div>
        <ActFacts notification={draft} />
      </dl>
      <NotificationText notification={draft} idPrefix={`draft-${draft.id}`} shown={shown} onShow={setShown} />
      {failure && (
        <p class="form-error" role="alert">
          {failure}
        </p>
      )}
      <p class="form-actions">
        <button
          type="button"
          class="button button--primary"
          data-issue={draft.id}
          aria-label={t('notifications.issueLabel', { subject: draft.subject[language.value] })}
          onClick={() => (setFailure(null), setConfirming(true))}
        >
          {t('notifications.issue')}
        </button>
      </p>
      {confirming && (
        <IssueDialog
          draft={draft}
          treaty={titleOf(treaties, draft.treaty)}
          onClose={() => setConfirming(false)}
          onIssued={(issued) => {
            setConfirming(false);
            onIssued(issued);
          }}
          onFailed={(message) => {
            setConfirming(false);
            setFailure(message);
          }}
        />
      )}
    </article>
  );
}

/** Asks before issuing, since an issued notification is numbered and sent for good. */
function IssueDialog(props: {
  draft: Notification;
  treaty: string;
  onClose: () => void;
  onIssued: (issued: Notification) => void;
  onFailed: (message: string) => void;
}) {
  const { draft, treaty, onClose, onIssued, onFailed } = props;
  const [busy, setBusy] = useState(false);
  const issue = async () => {
    setBusy(true);
    try {
      const issued = await issueNotification(draft.id);
      flash(t('notifications.issued', { number: issued.number ?? '' }), 'success');
      onIssued(issued);
    } catch (error) {
      setBusy(false);
      onFailed(inWords(error, t('notifications.couldNotIssue')));
    }
  };
  return (
    <Dialog id="issue-dialog" class="dialog notification-confirm" titleId="issue-dialog-title" onClose={onClose}>
      <h2 id="issue-dialog-title">{t('notifications.confirmTitle')}</h2>
      <p class="notification-confirm__subject">{draft.subject[language.value]}</p>
      <p>{t('notifications.confirmText', { treaty })}</p>
      <div class="form-actions">
        <button type="button" id="confirm-issue" class="button button--primary" disabled={busy} onClick={() => void issue()}>
          {busy ? t('notifications.issuing') : t('notifications.confirmIssue')}
        </button>
        <button type="button" class="button" onClick={onClose} disabled={busy}>
          {t('shell.cancel')}
        </button>
      </div>
    </Dialog>
  );
}
