import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@depositary/config';
import type { Actor } from '@depositary/domain';
import { RedisClient } from '@depositary/jobs';
import type { Redis } from 'ioredis';

/** How many tokens' actors a process keeps; past it the cache starts afresh. */
const MAX_ENTRIES = 10_000;
/**
 * A backstop, not the mechanism: a change made outside the service (an operator's SQL), or one whose announcement a
 * process missed without noticing, is read within this long.
 */
const KEPT_MS = 10_000;
/** How often the listening connection is asked to answer: a connection that died silently stops the cache at once. */
const PING_MS = 2_000;

/**
 * The actors behind tokens, kept in memory between requests so that authentication costs no database read — and
 * dropped in every process the moment a user changes: each change made through the service (role, country,
 * deactivation, a new password, a sign-out) is published on a Redis channel before its answer goes out, and every
 * process listens. While that channel is not listening (Redis down, reconnecting) nothing is kept or served from
 * here: every request reads the database, as if there were no cache.
 *
 * A read that raced a change does not put back what the change dropped: an entry is kept only if no change
 * arrived while it was being read (`generation`).
 */
@Injectable()
export class ActorCache implements OnModuleInit, OnApplicationShutdown {
  private readonly log = new Logger(ActorCache.name);
  private readonly entries = new Map<string, { actor: Actor; until: number }>();
  private readonly channel: string;
  private subscriber: Redis | null = null;
  private pinger: NodeJS.Timeout | null = null;
  private listening = false;
  /** Moves on with every change heard, and whenever the channel stops listening. */
  private generation = 0;

  constructor(
    private readonly redis: RedisClient,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.channel = `${config.queuePrefix}:actors-changed`;
  }

  onModuleInit(): void {
    const subscriber = this.redis.redis.duplicate({ enableOfflineQueue: true, maxRetriesPerRequest: null, lazyConnect: false });
    this.subscriber = subscriber;
    subscriber.on('error', () => undefined); // reconnects on its own; meanwhile the cache is off
    subscriber.on('message', (_channel: string, userId: string) => this.drop(userId));
    subscriber.on('ready', () => {
      subscriber.subscribe(this.channel).then(
        () => {
          // A read that began while nothing was heard must not be kept: a change may have gone by unheard.
          this.generation++;
          this.listening = true;
        },
        (error: unknown) => this.log.warn(`cannot listen for changes of users: ${String(error)}`),
      );
    });
    for (const event of ['close', 'end', 'reconnecting']) subscriber.on(event, () => this.stopListening());
    this.pinger = setInterval(() => void this.checkListening(), PING_MS);
    this.pinger.unref();
  }

  /** A listening connection that does not answer a PING in time is taken as deaf, and made to reconnect. */
  private async checkListening(): Promise<void> {
    if (!this.listening || !this.subscriber) return;
    const subscriber = this.subscriber;
    const answered = await Promise.race([
      subscriber.ping().then(
        () => true,
        () => false,
      ),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), PING_MS).unref()),
    ]);
    if (!answered && this.subscriber === subscriber) {
      this.stopListening();
      subscriber.disconnect(true);
    }
  }

  onApplicationShutdown(): void {
    if (this.pinger) clearInterval(this.pinger);
    this.stopListening();
    this.subscriber?.disconnect();
  }

  /** The actor kept for this token, if any (and if the channel is listening). */
  get(userId: string, jti: string): Actor | undefined {
    if (!this.listening) return undefined;
    const entry = this.entries.get(`${userId}:${jti}`);
    return entry && entry.until > Date.now() ? entry.actor : undefined;
  }

  /** Where a read of the database starts: `keep` takes the generation it started at. */
  get readAt(): number {
    return this.generation;
  }

  /** Keeps what a read found, unless a change was heard since it started. */
  keep(userId: string, jti: string, actor: Actor, readAt: number): void {
    if (!this.listening || readAt !== this.generation) return;
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    this.entries.set(`${userId}:${jti}`, { actor, until: Date.now() + KEPT_MS });
  }

  /**
   * Tells every process (this one first) that a user changed; resolves once Redis has passed it on. When Redis
   * cannot take it, the other processes cannot be listening either (they lost the same Redis, and stopped using their
   * caches); this one stops too until it listens again, and the change, already committed, stands.
   */
  async changed(userId: string): Promise<void> {
    this.drop(userId);
    try {
      await this.redis.redis.publish(this.channel, userId);
    } catch (error) {
      this.stopListening();
      this.log.warn(`the change of user ${userId} was not announced to the other processes: ${String(error)}`);
    }
  }

  private drop(userId: string): void {
    this.generation++;
    for (const key of this.entries.keys()) if (key.startsWith(`${userId}:`)) this.entries.delete(key);
  }

  private stopListening(): void {
    this.listening = false;
    this.generation++;
    this.entries.clear();
  }
}
