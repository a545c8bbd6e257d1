import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import { AccessionModule } from '@depositary/accession';
import { AuditModule } from '@depositary/audit';
import { AppConfig, ConfigModule } from '@depositary/config';
import { MAIL_QUEUE, REMINDER_QUEUE, TREATY_QUEUE, producerOptions } from '@depositary/jobs';
import { MAX_DELIVERY_ATTEMPTS, NotificationsModule } from '@depositary/notifications';
import { databaseModule } from '@depositary/persistence';
import type { ConnectionOptions } from 'bullmq';
import { MailProcessor } from './processors/mail.processor';
import { ReminderProcessor } from './processors/reminder.processor';
import { TreatyProcessor } from './processors/treaty.processor';
import { AuditCheckpointSchedule } from './schedules/audit-checkpoint.schedule';
import { DeliveryRescueService } from './schedules/delivery-rescue.service';
import { OutboxRelayService } from './schedules/outbox-relay.service';
import { DeliveryHoldService } from './schedules/delivery-hold.service';
import { Reconciler } from './schedules/reconciler.service';
import { Retention } from './schedules/retention.service';
import { WorkerHttp } from './observability/worker-http';
import { WorkerMetrics } from './observability/worker-metrics';

@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    // The queues registered here are producers: they fail fast while Redis is away, so that the outbox keeps what
    // could not be sent. The processors consume on connections of their own (QueueConsumer).
    const producer = producerOptions(config.redisUrl) as ConnectionOptions;
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config),
        databaseModule(
          config.databaseUrl,
          {
            poolSize: config.databasePoolSize,
            statementTimeoutMs: config.statementTimeoutMs.worker,
            connectTimeoutMs: config.connectTimeoutMs,
          },
          config.databaseBootRetrySeconds,
        ),
        BullModule.forRoot({
          connection: producer,
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
        WorkerMetrics,
        WorkerHttp,
        Retention,
        DeliveryHoldService,
        Reconciler,
        TreatyProcessor,
        MailProcessor,
        ReminderProcessor,
        OutboxRelayService,
        DeliveryRescueService,
        AuditCheckpointSchedule,
      ],
    };
  }
}
