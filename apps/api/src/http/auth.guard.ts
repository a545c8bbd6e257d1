import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { APP_CONFIG, AppConfig } from '@depositary/config';
import { AuthService, TokenClaims, UsersService } from '@depositary/auth';
import { RedisClient } from '@depositary/jobs';
import { Actor, DomainError, ErrorCode, Permission, can } from '@depositary/domain';
import type { FastifyRequest } from 'fastify';
import { PERMISSION_KEY, PUBLIC_KEY } from './access';
import { limitPerMinute } from './rate-limit';

/**
 * Authenticates the bearer token, reads the user afresh (a deactivation or role change applies to tokens
 * already issued), and checks the route's permission. A route without a declared permission is refused.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
    private readonly users: UsersService,
    private readonly redis: RedisClient,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const permission = this.reflector.getAllAndOverride<Permission | undefined>(PERMISSION_KEY, targets);
    if (!permission) throw new DomainError(ErrorCode.Forbidden, 'this route declares no permission');
    const request = context.switchToHttp().getRequest<FastifyRequest & { actor?: Actor; token?: TokenClaims }>();
    const header = request.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    if (!token)
      throw new DomainError(ErrorCode.Unauthorized, 'sign in first: send Authorization: Bearer <token> from POST /api/auth/token');
    const claims = await this.auth.verify(token);
    const actor = await this.users.findActor(claims.sub, claims);
    if (!actor)
      throw new DomainError(ErrorCode.Unauthorized, 'this token was signed out, or its account is inactive, gone or has a new password');
    if (!can(actor.role, permission)) throw new DomainError(ErrorCode.Forbidden, `the ${actor.role} role may not ${permission}`);
    await this.limit(actor);
    request.actor = actor;
    request.token = claims;
    return true;
  }

  private async limit(actor: Actor): Promise<void> {
    const limit = this.config.apiRateLimit;
    if (!limit) return;
    await limitPerMinute(this.redis, `${this.config.queuePrefix}:api-rate`, actor.id, limit, `more than ${limit} requests in a minute`);
  }
}
