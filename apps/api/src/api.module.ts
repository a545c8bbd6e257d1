import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { AccessionModule } from '@depositary/accession';
import { AuditModule } from '@depositary/audit';
import { AuthModule } from '@depositary/auth';
import { AppConfig, ConfigModule } from '@depositary/config';
import { RedisModule } from '@depositary/jobs';
import { NotificationsModule } from '@depositary/notifications';
import { databaseModule } from '@depositary/persistence';
import { AuditController } from './audit/audit.controller';
import { AuthController } from './auth/auth.controller';
import { CountriesController } from './countries/countries.controller';
import { DepositaryNotificationsController } from './depositary-notifications/depositary-notifications.controller';
import { HealthController } from './health/health.controller';
import { NotificationsController } from './notifications/notifications.controller';
import { AuthGuard } from './http/auth.guard';
import { ErrorFilter } from './http/error.filter';
import { ActsController } from './participants/acts.controller';
import { StatementsController } from './participants/statements.controller';
import { PublicController } from './public/public.controller';
import { ParticipantsController } from './participants/participants.controller';
import { TreatiesController } from './treaties/treaties.controller';
import { UsersController } from './users/users.controller';

export const API_CONTROLLERS = [
  AuthController,
  UsersController,
  CountriesController,
  TreatiesController,
  ParticipantsController,
  ActsController,
  PublicController,
  StatementsController,
  AuditController,
  NotificationsController,
  DepositaryNotificationsController,
  HealthController,
];

@Module({})
export class ApiModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        ConfigModule.forRoot(config),
        databaseModule(
          config.databaseUrl,
          {
            poolSize: config.databasePoolSize,
            statementTimeoutMs: config.statementTimeoutMs.api,
            connectTimeoutMs: config.connectTimeoutMs,
          },
          config.databaseBootRetrySeconds,
        ),
        RedisModule,
        AuthModule,
        AccessionModule,
        AuditModule,
        NotificationsModule,
      ],
      controllers: API_CONTROLLERS,
      providers: [
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: ErrorFilter },
      ],
    };
  }
}
