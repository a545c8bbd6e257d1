import { Controller, Get, Inject, Param, Query, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { PublicRecordService, PublicTreatySummary } from '@depositary/accession';
import { DepositaryNotifications } from '@depositary/notifications';
import { APP_CONFIG, AppConfig } from '@depositary/config';
import {
  DepositaryNotificationView,
  chartQuerySchema,
  publicNotificationListSchema,
  publicTreatyListSchema,
  publicTreatySchema,
} from '@depositary/contracts';
import { Actor } from '@depositary/domain';
import { RedisClient } from '@depositary/jobs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { Public } from '../http/access';
import { ApiAnswer, ApiErrors, ApiNotModified, ApiZodQuery } from '../http/openapi';
import { SlugPipe } from '../http/params';
import { limitPerMinute } from '../http/rate-limit';
import { ZodPipe } from '../http/zod.pipe';
import { PAGE_HEADERS, publicPageHtml } from '../web/serve-web';
import { notificationsFeed } from './atom';

/** Who the public reads of notifications read as: one who sees every notification of a treaty (only issued ones are asked). */
const READER: Actor = {
  id: '00000000-0000-0000-0000-000000000000',
  email: 'public@depositary.invalid',
  role: 'auditor',
  countryCode: null,
};

/** How long a cache may keep a public answer before asking again (it then gets a 304 if nothing changed). */
const MAX_AGE_SECONDS = 60;

/**
 * The reads anyone may make, without signing in, of the treaties an officer marked public: nothing personal,
 * the same 404 for a treaty that is not public as for one that does not exist, an ETag answered with 304 when it
 * still holds, and a limit per client address (PUBLIC_RATE_LIMIT requests a minute, then 429).
 */
@ApiTags('public')
@ApiNotModified()
@ApiErrors([429, 'more than PUBLIC_RATE_LIMIT reads a minute from this address'])
@Controller('public')
export class PublicController {
  constructor(
    private readonly record: PublicRecordService,
    private readonly notifications: DepositaryNotifications,
    private readonly redis: RedisClient,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('treaties')
  @Public()
  @ApiAnswer(200, publicTreatyListSchema, 'the public treaties')
  async list(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.limit(request);
    send(request, reply, { items: await this.record.list(), nextCursor: null });
  }

  @Get('treaties/:slug')
  @Public()
  @ApiZodQuery(chartQuerySchema)
  @ApiAnswer(
    200,
    { 'application/json': publicTreatySchema, 'text/csv': 'text' },
    'the treaty, its status and chart; the chart in CSV with format=csv',
  )
  async read(
    @Param('slug', SlugPipe) slug: string,
    @Query(new ZodPipe(chartQuerySchema)) { format, ...asOf }: z.infer<typeof chartQuerySchema>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.limit(request);
    if (format === 'csv') {
      void reply.header('content-disposition', `attachment; filename="${slug}-chart${asOf.asOf ? `-${asOf.asOf}` : ''}.csv"`);
      send(request, reply, await this.record.csv(slug, asOf), 'text/csv; charset=utf-8');
      return;
    }
    send(request, reply, await this.record.read(slug, asOf));
  }

  /** The issued depositary notifications of a public treaty, newest first: number, date, kind, subject and text. */
  @Get('treaties/:slug/notifications')
  @Public()
  @ApiAnswer(200, publicNotificationListSchema)
  async notificationsList(
    @Param('slug', SlugPipe) slug: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.limit(request);
    const { notifications } = await this.issuedOf(slug);
    send(request, reply, {
      items: notifications.map(({ number, kind, country, issuedOn, subject, text }) => ({
        number,
        kind,
        country,
        issuedOn,
        subject,
        text,
      })),
      nextCursor: null,
    });
  }

  /** The same as an Atom 1.0 feed. */
  @Get('treaties/:slug/notifications.atom')
  @Public()
  @ApiAnswer(200, { 'application/atom+xml': 'text' }, 'an Atom 1.0 feed')
  async notificationsAtom(
    @Param('slug', SlugPipe) slug: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.limit(request);
    const { treaty, notifications } = await this.issuedOf(slug);
    send(request, reply, notificationsFeed(treaty, notifications), 'application/atom+xml; charset=utf-8');
  }

  /**
   * The human page of a public treaty, in English, French or Arabic (?lang=, else the browser's): the web app's
   * public entry, which reads /public/treaties/{slug}. A treaty that is not public is a 404 here too.
   */
  @Get(':slug')
  @Public()
  @ApiAnswer(200, { 'text/html': 'text' }, 'the public page of the treaty')
  async page(@Param('slug', SlugPipe) slug: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.limit(request);
    await this.record.summary(slug);
    for (const [name, value] of Object.entries(PAGE_HEADERS)) void reply.header(name, value);
    send(request, reply, publicPageHtml(), 'text/html; charset=utf-8');
  }

  /** A public treaty and its issued notifications, newest first (all of them: a treaty has a few hundred at most). */
  private async issuedOf(slug: string): Promise<{ treaty: PublicTreatySummary; notifications: DepositaryNotificationView[] }> {
    const treaty = await this.record.summary(slug);
    const notifications: DepositaryNotificationView[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.notifications.list(READER, { treaty: slug, status: 'issued', cursor });
      notifications.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return { treaty, notifications: notifications.reverse() };
  }

  private limit(request: FastifyRequest): Promise<void> {
    const limit = this.config.publicRateLimit;
    return limitPerMinute(
      this.redis,
      `${this.config.queuePrefix}:public-rate`,
      request.ip,
      limit,
      `more than ${limit} public reads a minute from this address`,
    );
  }
}

/** Sends a public answer with its ETag and Cache-Control, or 304 when the client's copy is still the same. */
function send(request: FastifyRequest, reply: FastifyReply, body: unknown, contentType = 'application/json; charset=utf-8'): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const etag = `"${createHash('sha256').update(text).digest('base64url').slice(0, 27)}"`;
  void reply.header('etag', etag).header('cache-control', `public, max-age=${MAX_AGE_SECONDS}`).header('vary', 'accept-encoding');
  const asked = request.headers['if-none-match'];
  if (asked !== undefined && asked.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)) {
    void reply.status(304).send();
    return;
  }
  void reply.status(200).header('content-type', contentType).send(text);
}
