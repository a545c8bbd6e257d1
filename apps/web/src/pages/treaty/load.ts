// Reading a treaty: the treaty, its status and its chart, as they stand or as at the end of a past day.
import type { EventView, Page, ParticipantView, StatementView, TreatyStatusView, TreatyView } from '@depositary/contracts';
import { api, seg } from '../../api';

export interface TreatyData {
  slug: string;
  treaty: TreatyView;
  status: TreatyStatusView;
  participants: ParticipantView[];
  /** The day the record is read as at (null: as it stands now). */
  asOf: string | null;
  readAt: Date;
}

/** A participant read alone: its row with its events and statements. */
export type ParticipantRecord = ParticipantView & { events: EventView[]; statements: StatementView[] };

export const treatyPath = (slug: string): string => `/api/treaties/${seg(slug)}`;
export const participantPath = (slug: string, code: string): string => `${treatyPath(slug)}/participants/${seg(code)}`;
const asAtQuery = (asOf: string | null, joiner = '?'): string => (asOf ? `${joiner}asOf=${asOf}` : '');

export async function loadTreaty(slug: string, asOf: string | null): Promise<TreatyData> {
  const path = treatyPath(slug);
  const [treaty, status, chart] = await Promise.all([
    api<TreatyView>(path),
    api<TreatyStatusView>(`${path}/status${asAtQuery(asOf)}`),
    api<Page<ParticipantView>>(`${path}/participants${asAtQuery(asOf)}`),
  ]);
  return { slug, treaty, status, participants: chart.items, asOf, readAt: new Date() };
}

/** The chart as CSV, as the service writes it. */
export const chartCsv = (slug: string, asOf: string | null): Promise<string> =>
  api<string>(`${treatyPath(slug)}/participants?format=csv${asAtQuery(asOf, '&')}`, { as: 'text' });
