// The audit trail (filters, pages, CSV, verification) and the operations routes (health, metrics, OpenAPI): routes, malformed queries and access.
import type { Response } from 'supertest';
import { TestApp, bearer, createTreaty } from '../support/app';
import { ANYONE, AUDIT_READERS, Route, SHARED, dataRows, describeEveryCaller, useAccessApp } from '../support/access';
import { MalformedCase, describeMalformed } from '../support/malformed';
import { AuditEvent, parseCsv, todayUtc, useRoutesApp } from '../support/routes';

describe('routes of the HTTP table', () => {
  let t: TestApp;
  const { actOk } = useRoutesApp((app) => (t = app));

  describe('/api/audit', () => {
    const slug = 'audit-filters';
    let items: AuditEvent[];

    beforeAll(async () => {
      await createTreaty(t, slug, ['KAZ', 'SEN', 'SAU']);
      await actOk(slug, 'KAZ', { action: 'sign', date: '2014-01-10' });
      await actOk(slug, 'SEN', { action: 'sign', date: '2014-01-10' }, t.users.admin);
      await actOk(slug, 'KAZ', { action: 'ratify', date: '2014-05-01' }, t.users.admin);
      await actOk(slug, 'SAU', { action: 'accede', date: '2014-06-01' });
      await actOk(slug, 'SEN', { action: 'accept', date: '2014-07-01' });
      const res = await t
        .http()
        .get(`/api/audit/events?treaty=${slug}`)
        .set(...bearer(t.users.auditor));
      expect(res.status).toBe(200);
      items = res.body.items;
    });

    it('GET /api/audit/events?treaty= answers {items, nextCursor} with the events of that treaty only', () => {
      expect(items).toHaveLength(8);
      expect(items.every((event) => event.treaty === slug)).toBe(true);
      expect(items.map((event) => event.action).sort()).toEqual([
        'accede',
        'accept',
        'invite',
        'invite',
        'invite',
        'ratify',
        'sign',
        'sign',
      ]);
      for (const event of items) expect(event).toHaveProperty('hash');
    });

    it('filters by country', async () => {
      const res = await t
        .http()
        .get(`/api/audit/events?treaty=${slug}&country=KAZ`)
        .set(...bearer(t.users.officer));
      expect(res.status).toBe(200);
      expect(res.body.items.map((event: { action: string }) => event.action)).toEqual(['invite', 'sign', 'ratify']);
      expect(res.body.items.every((event: { country: string }) => event.country === 'KAZ')).toBe(true);
    });

    it('filters by actor, by e-mail or by id', async () => {
      const byEmail = await t
        .http()
        .get(`/api/audit/events?treaty=${slug}&actor=${encodeURIComponent(t.users.admin.email)}`)
        .set(...bearer(t.users.auditor));
      expect(byEmail.status).toBe(200);
      expect(byEmail.body.items.map((event: { action: string; country: string }) => `${event.action} ${event.country}`)).toEqual([
        'sign SEN',
        'ratify KAZ',
      ]);
      expect(byEmail.body.items.every((event: { actor: { id: string } }) => event.actor.id === t.users.admin.id)).toBe(true);

      const byId = await t
        .http()
        .get(`/api/audit/events?treaty=${slug}&actor=${t.users.officer.id}`)
        .set(...bearer(t.users.auditor));
      expect(byId.status).toBe(200);
      expect(byId.body.items).toHaveLength(6);
      expect(byId.body.items.every((event: { actor: { email: string } }) => event.actor.email === t.users.officer.email)).toBe(true);
    });

    it('filters by from and to (when recorded, instants or whole days)', async () => {
      const middle = items[4];
      const from = await t
        .http()
        .get(`/api/audit/events?treaty=${slug}&from=${encodeURIComponent(middle.recordedAt)}`)
        .set(...bearer(t.users.auditor));
      expect(from.status).toBe(200);
      expect(from.body.items.map((event: { id: unknown }) => event.id)).toContain(middle.id);
      expect(from.body.items.every((event: { recordedAt: string }) => event.recordedAt >= middle.recordedAt)).toBe(true);
      expect(from.body.items.length).toBe(items.filter((event) => event.recordedAt >= middle.recordedAt).length);

      const to = await t
        .http()
        .get(`/api/audit/events?treaty=${slug}&to=${encodeURIComponent(middle.recordedAt)}`)
        .set(...bearer(t.users.auditor));
      expect(to.status).toBe(200);
      expect(to.body.items.map((event: { id: unknown }) => event.id)).toContain(middle.id);
      expect(to.body.items.every((event: { recordedAt: string }) => event.recordedAt <= middle.recordedAt)).toBe(true);
      expect(to.body.items.length).toBe(items.filter((event) => event.recordedAt <= middle.recordedAt).length);

      const today = todayUtc();
      const wholeDay = await t
        .http()
        .get(`/api/audit/events?treaty=${slug}&from=${today}&to=${today}`)
        .set(...bearer(t.users.auditor));
      expect(wholeDay.status).toBe(200);
      expect(wholeDay.body.items).toHaveLength(items.length);

      const future = await t
        .http()
        .get(`/api/audit/events?treaty=${slug}&from=2999-01-01`)
        .set(...bearer(t.users.auditor));
      expect(future.status).toBe(200);
      expect(future.body).toEqual({ items: [], nextCursor: null });
    });

    it('limit=2 walks every page through nextCursor, in order, without duplicates', async () => {
      const ids: unknown[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const res: Response = await t
          .http()
          .get(`/api/audit/events?treaty=${slug}&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)
          .set(...bearer(t.users.auditor));
        expect(res.status).toBe(200);
        expect(res.body.items.length).toBeLessThanOrEqual(2);
        ids.push(...res.body.items.map((event: { id: unknown }) => event.id));
        cursor = res.body.nextCursor;
        pages++;
        expect(pages).toBeLessThan(20);
      } while (cursor);
      expect(pages).toBeGreaterThanOrEqual(4);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toEqual(items.map((event) => event.id));
    });

    it('?format=csv answers text/csv with a header row and one row per event', async () => {
      const res = await t
        .http()
        .get(`/api/audit/events?treaty=${slug}&format=csv`)
        .set(...bearer(t.users.auditor));
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      const [header, ...rows] = parseCsv(res.text);
      expect(header).toEqual(expect.arrayContaining(['id', 'treaty', 'country', 'action', 'date', 'hash']));
      expect(rows).toHaveLength(items.length);
      const hash = header.indexOf('hash');
      expect(rows.map((row) => row[hash])).toEqual(items.map((event) => event.hash));
    });

    it('GET /api/audit/verify re-hashes every chain: {ok: true, checked: every event, firstBroken: null}', async () => {
      let total = 0;
      // Both trails: the participants' acts and the changes of configuration.
      for (const kind of ['participant', 'configuration']) {
        let cursor: string | null = null;
        do {
          const page: Response = await t
            .http()
            .get(`/api/audit/events?kind=${kind}&limit=1000${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)
            .set(...bearer(t.users.auditor));
          expect(page.status).toBe(200);
          total += page.body.items.length;
          cursor = page.body.nextCursor;
        } while (cursor);
      }
      expect(total).toBeGreaterThanOrEqual(items.length);

      const res = await t
        .http()
        .get('/api/audit/verify')
        .set(...bearer(t.users.auditor));
      expect(res.status).toBe(200);
      expect(res.body).toEqual(expect.objectContaining({ ok: true, checked: total, firstBroken: null }));
    });
  });

  describe('operations', () => {
    it('GET /health reports PostgreSQL and Redis up', async () => {
      const res = await t.http().get('/health');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ status: 'ok', postgres: 'up', redis: 'up' });
    });

    it('GET /metrics answers Prometheus text', async () => {
      await t.http().get('/health');
      const res = await t.http().get('/metrics');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/plain/);
      expect(res.text).toMatch(/^# HELP /m);
      expect(res.text).toMatch(/^# TYPE \w+ (counter|gauge|histogram|summary)$/m);
      expect(res.text).toContain('depositary_http_request_duration_seconds');
    });

    it('GET /api/docs answers the HTML of the OpenAPI explorer', async () => {
      const res = await t.http().get('/api/docs').redirects(2);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.text).toMatch(/<html/i);
    });

    it('GET /api/docs-json answers the OpenAPI document with a path for every route', async () => {
      const res = await t.http().get('/api/docs-json');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/json/);
      expect(res.body.openapi).toMatch(/^3\./);
      const paths: Record<string, Record<string, unknown>> = res.body.paths;
      const expected: [string, string][] = [
        ['post', '/api/auth/token'],
        ['post', '/api/users'],
        ['get', '/api/users'],
        ['patch', '/api/users/{id}'],
        ['get', '/api/countries'],
        ['post', '/api/treaties'],
        ['get', '/api/treaties'],
        ['get', '/api/treaties/{slug}'],
        ['patch', '/api/treaties/{slug}'],
        ['get', '/api/treaties/{slug}/status'],
        ['post', '/api/treaties/{slug}/participants'],
        ['get', '/api/treaties/{slug}/participants'],
        ['get', '/api/treaties/{slug}/participants/{code}'],
        ['post', '/api/treaties/{slug}/participants/{code}/actions'],
        ['get', '/api/countries/{code}/focal-points'],
        ['post', '/api/countries/{code}/focal-points'],
        ['get', '/api/audit/events'],
        ['get', '/api/audit/verify'],
        ['get', '/health'],
        ['get', '/metrics'],
      ];
      const missing = expected.filter(([method, path]) => !paths[path]?.[method]).map(([method, path]) => `${method} ${path}`);
      expect(missing).toEqual([]);
    });
  });
});

