import { ChainedEvent, Instrument, ParticipantStatus, PersonAction, Role, allowedActions } from '@depositary/domain';
import type { ReminderPolicy, Treaty, TreatyStatus } from '@depositary/persistence';

/** A participants row joined with its country's name, as the SQL of this library selects it. */
export interface ParticipantRow {
  id: number;
  treaty_id: number;
  country_code: string;
  country_name: string;
  status: ParticipantStatus;
  version: number;
  invited_on: string;
  signed_on: string | null;
  deposited_on: string | null;
  instrument: Instrument | null;
  member_since: string | null;
  withdrawn_on: string | null;
  event_count: number;
  last_hash: string;
}

export const PARTICIPANT_COLUMNS = `p.id, p.treaty_id, p.country_code, c.name AS country_name, p.status, p.version, p.invited_on,
  p.signed_on, p.deposited_on, p.instrument, p.member_since, p.withdrawn_on, p.event_count, p.last_hash`;

/** What a participant's view shows, and no more: the chart reads only these (not the chain head, a 64-character hash a row). */
export type ParticipantViewRow = Pick<
  ParticipantRow,
  | 'country_code'
  | 'country_name'
  | 'status'
  | 'version'
  | 'invited_on'
  | 'signed_on'
  | 'deposited_on'
  | 'instrument'
  | 'member_since'
  | 'withdrawn_on'
>;

export const PARTICIPANT_VIEW_COLUMNS = `p.country_code, c.name AS country_name, p.status, p.version, p.invited_on, p.signed_on,
  p.deposited_on, p.instrument, p.member_since, p.withdrawn_on`;

/** The columns of a treaty a transition needs. */
export interface TreatyRow {
  id: number;
  slug: string;
  opened_for_signature_on: string;
}

export interface ParticipantView {
  country: { code: string; name: string };
  status: ParticipantStatus;
  version: number;
  invitedOn: string;
  signedOn: string | null;
  depositedOn: string | null;
  instrument: Instrument | null;
  memberSince: string | null;
  withdrawnOn: string | null;
  allowedActions: PersonAction[];
}

export const toParticipantView = (row: ParticipantViewRow): ParticipantView => ({
  country: { code: row.country_code, name: row.country_name },
  status: row.status,
  version: row.version,
  invitedOn: row.invited_on,
  signedOn: row.signed_on,
  depositedOn: row.deposited_on,
  instrument: row.instrument,
  memberSince: row.member_since,
  withdrawnOn: row.withdrawn_on,
  allowedActions: allowedActions(row.status),
});

export interface EventRow {
  id: number;
  participant_id: number;
  treaty_slug: string;
  country_code: string;
  seq: number;
  action: string;
  from_status: string | null;
  to_status: string;
  effective_date: string;
  recorded_at: Date;
  actor_id: string | null;
  actor_email: string | null;
  actor_role: Role | null;
  reference: string | null;
  note: string | null;
  reason: string | null;
  prev_hash: string;
  hash: string;
}

export interface EventView {
  id: number;
  treaty: string;
  country: string;
  seq: number;
  action: string;
  from: string | null;
  to: string;
  date: string;
  recordedAt: string;
  actor: { id: string; email: string; role: Role } | 'system';
  reference: string | null;
  note: string | null;
  reason: string | null;
  prevHash: string;
  hash: string;
}

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
});

export const toEventView = (row: EventRow): EventView => ({
  id: row.id,
  ...chainedContentOf(row),
  actor: eventActor(row),
  prevHash: row.prev_hash,
  hash: row.hash,
});

export interface TreatyView {
  slug: string;
  title: string;
  depositary: string | null;
  openedForSignatureOn: string;
  entryIntoForce: Treaty['entryIntoForce'];
  reminders: ReminderPolicy[];
  status: TreatyStatus;
  thresholdMetOn: string | null;
  entryIntoForceOn: string | null;
  createdAt: string;
  updatedAt: string;
}

export const toTreatyView = (treaty: Treaty): TreatyView => ({
  slug: treaty.slug,
  title: treaty.title,
  depositary: treaty.depositary,
  openedForSignatureOn: treaty.openedForSignatureOn,
  entryIntoForce: treaty.entryIntoForce,
  reminders: treaty.reminders,
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
