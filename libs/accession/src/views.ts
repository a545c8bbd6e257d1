import { ChainedEvent, ParticipantRecord, allowedActions } from '@depositary/domain';
import type { Treaty } from '@depositary/persistence';
import type { EventView, ParticipantView, TreatyView } from '@depositary/contracts';
import { selectList } from '@depositary/persistence';
import type { EventsRow, ParticipantsRow, TreatiesRow } from '@depositary/persistence';

export type { EventView, ParticipantView, TreatyView } from '@depositary/contracts';

/** A participants row joined with its country's name, as the SQL of this library selects it. */
export type ParticipantRow = Omit<ParticipantsRow, 'updated_at'> & { country_name: string };

/** The columns of the record itself, as `recordOfRow` reads them and the ledger writes them. */
export type RecordColumns = Omit<ParticipantViewRow, 'country_code' | 'country_name' | 'version' | 'correctable'>;
const RECORD_COLUMN_MAP = {
  status: 'p.status',
  invited_on: 'p.invited_on',
  signed_on: 'p.signed_on',
  signature_kind: 'p.signature_kind',
  signature_confirmed_on: 'p.signature_confirmed_on',
  deposited_on: 'p.deposited_on',
  instrument: 'p.instrument',
  effective_from: 'p.effective_from',
  predecessor: 'p.predecessor',
  member_since: 'p.member_since',
  withdrawal_notified_on: 'p.withdrawal_notified_on',
  withdrawal_effective_on: 'p.withdrawal_effective_on',
  withdrawn_on: 'p.withdrawn_on',
  consents: 'p.consents',
  last_act_on: 'p.last_act_on',
} as const satisfies { [K in keyof RecordColumns]: string };

/** What a participant's view shows, and no more: the chart reads only these (not the chain head, a 64-character hash a row). */
export type ParticipantViewRow = Omit<ParticipantRow, 'id' | 'treaty_id' | 'event_count' | 'last_hash'>;

export const PARTICIPANT_VIEW_COLUMNS = selectList<ParticipantViewRow>()({
  country_code: 'p.country_code',
  country_name: 'c.name',
  version: 'p.version',
  ...RECORD_COLUMN_MAP,
  correctable: 'p.correctable',
});

export const PARTICIPANT_COLUMNS = selectList<ParticipantRow>()({
  id: 'p.id',
  treaty_id: 'p.treaty_id',
  country_code: 'p.country_code',
  country_name: 'c.name',
  version: 'p.version',
  ...RECORD_COLUMN_MAP,
  correctable: 'p.correctable',
  event_count: 'p.event_count',
  last_hash: 'p.last_hash',
});

/** The participant's record as its row stores it. */
export const recordOfRow = (row: RecordColumns): ParticipantRecord => ({
  status: row.status,
  invitedOn: row.invited_on,
  signedOn: row.signed_on,
  signature: row.signature_kind ? { kind: row.signature_kind, confirmedOn: row.signature_confirmed_on } : null,
  depositedOn: row.deposited_on,
  instrument: row.instrument,
  effectiveFrom: row.effective_from,
  predecessor: row.predecessor,
  memberSince: row.member_since,
  withdrawal:
    row.withdrawal_notified_on && row.withdrawal_effective_on
      ? { notifiedOn: row.withdrawal_notified_on, effectiveOn: row.withdrawal_effective_on }
      : null,
  withdrawnOn: row.withdrawn_on,
  consents: row.consents,
  lastActOn: row.last_act_on,
});

/** The record as its columns store it. */
const recordColumns = (record: ParticipantRecord): RecordColumns => ({
  status: record.status,
  invited_on: record.invitedOn,
  signed_on: record.signedOn,
  signature_kind: record.signature?.kind ?? null,
  signature_confirmed_on: record.signature?.confirmedOn ?? null,
  deposited_on: record.depositedOn,
  instrument: record.instrument,
  effective_from: record.effectiveFrom,
  predecessor: record.predecessor,
  member_since: record.memberSince,
  withdrawal_notified_on: record.withdrawal?.notifiedOn ?? null,
  withdrawal_effective_on: record.withdrawal?.effectiveOn ?? null,
  withdrawn_on: record.withdrawnOn,
  consents: record.consents,
  last_act_on: record.lastActOn,
});

/** A participant's row with its record replaced by `record`, as the ledger writes it. */
export const withRecord = (row: ParticipantRow, record: ParticipantRecord): ParticipantRow => ({ ...row, ...recordColumns(record) });

/** The names of the record's columns, in the order `recordColumnValues` gives their values (the ledger's UPDATE binds them after the event's own values). */
export const RECORD_COLUMN_NAMES = Object.keys(RECORD_COLUMN_MAP) as (keyof RecordColumns)[];

export const recordColumnValues = (record: ParticipantRecord): unknown[] => {
  const columns = recordColumns(record);
  return RECORD_COLUMN_NAMES.map((name) => (name === 'consents' ? JSON.stringify(columns.consents) : columns[name]));
};

