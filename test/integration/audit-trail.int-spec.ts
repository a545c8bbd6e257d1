import { Client } from 'pg';
import { TestApp, bearer, createTreaty, startTestApp } from '../support/app';

// The events table refuses to be changed in PostgreSQL itself, and GET /api/audit/verify notices an
// event altered or removed behind the trigger's back.

const SLUG = 'audit-trail';

interface EventRow {
  id: number;
  country_code: string;
  seq: number;
  action: string;
  note: string | null;
}

/** A started app with its own PostgreSQL client, and a few acts recorded through the API. */
async function startWithActs(): Promise<{ t: TestApp; db: Client }> {
  const t = await startTestApp();
  await createTreaty(t, SLUG, ['KAZ', 'SAU', 'SEN']);
  const acts: [string, Record<string, unknown>][] = [
    ['KAZ', { action: 'sign', date: '2014-01-15', reference: 'C.N.1.2014' }],
    ['KAZ', { action: 'ratify', date: '2016-06-01', note: 'instrument received in Jeddah' }],
    ['KAZ', { action: 'withdraw', date: '2020-01-01' }],
    ['SEN', { action: 'sign', date: '2014-02-20' }],
    ['SEN', { action: 'correct', reason: 'signed by a delegate without full powers' }],
  ];
  for (const [code, body] of acts) {
    const res = await t
      .http()
      .post(`/api/treaties/${SLUG}/participants/${code}/actions`)
      .set(...bearer(t.users.officer))
      .send(body);
    if (res.status !== 201) throw new Error(`${code} ${String(body.action)}: ${res.status} ${JSON.stringify(res.body)}`);
  }
  const db = new Client({ connectionString: t.databaseUrl });
  await db.connect();
  return { t, db };
}

async function stop(setup: { t: TestApp; db: Client } | undefined): Promise<void> {
  await setup?.db.end();
  await setup?.t.close();
}

async function events(db: Client): Promise<EventRow[]> {
  const { rows } = await db.query<EventRow & { id: string }>(
    `SELECT id, country_code, seq, action, note FROM events ORDER BY participant_id, seq`,
  );
  return rows.map((row) => ({ ...row, id: Number(row.id) }));
}

/** What a verification checks: the participants' events and the configuration events. */
async function eventCount(db: Client): Promise<number> {
  const { rows } = await db.query<{ count: string }>(
    `SELECT (SELECT count(*) FROM events) + (SELECT count(*) FROM configuration_events) AS count`,
  );
  return Number(rows[0].count);
}

const eventOf = (rows: EventRow[], country: string, seq: number): EventRow => {
  const row = rows.find((event) => event.country_code === country && event.seq === seq);
  if (!row) throw new Error(`no event ${seq} of ${country}`);
  return row;
};

/** Runs SQL with the user triggers of events switched off, as someone with table rights could. */
async function behindTheTrigger(db: Client, sql: string, params: unknown[]): Promise<number> {
  await db.query(`ALTER TABLE events DISABLE TRIGGER USER`);
  try {
    return (await db.query(sql, params)).rowCount ?? 0;
  } finally {
    await db.query(`ALTER TABLE events ENABLE TRIGGER USER`);
  }
}

async function verify(t: TestApp): Promise<{ ok: boolean; checked: number; firstBroken: Record<string, unknown> | null }> {
  const res = await t
    .http()
    .get('/api/audit/verify')
    .set(...bearer(t.users.auditor));
  expect(res.status).toBe(200);
  return res.body;
}

