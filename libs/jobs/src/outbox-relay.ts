import { Logger } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { JobEpoch } from './job-epoch';
import { ThrottledLog } from './throttled-log';
import {
  CirculateNotificationPayload,
  DeliverPayload,
  DraftNotificationPayload,
  MailJob,
  RecomputePayload,
  TreatyJob,
  circulateNotificationJobId,
  deliverJobId,
  draftNotificationJobId,
  recomputeJobId,
} from './queues';
import type { OutboxTopic } from './outbox';
import type { OutboxRow as OutboxTableRow } from '@depositary/persistence';

type OutboxRow = Pick<OutboxTableRow, 'id' | 'created_at'> & {
  topic: OutboxTopic;
  payload: {
    treatyId?: number;
    deliveryId?: number;
    requestId?: string | null;
    eventId?: number;
    treatyEventId?: number;
    notificationId?: number;
  };
};

/** The request a row's work carries on, for its job's log lines. */
const traced = (row: OutboxRow): { requestIds?: string[] } => (row.payload.requestId ? { requestIds: [row.payload.requestId] } : {});

/** What one recompute job of a batch follows: the last outbox row of its treaty, the requests, the first commit. */
interface TreatyBatch {
  lastId: number;
  requestIds: Set<string>;
  committedAt: Date;
}

const MAX_REQUEST_IDS = 20;

const BATCH = 500;

/**
 * Moves committed outbox rows to BullMQ. Rows are claimed with FOR UPDATE SKIP LOCKED, so several relays
 * (one per worker process) share the work without sending a row twice; a row is marked dispatched only in
 * the transaction that enqueued it, so a Redis outage leaves it pending until Redis is back.
 */
export class OutboxRelay {
  private readonly log = new ThrottledLog(new Logger(OutboxRelay.name));

  constructor(
    private readonly db: DataSource,
    private readonly treatyQueue: Queue,
    private readonly mailQueue: Queue,
  ) {}

  /** Relays one batch; returns how many rows it dispatched. */
  async relayOnce(): Promise<number> {
    return this.db.transaction(async (tx) => {
      const rows: OutboxRow[] = await tx.query(
        `SELECT id, topic, payload, created_at FROM outbox WHERE dispatched_at IS NULL ORDER BY id LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
      );
      if (rows.length === 0) return 0;
      const epoch = await JobEpoch.read(tx);
      const byTreaty = new Map<number, TreatyBatch>();
      const deliveries: DeliverPayload[] = [];
      const drafts: DraftNotificationPayload[] = [];
      const circulations: CirculateNotificationPayload[] = [];
      for (const row of rows) {
        if (row.topic === 'participant.changed' && typeof row.payload.treatyId === 'number') {
          const batch = byTreaty.get(row.payload.treatyId) ?? { lastId: row.id, requestIds: new Set(), committedAt: row.created_at };
          batch.lastId = row.id;
          if (row.payload.requestId && batch.requestIds.size < MAX_REQUEST_IDS) batch.requestIds.add(row.payload.requestId);
          if (row.created_at < batch.committedAt) batch.committedAt = row.created_at;
          byTreaty.set(row.payload.treatyId, batch);
        } else if (row.topic === 'delivery.created' && typeof row.payload.deliveryId === 'number')
          deliveries.push({ deliveryId: row.payload.deliveryId, ...traced(row) });
        else if (row.topic === 'notification.draft' && typeof row.payload.eventId === 'number')
          drafts.push({ eventId: row.payload.eventId, ...traced(row) });
        else if (row.topic === 'notification.draft' && typeof row.payload.treatyEventId === 'number')
          drafts.push({ treatyEventId: row.payload.treatyEventId, ...traced(row) });
        else if (row.topic === 'notification.issued' && typeof row.payload.notificationId === 'number')
          circulations.push({ notificationId: row.payload.notificationId, ...traced(row) });
        else this.log.warn(`outbox row ${row.id} has an unknown topic "${String(row.topic)}"; marking it dispatched`);
      }
      if (byTreaty.size)
        await this.treatyQueue.addBulk(
          [...byTreaty].map(([treatyId, batch]) => ({
            name: TreatyJob.Recompute,
            data: {
              treatyId,
              requestIds: [...batch.requestIds],
              committedAt: batch.committedAt.toISOString(),
            } satisfies RecomputePayload,
            opts: { jobId: recomputeJobId(epoch, treatyId, batch.lastId) },
          })),
        );
      if (drafts.length || circulations.length)
        await this.treatyQueue.addBulk([
          ...drafts.map((draft) => ({
            name: TreatyJob.DraftNotification,
            data: draft,
            opts: { jobId: draftNotificationJobId(epoch, draft) },
          })),
          ...circulations.map((circulation) => ({
            name: TreatyJob.CirculateNotification,
            data: circulation,
            opts: { jobId: circulateNotificationJobId(epoch, circulation.notificationId) },
          })),
        ]);
      if (deliveries.length)
        await this.mailQueue.addBulk(
          deliveries.map((delivery) => ({
            name: MailJob.Deliver,
            data: delivery,
            opts: { jobId: deliverJobId(epoch, delivery.deliveryId) },
          })),
        );
      await tx.query(`UPDATE outbox SET dispatched_at = now() WHERE id = ANY($1)`, [rows.map((row) => row.id)]);
      return rows.length;
    });
  }

  /** Relays until stopped, polling when idle and backing off while Redis or PostgreSQL is down. */
  async run(signal: AbortSignal, idleMs = 200): Promise<void> {
    let failures = 0;
    while (!signal.aborted) {
      try {
        const relayed = await this.relayOnce();
        failures = 0;
        if (relayed === BATCH) continue;
      } catch (error) {
        failures++;
        this.log.warn(`outbox relay waiting: ${error instanceof Error ? error.message : String(error)}`);
      }
      await sleep(failures ? Math.min(5000, 200 * 2 ** Math.min(failures, 5)) : idleMs, signal);
    }
  }
}

const sleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
