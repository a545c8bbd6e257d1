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

  it('reads the operations variables: JSON logs unless told otherwise, the worker port, the retention limits', () => {
    const defaults = loadConfig({ DATABASE_URL: production.DATABASE_URL });
    expect(defaults.logFormat).toBe('json');
    expect(defaults.workerPort).toBe(3001);
    expect(defaults.retention).toEqual({ outboxDays: 7, idempotencyKeyHours: 24 });
    const set = loadConfig({
      DATABASE_URL: production.DATABASE_URL,
      LOG_FORMAT: 'pretty',
      WORKER_PORT: '9464',
      OUTBOX_RETENTION_DAYS: '3',
      IDEMPOTENCY_KEY_TTL_HOURS: '48',
    });
    expect(set).toMatchObject({ logFormat: 'pretty', workerPort: 9464, retention: { outboxDays: 3, idempotencyKeyHours: 48 } });
    for (const [name, value] of [
      ['LOG_FORMAT', 'text'],
      ['OUTBOX_RETENTION_DAYS', '0'],
      ['IDEMPOTENCY_KEY_TTL_HOURS', 'a day'],
      ['WORKER_PORT', '70000'],
    ])
      expect(() => loadConfig({ DATABASE_URL: production.DATABASE_URL, [name]: value })).toThrow(new RegExp(`${name}:`));
  });
});
