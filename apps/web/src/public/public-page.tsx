// The public page of a treaty (/public/{slug}): anyone may read it, without signing in, in three languages.
import { useEffect, useState } from 'preact/hooks';
import type { ParticipantView, TreatyStatusView, TreatyView } from '@depositary/contracts';
import { isIsoDate } from '@depositary/domain';
import { api, seg } from '../api';
import { PageHeading } from '../components/page-heading';
import { Badge, Day, Failure, Loading } from '../components/ui';
import type { TreatyData } from '../pages/treaty/load';
import { Plot } from '../pages/treaty/plot';
import { Summary } from '../pages/treaty/summary';
import { inWords } from '../errors';
import { countryName, language, listInWords, t, treatyTitle, wordFor } from '../i18n';
import { LANGUAGES, LANGUAGE_NAMES } from '../i18n/messages';
import '../styles/treaty.css';
import '../styles/public.css';

/** GET /public/treaties/{slug}: the treaty, where it stands and its chart, without anything personal. */
export interface PublicTreaty extends Pick<
  TreatyView,
  'slug' | 'title' | 'titles' | 'depositary' | 'openedForSignatureOn' | 'entryIntoForce'
> {
  entryIntoForceOn: string | null;
  status: Pick<TreatyStatusView, 'status' | 'counts' | 'threshold' | 'entryIntoForceOn' | 'decisive' | 'explanation'>;
  chart: Omit<ParticipantView, 'allowedActions' | 'version'>[];
  asOf: string | null;
}

