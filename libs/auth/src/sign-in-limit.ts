import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '@depositary/config';
import { DomainError, ErrorCode } from '@depositary/domain';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';

/** An address may try this many times LOGIN_MAX_FAILURES over all accounts (an office behind one address has many users). */
export const ADDRESS_FACTOR = 4;
/** The longest an account being slowed down waits between two attempts. */
export const MAX_ACCOUNT_DELAY_SECONDS = 60;

/** The delay before the next attempt on an account that has had `excess` attempts beyond the free ones: 1 s, 2 s, 4 s ... */
export const accountDelaySeconds = (excess: number): number => Math.min(2 ** Math.max(excess, 0), MAX_ACCOUNT_DELAY_SECONDS);

export interface SignInAttempt {
  /** Call once the password was right: the attempt no longer counts against the address and the account. */
  succeeded: () => Promise<void>;
}

interface Counter {
  key: string;
  attempts: number;
  not_before: Date | null;
}

/**
 * Counts each sign-in attempt in PostgreSQL *before* the password is checked, in one transaction that locks
 * the counters, so that a burst of parallel guesses reaches the password check at most LOGIN_MAX_FAILURES
 * times. Three counters, each for LOGIN_WINDOW_SECONDS:
 * - per (account, address): LOGIN_MAX_FAILURES attempts, then 429 for the rest of the window;
 * - per address, over all accounts: ADDRESS_FACTOR times that;
 * - per account, over all addresses: never locked, but slowed down once it had LOGIN_MAX_FAILURES attempts:
 *   each further attempt waits for its turn (1 s, 2 s, 4 s ... up to a minute after the previous one), so a
 *   guess spread over many addresses is throttled while the owner, from an address of their own, still gets in.
 * An attempt that succeeds is taken back from the address and the account, and clears its (account, address).
 */
@Injectable()
export class SignInLimit {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async attempt(email: string, address: string): Promise<SignInAttempt> {
    const account = `account:${createHash('sha256').update(email.toLowerCase()).digest('hex')}`;
    const pair = `pair:${createHash('sha256').update(`${email.toLowerCase()}\n${address}`).digest('hex')}`;
    const client = `address:${address}`;
    const { maxFailures, windowSeconds } = this.config.login;
    await this.db.transaction(async (tx) => {
      const keys = [pair, client, account].sort();
      // Opens a fresh window where the last one ended; then locks the three counters, always in key order.
      await tx.query(
        `INSERT INTO sign_in_attempts (key, window_ends_at)
         SELECT key, now() + make_interval(secs => $2) FROM unnest($1::text[]) AS key ORDER BY key
         ON CONFLICT (key) DO UPDATE SET attempts = 0, not_before = NULL, window_ends_at = EXCLUDED.window_ends_at
         WHERE sign_in_attempts.window_ends_at <= now()`,
        [keys, windowSeconds],
      );
      const rows: Counter[] = await tx.query(
        `SELECT key, attempts, not_before FROM sign_in_attempts WHERE key = ANY($1) ORDER BY key FOR UPDATE`,
        [keys],
      );
      const counter = (key: string): Counter => rows.find((row) => row.key === key)!;
      if (counter(pair).attempts >= maxFailures || counter(client).attempts >= maxFailures * ADDRESS_FACTOR)
        throw new DomainError(ErrorCode.TooManyRequests, 'too many failed sign-ins from this address; try again later', {
          retryAfterSeconds: windowSeconds,
        });
      const slowed = counter(account);
      let notBefore: Date | null = slowed.not_before;
      if (slowed.attempts >= maxFailures) {
        const now = Date.now();
        if (notBefore && notBefore.getTime() > now)
          throw new DomainError(ErrorCode.TooManyRequests, 'too many failed sign-ins for this account; wait before the next attempt', {
            retryAfterSeconds: Math.ceil((notBefore.getTime() - now) / 1000),
          });
        notBefore = new Date(now + accountDelaySeconds(slowed.attempts - maxFailures) * 1000);
      }
      await tx.query(`UPDATE sign_in_attempts SET attempts = attempts + 1 WHERE key = ANY($1)`, [keys]);
      if (notBefore !== slowed.not_before)
        await tx.query(`UPDATE sign_in_attempts SET not_before = $2 WHERE key = $1`, [account, notBefore]);
    });
    return {
      succeeded: async () => {
        // One row a statement: no lock is held while another is awaited.
        await this.db.query(`DELETE FROM sign_in_attempts WHERE key = $1`, [pair]);
        for (const key of [client, account])
          await this.db.query(`UPDATE sign_in_attempts SET attempts = greatest(attempts - 1, 0) WHERE key = $1`, [key]);
        await this.db.query(`DELETE FROM sign_in_attempts WHERE window_ends_at < now() - interval '1 day'`);
      },
    };
  }
}