/** The columns of a treaty a transition needs. */
export type TreatyRow = Pick<TreatiesRow, 'id' | 'slug' | 'opened_for_signature_on' | 'withdrawal'>;

/** A participant's view from its record; `correctable` says whether its latest act may be corrected. */
export const participantView = (
  country: { code: string; name: string },
  record: ParticipantRecord,
  version: number,
  correctable: boolean,
): ParticipantView => ({
  country,
  status: record.status,
  version,
  invitedOn: record.invitedOn,
  signedOn: record.signedOn,
  signature: record.signature,
  depositedOn: record.depositedOn,
  instrument: record.instrument,
  effectiveFrom: record.effectiveFrom,
  predecessor: record.predecessor,
  memberSince: record.memberSince,
  withdrawal: record.withdrawal,
  withdrawnOn: record.withdrawnOn,
  statementKinds: [],
  allowedActions: allowedActions({ ...record, correctable }),
});

export const toParticipantView = (row: ParticipantViewRow): ParticipantView =>
  participantView({ code: row.country_code, name: row.country_name }, recordOfRow(row), row.version, row.correctable);

export type EventRow = EventsRow;

export const eventActor = (row: Pick<EventRow, 'actor_id' | 'actor_email' | 'actor_role'>): EventView['actor'] =>
  row.actor_id && row.actor_email && row.actor_role ? { id: row.actor_id, email: row.actor_email, role: row.actor_role } : 'system';

/** The fields of a stored event that its hash covers: what the audit verification re-hashes. */
export const chainedContentOf = (
  row: Omit<EventRow, 'id' | 'participant_id' | 'prev_hash' | 'hash' | 'recorded_at'> & { recorded_at: Date | string },
): ChainedEvent => ({
  treaty: row.treaty_slug,
  country: row.country_code,
  seq: row.seq,
  action: row.action,
  from: row.from_status,
  to: row.to_status,
  date: row.effective_date,
  recordedAt: typeof row.recorded_at === 'string' ? row.recorded_at : row.recorded_at.toISOString(),
  actor: eventActor(row),
  reference: row.reference,
  note: row.note,
  reason: row.reason,
  ...(row.details == null ? {} : { details: { ...row.details } }),
});

export const toEventView = (row: EventRow): EventView => ({
  id: row.id,
  ...chainedContentOf(row),
  actor: eventActor(row),
  details: row.details ?? null,
  prevHash: row.prev_hash,
  hash: row.hash,
});

export const toTreatyView = (treaty: Treaty): TreatyView => ({
  slug: treaty.slug,
  title: treaty.title,
  titles: treaty.titles,
  depositary: treaty.depositary,
  openedForSignatureOn: treaty.openedForSignatureOn,
  entryIntoForce: treaty.entryIntoForce,
  reminders: treaty.reminders,
  withdrawal: treaty.withdrawal,
  reservations: treaty.reservations,
  public: treaty.public,
  notifications: treaty.notifications,
  status: treaty.status,
  thresholdMetOn: treaty.thresholdMetOn,
  entryIntoForceOn: treaty.entryIntoForceOn,
  createdAt: treaty.createdAt.toISOString(),
  updatedAt: treaty.updatedAt.toISOString(),
});

/** RFC 4180 CSV: every field quoted when it needs to be; a leading =, +, - or @ is neutralised for spreadsheets. */
export function toCsv(header: string[], rows: (string | number | null)[][]): string {
  const field = (value: string | number | null): string => {
    if (value === null) return '';
    let text = String(value);
    if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return [header, ...rows].map((row) => row.map(field).join(',')).join('\r\n') + '\r\n';
}

/** The chart as CSV: one row per participant, the columns of its view (the kinds of its statements joined by `;`). */
export function toChartCsv(chart: readonly Omit<ParticipantView, 'allowedActions'>[]): string {
  return toCsv(
    [
      'country',
      'name',
      'status',
      'invitedOn',
      'signedOn',
      'signature',
      'signatureConfirmedOn',
      'instrument',
      'depositedOn',
      'effectiveFrom',
      'predecessor',
      'memberSince',
      'withdrawalNotifiedOn',
      'withdrawalEffectiveOn',
      'withdrawnOn',
      'version',
      'statementKinds',
    ],
    chart.map((p) => [
      p.country.code,
      p.country.name,
      p.status,
      p.invitedOn,
      p.signedOn,
      p.signature?.kind ?? null,
      p.signature?.confirmedOn ?? null,
      p.instrument,
      p.depositedOn,
      p.effectiveFrom,
      p.predecessor,
      p.memberSince,
      p.withdrawal?.notifiedOn ?? null,
      p.withdrawal?.effectiveOn ?? null,
      p.withdrawnOn,
      p.version,
      p.statementKinds.length > 0 ? p.statementKinds.join(';') : null,
    ]),
  );
}
