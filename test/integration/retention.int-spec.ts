import { DataSource } from 'typeorm';
import { Retention } from '../../apps/worker/src/schedules/retention.service';
import { TestApp, bearer, createTreaty, startTestApp } from '../support/app';

describe('retention of the outbox and idempotency keys', () => {
  let t: TestApp;
  let db: DataSource;

  beforeAll(async () => {
    t = await startTestApp();
    db = t.app.get(DataSource);
  });
  afterAll(() => t.close());

  it('deletes relayed outbox rows older than OUTBOX_RETENTION_DAYS and idempotency keys older than IDEMPOTENCY_KEY_TTL_HOURS, and no audit event', async () => {
    await createTreaty(t, 'retention', ['KAZ', 'SEN', 'SAU']);
    for (const [country, key] of [
      ['KAZ', 'old-key'],
      ['SEN', 'recent-key'],
    ])
      expect(
        (
          await t
            .http()
            .post(`/api/treaties/retention/participants/${country}/actions`)
            .set(...bearer(t.users.officer))
            .set('Idempotency-Key', key)
            .send({ action: 'sign', date: '2014-01-01' })
        ).status,
      ).toBe(201);
    const events = async (): Promise<number> => (await db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM events`))[0].n;
    const eventsBefore = await events();

    const rows: { id: string }[] = await db.query(`SELECT id FROM outbox ORDER BY id`);
    expect(rows.length).toBeGreaterThanOrEqual(5); // three invitations, two signatures
    const [oldRelayed, recentRelayed, oldPending] = rows.map((row) => row.id);
    await db.query(`UPDATE outbox SET created_at = now() - interval '9 days', dispatched_at = now() - interval '8 days' WHERE id = $1`, [
      oldRelayed,
    ]);
    await db.query(`UPDATE outbox SET created_at = now() - interval '2 days', dispatched_at = now() - interval '1 day' WHERE id = $1`, [
      recentRelayed,
    ]);
    await db.query(`UPDATE outbox SET created_at = now() - interval '30 days', dispatched_at = NULL WHERE id = $1`, [oldPending]);
    await db.query(`UPDATE idempotency_keys SET created_at = now() - interval '25 hours' WHERE key = 'old-key'`);

    const retention = new Retention(db, t.config);
    expect(t.config.retention).toEqual({ outboxDays: 7, idempotencyKeyHours: 24 });
    expect(await retention.prune()).toEqual({ outbox: 1, idempotencyKeys: 1 });

    const left: { id: string }[] = await db.query(`SELECT id FROM outbox ORDER BY id`);
    expect(left.map((row) => row.id)).not.toContain(oldRelayed);
    expect(left.map((row) => row.id)).toEqual(expect.arrayContaining([recentRelayed, oldPending]));
    expect(left).toHaveLength(rows.length - 1);
    const keys: { key: string }[] = await db.query(`SELECT key FROM idempotency_keys`);
    expect(keys.map((row) => row.key)).toEqual(['recent-key']);
    expect(await events()).toBe(eventsBefore);

    expect(await retention.prune()).toEqual({ outbox: 0, idempotencyKeys: 0 });
  });

  it('follows the configured limits', async () => {
    await db.query(`UPDATE outbox SET dispatched_at = now() - interval '2 days' WHERE dispatched_at IS NULL`);
    const retention = new Retention(db, { ...t.config, retention: { outboxDays: 1, idempotencyKeyHours: 1 } });
    const pruned = await retention.prune();
    expect(pruned.outbox).toBeGreaterThan(0);
    expect(
      (await db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM outbox WHERE dispatched_at < now() - interval '1 day'`))[0].n,
    ).toBe(0);
  });
});
