// The fault suite (npm run test:faults): private PostgreSQL and Redis servers started by the tests themselves,
// then broken on purpose. Run one file at a time: the cases kill processes and cut connections.
const base = require('./jest.config.js');
const integration = base.projects.find((project) => project.displayName === 'integration');

module.exports = {
  ...integration,
  displayName: 'faults',
  testMatch: ['<rootDir>/test/faults/**/*.fault-spec.ts'],
  globalSetup: '<rootDir>/test/faults/global-setup.ts',
  globalTeardown: undefined,
  maxWorkers: 1,
  testTimeout: 120000,
};
