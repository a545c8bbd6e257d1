export * from './outbox-relay';
export * from './queues';
export * from './redis';
export * from './throttled-log';
export * from './job-epoch';
export * from './outbox';
