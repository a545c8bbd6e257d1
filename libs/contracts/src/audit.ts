// The answers of the audit routes, as libs/audit builds them and the web page reads them.

/** Which chain a broken link is in. */
export type ChainName = 'participant' | 'configuration' | 'checkpoint';

export interface BrokenLink {
  chain: ChainName;
  eventId: number | null;
  treaty: string | null;
  country: string | null;
  seq: number | null;
  reason: string;
}

/** GET /api/audit/verify: every chain re-hashed. */
export interface Verification {
  ok: boolean;
  checked: number;
  firstBroken: BrokenLink | null;
  /** The signed checkpoint the chains were checked against, if any. */
  checkpoint: { id: number; takenAt: string } | null;
}

export interface ConfigurationEventView {
  id: number;
  seq: number;
  action: string;
  treaty: string | null;
  country: string | null;
  subject: string;
  actor: { id: string; email: string; role: string } | 'system';
  recordedAt: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown>;
  prevHash: string;
  hash: string;
}
