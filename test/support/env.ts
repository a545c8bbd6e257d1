// Each test file gets its own database, cloned from the migrated template by global-setup.ts.
process.env.TZ = 'UTC';
