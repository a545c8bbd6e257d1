import { DomainError, ErrorCode } from '@depositary/domain';
import type { RedisClient } from '@depositary/jobs';

/**
 * Counts one request of `who` in the current minute (a Redis counter shared by every API process) and refuses it
 * with 429 past `limit`. With Redis unreachable the request goes through: a limit is no reason to refuse service.
 */
export async function limitPerMinute(redis: RedisClient, prefix: string, who: string, limit: number, refusal: string): Promise<void> {
  const key = `${prefix}:${who}:${Math.floor(Date.now() / 60_000)}`;
  const count = await redis.redis
    .multi()
    .incr(key)
    .expire(key, 60)
    .exec()
    .then((results) => Number(results?.[0]?.[1] ?? 0))
    .catch(() => 0);
  if (count > limit) throw new DomainError(ErrorCode.TooManyRequests, refusal, { retryAfterSeconds: 60 });
}
