export * from './imports';
export * from './participants';
export * from './treaties';
export * from './statements';
export * from './depositary-notifications';
export * from './views';
export * from './audit';
