import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '@depositary/config';
import { Actor, DomainError, ErrorCode, canonicalJson } from '@depositary/domain';
import { KeyObject, createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import { DataSource } from 'typeorm';
import { CONFIGURATION_CHAIN, ChainHeads, participantChainKey } from './verification';
import type { AuditCheckpointsRow } from '@depositary/persistence';

export interface CheckpointView {
  id: number;
  takenAt: string;
  takenBy: string;
  /** The exact text signed: canonical JSON of `{takenAt, heads}`. Keep it with the signature. */
  signed: string;
  /** Ed25519 signature of `signed`, base64. */
  signature: string;
  /** The public key that checks the signature (PEM, SubjectPublicKeyInfo). */
  publicKey: string;
  chains: number;
}

type CheckpointRow = Omit<AuditCheckpointsRow, 'heads'> & { heads: ChainHeads };

const toView = (row: CheckpointRow): CheckpointView => ({
  id: row.id,
  takenAt: row.taken_at.toISOString(),
  takenBy: row.taken_by,
  signed: row.signed,
  signature: row.signature,
  publicKey: row.public_key,
  chains: Object.keys(row.heads).length,
});

/** Checkpoints that never advanced: one is taken at most this often by the schedule, however many workers run it. */
const CHECKPOINT_LOCK = 7_160_320;

/**
 * Signed checkpoints of the audit chains. The signing key (AUDIT_SIGNING_KEY) is not in the database, so
 * someone who can write the database but does not hold the key cannot rewrite a chain up to a checkpoint,
 * re-hash it and keep the checkpoint valid.
 */
@Injectable()
export class AuditCheckpoints {
  private readonly logger = new Logger(AuditCheckpoints.name);
  private readonly privateKey: KeyObject | null;
  private readonly publicKey: KeyObject | null;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.privateKey = config.auditSigningKey ? createPrivateKey(config.auditSigningKey) : null;
    this.publicKey = this.privateKey ? createPublicKey(this.privateKey) : null;
  }

  get enabled(): boolean {
    return this.privateKey !== null;
  }

  /** Signs the heads of every chain now. */
  async take(actor: Actor | 'system'): Promise<CheckpointView> {
    if (!this.privateKey || !this.publicKey)
      throw new DomainError(
        ErrorCode.ServiceUnavailable,
        'audit checkpoints need AUDIT_SIGNING_KEY, which this service was started without',
      );
    return this.db.transaction('REPEATABLE READ', async (tx) => {
      // One snapshot of every chain's head, read from the events themselves (not from the participant rows).
      const participantHeads: { treaty_slug: string; country_code: string; seq: number; hash: string }[] = await tx.query(
        `SELECT DISTINCT ON (participant_id) treaty_slug, country_code, seq, hash FROM events ORDER BY participant_id, seq DESC`,
      );
      const [configuration]: { seq: number; hash: string }[] = await tx.query(
        `SELECT seq, hash FROM configuration_events ORDER BY seq DESC LIMIT 1`,
      );
      const heads: ChainHeads = {};
      for (const head of participantHeads)
        heads[participantChainKey(head.treaty_slug, head.country_code)] = { seq: head.seq, hash: head.hash };
      if (configuration) heads[CONFIGURATION_CHAIN] = { seq: configuration.seq, hash: configuration.hash };
      const takenAt = new Date();
      const signed = canonicalJson({ takenAt: takenAt.toISOString(), heads });
      const signature = sign(null, Buffer.from(signed), this.privateKey!).toString('base64');
      const publicKey = this.publicKey!.export({ format: 'pem', type: 'spki' }).toString();
      const [row]: CheckpointRow[] = await tx.query(
        `INSERT INTO audit_checkpoints (taken_at, taken_by, heads, signed, signature, public_key) VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
        [takenAt, actor === 'system' ? 'system' : actor.email, JSON.stringify(heads), signed, signature, publicKey],
      );
      return toView(row);
    });
  }

  /** The schedule's checkpoint: skipped when another process took one less than `minutes` ago. */
  async takeIfDue(minutes: number): Promise<CheckpointView | null> {
    if (!this.enabled) return null;
    return this.db.transaction(async (tx) => {
      const [{ locked }]: { locked: boolean }[] = await tx.query('SELECT pg_try_advisory_xact_lock($1) AS locked', [CHECKPOINT_LOCK]);
      if (!locked) return null;
      const [recent]: { id: number }[] = await tx.query(
        `SELECT id FROM audit_checkpoints WHERE taken_at > now() - make_interval(mins => $1) * 0.9 LIMIT 1`,
        [minutes],
      );
      if (recent) return null;
      const checkpoint = await this.take('system');
      this.logger.log(`signed audit checkpoint ${checkpoint.id} of ${checkpoint.chains} chains`);
      return checkpoint;
    });
  }

  async list(limit = 100): Promise<{ items: CheckpointView[]; nextCursor: null }> {
    const rows: CheckpointRow[] = await this.db.query(`SELECT * FROM audit_checkpoints ORDER BY id DESC LIMIT $1`, [limit]);
    return { items: rows.map(toView), nextCursor: null };
  }

  /**
   * The latest checkpoint, its signature checked with this service's key: its heads, or why it cannot be
   * trusted. Null when there is none, or no key to check it with.
   */
  async latest(): Promise<{ id: number; takenAt: string; heads: ChainHeads } | { id: number; takenAt: string; invalid: string } | null> {
    if (!this.publicKey) return null;
    const [row]: CheckpointRow[] = await this.db.query(`SELECT * FROM audit_checkpoints ORDER BY id DESC LIMIT 1`);
    if (!row) return null;
    const takenAt = row.taken_at.toISOString();
    const signedOk = verify(null, Buffer.from(row.signed), this.publicKey, Buffer.from(row.signature, 'base64'));
    if (!signedOk) return { id: row.id, takenAt, invalid: 'the latest checkpoint is not signed with this service’s key' };
    const signed = JSON.parse(row.signed) as { takenAt: string; heads: ChainHeads };
    // The signed text is what counts; the heads column is only there to be queried.
    return { id: row.id, takenAt: signed.takenAt, heads: signed.heads };
  }
}
