import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { APP_CONFIG, AppConfig } from '@depositary/config';
import { DomainError, ErrorCode } from '@depositary/domain';
import { KeyObject, createSecretKey, randomUUID } from 'node:crypto';
import { verifyPassword } from './password';
import { SignInLimit } from './sign-in-limit';
import { UsersService } from './users.service';

export interface TokenResponse {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
}

export interface TokenClaims {
  sub: string;
  role: string;
  /** The token's own id: what a sign-out revokes. */
  jti: string;
  iat: number;
  exp: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** How many verified tokens are kept at most; past that the set starts again. */
const VERIFIED_KEPT = 10_000;

// A hash that costs as much as a real verification, so unknown e-mails take as long as wrong passwords.
const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$NaDhmDfcaYLP36Tae7rOuw$4ypSY0wX3jyveBEwAZfODOmnLhW6biv/dg30s4SUI/M';

/** Sign-in, each attempt counted by SignInLimit before the password is checked, and the tokens it issues. */
@Injectable()
export class AuthService {
  /**
   * The HMAC key, built once: given a string, jsonwebtoken first tries (and fails) to read it as a public
   * key on every verification, which cost about a sixth of a request's CPU.
   */
  private readonly key: KeyObject;
  /** Tokens whose signature was checked, with their claims. */
  private readonly verified = new Map<string, TokenClaims>();

  constructor(
    private readonly users: UsersService,
    private readonly jwt: JwtService,
    private readonly limit: SignInLimit,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.key = createSecretKey(Buffer.from(config.jwtSecret));
  }

  async issueToken(email: string, password: string, client: string): Promise<TokenResponse> {
    const attempt = await this.limit.attempt(email, client);
    const user = await this.users.findForLogin(email);
    const valid = await verifyPassword(user?.passwordHash ?? DUMMY_HASH, password);
    if (!user || !valid || !user.active)
      throw new DomainError(ErrorCode.InvalidCredentials, 'wrong e-mail or password, or the account is inactive');
    await attempt.succeeded();
    return {
      accessToken: await this.jwt.signAsync(
        { sub: user.id, role: user.role },
        { secret: this.secret, algorithm: 'HS256', expiresIn: this.config.jwtTtlSeconds, jwtid: randomUUID() },
      ),
      tokenType: 'Bearer',
      expiresIn: this.config.jwtTtlSeconds,
    };
  }

  /**
   * The claims of a valid token. One without an expiry, an id or a subject is refused, however it is signed.
   * A token's signature is checked once: its claims are then kept until it expires (a signature cannot change),
   * so that the requests of one session do not each pay for an HMAC. Whether the token is still good — signed
   * out, its account changed — is for `UsersService.findActor`, on every request.
   */
  async verify(token: string): Promise<TokenClaims> {
    const known = this.verified.get(token);
    if (known && known.exp * 1000 > Date.now()) return known;
    const claims = await this.verifySignature(token);
    if (this.verified.size >= VERIFIED_KEPT) this.verified.clear();
    this.verified.set(token, claims);
    return claims;
  }

  private async verifySignature(token: string): Promise<TokenClaims> {
    let claims: Partial<TokenClaims>;
    try {
      claims = await this.jwt.verifyAsync<Partial<TokenClaims>>(token, { secret: this.secret, algorithms: ['HS256'] });
    } catch {
      throw new DomainError(ErrorCode.Unauthorized, 'the bearer token is invalid or has expired');
    }
    const { sub, role, jti, iat, exp } = claims;
    if (typeof sub !== 'string' || typeof role !== 'string' || typeof jti !== 'string' || !UUID.test(jti))
      throw new DomainError(ErrorCode.Unauthorized, 'the bearer token lacks its subject or id: sign in again');
    if (typeof exp !== 'number' || typeof iat !== 'number')
      throw new DomainError(ErrorCode.Unauthorized, 'the bearer token has no expiry: sign in again');
    return { sub, role, jti, iat, exp };
  }

  // @nestjs/jwt types the secret as string | Buffer; jsonwebtoken takes a KeyObject as it is.
  private get secret(): string {
    return this.key as unknown as string;
  }
}