const cases: MalformedCase[] = [
  // Queries.
  { name: 'audit limit=0', method: 'get', path: '/api/audit/events?limit=0', as: 'auditor', status: 400 },
  { name: 'audit limit=abc', method: 'get', path: '/api/audit/events?limit=abc', as: 'auditor', status: 400 },
  { name: 'audit limit=1.5', method: 'get', path: '/api/audit/events?limit=1.5', as: 'auditor', status: 400 },
  { name: 'audit limit given twice', method: 'get', path: '/api/audit/events?limit=1&limit=2', as: 'auditor', status: 400 },
  { name: 'audit from=not-a-date', method: 'get', path: '/api/audit/events?from=not-a-date', as: 'auditor', status: 400 },
  { name: 'audit to=2019-02-29', method: 'get', path: '/api/audit/events?to=2019-02-29', as: 'auditor', status: 400 },
  { name: 'audit to=25 o’clock', method: 'get', path: '/api/audit/events?to=2019-01-01T25:00:00Z', as: 'auditor', status: 400 },
  {
    name: 'audit treaty of 101 characters',
    method: 'get',
    path: `/api/audit/events?treaty=${'a'.repeat(101)}`,
    as: 'auditor',
    status: 400,
  },
  { name: 'audit actor with a NUL character', method: 'get', path: '/api/audit/events?actor=a%00b', as: 'auditor', status: 400 },
  { name: 'audit treaty with a NUL character', method: 'get', path: '/api/audit/events?treaty=a%00b', as: 'auditor', status: 400 },
  { name: 'audit from=0000-01-01', method: 'get', path: '/api/audit/events?from=0000-01-01', as: 'auditor', status: 400 },
  { name: 'audit to=0000-01-01', method: 'get', path: '/api/audit/events?to=0000-01-01', as: 'auditor', status: 400 },
  {
    name: 'audit from with a +20:00 offset',
    method: 'get',
    path: `/api/audit/events?from=${encodeURIComponent('2019-01-01T00:00:00+20:00')}`,
    as: 'auditor',
    status: 400,
  },
  { name: 'audit actor of 36 hyphens', method: 'get', path: `/api/audit/events?actor=${'-'.repeat(36)}`, as: 'auditor', status: 400 },
  { name: 'audit cursor=garbage', method: 'get', path: '/api/audit/events?cursor=garbage', as: 'auditor', status: 400 },
  { name: 'audit country=KZ', method: 'get', path: '/api/audit/events?country=KZ', as: 'auditor', status: 400 },
  { name: 'audit format=xml', method: 'get', path: '/api/audit/events?format=xml', as: 'auditor', status: 400 },
  { name: 'audit unknown parameter', method: 'get', path: '/api/audit/events?sort=desc', as: 'auditor', status: 400 },
];

