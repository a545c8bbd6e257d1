import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiHeader, ApiTags } from '@nestjs/swagger';
import { EventView, ParticipantView, ParticipantsService } from '@depositary/accession';
import { Actor, PERSON_ACTIONS, countryCode, invalid, isoDate } from '@depositary/domain';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { CurrentActor, RequirePermission } from '../http/access';
import { ApiZodBody, ApiZodQuery, Authenticated } from '../http/openapi';
import { CountryCodePipe, SlugPipe } from '../http/params';
import { ZodPipe } from '../http/zod.pipe';

const invitation = z.strictObject({
  countries: z.array(countryCode).min(1, 'name at least one country').max(300),
  invitedOn: isoDate,
});
const optionalText = (max: number) => z.string().trim().min(1, 'must not be empty when given').max(max).optional();
const act = z
  .strictObject({
    action: z.enum(PERSON_ACTIONS, `must be one of ${PERSON_ACTIONS.join(', ')}`),
    date: isoDate.optional(),
    reference: optionalText(500),
    note: optionalText(4000),
    reason: optionalText(4000),
  })
  .superRefine((value, ctx) => {
    if (value.action === 'correct' && !value.reason)
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'a correction needs a reason' });
    if (value.action !== 'correct' && !value.date)
      ctx.addIssue({ code: 'custom', path: ['date'], message: 'the day the act took effect, YYYY-MM-DD' });
  });
const format = z.strictObject({ format: z.enum(['json', 'csv'], 'must be json or csv').optional() });
const idempotencyKey = z.string().regex(/^[\x21-\x7e]{1,200}$/, 'Idempotency-Key must be 1 to 200 visible ASCII characters');

function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  if (!match) throw invalid('If-Match must be the participant\'s version in quotes, like "3"', { field: 'If-Match' });
  return Number(match[1]);
}

@ApiTags('participants')
@Authenticated()
@Controller('api/treaties/:slug/participants')
export class ParticipantsController {
  constructor(private readonly participants: ParticipantsService) {}

  @Post()
  @RequirePermission('participants.manage')
  @ApiZodBody(invitation)
  async invite(
    @CurrentActor() actor: Actor,
    @Param('slug', SlugPipe) slug: string,
    @Body(new ZodPipe(invitation)) body: z.infer<typeof invitation>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<{ invited: ParticipantView[]; alreadyInvited: string[] }> {
    const result = await this.participants.invite(actor, slug, body);
    void reply.status(result.invited.length ? 201 : 200);
    return result;
  }

  @Get()
  @RequirePermission('participants.read')
  @ApiZodQuery(format)
  async chart(
    @CurrentActor() actor: Actor,
    @Param('slug', SlugPipe) slug: string,
    @Query(new ZodPipe(format)) query: z.infer<typeof format>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<{ items: ParticipantView[]; nextCursor: null } | string> {
    if (query.format === 'csv') {
      void reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${slug}-chart.csv"`);
      return this.participants.chartCsv(actor, slug);
    }
    return { items: await this.participants.chart(actor, slug), nextCursor: null };
  }

  @Get(':code')
  @RequirePermission('participants.read')
  async one(
    @CurrentActor() actor: Actor,
    @Param('slug', SlugPipe) slug: string,
    @Param('code', CountryCodePipe) code: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ParticipantView & { events: EventView[] }> {
    const participant = await this.participants.one(actor, slug, code);
    void reply.header('etag', `"${participant.version}"`);
    return participant;
  }

  @Post(':code/actions')
  @HttpCode(201)
  @RequirePermission('actions.record')
  @ApiZodBody(act)
  @ApiHeader({ name: 'If-Match', required: false, description: 'the version last read, like "3": 412 when it is stale' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'the same key and body replay the first answer' })
  async record(
    @CurrentActor() actor: Actor,
    @Param('slug', SlugPipe) slug: string,
    @Param('code', CountryCodePipe) code: string,
    @Body(new ZodPipe(act)) body: z.infer<typeof act>,
    @Headers('if-match') ifMatch: string | undefined,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<{ participant: ParticipantView; event: EventView }> {
    const parsedKey = key === undefined ? undefined : new ZodPipe(idempotencyKey).transform(key, { type: 'custom' });
    const result = await this.participants.record(actor, slug, code, body, {
      expectedVersion: parseIfMatch(ifMatch),
      idempotency: parsedKey ? { key: parsedKey, request: { slug, code, body } } : undefined,
    });
    void reply.status(result.status).header('etag', `"${result.body.participant.version}"`);
    if (result.replayed) void reply.header('idempotency-replayed', 'true');
    return result.body;
  }
}
