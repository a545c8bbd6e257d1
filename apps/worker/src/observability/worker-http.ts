import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { TREATY_QUEUE } from '@depositary/jobs';
import type { Queue } from 'bullmq';
import { Server, createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import { WorkerMetrics, within } from './worker-metrics';

type Health = { status: 'ok' | 'unavailable'; postgres: 'up' | 'down'; redis: 'up' | 'down' };

/**
 * The worker's own small HTTP server, for probes and scrapes only: `/health/live` (the process answers),
 * `/health/ready` and `/health` (PostgreSQL and Redis answer: 200, else 503) and `/metrics` (Prometheus text).
 */
@Injectable()
export class WorkerHttp implements OnApplicationShutdown {
  private readonly logger = new Logger(WorkerHttp.name);
  private server: Server | undefined;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectQueue(TREATY_QUEUE) private readonly treatyQueue: Queue,
    private readonly metrics: WorkerMetrics,
  ) {}

  /** Listens on `port` (0: any free port); answers the address. */
  async listen(port: number, host: string): Promise<string> {
    const server = createServer((request, response) => {
      this.answer(request.method ?? 'GET', new URL(request.url ?? '/', 'http://worker').pathname).then(
        ({ status, type, body }) => response.writeHead(status, { 'content-type': type }).end(body),
        (error: unknown) => {
          this.logger.error(`${request.url} failed: ${String(error)}`);
          response.writeHead(500, { 'content-type': 'application/json' }).end('{"error":"internal_error"}');
        },
      );
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    const address = server.address() as AddressInfo;
    const url = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
    this.logger.log(`health and metrics on ${url}/health, ${url}/metrics`);
    return url;
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async answer(method: string, path: string): Promise<{ status: number; type: string; body: string }> {
    const json = (status: number, body: unknown): { status: number; type: string; body: string } => ({
      status,
      type: 'application/json; charset=utf-8',
      body: JSON.stringify(body),
    });
    if (method !== 'GET' && method !== 'HEAD') return json(405, { error: 'method_not_allowed', message: 'GET only' });
    switch (path) {
      case '/health/live':
        return json(200, { status: 'ok' });
      case '/health':
      case '/health/ready': {
        const health = await this.health();
        return json(health.status === 'ok' ? 200 : 503, health);
      }
      case '/metrics': {
        const { contentType, text } = await this.metrics.scrape();
        return { status: 200, type: contentType, body: text };
      }
      default:
        return json(404, { error: 'not_found', message: `no ${path} here: /health, /health/live, /health/ready, /metrics` });
    }
  }

  private async health(): Promise<Health> {
    const [postgres, redis] = await Promise.all([
      within(this.db.query('SELECT 1'), 2000).then(
        () => 'up' as const,
        () => 'down' as const,
      ),
      // Any command will do; the queue's producer connection fails at once while Redis is away.
      within(this.treatyQueue.getJobCounts('active'), 2000).then(
        () => 'up' as const,
        () => 'down' as const,
      ),
    ]);
    return { status: postgres === 'up' && redis === 'up' ? 'ok' : 'unavailable', postgres, redis };
  }
}