describe('audit trail', () => {
  describe('the append-only events table', () => {
    let setup: { t: TestApp; db: Client };
    let before: EventRow[];

    beforeAll(async () => {
      setup = await startWithActs();
      before = await events(setup.db);
    }, 60_000);
    afterAll(() => stop(setup));

    it('holds an invitation per country and an event per act', () => {
      expect(before.map((event) => `${event.country_code}/${event.seq}/${event.action}`)).toEqual([
        'KAZ/1/invite',
        'KAZ/2/sign',
        'KAZ/3/ratify',
        'KAZ/4/withdraw',
        'SAU/1/invite',
        'SEN/1/invite',
        'SEN/2/sign',
        'SEN/3/correct',
      ]);
    });

    it('refuses UPDATE of one event', async () => {
      const target = eventOf(before, 'KAZ', 3);
      await expect(setup.db.query(`UPDATE events SET note = 'edited' WHERE id = $1`, [target.id])).rejects.toThrow(/append-only/);
      expect(await events(setup.db)).toEqual(before);
    });

    it('refuses UPDATE of every event', async () => {
      await expect(setup.db.query(`UPDATE events SET effective_date = effective_date + 1`)).rejects.toThrow(/append-only/);
      expect(await events(setup.db)).toEqual(before);
    });

    it('refuses DELETE', async () => {
      const target = eventOf(before, 'SEN', 3);
      await expect(setup.db.query(`DELETE FROM events WHERE id = $1`, [target.id])).rejects.toThrow(/append-only/);
      await expect(setup.db.query(`DELETE FROM events`)).rejects.toThrow(/append-only/);
      expect(await events(setup.db)).toEqual(before);
    });

    it('refuses TRUNCATE', async () => {
      await expect(setup.db.query(`TRUNCATE events`)).rejects.toThrow(/append-only/);
      await expect(setup.db.query(`TRUNCATE events CASCADE`)).rejects.toThrow(/append-only/);
      expect(await events(setup.db)).toEqual(before);
    });

    it('verifies the untouched trail', async () => {
      expect(await verify(setup.t)).toEqual({ ok: true, checked: await eventCount(setup.db), firstBroken: null, checkpoint: null });
    });

    it('lists the same events through the API', async () => {
      const res = await setup.t
        .http()
        .get(`/api/audit/events?treaty=${SLUG}`)
        .set(...bearer(setup.t.users.auditor));
      expect(res.status).toBe(200);
      expect((res.body.items as { id: number }[]).map((event) => event.id).sort((a, b) => a - b)).toEqual(
        before.map((event) => event.id).sort((a, b) => a - b),
      );
    });

    it('names the event whose note was edited behind the trigger', async () => {
      const target = eventOf(before, 'SEN', 2);
      expect(await behindTheTrigger(setup.db, `UPDATE events SET note = 'signed with full powers' WHERE id = $1`, [target.id])).toBe(1);

      const result = await verify(setup.t);
      expect(result.ok).toBe(false);
      expect(result.checked).toBe(await eventCount(setup.db));
      expect(result.firstBroken).toEqual(expect.objectContaining({ eventId: target.id, treaty: SLUG, country: 'SEN', seq: 2 }));
      expect(result.firstBroken?.reason).toEqual(expect.any(String));
    });

    it('has the trigger back on afterwards', async () => {
      const target = eventOf(before, 'SEN', 2);
      await expect(setup.db.query(`UPDATE events SET note = NULL WHERE id = $1`, [target.id])).rejects.toThrow(/append-only/);
      const { rows } = await setup.db.query<{ tgname: string; tgenabled: string }>(
        `SELECT tgname, tgenabled FROM pg_trigger WHERE tgrelid = 'events'::regclass AND NOT tgisinternal ORDER BY tgname`,
      );
      expect(rows).toEqual([
        { tgname: 'events_no_truncate', tgenabled: 'O' },
        { tgname: 'events_no_update_delete', tgenabled: 'O' },
      ]);
    });
  });

  describe('a middle event deleted behind the trigger', () => {
    let setup: { t: TestApp; db: Client };

    beforeAll(async () => {
      setup = await startWithActs();
    }, 60_000);
    afterAll(() => stop(setup));

    it('verifies before the deletion', async () => {
      expect(await verify(setup.t)).toEqual({ ok: true, checked: await eventCount(setup.db), firstBroken: null, checkpoint: null });
    });

    it('is found missing', async () => {
      const rows = await events(setup.db);
      const middle = eventOf(rows, 'KAZ', 3);
      expect(await behindTheTrigger(setup.db, `DELETE FROM events WHERE id = $1`, [middle.id])).toBe(1);

      const result = await verify(setup.t);
      expect(result.ok).toBe(false);
      expect(result.checked).toBe(await eventCount(setup.db));
      expect(result.firstBroken).toEqual(expect.objectContaining({ treaty: SLUG, country: 'KAZ', reason: expect.any(String) }));
      // It names the missing event (seq 3) or the one that now follows the gap (seq 4).
      const after = eventOf(rows, 'KAZ', 4);
      expect(result.firstBroken?.seq === 3 || result.firstBroken?.eventId === after.id).toBe(true);
    });
  });

  describe('the last event of a chain deleted behind the trigger', () => {
    let setup: { t: TestApp; db: Client };

    beforeAll(async () => {
      setup = await startWithActs();
    }, 60_000);
    afterAll(() => stop(setup));

    it('is found missing', async () => {
      const rows = await events(setup.db);
      const last = eventOf(rows, 'SEN', 3);
      expect(await behindTheTrigger(setup.db, `DELETE FROM events WHERE id = $1`, [last.id])).toBe(1);

      const result = await verify(setup.t);
      expect(result.ok).toBe(false);
      expect(result.checked).toBe(await eventCount(setup.db));
      expect(result.firstBroken).toEqual(expect.objectContaining({ treaty: SLUG, country: 'SEN', reason: expect.any(String) }));
    });
  });
});
