import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiHeader, ApiTags } from '@nestjs/swagger';
import { EventView, ParticipantView, ParticipantsService } from '@depositary/accession';
import { Actor, PERSON_ACTIONS, SIGNATURE_KINDS, countryCode, invalid, isoDate } from '@depositary/domain';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { CurrentActor, RequirePermission } from '../http/access';
import { asOfQuery, chartQuery } from '../http/as-of';
import { ApiZodBody, ApiZodQuery, Authenticated } from '../http/openapi';
import { CountryCodePipe, SlugPipe } from '../http/params';
import { ZodPipe } from '../http/zod.pipe';

const invitation = z.strictObject({
  countries: z.array(countryCode).min(1, 'name at least one country').max(300),
  invitedOn: isoDate,
});
/** Fields that only one action carries. */
const ONLY_WITH = [
  ['signature', 'sign'],
  ['effectiveFrom', 'succeed'],
  ['predecessor', 'succeed'],
  ['effectiveOn', 'withdraw'],
] as const;
const optionalText = (max: number) => z.string().trim().min(1, 'must not be empty when given').max(max).optional();
const act = z
  .strictObject({
    action: z.enum(PERSON_ACTIONS, `must be one of ${PERSON_ACTIONS.join(', ')}`),
    date: isoDate.optional(),
    signature: z.enum(SIGNATURE_KINDS, `must be one of ${SIGNATURE_KINDS.join(', ')}`).optional(),
    effectiveFrom: isoDate.optional(),
    predecessor: optionalText(200),
    effectiveOn: isoDate.optional(),
    reference: optionalText(500),
    note: optionalText(4000),
    reason: optionalText(4000),
  })
  .superRefine((value, ctx) => {
    if (value.action === 'correct' && !value.reason)
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'a correction needs a reason' });
    if (value.action !== 'correct' && !value.date)
      ctx.addIssue({ code: 'custom', path: ['date'], message: 'the day the act took effect, YYYY-MM-DD' });
    for (const [field, action] of ONLY_WITH)
      if (value[field] !== undefined && value.action !== action)
        ctx.addIssue({ code: 'custom', path: [field], message: `${field} goes only with the action "${action}"` });
  });
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
  @ApiZodQuery(chartQuery)
  async chart(
    @CurrentActor() actor: Actor,
    @Param('slug', SlugPipe) slug: string,
    @Query(new ZodPipe(chartQuery)) { format, ...asOf }: z.infer<typeof chartQuery>,
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
  @ApiZodQuery(asOfQuery)
  async one(
    @CurrentActor() actor: Actor,
    @Param('slug', SlugPipe) slug: string,
    @Param('code', CountryCodePipe) code: string,
    @Query(new ZodPipe(asOfQuery)) query: z.infer<typeof asOfQuery>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ParticipantView & { events: EventView[]; asOf: string | null; knownAt: string | null }> {
    const participant = await this.participants.one(actor, slug, code, query);
    // The version to send back with If-Match: only the present record has one to act on.
    if (query.asOf === undefined && query.knownAt === undefined) void reply.header('etag', `"${participant.version}"`);
    return { ...participant, asOf: query.asOf ?? null, knownAt: query.knownAt ?? null };
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
