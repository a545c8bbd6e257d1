import { Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';

const CACHE_MS = 2_000;

/** A new epoch: ten characters of [0-9a-z], no ':' (BullMQ's key separator). */
export const newJobEpoch = (): string => randomBytes(8).readBigUInt64BE().toString(36).padStart(10, '0').slice(-10);

/** The job epoch of this database (see the queue contract), read at most every two seconds. */
export class JobEpoch {
  private cached: { epoch: Promise<string>; until: number } | undefined;

  constructor(private readonly db: DataSource) {}

  static async read(db: DataSource | EntityManager): Promise<string> {
    const [row]: { job_epoch: string }[] = await db.query(`SELECT job_epoch FROM service_state`);
    if (!row) throw new Error('service_state has no row: the migrations have not run');
    return row.job_epoch;
  }

  current(): Promise<string> {
    if (this.cached && this.cached.until > Date.now()) return this.cached.epoch;
    const epoch = JobEpoch.read(this.db);
    this.cached = { epoch, until: Date.now() + CACHE_MS };
    epoch.catch(() => (this.cached = undefined));
    return epoch;
  }

  /**
   * At a worker's start: when this database is not the one its epoch was made for (a dump restored into another
   * database, a copy made from a template), it gets a new epoch, so that its jobs cannot meet the original's.
   */
  static async renewIfCopied(db: DataSource, logger: Logger): Promise<void> {
    const renewed: { job_epoch: string }[] = await db.query(
      `WITH renewed AS (
         UPDATE service_state SET job_epoch = $1, database_oid = (SELECT oid FROM pg_database WHERE datname = current_database())
         WHERE database_oid IS DISTINCT FROM (SELECT oid FROM pg_database WHERE datname = current_database())
         RETURNING job_epoch
       ) SELECT job_epoch FROM renewed`,
      [newJobEpoch()],
    );
    if (renewed.length)
      logger.warn(`this database is a copy or a restore of another: its job ids now carry the new epoch ${renewed[0].job_epoch}`);
  }
}
