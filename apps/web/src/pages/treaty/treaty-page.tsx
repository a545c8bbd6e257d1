// The page of one treaty (#/treaties/{slug}): facts, status, plot and chart, and the drawer of a country
// (#/treaties/{slug}/{CODE}) with its timeline, its statements and the form to record an act.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ParticipantView } from '@depositary/contracts';
import { PageHeading } from '../../components/page-heading';
import { flash } from '../../components/flash';
import { Failure, Loading } from '../../components/ui';
import { inWords } from '../../errors';
import { instantText, t, treatyTitle } from '../../i18n';
import { href, navigate } from '../../router';
import { may, session } from '../../session';
import type { View } from '../../views';
import { ChartSection, type ChartFilter } from './chart';
import { CountryDrawer } from './drawer';
import { Facts } from './facts';
import { type TreatyData, loadTreaty } from './load';
import { Plot } from './plot';
import { Summary } from './summary';
import '../../styles/treaty.css';

export const TreatyPage: View = ({ route }) => {
  const slug = route.name === 'treaty' ? route.slug : '';
  const code = route.name === 'treaty' ? route.code : undefined;
  const [data, setData] = useState<TreatyData | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [filter, setFilter] = useState<ChartFilter>({ text: '', status: '' });
  const latest = useRef<TreatyData | null>(null);
  latest.current = data;
  /** Set by a row's "Record act" button: the drawer then puts the focus on the act to record. */
  const focusRecord = useRef(false);

  useEffect(() => {
    let live = true;
    setData(null);
    setFailure(null);
    loadTreaty(slug, null).then(
      (loaded) => live && setData(loaded),
      (error: unknown) => live && setFailure(inWords(error, t('treaty.couldNotRead'))),
    );
    return () => {
      live = false;
    };
  }, [slug]);

  /** Reads the treaty again, as at `asOf`; `quietly` for the re-reads that follow an act. */
  const refresh = async (asOf: string | null = latest.current?.asOf ?? null, quietly = false): Promise<void> => {
    try {
      const loaded = await loadTreaty(slug, asOf);
      if (latest.current?.slug !== slug) return;
      setData(loaded);
      if (!quietly) flash(t('treaty.readAgain', { at: instantText(loaded.readAt) }));
    } catch (error) {
      if (!quietly) flash(inWords(error, t('treaty.couldNotReadAgain')), 'error');
    }
  };

  /** A participant as read alone (or as an act left it) replaces its row of the chart as it stands now. */
  const replaceParticipant = (participant: ParticipantView): void => {
    setData((current) => {
      if (!current || current.asOf) return current;
      const { country } = participant;
      const row: ParticipantView & { events?: unknown; statements?: unknown } = { ...participant };
      delete row.events;
      delete row.statements;
      return { ...current, participants: current.participants.map((p) => (p.country.code === country.code ? row : p)) };
    });
  };

  if (failure) return <Failure message={failure} />;
  if (!data) return <Loading what={t('treaty.loading')} />;
  const title = treatyTitle(data.treaty);
  const scoped = Boolean(session.value?.country);
  return (
    <>
      <nav class="breadcrumb" aria-label={t('treaty.breadcrumb')}>
        <a href={href.treaties()}>{t('nav.treaties')}</a> › <span>{title}</span>
      </nav>
      <PageHeading title={title} id="treaty-title" />
      {(may('treaties.manage') || may('actions.record')) && (
        <p class="actions treaty-links no-print">
          {may('treaties.manage') && (
            <>
              <a class="button" id="edit-treaty" href={href.editTreaty(slug)}>
                {t('treaty.link.edit')}
              </a>
              <a class="button" id="invite" href={href.invite(slug)}>
                {t('treaty.link.invite')}
              </a>
            </>
          )}
          {may('actions.record') && (
            <a class="button" id="bulk-acts" href={href.bulkActs(slug)}>
              {t('treaty.link.bulkActs')}
            </a>
          )}
        </p>
      )}
      <Facts data={data} onAsOf={(asOf) => void refresh(asOf)} onRefresh={() => void refresh()} />
      <Summary
        data={data}
        scoped={scoped}
        onStatus={(status) => {
          setFilter({ ...filter, status });
          document.getElementById('chart-heading')?.scrollIntoView({ behavior: 'smooth' });
        }}
      />
      {!scoped && <Plot data={data} />}
      <ChartSection
        data={data}
        scoped={scoped}
        filter={filter}
        onFilter={setFilter}
        onRecord={(country) => {
          focusRecord.current = true;
          navigate(href.country(slug, country));
        }}
      />
      {code && (
        <CountryDrawer
          key={code}
          code={code}
          data={data}
          focusRecord={focusRecord}
          onParticipant={replaceParticipant}
          onChanged={() => refresh(undefined, true)}
          onClose={() => navigate(href.treaty(slug))}
        />
      )}
    </>
  );
};
