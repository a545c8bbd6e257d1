import { Controller, HttpCode, Get, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { countryCode } from '@depositary/domain';
import { DeliveryView, NotificationsService, ReminderSweep } from '@depositary/notifications';
import { z } from 'zod';
import { RequirePermission } from '../http/access';
import { ApiAnswer, ApiZodQuery, Authenticated } from '../http/openapi';
import { DELIVERY_KINDS, DELIVERY_STATUSES, deliveryListSchema, sweepResultSchema } from '@depositary/contracts';
import { ZodPipe } from '../http/zod.pipe';

const deliveryQuery = z.strictObject({
  status: z.enum(DELIVERY_STATUSES, `must be one of ${DELIVERY_STATUSES.join(', ')}`).optional(),
  kind: z.enum(DELIVERY_KINDS, `must be one of ${DELIVERY_KINDS.join(', ')}`).optional(),
  country: z
    .string()
    .transform((value) => value.toUpperCase())
    .pipe(countryCode)
    .optional(),
  cursor: z.string().max(100).optional(),
  limit: z.coerce.number().int('must be a whole number').min(1).max(1000).optional(),
});

@ApiTags('notifications')
@Authenticated()
@Controller('api')
export class NotificationsController {
  constructor(
    private readonly notifications: NotificationsService,
    private readonly sweep: ReminderSweep,
  ) {}

  /** Runs the reminder sweep now: queues the reminders due today and answers how many. */
  @Post('reminders/sweep')
  @HttpCode(200)
  @RequirePermission('reminders.sweep')
  @ApiAnswer(200, sweepResultSchema, 'how many reminders were queued')
  runSweep(): Promise<{ enqueued: number }> {
    return this.sweep.sweep();
  }

  @Get('notifications')
  @RequirePermission('notifications.read')
  @ApiZodQuery(deliveryQuery)
  @ApiAnswer(200, deliveryListSchema)
  list(
    @Query(new ZodPipe(deliveryQuery)) query: z.infer<typeof deliveryQuery>,
  ): Promise<{ items: DeliveryView[]; nextCursor: string | null }> {
    return this.notifications.list(query);
  }
}
