import { Module } from '@nestjs/common';
import { DeliverySender } from './delivery-sender';
import { Mailer } from './mailer';

@Module({ providers: [Mailer, DeliverySender], exports: [Mailer, DeliverySender] })
export class NotificationsModule {}
