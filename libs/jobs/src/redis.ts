import { Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@depositary/config';
import IORedis, { Redis, RedisOptions } from 'ioredis';

/** Options for a connection that fails fast while Redis is down instead of queueing commands forever. */
export function redisOptions(url: string, extra: RedisOptions = {}): RedisOptions {
  const parsed = new URL(url);
  return {
    host: parsed.hostname,
    port: Number(parsed.port || 6379),
    username: parsed.username || undefined,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    db: parsed.pathname.length > 1 ? Number(parsed.pathname.slice(1)) : 0,
    tls: parsed.protocol === 'rediss:' ? {} : undefined,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
    ...extra,
  };
}

/**
 * What BullMQ's Workers need: commands wait while Redis is away (offline queue on, no per-request retry limit)
 * and go once it is back, so a worker's loop pauses through an outage instead of failing at once and spinning.
 */
export function consumerOptions(url: string): RedisOptions {
  return redisOptions(url, { maxRetriesPerRequest: null, enableOfflineQueue: true });
}

/**
 * Producers (the outbox relay, schedulers, re-queues) fail fast while Redis is away rather than queue commands:
 * what could not be sent stays in PostgreSQL (the outbox, the delivery records) and is sent again later.
 */
export function producerOptions(url: string): RedisOptions {
  return redisOptions(url, { maxRetriesPerRequest: null, enableOfflineQueue: false });
}

/** The API's own Redis connection (rate limits, health). BullMQ opens its own. */
@Injectable()
export class RedisClient implements OnApplicationShutdown {
  readonly redis: Redis;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.redis = new IORedis(redisOptions(config.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: false }));
    this.redis.on('error', () => undefined); // reported through /health; reconnects on its own
  }

  async ping(): Promise<boolean> {
    try {
      return (await this.redis.ping()) === 'PONG';
    } catch {
      return false;
    }
  }

  onApplicationShutdown(): void {
    this.redis.disconnect();
  }
}

@Global()
@Module({ providers: [RedisClient], exports: [RedisClient] })
export class RedisModule {}
