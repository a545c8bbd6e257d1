import { Inject, Injectable, Logger } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { APP_CONFIG, AppConfig } from '@depositary/config';
import { DomainError, ErrorCode } from '@depositary/domain';
import { RedisClient } from '@depositary/jobs';
import { KeyObject, createHash, createSecretKey } from 'node:crypto';
import { verifyPassword } from './password';
import { UsersService } from './users.service';

export interface TokenResponse {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
}

export interface TokenClaims {
  sub: string;
  role: string;
}

// A hash that costs as much as a real verification, so unknown e-mails take as long as wrong passwords.
const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$NaDhmDfcaYLP36Tae7rOuw$4ypSY0wX3jyveBEwAZfODOmnLhW6biv/dg30s4SUI/M';

/**
 * Sign-in. Failures are counted in Redis per client address and per account, so the limit holds across
 * API processes; after LOGIN_MAX_FAILURES in LOGIN_WINDOW_SECONDS the answer is 429 until the window ends.
 */
@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);
  /**
   * The HMAC key, built once: given a string, jsonwebtoken first tries (and fails) to read it as a public
   * key on every verification, which cost about a sixth of a request's CPU.
   */
  private readonly key: KeyObject;

  constructor(
    private readonly users: UsersService,
    private readonly jwt: JwtService,
    private readonly redis: RedisClient,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.key = createSecretKey(Buffer.from(config.jwtSecret));
  }

  async issueToken(email: string, password: string, client: string): Promise<TokenResponse> {
    const prefix = `${this.config.queuePrefix}:login-fail`;
    const keys = [`${prefix}:ip:${client}`, `${prefix}:account:${createHash('sha256').update(email.toLowerCase()).digest('hex')}`];
    await this.refuseWhenLimited(keys);
    const user = await this.users.findForLogin(email);
    const valid = await verifyPassword(user?.passwordHash ?? DUMMY_HASH, password);
    if (!user || !valid || !user.active) {
      await this.countFailure(keys);
      throw new DomainError(ErrorCode.InvalidCredentials, 'wrong e-mail or password, or the account is inactive');
    }
    const claims: TokenClaims = { sub: user.id, role: user.role };
    return {
      accessToken: await this.jwt.signAsync(claims, { secret: this.secret, algorithm: 'HS256', expiresIn: this.config.jwtTtlSeconds }),
      tokenType: 'Bearer',
      expiresIn: this.config.jwtTtlSeconds,
    };
  }

  async verify(token: string): Promise<TokenClaims> {
    try {
      return await this.jwt.verifyAsync<TokenClaims>(token, { secret: this.secret, algorithms: ['HS256'] });
    } catch {
      throw new DomainError(ErrorCode.Unauthorized, 'the bearer token is invalid or has expired');
    }
  }

  // @nestjs/jwt types the secret as string | Buffer; jsonwebtoken takes a KeyObject as it is.
  private get secret(): string {
    return this.key as unknown as string;
  }

  private async refuseWhenLimited(keys: string[]): Promise<void> {
    let counts: (string | null)[];
    try {
      counts = await this.redis.redis.mget(...keys);
    } catch (error) {
      this.logger.warn(`sign-in rate limit unavailable (Redis): ${String(error)}`);
      return;
    }
    if (counts.some((count) => Number(count ?? 0) >= this.config.login.maxFailures)) {
      throw new DomainError(ErrorCode.TooManyRequests, 'too many failed sign-ins; try again later', {
        retryAfterSeconds: this.config.login.windowSeconds,
      });
    }
  }

  private async countFailure(keys: string[]): Promise<void> {
    try {
      const pipeline = this.redis.redis.multi();
      for (const key of keys) pipeline.incr(key).expire(key, this.config.login.windowSeconds, 'NX');
      await pipeline.exec();
    } catch (error) {
      this.logger.warn(`could not count a failed sign-in (Redis): ${String(error)}`);
    }
  }
}
