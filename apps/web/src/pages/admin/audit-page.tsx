// #/audit: the verification of every chain, then the events, filtered by what the address says, 100 at a time.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ConfigurationEventView, EventView, Page, TreatyView } from '@depositary/contracts';
import { api } from '../../api';
import { PageHeading } from '../../components/page-heading';
import { Failure, Loading } from '../../components/ui';
import { inWords } from '../../errors';
import { countryName, listInWords, t } from '../../i18n';
import { navigate } from '../../router';
import { may } from '../../session';
import type { View } from '../../views';
import { AUDIT_FILTERS, AuditFilter, AuditFilters, filterOf, queryOf } from './audit-filters';
import { AuditTable } from './audit-table';
import { ConfigurationTable } from './configuration-table';
import { Country, countries as readCountries } from './countries';
import { VerificationCard } from './verification';
import '../../styles/admin.css';

const PAGE_SIZE = '100';

type Trail = { kind: ''; items: EventView[] } | { kind: 'configuration'; items: ConfigurationEventView[] };

interface Events {
  trail: Trail;
  next: string | null;
  loading: boolean;
  error: string;
}

/** The events of one trail: those read before (for "more") followed by the page just read. */
function trailOf(kind: string, before: Trail | null, items: (EventView | ConfigurationEventView)[]): Trail {
  if (kind === 'configuration')
    return {
      kind,
      items: [...(before?.kind === kind ? before.items : []), ...(items as ConfigurationEventView[])],
    };
  return { kind: '', items: [...(before?.kind === '' ? before.items : []), ...(items as EventView[])] };
}

export const AuditPage: View = ({ route }) => {
  const params = route.name === 'audit' ? route.params : new URLSearchParams();
  const query = params.toString();
  const [reference, setReference] = useState<{ treaties: TreatyView[]; countries: Country[] } | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [events, setEvents] = useState<Events>({ trail: { kind: '', items: [] }, next: null, loading: true, error: '' });
  const [reads, setReads] = useState(0);
  const latest = useRef(0);

  useEffect(() => {
    if (!may('audit.read')) return;
    Promise.all([api<Page<TreatyView>>('/api/treaties'), readCountries()]).then(
      ([treaties, countries]) => setReference({ treaties: treaties.items, countries }),
      (error: unknown) => setFailure(inWords(error, t('audit.couldNotOpen'))),
    );
  }, []);

  const filter = filterOf(params);
  const load = async (cursor: string | null) => {
    // Only the latest read shows: a slower answer to an earlier filter is dropped.
    const asked = ++latest.current;
    setEvents((current) => ({ ...current, loading: true, error: '' }));
    try {
      const page = await api<Page<EventView | ConfigurationEventView>>(
        `/api/audit/events?${queryOf(filter, cursor ? { cursor, limit: PAGE_SIZE } : { limit: PAGE_SIZE })}`,
      );
      if (asked !== latest.current) return;
      setEvents((current) => ({
        trail: trailOf(filter.kind, cursor ? current.trail : null, page.items),
        next: page.nextCursor,
        loading: false,
        error: '',
      }));
    } catch (error) {
      if (asked === latest.current)
        setEvents((current) => ({ ...current, loading: false, error: inWords(error, t('audit.couldNotRead')) }));
    }
  };
  useEffect(() => {
    if (may('audit.read')) void load(null);
  }, [query, reads]);

  if (!may('audit.read'))
    return (
      <>
        <PageHeading title={t('audit.title')} />
        <p class="form-error" role="alert">
          {t('audit.notForYou')}
        </p>
      </>
    );
  if (failure) return <Failure message={failure} />;
  if (!reference) return <Loading what={t('audit.loading')} />;

  const apply = (next: AuditFilter) => {
    const text = queryOf(next);
    if (text === query) setReads((n) => n + 1);
    else navigate(`#/audit${text ? `?${text}` : ''}`);
  };
  const active = AUDIT_FILTERS.filter((key) => filter[key]).map(
    (key) =>
      `${t(`audit.field.${key}`)}: ${
        key === 'country'
          ? `${countryName(filter.country)} (${filter.country})`
          : key === 'kind'
            ? t('audit.kind.configuration')
            : filter[key]
      }`,
  );
  const shown = events.trail.kind === filter.kind ? events.trail.items.length : 0;

  return (
    <>
      <PageHeading title={t('audit.title')} />
      <p class="muted">{t('audit.intro')}</p>
      {may('audit.verify') && (
        <section aria-labelledby="verify-title">
          <h2 id="verify-title">{t('audit.verify.title')}</h2>
          <VerificationCard />
        </section>
      )}
      <section aria-labelledby="events-title">
        <h2 id="events-title">{t('audit.events')}</h2>
        <AuditFilters key={query} filter={filter} treaties={reference.treaties} countries={reference.countries} onApply={apply} />
        <p class="muted" id="audit-filtered">
          {active.length ? t('audit.filteredBy', { filters: listInWords(active) }) : t('audit.allEvents')}
        </p>
        {events.error && (
          <p class="form-error" role="alert">
            {events.error}
          </p>
        )}
        <p class="muted" id="audit-count" aria-live="polite">
          {events.loading && !shown
            ? t('audit.loading')
            : shown
              ? t(events.next ? 'audit.showingMore' : 'audit.showing', { count: shown })
              : t('audit.noneMatch')}
        </p>
        {events.trail.kind === '' && filter.kind === '' && <AuditTable events={events.trail.items} treaties={reference.treaties} />}
        {events.trail.kind === 'configuration' && filter.kind === 'configuration' && (
          <ConfigurationTable events={events.trail.items} treaties={reference.treaties} />
        )}
        {events.next && (
          <button type="button" class="button" id="audit-more" disabled={events.loading} onClick={() => void load(events.next)}>
            {t('audit.more')}
          </button>
        )}
      </section>
    </>
  );
};
