import { EntryIntoForceRule, ParticipantRecord, RecordAsOf, TimedHistoryEvent, recordAsOf, todayUtc } from '@depositary/domain';
import { EntityManager } from 'typeorm';
import { ParticipantView, participantView } from './views';

/** What a read of the record may ask: the day in law, and the instant of knowledge (both optional). */
export interface AsOfQuery {
  asOf?: string;
  knownAt?: string;
}

export const asksForThePast = (query: AsOfQuery | undefined): query is AsOfQuery =>
  query !== undefined && (query.asOf !== undefined || query.knownAt !== undefined);

/**
 * The day the record is read in law: `asOf` when given; else the day of `knownAt` (the record as it stood
 * when the depositary knew what it knew then); else today.
 */
export const dayOf = (query: AsOfQuery): string =>
  query.asOf ?? (query.knownAt ? new Date(query.knownAt).toISOString().slice(0, 10) : todayUtc());

export interface ProjectedTreaty {
  projection: RecordAsOf;
  names: Map<string, string>;
  /** Per country: how many of its events were known (its version then). */
  versions: Map<string, number>;
  day: string;
}

interface EventLine {
  country_code: string;
  country_name: string;
  action: TimedHistoryEvent['action'];
  date: string;
  to: TimedHistoryEvent['to'];
  details: TimedHistoryEvent['details'];
  recorded_at: string;
}

/**
 * Reads every event of a treaty recorded by `knownAt` and projects the record as of the asked day through
 * the domain (`recordAsOf`). The whole treaty is read even for one country: a membership day depends on
 * when the treaty's threshold was met.
 */
export async function projectTreaty(
  db: EntityManager,
  treatyId: number,
  rule: EntryIntoForceRule,
  query: AsOfQuery,
): Promise<ProjectedTreaty> {
  const lines: EventLine[] = await db.query(
    `SELECT p.country_code, c.name AS country_name, e.action, e.effective_date AS date, e.to_status AS to, e.details,
            to_char(e.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS recorded_at
     FROM events e JOIN participants p ON p.id = e.participant_id JOIN countries c ON c.code = p.country_code
     WHERE p.treaty_id = $1 AND ($2::timestamptz IS NULL OR e.recorded_at <= $2)
     ORDER BY c.name, p.country_code, e.seq`,
    [treatyId, query.knownAt ?? null],
  );
  const histories: { country: string; events: TimedHistoryEvent[] }[] = [];
  const names = new Map<string, string>();
  const versions = new Map<string, number>();
  for (const line of lines) {
    if (histories.at(-1)?.country !== line.country_code) histories.push({ country: line.country_code, events: [] });
    histories
      .at(-1)!
      .events.push({ action: line.action, date: line.date, to: line.to, details: line.details, recordedAt: line.recorded_at });
    names.set(line.country_code, line.country_name);
    versions.set(line.country_code, (versions.get(line.country_code) ?? 0) + 1);
  }
  const day = dayOf(query);
  return { projection: recordAsOf(rule, histories, day, null), names, versions, day };
}

/** The chart of a projected treaty, in the order of the events read (country name). */
export function projectedChart(projected: ProjectedTreaty, country: string | null): ParticipantView[] {
  return projected.projection.participants
    .filter((participant) => country === null || participant.country === country)
    .map(({ country: code, record }) => projectedView(projected, code, record));
}

/** A participant as of a past day is read, not acted on: it offers no action. */
const projectedView = (projected: ProjectedTreaty, code: string, record: ParticipantRecord): ParticipantView => ({
  ...participantView({ code, name: projected.names.get(code) ?? code }, record, projected.versions.get(code) ?? 1, false),
  allowedActions: [],
});
