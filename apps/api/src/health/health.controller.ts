import { Controller, Get, Header, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { RedisClient } from '@depositary/jobs';
import type { FastifyReply } from 'fastify';
import { register } from 'prom-client';
import { DataSource } from 'typeorm';
import { Public } from '../http/access';
import { ApiAnswer } from '../http/openapi';
import { livenessSchema, readinessSchema } from '@depositary/contracts';

const within = <T>(promise: Promise<T>, ms: number): Promise<T> =>
  Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms).unref())]);

@ApiTags('operations')
@Controller()
export class HealthController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly redis: RedisClient,
  ) {}

  /** Liveness: the process answers HTTP. A failing dependency does not make it unhealthy (restarting would not help). */
  @Get('health/live')
  @Public()
  @ApiAnswer(200, livenessSchema)
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Readiness (also at /health): 200 when PostgreSQL and Redis both answer, 503 otherwise. */
  @Get(['health', 'health/ready'])
  @Public()
  @ApiAnswer(200, readinessSchema, 'PostgreSQL and Redis both answer')
  @ApiAnswer(503, readinessSchema, 'PostgreSQL or Redis does not answer')
  async health(
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<{ status: 'ok' | 'unavailable'; postgres: 'up' | 'down'; redis: 'up' | 'down' }> {
    const [postgres, redis] = await Promise.all([
      within(this.db.query('SELECT 1'), 2000).then(
        () => 'up' as const,
        () => 'down' as const,
      ),
      within(this.redis.ping(), 2000).then(
        (ok) => (ok ? ('up' as const) : ('down' as const)),
        () => 'down' as const,
      ),
    ]);
    const ok = postgres === 'up' && redis === 'up';
    void reply.status(ok ? 200 : 503);
    return { status: ok ? 'ok' : 'unavailable', postgres, redis };
  }

  @Get('metrics')
  @Public()
  @ApiAnswer(200, { 'text/plain': 'text' }, 'Prometheus text exposition')
  @Header('content-type', register.contentType)
  metrics(): Promise<string> {
    return register.metrics();
  }
}
