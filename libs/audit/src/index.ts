export * from './audit.module';
export * from './audit.service';
export * from './checkpoints';
export * from './verification';
