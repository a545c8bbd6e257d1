import { Module } from '@nestjs/common';
import { DeliverySender } from './delivery-sender';
import { Mailer } from './mailer';
import { NotificationsService } from './notifications.service';
import { ReminderSweep } from './reminder-sweep';

@Module({
  providers: [Mailer, DeliverySender, NotificationsService, ReminderSweep],
  exports: [Mailer, DeliverySender, NotificationsService, ReminderSweep],
})
export class NotificationsModule {}