describeMalformed(cases, 18);

describe('access', () => {
  let t: TestApp;
  useAccessApp((app) => (t = app));

  const ROUTES: Route[] = [
    {
      route: 'GET /api/audit/events',
      who: AUDIT_READERS,
      prepare: () =>
        Promise.resolve({
          method: 'get',
          path: `/api/audit/events?treaty=${SHARED}`,
          answer: (res) => expect(res.body.items.length).toBe(4),
        }),
    },
    {
      route: 'GET /api/audit/events?format=csv',
      who: AUDIT_READERS,
      prepare: () =>
        Promise.resolve({
          method: 'get',
          path: `/api/audit/events?treaty=${SHARED}&format=csv`,
          answer: (res) => {
            expect(res.headers['content-type']).toMatch(/^text\/csv/);
            expect(dataRows(res.text)).toHaveLength(5);
          },
        }),
    },
    {
      route: 'GET /api/audit/verify',
      who: AUDIT_READERS,
      prepare: () =>
        Promise.resolve({
          method: 'get',
          path: '/api/audit/verify',
          answer: (res) => expect(res.body).toMatchObject({ ok: true, firstBroken: null }),
        }),
    },
    {
      route: 'GET /health',
      who: ANYONE,
      prepare: () => Promise.resolve({ method: 'get', path: '/health', answer: (res) => expect(res.body.status).toBe('ok') }),
    },
    {
      route: 'GET /metrics',
      who: ANYONE,
      prepare: () => Promise.resolve({ method: 'get', path: '/metrics', answer: (res) => expect(res.text).toMatch(/^# HELP /m) }),
    },
    {
      route: 'GET /api/docs',
      who: ANYONE,
      prepare: () =>
        Promise.resolve({ method: 'get', path: '/api/docs', answer: (res) => expect(res.headers['content-type']).toMatch(/^text\/html/) }),
    },
    {
      route: 'GET /api/docs-json',
      who: ANYONE,
      prepare: () =>
        Promise.resolve({
          method: 'get',
          path: '/api/docs-json',
          answer: (res) => expect(res.body.paths).toHaveProperty(['/api/treaties']),
        }),
    },
  ];

  describeEveryCaller(ROUTES, () => t);

  describe('a focal point sees its own country only', () => {
    const fp = (): [string, string] => bearer(t.users.focal_point);

    it.each([
      `/api/audit/events`,
      `/api/audit/events?country=KAZ`,
      `/api/audit/events?treaty=${SHARED}&country=KAZ&format=csv`,
      '/api/audit/verify',
    ])('the audit trail %s is 403', async (path) => {
      const res = await t
        .http()
        .get(path)
        .set(...fp());
      expect(res.status).toBe(403);
      expect(res.body).toEqual(expect.objectContaining({ error: 'forbidden', message: expect.any(String) }));
    });
  });
});
