// The text an audit event's hash covers: pure, so that the web page re-hashes a chain with the same code.

export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted at every depth: the same event always serialises to the same text. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** The fields of an event that its hash covers. */
export interface ChainedEvent {
  treaty: string;
  country: string;
  seq: number;
  action: string;
  from: string | null;
  to: string;
  date: string;
  recordedAt: string;
  actor: { id: string; email: string; role: string } | 'system';
  reference: string | null;
  note: string | null;
  reason: string | null;
  /**
   * What the act carries beyond its date (kind of signature, date of succession, day a withdrawal takes
   * effect). Absent when there is nothing, so that events recorded before it existed keep their hash.
   */
  details?: Record<string, string> | null;
}

const text = (value: string | null): string => (value === null ? 'null' : JSON.stringify(value));

/**
 * canonicalJson of a ChainedEvent, written out field by field in sorted key order: the same text, without
 * sorting keys for each of the million events a verification may re-hash.
 */
export function chainedEventJson(event: ChainedEvent): string {
  const actor =
    event.actor === 'system'
      ? '"system"'
      : `{"email":${JSON.stringify(event.actor.email)},"id":${JSON.stringify(event.actor.id)},"role":${JSON.stringify(event.actor.role)}}`;
  return (
    `{"action":${JSON.stringify(event.action)},"actor":${actor},"country":${JSON.stringify(event.country)},"date":${JSON.stringify(event.date)},` +
    (event.details == null ? '' : `"details":${canonicalJson(event.details)},`) +
    `"from":${text(event.from)},"note":${text(event.note)},"reason":${text(event.reason)},"recordedAt":${JSON.stringify(event.recordedAt)},` +
    `"reference":${text(event.reference)},"seq":${JSON.stringify(event.seq)},"to":${JSON.stringify(event.to)},"treaty":${JSON.stringify(event.treaty)}}`
  );
}
