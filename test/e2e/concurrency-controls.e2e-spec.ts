import { Client } from 'pg';
import { TestApp, bearer, createTreaty, startTestApp } from '../support/app';

// If-Match, Idempotency-Key and the participant lock, as the contract describes them for
// POST /api/treaties/{slug}/participants/{code}/actions.

const SLUG = 'concurrency';
const COUNTRIES = ['KAZ', 'SEN', 'SAU', 'FRA', 'BRA', 'EGY', 'IDN'];
const ACTIONS = (code: string): string => `/api/treaties/${SLUG}/participants/${code}/actions`;

describe('concurrency controls', () => {
  let t: TestApp;
  let db: Client;

  const act = (code: string, body: Record<string, unknown>, headers: Record<string, string> = {}) => {
    let req = t
      .http()
      .post(ACTIONS(code))
      .set(...bearer(t.users.officer));
    for (const [name, value] of Object.entries(headers)) req = req.set(name, value);
    return req.send(body);
  };

  const eventsOf = async (code: string): Promise<{ id: number; action: string; seq: number }[]> => {
    const { rows } = await db.query<{ id: string; action: string; seq: number }>(
      `SELECT id, action, seq FROM events WHERE treaty_slug = $1 AND country_code = $2 ORDER BY seq`,
      [SLUG, code],
    );
    return rows.map((row) => ({ ...row, id: Number(row.id) }));
  };

  const counts = async (): Promise<Record<string, number>> => {
    const { rows } = await db.query<Record<string, string>>(
      `SELECT (SELECT count(*) FROM events) AS events, (SELECT count(*) FROM outbox WHERE topic = 'participant.changed') AS outbox,
              (SELECT count(*) FROM outbox WHERE topic = 'notification.draft') AS drafts,
              (SELECT count(*) FROM idempotency_keys) AS idempotency_keys,
              (SELECT sum(version) FROM participants) AS versions`,
    );
    return Object.fromEntries(Object.entries(rows[0]).map(([name, value]) => [name, Number(value)]));
  };

  beforeAll(async () => {
    t = await startTestApp();
    await createTreaty(t, SLUG, COUNTRIES);
    db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
  }, 60_000);

  afterAll(async () => {
    await db?.end();
    await t?.close();
  });

  describe('If-Match', () => {
    it('reads the version as the ETag of a participant', async () => {
      const res = await t
        .http()
        .get(`/api/treaties/${SLUG}/participants/KAZ`)
        .set(...bearer(t.users.officer));
      expect(res.status).toBe(200);
      expect(res.body.version).toBe(1);
      expect(res.headers.etag).toBe('"1"');
    });

    it('answers 412 for a stale version and writes nothing', async () => {
      const before = await counts();
      const res = await act('KAZ', { action: 'sign', date: '2014-03-01' }, { 'If-Match': '"7"' });
      expect(res.status).toBe(412);
      expect(res.body).toEqual(expect.objectContaining({ error: 'precondition_failed', message: expect.any(String) }));
      expect(await counts()).toEqual(before);
      expect(await eventsOf('KAZ')).toEqual([expect.objectContaining({ action: 'invite', seq: 1 })]);
    });

    it('records the act for the current version, with the new version in the body and the ETag', async () => {
      const res = await act('KAZ', { action: 'sign', date: '2014-03-01' }, { 'If-Match': '"1"' });
      expect(res.status).toBe(201);
      expect(res.body.participant).toEqual(expect.objectContaining({ status: 'signed', version: 2, signedOn: '2014-03-01' }));
      expect(res.body.event).toEqual(expect.objectContaining({ action: 'sign', from: 'invited', to: 'signed', date: '2014-03-01' }));
      expect(res.headers.etag).toBe('"2"');
      expect((await eventsOf('KAZ')).map((event) => event.action)).toEqual(['invite', 'sign']);
    });

    it('answers 412 when the version read before that act is sent again', async () => {
      const before = await counts();
      const res = await act('KAZ', { action: 'ratify', date: '2015-03-01' }, { 'If-Match': '"1"' });
      expect(res.status).toBe(412);
      expect(res.body.error).toBe('precondition_failed');
      expect(await counts()).toEqual(before);
      const current = await t
        .http()
        .get(`/api/treaties/${SLUG}/participants/KAZ`)
        .set(...bearer(t.users.officer));
      expect(current.body).toEqual(expect.objectContaining({ status: 'signed', version: 2 }));
    });

    it('records the next act for the version the last answer gave', async () => {
      const res = await act('KAZ', { action: 'ratify', date: '2015-03-01' }, { 'If-Match': '"2"' });
      expect(res.status).toBe(201);
      expect(res.body.participant).toEqual(expect.objectContaining({ status: 'ratified', version: 3, instrument: 'ratification' }));
      expect(res.headers.etag).toBe('"3"');
    });
  });

  describe('Idempotency-Key', () => {
    const body = { action: 'sign', date: '2014-04-02', reference: 'C.N.12.2014' };

    it('replays the first answer for the same key and body, and records one event', async () => {
      const first = await act('SEN', body, { 'Idempotency-Key': 'sen-sign-1' });
      expect(first.status).toBe(201);
      expect(first.headers['idempotency-replayed']).toBeUndefined();
      const before = await counts();

      const replay = await act('SEN', body, { 'Idempotency-Key': 'sen-sign-1' });
      expect(replay.status).toBe(201);
      expect(replay.headers['idempotency-replayed']).toBe('true');
      expect(replay.body).toEqual(first.body);
      expect(replay.body.event.id).toBe(first.body.event.id);
      expect(replay.headers.etag).toBe(first.headers.etag);

      expect(await counts()).toEqual(before);
      const events = await eventsOf('SEN');
      expect(events.filter((event) => event.action === 'sign')).toEqual([expect.objectContaining({ id: first.body.event.id })]);
      const { rows } = await db.query(`SELECT status_code FROM idempotency_keys WHERE key = $1`, ['sen-sign-1']);
      expect(rows).toEqual([{ status_code: 201 }]);
    });

    it('answers 422 for the same key with another body, and writes nothing', async () => {
      const before = await counts();
      const res = await act('SEN', { ...body, date: '2014-04-03' }, { 'Idempotency-Key': 'sen-sign-1' });
      expect(res.status).toBe(422);
      expect(res.body).toEqual(expect.objectContaining({ error: 'idempotency_key_reused', message: expect.any(String) }));
      expect(await counts()).toEqual(before);
    });

    it('answers 422 for the same key and body on another participant', async () => {
      const before = await counts();
      const res = await act('SAU', body, { 'Idempotency-Key': 'sen-sign-1' });
      expect(res.status).toBe(422);
      expect(res.body.error).toBe('idempotency_key_reused');
      expect(await counts()).toEqual(before);
      expect((await eventsOf('SAU')).map((event) => event.action)).toEqual(['invite']);
    });

    it('coalesces 10 parallel requests with one key into one event', async () => {
      const before = await counts();
      const answers = await Promise.all(Array.from({ length: 10 }, () => act('FRA', body, { 'Idempotency-Key': 'fra-sign-parallel' })));
      expect(answers.map((res) => res.status)).toEqual(Array(10).fill(201));
      const eventIds = new Set(answers.map((res) => res.body.event?.id));
      expect(eventIds.size).toBe(1);
      expect(answers.filter((res) => res.headers['idempotency-replayed'] === 'true')).toHaveLength(9);

      const signs = (await eventsOf('FRA')).filter((event) => event.action === 'sign');
      expect(signs).toEqual([expect.objectContaining({ id: [...eventIds][0] })]);
      expect(await counts()).toEqual({
        ...before,
        events: before.events + 1,
        outbox: before.outbox + 1,
        drafts: before.drafts + 1,
        idempotency_keys: before.idempotency_keys + 1,
        versions: before.versions + 1,
      });
    });

    it('keeps no key for a request that failed, so it can be retried', async () => {
      const before = await counts();
      const refused = await act('BRA', { action: 'ratify', date: '2014-04-02' }, { 'Idempotency-Key': 'bra-first-try' });
      expect(refused.status).toBe(409);
      expect(await counts()).toEqual(before);
      const retried = await act('BRA', { action: 'ratify', date: '2014-04-02' }, { 'Idempotency-Key': 'bra-first-try' });
      expect(retried.status).toBe(409);
      expect(retried.headers['idempotency-replayed']).toBeUndefined();
      expect(await counts()).toEqual(before);
    });
  });

  describe('one participant under load', () => {
    it('answers forty identical signatures fired at once with one 201 and 39 409s', async () => {
      const before = await counts();
      const answers = await Promise.all(Array.from({ length: 40 }, () => act('EGY', { action: 'sign', date: '2014-05-05' })));
      const statuses = answers.map((res) => res.status).sort();
      expect(statuses).toEqual([201, ...Array(39).fill(409)]);
      for (const res of answers.filter((answer) => answer.status === 409))
        expect(res.body).toEqual(expect.objectContaining({ error: 'invalid_transition', status: 'signed', action: 'sign' }));
      const signs = (await eventsOf('EGY')).filter((event) => event.action === 'sign');
      expect(signs).toHaveLength(1);
      expect(signs[0].id).toBe(answers.find((res) => res.status === 201)!.body.event.id);
      expect(await counts()).toEqual({
        ...before,
        events: before.events + 1,
        outbox: before.outbox + 1,
        drafts: before.drafts + 1,
        versions: before.versions + 1,
      });
    }, 60_000);

    it('lets only one of two parallel requests with the same If-Match through', async () => {
      const [a, b] = await Promise.all([
        act('IDN', { action: 'sign', date: '2014-06-01' }, { 'If-Match': '"1"' }),
        act('IDN', { action: 'accede', date: '2014-06-01' }, { 'If-Match': '"1"' }),
      ]);
      expect([a.status, b.status].sort()).toEqual([201, 412]);
      expect((await eventsOf('IDN')).map((event) => event.action)).toHaveLength(2);
    });
  });
});
