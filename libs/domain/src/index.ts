// Everything the browser may use too (browser.ts), and the three modules that need Node.js: hashing, cursors.
export * from './browser';
export * from './audit-chain';
export * from './cursor';
export * from './configuration-audit';
