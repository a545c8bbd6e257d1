import { Module } from '@nestjs/common';
import { DeliverySender } from './delivery-sender';
import { DepositaryNotifications } from './depositary-notifications.service';
import { Mailer } from './mailer';
import { NotificationsService } from './notifications.service';
import { ReminderSweep } from './reminder-sweep';

@Module({
  providers: [Mailer, DeliverySender, NotificationsService, ReminderSweep, DepositaryNotifications],
  exports: [Mailer, DeliverySender, NotificationsService, ReminderSweep, DepositaryNotifications],
})
export class NotificationsModule {}
