// Unit tests sit beside pure code; integration and end-to-end tests live under test/ and talk to the
// real PostgreSQL and Redis of DATABASE_URL / REDIS_URL (see test/support/global-setup.ts).
const swc = [
  '@swc/jest',
  {
    swcrc: false,
    jsc: {
      target: 'es2023',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
  },
];

const shared = {
  transform: { '^.+\\.(t|j|mj)s$': swc },
  // NestJS 12 ships ES modules only: let @swc/jest turn them (and their ESM-only helpers) into CommonJS. So do
  // swagger-parser's ref parser and openapi-typescript's helpers, which the OpenAPI test loads.
  transformIgnorePatterns: [
    '/node_modules/(?!(@nestjs|content-disposition|file-type|strtok3|token-types|peek-readable|uint8array-extras|@tokenizer|load-esm|@apidevtools|openapi-typescript|parse-json|index-to-position|supports-color|change-case)/)',
  ],
  moduleNameMapper: { '^@depositary/(.*)$': '<rootDir>/libs/$1/src' },
  testEnvironment: 'node',
};

module.exports = {
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/**/*.spec.ts'] },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/**/*.int-spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
      setupFiles: ['<rootDir>/test/support/env.ts'],
    },
  ],
  maxWorkers: 2,
  testTimeout: 60000,
};
