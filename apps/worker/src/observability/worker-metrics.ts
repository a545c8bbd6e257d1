import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { MAIL_QUEUE, REMINDER_QUEUE, TREATY_QUEUE, ThrottledLog } from '@depositary/jobs';
import { ensureDefaultMetrics } from '@depositary/observability';
import type { Queue } from 'bullmq';
import { Counter, Gauge, Histogram, Registry, register } from 'prom-client';
import { DataSource } from 'typeorm';
import { DELIVERY_STATUSES } from '@depositary/contracts';

const JOB_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children', 'failed'] as const;

/** A promise that gives up after `ms`: a scrape must answer even while PostgreSQL or Redis does not. */
export const within = <T>(promise: Promise<T>, ms: number): Promise<T> =>
  Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms).unref())]);

/**
 * The worker's metrics, in a registry of its own (several workers may share a test process): what is read at
 * scrape time (queue depths, the outbox backlog, deliveries by status, dead letters) and what the worker counts
 * as it goes (jobs completed and failed, the lag from a committed act to the treaty status stored). A scrape
 * also answers the process's own metrics and the domain counters of prom-client's global registry.
 */
@Injectable()
export class WorkerMetrics {
  readonly registry = new Registry();
  private readonly log = new ThrottledLog(new Logger(WorkerMetrics.name));
  readonly jobsCompleted: Counter<'queue'>;
  readonly jobsFailed: Counter<'queue' | 'final'>;
  readonly recomputeLag: Histogram<string>;

  constructor(
    @InjectDataSource() db: DataSource,
    @InjectQueue(TREATY_QUEUE) treatyQueue: Queue,
    @InjectQueue(MAIL_QUEUE) mailQueue: Queue,
    @InjectQueue(REMINDER_QUEUE) reminderQueue: Queue,
  ) {
    ensureDefaultMetrics();
    const log = this.log;
    const queues = [treatyQueue, mailQueue, reminderQueue];
    const registers = [this.registry];
    this.jobsCompleted = new Counter({ name: 'depositary_jobs_completed_total', help: 'Jobs completed', labelNames: ['queue'], registers });
    this.jobsFailed = new Counter({
      name: 'depositary_jobs_failed_total',
      help: 'Job attempts that failed; final="true" when no retry is left (the job is a dead letter)',
      labelNames: ['queue', 'final'],
      registers,
    });
    this.recomputeLag = new Histogram({
      name: 'depositary_recompute_lag_seconds',
      help: "From an act's commit to its treaty's status stored by the worker",
      buckets: [0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300, 1800],
      registers,
    });
    new Gauge({
      name: 'depositary_queue_jobs',
      help: 'Jobs in each queue by state (failed: retries exhausted, kept for inspection)',
      labelNames: ['queue', 'state'],
      registers,
      collect: async function (this: Gauge<'queue' | 'state'>) {
        this.reset();
        await Promise.all(
          queues.map(async (queue) => {
            const counts = await within(queue.getJobCounts(...JOB_STATES), 2000);
            for (const state of JOB_STATES) this.set({ queue: queue.name, state }, counts[state] ?? 0);
          }),
        ).catch((error: unknown) => log.warn(`queue depths unavailable: ${String(error)}`));
      },
    });
    const outboxPending = new Gauge({ name: 'depositary_outbox_pending', help: 'Outbox rows not yet relayed to the queues', registers });
    new Gauge({
      name: 'depositary_outbox_oldest_pending_age_seconds',
      help: 'Age of the oldest outbox row not yet relayed (0 when none)',
      registers,
      collect: async function (this: Gauge) {
        try {
          const [row]: { pending: number; age: number | null }[] = await within(
            db.query(
              `SELECT count(*)::int AS pending, extract(epoch FROM now() - min(created_at))::float8 AS age FROM outbox WHERE dispatched_at IS NULL`,
            ),
            2000,
          );
          outboxPending.set(row.pending);
          this.set(row.age ?? 0);
        } catch (error) {
          log.warn(`outbox backlog unavailable: ${String(error)}`);
        }
      },
    });
    new Gauge({
      name: 'depositary_deliveries',
      help: 'E-mail delivery records by status (dead: given up, staff were told)',
      labelNames: ['status'],
      registers,
      collect: async function (this: Gauge<'status'>) {
        try {
          const rows: { status: string; count: number }[] = await within(
            db.query(`SELECT status, count(*)::int AS count FROM deliveries GROUP BY status`),
            2000,
          );
          for (const status of DELIVERY_STATUSES) this.set({ status }, rows.find((row) => row.status === status)?.count ?? 0);
        } catch (error) {
          log.warn(`deliveries unavailable: ${String(error)}`);
        }
      },
    });
  }

  /** The text of a scrape: this worker's registry, then the process's global one. */
  async scrape(): Promise<{ contentType: string; text: string }> {
    const [own, process] = await Promise.all([this.registry.metrics(), register.metrics()]);
    return { contentType: this.registry.contentType, text: `${own}\n${process}` };
  }
}
