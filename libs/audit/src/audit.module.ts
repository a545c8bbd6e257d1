import { Module } from '@nestjs/common';
import { AuditService } from './audit.service';
import { AuditCheckpoints } from './checkpoints';

@Module({ providers: [AuditService, AuditCheckpoints], exports: [AuditService, AuditCheckpoints] })
export class AuditModule {}
