import { ConfigError, loadConfig } from './config';

const production = { NODE_ENV: 'production', DATABASE_URL: 'postgres://app@db:5432/depositary' };

describe('loadConfig', () => {
  it('refuses to start in production with a published JWT secret or admin password', () => {
    for (const JWT_SECRET of ['change-me-to-a-long-random-secret', 'development-only-secret-change-me', 'please-change-me-later-ok'])
      expect(() => loadConfig({ ...production, JWT_SECRET })).toThrow(/JWT_SECRET: is a published example value/);
    expect(() =>
      loadConfig({ ...production, JWT_SECRET: 'f'.repeat(64), ADMIN_EMAIL: 'admin@example.org', ADMIN_PASSWORD: 'change-me-now' }),
    ).toThrow(/ADMIN_PASSWORD: is a published example value/);
    expect(() => loadConfig({ ...production })).toThrow(ConfigError);
    expect(loadConfig({ ...production, JWT_SECRET: 'f'.repeat(64) }).env).toBe('production');
  });

  it('lets development and tests use the examples', () => {
    expect(loadConfig({ DATABASE_URL: production.DATABASE_URL, JWT_SECRET: 'change-me-to-a-long-random-secret' }).env).toBe('development');
  });
});