const slugOfPage = (): string => decodeURIComponent(location.pathname.replace(/^\/public\//, '').replace(/\/$/, ''));

export function PublicPage() {
  const slug = slugOfPage();
  const [asOf, setAsOf] = useState(() => new URLSearchParams(location.search).get('asOf') ?? '');
  const [treaty, setTreaty] = useState<PublicTreaty | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => {
    setFailure(null);
    // The address says what is shown, so that it can be shared.
    const query = new URLSearchParams(location.search);
    if (asOf) query.set('asOf', asOf);
    else query.delete('asOf');
    history.replaceState(null, '', `${location.pathname}${query.size ? `?${query.toString()}` : ''}`);
    api<PublicTreaty>(`/public/treaties/${seg(slug)}${asOf ? `?asOf=${asOf}` : ''}`).then(setTreaty, (error: unknown) =>
      setFailure(inWords(error, t('public.couldNotRead'))),
    );
  }, [slug, asOf]);
  const lang = language.value;
  return (
    <>
      <header class="site-header">
        <div class="site-header__inner">
          <span class="brand">{t('app.name')}</span>
          <nav class="site-nav" aria-label={t('shell.language')}>
            {LANGUAGES.map((code) => (
              <a
                key={code}
                href={`?lang=${code}${asOf ? `&asOf=${asOf}` : ''}`}
                lang={code}
                aria-current={code === lang ? 'true' : undefined}
              >
                {LANGUAGE_NAMES[code]}
              </a>
            ))}
          </nav>
        </div>
      </header>
      <main id="main" class="main public" tabIndex={-1}>
        {failure ? <Failure message={failure} /> : treaty ? <PublicTreatyView treaty={treaty} onAsOf={setAsOf} /> : <Loading />}
      </main>
      <footer class="site-footer">
        <p>
          {t('public.openData')} <a href={`/public/treaties/${seg(slug)}`}>JSON</a> ·{' '}
          <a href={`/public/treaties/${seg(slug)}?format=csv`}>CSV</a> ·{' '}
          <a href={`/public/treaties/${seg(slug)}/notifications.atom`}>{t('public.feed')}</a>
        </p>
      </footer>
    </>
  );
}

/** The public answer as the signed-in page's components read a treaty (what the public read leaves out is empty). */
function asTreatyData(treaty: PublicTreaty): TreatyData {
  const view = {
    ...treaty,
    titles: treaty.titles ?? {},
    status: treaty.status.status,
    thresholdMetOn: treaty.status.threshold.metOn,
  } as unknown as TreatyView;
  return {
    slug: treaty.slug,
    treaty: view,
    status: { ...treaty.status, evaluatedAt: null, asOf: treaty.asOf, knownAt: null },
    participants: treaty.chart.map((row) => ({ ...row, version: 0, allowedActions: [] })),
    asOf: treaty.asOf,
    readAt: new Date(),
  };
}

function PublicTreatyView({ treaty, onAsOf }: { treaty: PublicTreaty; onAsOf: (day: string) => void }) {
  const { status } = treaty;
  const data = asTreatyData(treaty);
  return (
    <>
      <PageHeading title={treatyTitle(treaty)} />
      <p class="public__standing">
        <Badge status={status.status} kind="treatyStatus" />{' '}
        {status.entryIntoForceOn ? (
          <>
            {t('public.inForceOn')} <Day value={status.entryIntoForceOn} style="words" />
          </>
        ) : null}
      </p>
      <dl class="facts">
        <dt>{t('public.depositary')}</dt>
        <dd>{treaty.depositary ?? '—'}</dd>
        <dt>{t('public.opened')}</dt>
        <dd>
          <Day value={treaty.openedForSignatureOn} style="words" />
        </dd>
        <dt>{t('public.asAt')}</dt>
        <dd>{treaty.asOf ? <Day value={treaty.asOf} style="words" /> : t('public.today')}</dd>
      </dl>
      <Summary data={data} scoped onStatus={() => undefined} />
      <AsOfForm asOf={treaty.asOf} onAsOf={onAsOf} />
      <Plot data={data} />
      <PublicChart chart={treaty.chart} />
    </>
  );
}

function AsOfForm({ asOf, onAsOf }: { asOf: string | null; onAsOf: (day: string) => void }) {
  const [value, setValue] = useState(asOf ?? '');
  const [error, setError] = useState('');
  return (
    <form
      class="as-at-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (value && !isIsoDate(value)) return setError(t('public.badDate'));
        setError('');
        onAsOf(value);
      }}
    >
      <label for="public-as-of">{t('public.asAtLabel')}</label>
      <input id="public-as-of" type="date" value={value} onInput={(event) => setValue(event.currentTarget.value)} />
      <button type="submit" class="button">
        {t('public.show')}
      </button>
      <span class="form-error" role="alert">
        {error}
      </span>
    </form>
  );
}

function PublicChart({ chart }: { chart: PublicTreaty['chart'] }) {
  const rows = [...chart].sort((a, b) =>
    countryName(a.country.code, a.country.name).localeCompare(countryName(b.country.code, b.country.name), language.value),
  );
  return (
    <div class="table-wrap">
      <table class="data chart" id="public-chart">
        <caption>{t('public.chartCaption', { count: chart.length })}</caption>
        <thead>
          <tr>
            {(['country', 'status', 'signed', 'deposited', 'member', 'statements'] as const).map((column) => (
              <th scope="col" key={column}>
                {t(`public.column.${column}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.country.code} data-country={row.country.code}>
              <th scope="row" data-label={t('public.column.country')}>
                {countryName(row.country.code, row.country.name)}
              </th>
              <td data-label={t('public.column.status')}>
                <Badge status={row.status} />
              </td>
              <td data-label={t('public.column.signed')}>
                <Day value={row.signedOn} />
              </td>
              <td data-label={t('public.column.deposited')}>
                <Day value={row.depositedOn} /> {row.instrument ? <span class="muted">{wordFor('instrument', row.instrument)}</span> : null}
              </td>
              <td data-label={t('public.column.member')}>
                <Day value={row.memberSince} />
              </td>
              <td data-label={t('public.column.statements')}>
                {listInWords(row.statementKinds.map((kind) => wordFor('statementKind', kind)))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
