export * from './outbox-relay';
export * from './queues';
export * from './redis';
