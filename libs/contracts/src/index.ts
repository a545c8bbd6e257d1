export * from './imports';
export * from './participants';
export * from './treaties';
export * from './depositary-notifications';
