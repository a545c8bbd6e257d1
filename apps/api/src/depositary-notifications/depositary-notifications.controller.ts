import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  DepositaryNotificationView,
  depositaryNotificationListQuery,
  depositaryNotificationListSchema,
  depositaryNotificationReadQuery,
  depositaryNotificationViewSchema,
  newDepositaryNotificationSchema,
} from '@depositary/contracts';
import { Actor } from '@depositary/domain';
import { DepositaryNotifications } from '@depositary/notifications';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { CurrentActor, RequirePermission } from '../http/access';
import { ApiAnswer, ApiErrors, ApiZodBody, ApiZodQuery, Authenticated } from '../http/openapi';
import { IdPipe } from '../http/params';
import { ZodPipe } from '../http/zod.pipe';

const notificationId = new IdPipe('depositary notification');

/** Depositary notifications: drafted from the record, numbered when issued, circulated to the states. */
@ApiTags('depositary notifications')
@Authenticated()
@Controller('api/depositary-notifications')
export class DepositaryNotificationsController {
  constructor(private readonly notifications: DepositaryNotifications) {}

  @Post()
  @RequirePermission('depositaryNotifications.issue')
  @ApiZodBody(newDepositaryNotificationSchema)
  @ApiAnswer(201, depositaryNotificationViewSchema, 'the draft')
  create(
    @Body(new ZodPipe(newDepositaryNotificationSchema)) body: z.infer<typeof newDepositaryNotificationSchema>,
  ): Promise<DepositaryNotificationView> {
    return this.notifications.createFreeForm(body);
  }

  @Post(':id/issue')
  @HttpCode(200)
  @RequirePermission('depositaryNotifications.issue')
  @ApiAnswer(200, depositaryNotificationViewSchema, 'the notification, numbered and issued')
  @ApiErrors([409, 'already_issued, or a notification that can no longer be issued'])
  issue(@CurrentActor() actor: Actor, @Param('id', notificationId) id: number): Promise<DepositaryNotificationView> {
    return this.notifications.issue(actor, id);
  }

  @Get()
  @RequirePermission('depositaryNotifications.read')
  @ApiZodQuery(depositaryNotificationListQuery)
  @ApiAnswer(200, depositaryNotificationListSchema)
  list(
    @CurrentActor() actor: Actor,
    @Query(new ZodPipe(depositaryNotificationListQuery)) query: z.infer<typeof depositaryNotificationListQuery>,
  ): Promise<{ items: DepositaryNotificationView[]; nextCursor: string | null }> {
    return this.notifications.list(actor, query);
  }

  /** `?format=html&lang=fr`: the printable notification. */
  @Get(':id')
  @RequirePermission('depositaryNotifications.read')
  @ApiZodQuery(depositaryNotificationReadQuery)
  @ApiAnswer(
    200,
    { 'application/json': depositaryNotificationViewSchema, 'text/html': 'text' },
    'the notification; printable HTML with format=html',
  )
  async read(
    @CurrentActor() actor: Actor,
    @Param('id', notificationId) id: number,
    @Query(new ZodPipe(depositaryNotificationReadQuery)) query: z.infer<typeof depositaryNotificationReadQuery>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<DepositaryNotificationView | string> {
    if (query.format !== 'html') return this.notifications.get(actor, id);
    const html = await this.notifications.html(actor, id, query.lang ?? 'en');
    void reply.header('content-type', 'text/html; charset=utf-8');
    return html;
  }
}
