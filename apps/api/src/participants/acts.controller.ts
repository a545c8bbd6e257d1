import { Body, Controller, Headers, Param, Post, Res } from '@nestjs/common';
import { ApiHeader, ApiTags } from '@nestjs/swagger';
import { EventView, ParticipantView, ParticipantsService } from '@depositary/accession';
import { bulkActResultSchema, bulkActSchema } from '@depositary/contracts';
import { Actor } from '@depositary/domain';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { CurrentActor, RequirePermission } from '../http/access';
import { ApiAnswer, ApiErrors, ApiZodBody, Authenticated } from '../http/openapi';
import { SlugPipe, idempotencyOf } from '../http/params';
import { ZodPipe } from '../http/zod.pipe';

/** The same act for many countries at once: the signatures of a signing ceremony, in one step. */
@ApiTags('participants')
@Authenticated()
@Controller('api/treaties/:slug/actions')
export class ActsController {
  constructor(private readonly participants: ParticipantsService) {}

  @Post()
  @RequirePermission('actions.record')
  @ApiZodBody(bulkActSchema)
  @ApiAnswer(201, bulkActResultSchema, 'every act is recorded, or none')
  @ApiAnswer(200, bulkActResultSchema, 'the replay of an Idempotency-Key')
  @ApiErrors(
    [409, 'an act is not allowed for one of the countries: none is recorded'],
    [422, 'this Idempotency-Key was used with another request'],
  )
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'the same key and body replay the first answer' })
  async recordMany(
    @CurrentActor() actor: Actor,
    @Param('slug', SlugPipe) slug: string,
    @Body(new ZodPipe(bulkActSchema)) body: z.infer<typeof bulkActSchema>,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<{ items: { participant: ParticipantView; event: EventView }[] }> {
    const result = await this.participants.recordMany(actor, slug, body, { idempotency: idempotencyOf(key, { slug, body }) });
    void reply.status(result.status);
    if (result.replayed) void reply.header('idempotency-replayed', 'true');
    return result.body;
  }
}
