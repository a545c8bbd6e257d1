import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AuthService, TokenResponse } from '@depositary/auth';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { Public } from '../http/access';
import { ApiZodBody } from '../http/openapi';
import { ZodPipe } from '../http/zod.pipe';

const credentials = z.strictObject({ email: z.string().min(1).max(320), password: z.string().min(1).max(1024) });

@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('token')
  @HttpCode(200)
  @Public()
  @ApiZodBody(credentials)
  token(@Body(new ZodPipe(credentials)) body: z.infer<typeof credentials>, @Req() request: FastifyRequest): Promise<TokenResponse> {
    return this.auth.issueToken(body.email, body.password, request.ip);
  }
}
