import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessionModule } from '@depositary/accession';
import { AppConfig, ConfigModule } from '@depositary/config';
import { TREATY_QUEUE, redisOptions } from '@depositary/jobs';
import { dataSourceOptions } from '@depositary/persistence';
import type { ConnectionOptions } from 'bullmq';
import { TreatyProcessor } from './processors/treaty.processor';
import { OutboxRelayService } from './schedules/outbox-relay.service';

@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config),
        TypeOrmModule.forRoot(dataSourceOptions(config.databaseUrl, config.databasePoolSize)),
        BullModule.forRoot({
          // Workers block on Redis and must retry forever; producers (the relay) fail fast instead of queueing offline.
          connection: redisOptions(config.redisUrl, { maxRetriesPerRequest: null }) as ConnectionOptions,
          prefix: config.queuePrefix,
        }),
        BullModule.registerQueue({
          name: TREATY_QUEUE,
          connection: redisOptions(config.redisUrl, { maxRetriesPerRequest: null, enableOfflineQueue: false }) as ConnectionOptions,
          defaultJobOptions: { attempts: 10, backoff: { type: 'exponential', delay: 1000 }, removeOnComplete: 1000, removeOnFail: 5000 },
        }),
        AccessionModule,
      ],
      providers: [TreatyProcessor, OutboxRelayService],
    };
  }
}
