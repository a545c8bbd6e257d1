import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AuthService, TokenClaims, TokenResponse, UsersService } from '@depositary/auth';
import type { Actor } from '@depositary/domain';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { CurrentActor, CurrentToken, Public, RequirePermission } from '../http/access';
import { ApiAnswer, ApiErrors, ApiNoContent, ApiZodBody, Authenticated } from '../http/openapi';
import { tokenViewSchema } from '@depositary/contracts';
import { ZodPipe } from '../http/zod.pipe';

const credentials = z.strictObject({ email: z.string().min(1).max(320), password: z.string().min(1).max(1024) });

@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
  ) {}

  @Post('token')
  @HttpCode(200)
  @Public()
  @ApiZodBody(credentials)
  @ApiAnswer(200, tokenViewSchema)
  @ApiErrors(
    [401, 'invalid_credentials: no active account with this e-mail and password'],
    [429, 'repeated failures from this client or for this account'],
  )
  token(@Body(new ZodPipe(credentials)) body: z.infer<typeof credentials>, @Req() request: FastifyRequest): Promise<TokenResponse> {
    return this.auth.issueToken(body.email, body.password, request.ip);
  }

  /** Signs this token out: every API process refuses it from now on. */
  @Post('logout')
  @HttpCode(204)
  @Authenticated()
  @RequirePermission('account.own')
  @ApiNoContent('the token is signed out')
  async logout(@CurrentActor() actor: Actor, @CurrentToken() token: TokenClaims): Promise<void> {
    await this.users.revokeToken(actor.id, token);
  }
}
