import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiHeader, ApiTags } from '@nestjs/swagger';
import { EventView, ParticipantView, ParticipantsService, StatementView } from '@depositary/accession';
import {
  actResultSchema,
  actSchema,
  asOfQuerySchema,
  chartQuerySchema,
  chartViewSchema,
  invitationResultSchema,
  invitationSchema,
  participantDetailSchema,
} from '@depositary/contracts';
import { Actor } from '@depositary/domain';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { CurrentActor, RequirePermission } from '../http/access';
import { ApiAnswer, ApiErrors, ApiZodBody, ApiZodQuery, Authenticated } from '../http/openapi';
import { CountryCodePipe, SlugPipe, idempotencyOf, parseIfMatch } from '../http/params';
import { ZodPipe } from '../http/zod.pipe';

@ApiTags('participants')
@Authenticated()
@Controller('api/treaties/:slug/participants')
export class ParticipantsController {
  constructor(private readonly participants: ParticipantsService) {}

  @Post()
  @RequirePermission('participants.manage')
  @ApiZodBody(invitationSchema)
  @ApiAnswer(201, invitationResultSchema, 'at least one country was invited')
  @ApiAnswer(200, invitationResultSchema, 'every country was already invited')
  async invite(
    @CurrentActor() actor: Actor,
    @Param('slug', SlugPipe) slug: string,
    @Body(new ZodPipe(invitationSchema)) body: z.infer<typeof invitationSchema>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<{ invited: ParticipantView[]; alreadyInvited: string[] }> {
    const result = await this.participants.invite(actor, slug, body);
    void reply.status(result.invited.length ? 201 : 200);
    return result;
  }

  @Get()
  @RequirePermission('participants.read')
  @ApiZodQuery(chartQuerySchema)
  @ApiAnswer(200, { 'application/json': chartViewSchema, 'text/csv': 'text' }, 'the chart; CSV with format=csv')
  async chart(
    @CurrentActor() actor: Actor,
    @Param('slug', SlugPipe) slug: string,
    @Query(new ZodPipe(chartQuerySchema)) { format, ...asOf }: z.infer<typeof chartQuerySchema>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<{ items: ParticipantView[]; nextCursor: null; asOf: string | null; knownAt: string | null } | string> {
    if (format === 'csv') {
      void reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${slug}-chart${asOf.asOf ? `-${asOf.asOf}` : ''}.csv"`);
      return this.participants.chartCsv(actor, slug, asOf);
    }
    return {
      items: await this.participants.chart(actor, slug, asOf),
      nextCursor: null,
      asOf: asOf.asOf ?? null,
      knownAt: asOf.knownAt ?? null,
    };
  }

  @Get(':code')
  @RequirePermission('participants.read')
  @ApiZodQuery(asOfQuerySchema)
  @ApiAnswer(200, participantDetailSchema, 'the participant with its events and statements; its version in ETag')
  async one(
    @CurrentActor() actor: Actor,
    @Param('slug', SlugPipe) slug: string,
    @Param('code', CountryCodePipe) code: string,
    @Query(new ZodPipe(asOfQuerySchema)) query: z.infer<typeof asOfQuerySchema>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ParticipantView & { events: EventView[]; statements: StatementView[]; asOf: string | null; knownAt: string | null }> {
    const participant = await this.participants.one(actor, slug, code, query);
    // The version to send back with If-Match: only the present record has one to act on.
    if (query.asOf === undefined && query.knownAt === undefined) void reply.header('etag', `"${participant.version}"`);
    return { ...participant, asOf: query.asOf ?? null, knownAt: query.knownAt ?? null };
  }

  @Post(':code/actions')
  @HttpCode(201)
  @RequirePermission('actions.record')
  @ApiZodBody(actSchema)
  @ApiAnswer(201, actResultSchema, 'the act is recorded; the new version in ETag')
  @ApiAnswer(200, actResultSchema, 'a correction, or the replay of an Idempotency-Key')
  @ApiErrors(
    [409, 'invalid_transition, or a date the record does not allow'],
    [412, 'If-Match names a version that is no longer current'],
    [422, 'this Idempotency-Key was used with another request'],
  )
  @ApiHeader({ name: 'If-Match', required: false, description: 'the version last read, like "3": 412 when it is stale' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'the same key and body replay the first answer' })
  async record(
    @CurrentActor() actor: Actor,
    @Param('slug', SlugPipe) slug: string,
    @Param('code', CountryCodePipe) code: string,
    @Body(new ZodPipe(actSchema)) body: z.infer<typeof actSchema>,
    @Headers('if-match') ifMatch: string | undefined,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<{ participant: ParticipantView; event: EventView }> {
    const result = await this.participants.record(actor, slug, code, body, {
      expectedVersion: parseIfMatch(ifMatch),
      idempotency: idempotencyOf(key, { slug, code, body }),
    });
    void reply.status(result.status).header('etag', `"${result.body.participant.version}"`);
    if (result.replayed) void reply.header('idempotency-replayed', 'true');
    return result.body;
  }
}
