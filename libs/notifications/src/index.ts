export * from './deliveries';
export * from './delivery-sender';
export * from './mailer';
export * from './notifications.module';
export * from './staff-notices';
export * from './notifications.service';
export * from './reminder-mail';
export * from './reminder-sweep';
