import type { Role } from '@depositary/domain';
import { Client } from 'pg';
import { IOFS_RULE, TestApp, bearer, createTreaty, startTestApp } from './app';

// Every malformed request is refused with a 4xx in the contract's error shape, and writes nothing at all. Each feature
// file lists its own malformed requests; they are sent to an app set up the same way here.

export const SLUG = 'malformed';
export const ACTIONS = (code: string): string => `/api/treaties/${SLUG}/participants/${code}/actions`;
export const TABLES = ['events', 'participants', 'treaties', 'users', 'focal_points', 'outbox', 'idempotency_keys'] as const;

export const TOMORROW = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
// KAZ signed on this day in beforeAll; SEN and SAU stay invited (2013-12-10); FRA is invited on 2016-01-01.
// Bodies of other media types go to SAU, so that one wrongly accepted does not change what the other cases meet.
export const KAZ_SIGNED_ON = '2015-01-10';

export const treaty = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  slug: 'a-new-treaty',
  title: 'A new treaty',
  openedForSignatureOn: '2020-01-01',
  entryIntoForce: IOFS_RULE,
  ...extra,
});
export const rule = (extra: Record<string, unknown>): Record<string, unknown> => treaty({ entryIntoForce: { ...IOFS_RULE, ...extra } });
export const user = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  email: 'new.user@example.org',
  name: 'New User',
  password: 'long enough password',
  role: 'officer',
  ...extra,
});
export const focalPoint = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  name: 'Aigerim Bekova',
  email: 'aigerim@example.kz',
  language: 'en',
  ...extra,
});
export const sign = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({ action: 'sign', date: '2015-02-01', ...extra });

export interface MalformedCase {
  name: string;
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  path: string;
  /** Who sends it; officer unless said otherwise. */
  as?: Role;
  /** Serialised as JSON. */
  body?: unknown;
  /** Sent as it is, with `contentType`. */
  raw?: string;
  contentType?: string;
  headers?: Record<string, string>;
  /** The status the contract asks for; a list where it leaves the choice to the server. */
  status: number | number[];
  error?: string;
}

export interface TransitionCase {
  name: string;
  code: string;
  body: Record<string, unknown>;
  headers?: Record<string, string>;
  status: string;
  action: string;
  allowed: string[];
}

export const FROM_INVITED = ['accede', 'accept', 'approve', 'sign', 'succeed'];
export const FROM_SIGNED = ['accept', 'approve', 'correct', 'ratify'];

/**
 * Sends each malformed request (and each invalid transition) to a fresh app whose treaty `malformed` invited KAZ, SEN
 * and SAU (KAZ signed) and FRA, and checks the answer and that no table changed; `minimum` is the size the table must keep.
 */
export function describeMalformed(cases: MalformedCase[], minimum: number, transitions: TransitionCase[] = []): void {
  describe('malformed requests', () => {
    let t: TestApp;
    let db: Client;

    const counts = async (): Promise<Record<string, number>> => {
      const { rows } = await db.query<Record<string, string>>(
        `SELECT ${TABLES.map((table) => `(SELECT count(*) FROM ${table}) AS ${table}`).join(', ')}`,
      );
      return Object.fromEntries(Object.entries(rows[0]).map(([table, count]) => [table, Number(count)]));
    };

    const send = (c: Omit<MalformedCase, 'status' | 'error'>) => {
      let req = t
        .http()
        [c.method](c.path)
        .set(...bearer(t.users[c.as ?? 'officer']));
      for (const [name, value] of Object.entries(c.headers ?? {})) req = req.set(name, value);
      if (c.raw !== undefined) return req.set('content-type', c.contentType ?? 'application/json').send(c.raw);
      if (c.body !== undefined) return req.send(c.body as object);
      return req;
    };

    beforeAll(async () => {
      t = await startTestApp();
      await createTreaty(t, SLUG, ['KAZ', 'SEN', 'SAU']);
      const fra = await t
        .http()
        .post(`/api/treaties/${SLUG}/participants`)
        .set(...bearer(t.users.officer))
        .send({ countries: ['FRA'], invitedOn: '2016-01-01' });
      expect(fra.status).toBe(201);
      const signed = await t
        .http()
        .post(ACTIONS('KAZ'))
        .set(...bearer(t.users.officer))
        .send({ action: 'sign', date: KAZ_SIGNED_ON });
      expect(signed.status).toBe(201);
      db = new Client({ connectionString: t.databaseUrl });
      await db.connect();
    }, 60_000);

    afterAll(async () => {
      await db?.end();
      await t?.close();
    });

    it(`has a table of at least ${minimum} malformed requests`, () => {
      expect(cases.length).toBeGreaterThanOrEqual(minimum);
      expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
    });

    it.each(cases)('$method $path: $name → $status', async (c) => {
      const before = await counts();
      const res = await send(c);
      const allowed = Array.isArray(c.status) ? c.status : [c.status];
      // On a failure the diff shows the body, not only the status.
      expect({ status: res.status, body: res.body }).toMatchObject({ status: allowed.includes(res.status) ? res.status : allowed[0] });
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.body).toEqual(expect.objectContaining({ error: expect.any(String), message: expect.any(String) }));
      expect(res.body.message.length).toBeGreaterThan(0);
      if (c.error) expect(res.body.error).toBe(c.error);
      else if (res.status === 400) expect(['validation_failed', 'invalid_date']).toContain(res.body.error);
      expect(await counts()).toEqual(before);
    });

    if (transitions.length > 0)
      it.each(transitions)('invalid transition: $name → 409', async (c) => {
        const before = await counts();
        let req = t
          .http()
          .post(ACTIONS(c.code))
          .set(...bearer(t.users.officer));
        for (const [name, value] of Object.entries(c.headers ?? {})) req = req.set(name, value);
        const res = await req.send(c.body);
        expect(res.status).toBe(409);
        expect(res.body).toEqual(
          expect.objectContaining({ error: 'invalid_transition', message: expect.any(String), status: c.status, action: c.action }),
        );
        expect([...(res.body.allowed as string[])].sort()).toEqual(c.allowed);
        expect(await counts()).toEqual(before);
      });

    it('left the participants as they were', async () => {
      const res = await t
        .http()
        .get(`/api/treaties/${SLUG}/participants`)
        .set(...bearer(t.users.officer));
      expect(res.status).toBe(200);
      const statuses = Object.fromEntries(
        (res.body.items as { country: { code: string }; status: string; version: number }[]).map((p) => [
          p.country.code,
          [p.status, p.version],
        ]),
      );
      expect(statuses).toEqual({ FRA: ['invited', 1], KAZ: ['signed', 2], SAU: ['invited', 1], SEN: ['invited', 1] });
      const audit = await t
        .http()
        .get('/api/audit/events')
        .set(...bearer(t.users.auditor));
      expect(audit.status).toBe(200);
      expect(audit.body.items).toHaveLength(5);
    });
  });
}
