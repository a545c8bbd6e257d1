// What the web page may import of the domain: everything but the two modules that hash with node:crypto
// (the page hashes with the browser's SubtleCrypto over the same text, chainedEventJson).
export * from './chained-event';
export * from './dates';
export * from './languages';
export * from './entry-into-force-rule';
export * from './errors';
export * from './participant-history';
export * from './permissions';
export * from './status-machine';
export * from './reminder-policy';
export * from './entry-into-force';
export * from './record-as-of';
export * from './statements';
export * from './depositary-notification-text';
export * from './treaty-decision';
