import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessionModule } from '@depositary/accession';
import { AuditModule } from '@depositary/audit';
import { AppConfig, ConfigModule } from '@depositary/config';
import { MAIL_QUEUE, REMINDER_QUEUE, TREATY_QUEUE, redisOptions } from '@depositary/jobs';
import { MAX_DELIVERY_ATTEMPTS, NotificationsModule } from '@depositary/notifications';
import { dataSourceOptions } from '@depositary/persistence';
import type { ConnectionOptions } from 'bullmq';
import { MailProcessor } from './processors/mail.processor';
import { ReminderProcessor } from './processors/reminder.processor';
import { TreatyProcessor } from './processors/treaty.processor';
import { AuditCheckpointSchedule } from './schedules/audit-checkpoint.schedule';
import { DeliveryRescueService } from './schedules/delivery-rescue.service';
import { OutboxRelayService } from './schedules/outbox-relay.service';
import { ReconcileSchedule } from './schedules/reconcile.schedule';

@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    // Workers block on Redis and retry forever; producers fail fast instead of queueing commands offline,
    // so that the outbox keeps what could not be sent.
    const producer = redisOptions(config.redisUrl, { maxRetriesPerRequest: null, enableOfflineQueue: false }) as ConnectionOptions;
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config),
        TypeOrmModule.forRoot(dataSourceOptions(config.databaseUrl, config.databasePoolSize)),
        BullModule.forRoot({
          connection: redisOptions(config.redisUrl, { maxRetriesPerRequest: null }) as ConnectionOptions,
          prefix: config.queuePrefix,
        }),
        BullModule.registerQueue(
          {
            name: TREATY_QUEUE,
            connection: producer,
            defaultJobOptions: { attempts: 10, backoff: { type: 'exponential', delay: 1000 }, removeOnComplete: 1000, removeOnFail: 5000 },
          },
          {
            name: MAIL_QUEUE,
            connection: producer,
            defaultJobOptions: {
              attempts: MAX_DELIVERY_ATTEMPTS,
              backoff: { type: 'exponential', delay: 2000 },
              removeOnComplete: 5000,
              removeOnFail: 5000,
            },
          },
          {
            name: REMINDER_QUEUE,
            connection: producer,
            defaultJobOptions: { attempts: 3, backoff: { type: 'exponential', delay: 60_000 }, removeOnComplete: 100, removeOnFail: 100 },
          },
        ),
        AccessionModule,
        NotificationsModule,
        AuditModule,
      ],
      providers: [
        TreatyProcessor,
        MailProcessor,
        ReminderProcessor,
        OutboxRelayService,
        ReconcileSchedule,
        DeliveryRescueService,
        AuditCheckpointSchedule,
      ],
    };
  }
}
