import { useEffect, useState } from 'preact/hooks';
import type { Page, TreatyStatusView, TreatyView } from '@depositary/contracts';
import { api, seg } from '../api';
import { PageHeading } from '../components/page-heading';
import { Badge, Day, Failure, Loading, ProgressBar } from '../components/ui';
import { inWords } from '../errors';
import { instantLong, t, treatyTitle } from '../i18n';
import { href } from '../router';
import { may } from '../session';

/** The treaties, with each one's progress read a few at a time after the list shows. */
export function Treaties() {
  const [treaties, setTreaties] = useState<TreatyView[] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [readAt] = useState(() => new Date());
  useEffect(() => {
    api<Page<TreatyView>>('/api/treaties').then(
      (page) => setTreaties(page.items),
      (error: unknown) => setFailure(inWords(error, t('treaties.couldNotRead'))),
    );
  }, []);
  if (failure) return <Failure message={failure} />;
  if (!treaties) return <Loading what={t('treaties.loading')} />;
  return (
    <>
      <PageHeading title={t('treaties.title')} />
      <p class="as-at">
        {t('treaties.asAt')} <time dateTime={readAt.toISOString()}>{instantLong(readAt)}</time>
      </p>
      {may('treaties.manage') && (
        <p class="actions">
          <a class="button button--primary" href={href.newTreaty()}>
            {t('treaties.new')}
          </a>{' '}
          <a class="button" href="#/import">
            {t('treaties.import')}
          </a>
        </p>
      )}
      {treaties.length ? (
        <div class="table-wrap">
          <table class="data treaties">
            <caption>{t('treaties.caption', { count: treaties.length })}</caption>
            <thead>
              <tr>
                {(['treaty', 'status', 'progress', 'entryIntoForce', 'opened', 'depositary'] as const).map((column) => (
                  <th scope="col" key={column}>
                    {t(`treaties.column.${column}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {treaties.map((treaty) => (
                <TreatyRow key={treaty.slug} treaty={treaty} />
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{t('treaties.none')}</p>
      )}
    </>
  );
}

function TreatyRow({ treaty }: { treaty: TreatyView }) {
  const [status, setStatus] = useState<TreatyStatusView | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => {
    api<TreatyStatusView>(`/api/treaties/${seg(treaty.slug)}/status`).then(setStatus, (error: unknown) =>
      setFailure(inWords(error, t('treaties.notAvailable'))),
    );
  }, [treaty.slug]);
  const title = treatyTitle(treaty);
  return (
    <tr data-slug={treaty.slug}>
      <th scope="row" data-label={t('treaties.column.treaty')}>
        <a href={href.treaty(treaty.slug)}>{title}</a>
      </th>
      <td data-label={t('treaties.column.status')}>
        <Badge status={status?.status ?? treaty.status} kind="treatyStatus" />
      </td>
      <td data-label={t('treaties.column.progress')}>
        {failure ? (
          <span class="form-error">{failure}</span>
        ) : status ? (
          <span class="progress-inline">
            <ProgressBar
              current={status.threshold.current}
              required={status.threshold.required}
              label={t('treaties.progressOf', { title })}
            />
            <span>
              {status.threshold.required === null
                ? t('treaties.deposited', { count: status.threshold.current })
                : t('treaties.ofRequired', { current: status.threshold.current, required: status.threshold.required })}
            </span>
          </span>
        ) : (
          <span class="muted">…</span>
        )}
      </td>
      <td data-label={t('treaties.column.entryIntoForce')}>
        <Day value={treaty.entryIntoForceOn} />
      </td>
      <td data-label={t('treaties.column.opened')}>
        <Day value={treaty.openedForSignatureOn} />
      </td>
      <td data-label={t('treaties.column.depositary')}>{treaty.depositary ?? <span class="none">—</span>}</td>
    </tr>
  );
}
