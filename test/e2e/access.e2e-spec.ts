// Who may call what: every route of the contract's HTTP table × every role and no token, against the roles table;
// a focal point's reads scoped to its own country; and tokens that must not open the API.
import { ROLES, Role } from '@depositary/domain';
import { createHmac, randomUUID } from 'node:crypto';
import type { Response, Test } from 'supertest';
import { IOFS_RULE, TestApp, bearer, createTreaty, startTestApp } from '../support/app';

type Caller = Role | 'anonymous';
type Method = 'get' | 'post' | 'patch';

interface Call {
  method: Method;
  path: string;
  body?: Record<string, unknown>;
  /** For a write: whether it took effect, read back by the admin. Must be true when allowed, false when refused. */
  applied?: () => Promise<boolean>;
  /** For an allowed call: what its answer must hold. */
  answer?: (res: Response) => void;
}

interface Route {
  route: string;
  who: readonly Caller[];
  /** Sets up what the call needs (as staff) and describes it; called once per caller. */
  prepare: () => Promise<Call>;
}

const CALLERS: readonly Caller[] = [...ROLES, 'anonymous'];
const ANYONE = CALLERS;
const ANY_USER: readonly Caller[] = ROLES;
const ADMIN: readonly Caller[] = ['admin'];
const STAFF: readonly Caller[] = ['admin', 'officer'];
const AUDIT_READERS: readonly Caller[] = ['admin', 'officer', 'auditor'];

/** Treaty invited KAZ, SEN and SAU, KAZ signed: what the reads are made against. */
const SHARED = 'access-shared';

let t: TestApp;
let serial = 0;
const unique = (prefix: string): string => `${prefix}-${++serial}`;

const asAdmin = (method: Method, path: string): Test =>
  t
    .http()
    [method](path)
    .set(...bearer(t.users.admin));

/** A free-form draft on the shared treaty, written by the admin; its id. */
async function freeFormDraft(): Promise<number> {
  const created = await asAdmin('post', '/api/depositary-notifications').send({
    treaty: SHARED,
    subject: unique('Notice'),
    text: { en: 'A notice.' },
  });
  expect(created.status).toBe(201);
  return created.body.id as number;
}

/** An issued notification on the shared treaty (in which the focal point's country participates); its id. */
async function issuedNotification(): Promise<number> {
  const id = await freeFormDraft();
  expect((await asAdmin('post', `/api/depositary-notifications/${id}/issue`)).status).toBe(200);
  return id;
}

const dataRows = (csv: string): string[] => csv.split(/\r?\n/).filter((line) => line.length > 0);

const ROUTES: Route[] = [
  {
    route: 'POST /api/auth/token',
    who: ANYONE,
    prepare: () =>
      Promise.resolve({
        method: 'post',
        path: '/api/auth/token',
        body: { email: t.users.auditor.email, password: t.users.auditor.password },
        answer: (res) => expect(res.body).toMatchObject({ accessToken: expect.any(String), tokenType: 'Bearer' }),
      }),
  },
  {
    route: 'POST /api/users',
    who: ADMIN,
    prepare: () => {
      const email = `${unique('created')}@access.test`;
      return Promise.resolve({
        method: 'post',
        path: '/api/users',
        body: { email, name: 'Created', password: 'a long enough password', role: 'auditor' },
        applied: async () => (await asAdmin('get', '/api/users')).body.items.some((user: { email: string }) => user.email === email),
      });
    },
  },
  {
    route: 'GET /api/users',
    who: ADMIN,
    prepare: () =>
      Promise.resolve({
        method: 'get',
        path: '/api/users',
        answer: (res) => expect(res.body.items.map((user: { email: string }) => user.email)).toContain(t.users.admin.email),
      }),
  },
  {
    route: 'PATCH /api/users/{id}',
    who: ADMIN,
    prepare: async () => {
      const created = await asAdmin('post', '/api/users').send({
        email: `${unique('patched')}@access.test`,
        name: 'Patched',
        password: 'a long enough password',
        role: 'officer',
      });
      expect(created.status).toBe(201);
      const id: string = created.body.id;
      return {
        method: 'patch',
        path: `/api/users/${id}`,
        body: { role: 'auditor' },
        applied: async () =>
          (await asAdmin('get', '/api/users')).body.items.find((user: { id: string }) => user.id === id)?.role === 'auditor',
      };
    },
  },
  {
    route: 'GET /api/countries',
    who: ANY_USER,
    prepare: () =>
      Promise.resolve({
        method: 'get',
        path: '/api/countries',
        answer: (res) => expect(res.body.items.length).toBeGreaterThanOrEqual(249),
      }),
  },
  {
    route: 'POST /api/treaties',
    who: STAFF,
    prepare: () => {
      const slug = unique('access-created');
      return Promise.resolve({
        method: 'post',
        path: '/api/treaties',
        body: { slug, title: 'Created', openedForSignatureOn: '2013-12-10', entryIntoForce: IOFS_RULE },
        applied: async () => (await asAdmin('get', `/api/treaties/${slug}`)).status === 200,
      });
    },
  },
  {
    route: 'GET /api/treaties',
    who: ANY_USER,
    prepare: () =>
      Promise.resolve({
        method: 'get',
        path: '/api/treaties',
        answer: (res) => expect(res.body.items.map((treaty: { slug: string }) => treaty.slug)).toContain(SHARED),
      }),
  },
  {
    route: 'GET /api/treaties/{slug}',
    who: ANY_USER,
    prepare: () => Promise.resolve({ method: 'get', path: `/api/treaties/${SHARED}`, answer: (res) => expect(res.body.slug).toBe(SHARED) }),
  },
  {
    route: 'PATCH /api/treaties/{slug}',
    who: STAFF,
    prepare: async () => {
      const slug = unique('access-patched');
      await createTreaty(t, slug, []);
      return {
        method: 'patch',
        path: `/api/treaties/${slug}`,
        body: { title: 'Changed title' },
        applied: async () => (await asAdmin('get', `/api/treaties/${slug}`)).body.title === 'Changed title',
      };
    },
  },
  {
    route: 'GET /api/treaties/{slug}/status',
    who: ANY_USER,
    prepare: () =>
      Promise.resolve({
        method: 'get',
        path: `/api/treaties/${SHARED}/status`,
        answer: (res) => expect(res.body).toMatchObject({ status: 'open', counts: { invited: 2, signed: 1 } }),
      }),
  },
  {
    route: 'POST /api/treaties/{slug}/participants',
    who: STAFF,
    prepare: async () => {
      const slug = unique('access-invite');
      await createTreaty(t, slug, []);
      return {
        method: 'post',
        path: `/api/treaties/${slug}/participants`,
        body: { countries: ['KAZ'], invitedOn: '2014-01-01' },
        applied: async () => (await asAdmin('get', `/api/treaties/${slug}/participants`)).body.items.length === 1,
      };
    },
  },
  {
    route: 'GET /api/treaties/{slug}/participants',
    who: ANY_USER,
    prepare: () =>
      Promise.resolve({
        method: 'get',
        path: `/api/treaties/${SHARED}/participants`,
        answer: (res) => expect(res.body.items.map((p: { country: { code: string } }) => p.country.code)).toContain('KAZ'),
      }),
  },
  {
    route: 'GET /api/treaties/{slug}/participants?format=csv',
    who: ANY_USER,
    prepare: () =>
      Promise.resolve({
        method: 'get',
        path: `/api/treaties/${SHARED}/participants?format=csv`,
        answer: (res) => {
          expect(res.headers['content-type']).toMatch(/^text\/csv/);
          expect(res.text).toContain('KAZ');
        },
      }),
  },
  {
    route: 'GET /api/treaties/{slug}/participants/{code}',
    who: ANY_USER,
    prepare: () =>
      Promise.resolve({
        method: 'get',
        path: `/api/treaties/${SHARED}/participants/KAZ`,
        answer: (res) => expect(res.body).toMatchObject({ country: { code: 'KAZ' }, status: 'signed', events: expect.any(Array) }),
      }),
  },
  {
    route: 'POST /api/treaties/{slug}/participants/{code}/actions',
    who: STAFF,
    prepare: async () => {
      const slug = unique('access-act');
      await createTreaty(t, slug, ['KAZ']);
      return {
        method: 'post',
        path: `/api/treaties/${slug}/participants/KAZ/actions`,
        body: { action: 'sign', date: '2014-01-10' },
        applied: async () => (await asAdmin('get', `/api/treaties/${slug}/participants/KAZ`)).body.status === 'signed',
      };
    },
  },
  {
    route: 'POST /api/treaties/{slug}/actions',
    who: STAFF,
    prepare: async () => {
      const slug = unique('access-bulk');
      await createTreaty(t, slug, ['KAZ', 'SEN']);
      return {
        method: 'post',
        path: `/api/treaties/${slug}/actions`,
        body: { action: 'sign', date: '2014-01-10', countries: ['KAZ', 'SEN'] },
        applied: async () => (await asAdmin('get', `/api/treaties/${slug}/participants/SEN`)).body.status === 'signed',
      };
    },
  },
  {
    route: 'POST /api/treaties/import',
    who: STAFF,
    prepare: () => {
      const slug = unique('access-import');
      return Promise.resolve({
        method: 'post',
        path: '/api/treaties/import',
        body: {
          treaty: { slug, title: `Imported ${slug}`, openedForSignatureOn: '2013-12-10', entryIntoForce: IOFS_RULE },
          invited: { countries: ['KAZ'], invitedOn: '2013-12-10' },
          actions: [{ country: 'KAZ', action: 'sign', date: '2014-01-10' }],
        },
        applied: async () => (await asAdmin('get', `/api/treaties/${slug}/participants/KAZ`)).status === 200,
      });
    },
  },
  {
    route: 'GET /public/treaties',
    who: ANYONE,
    prepare: () =>
      Promise.resolve({ method: 'get', path: '/public/treaties', answer: (res) => expect(res.body.items).toEqual(expect.any(Array)) }),
  },
  {
    route: 'GET /public/treaties/{slug}',
    who: ANYONE,
    prepare: async () => {
      const slug = unique('access-public');
      await createTreaty(t, slug, ['KAZ'], { public: true });
      return { method: 'get', path: `/public/treaties/${slug}`, answer: (res) => expect(res.body.chart).toHaveLength(1) };
    },
  },
  {
    route: 'GET /public/treaties/{slug}/notifications',
    who: ANYONE,
    prepare: async () => {
      const slug = unique('access-public-notices');
      await createTreaty(t, slug, ['KAZ'], { public: true });
      return { method: 'get', path: `/public/treaties/${slug}/notifications`, answer: (res) => expect(res.body.items).toEqual([]) };
    },
  },
  {
    route: 'GET /public/treaties/{slug}/notifications.atom',
    who: ANYONE,
    prepare: async () => {
      const slug = unique('access-public-feed');
      await createTreaty(t, slug, ['KAZ'], { public: true });
      return { method: 'get', path: `/public/treaties/${slug}/notifications.atom`, answer: (res) => expect(res.status).toBe(200) };
    },
  },
  {
    route: 'GET /api/countries/{code}/focal-points',
    who: ANY_USER,
    prepare: () =>
      Promise.resolve({
        method: 'get',
        path: '/api/countries/KAZ/focal-points',
        answer: (res) => expect(res.body.items.map((fp: { email: string }) => fp.email)).toContain('kaz-first@access.test'),
      }),
  },
  {
    route: 'POST /api/countries/{code}/focal-points',
    who: STAFF,
    prepare: () => {
      const email = `${unique('fp')}@access.test`;
      return Promise.resolve({
        method: 'post',
        path: '/api/countries/KAZ/focal-points',
        body: { name: 'Focal', email, language: 'en' },
        applied: async () =>
          (await asAdmin('get', '/api/countries/KAZ/focal-points')).body.items.some((fp: { email: string }) => fp.email === email),
      });
    },
  },
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
    route: 'POST /api/depositary-notifications',
    who: STAFF,
    prepare: () => {
      const subject = unique('Free-form notice');
      return Promise.resolve({
        method: 'post',
        path: '/api/depositary-notifications',
        body: { treaty: SHARED, subject, text: { en: 'A notice.' } },
        applied: async () =>
          (await asAdmin('get', `/api/depositary-notifications?treaty=${SHARED}`)).body.items.some(
            (n: { subject: { en: string } }) => n.subject.en === subject,
          ),
      });
    },
  },
  {
    route: 'POST /api/depositary-notifications/{id}/issue',
    who: STAFF,
    prepare: async () => {
      const id = await freeFormDraft();
      return {
        method: 'post',
        path: `/api/depositary-notifications/${id}/issue`,
        answer: (res) => expect(res.body).toMatchObject({ status: 'issued', number: expect.stringMatching(/^C\.N\.\d+\.\d{4}$/) }),
        applied: async () => (await asAdmin('get', `/api/depositary-notifications/${id}`)).body.status === 'issued',
      };
    },
  },
  {
    route: 'GET /api/depositary-notifications',
    who: ANY_USER,
    prepare: () =>
      Promise.resolve({
        method: 'get',
        path: `/api/depositary-notifications?treaty=${SHARED}`,
        answer: (res) => expect(res.body).toMatchObject({ items: expect.any(Array), nextCursor: null }),
      }),
  },
  {
    route: 'GET /api/depositary-notifications/{id}',
    who: ANY_USER,
    prepare: async () => {
      const id = await issuedNotification();
      return {
        method: 'get',
        path: `/api/depositary-notifications/${id}`,
        answer: (res) => expect(res.body).toMatchObject({ id, status: 'issued' }),
      };
    },
  },
  {
    route: 'GET /api/depositary-notifications/{id}?format=html',
    who: ANY_USER,
    prepare: async () => {
      const id = await issuedNotification();
      return {
        method: 'get',
        path: `/api/depositary-notifications/${id}?format=html&lang=ar`,
        answer: (res) => {
          expect(res.headers['content-type']).toMatch(/^text\/html/);
          expect(res.text).toContain('dir="rtl"');
        },
      };
    },
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
      Promise.resolve({ method: 'get', path: '/api/docs-json', answer: (res) => expect(res.body.paths).toHaveProperty(['/api/treaties']) }),
  },
];

type Expectation = '2xx' | '401' | '403';
const expectationOf = (route: Route, caller: Caller): Expectation => {
  if (route.who.includes(caller)) return '2xx';
  return caller === 'anonymous' ? '401' : '403';
};
const TABLE: [string, Caller, Expectation][] = ROUTES.flatMap((route) =>
  CALLERS.map((caller): [string, Caller, Expectation] => [route.route, caller, expectationOf(route, caller)]),
);

const b64url = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
function signJwt(payload: object, secret: string, header: object = { alg: 'HS256', typ: 'JWT' }): string {
  const unsigned = `${b64url(header)}.${b64url(payload)}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}
const now = (): number => Math.floor(Date.now() / 1000);

describe('access', () => {
  beforeAll(async () => {
    t = await startTestApp();
    await createTreaty(t, SHARED, ['KAZ', 'SEN', 'SAU']);
    const signed = await t
      .http()
      .post(`/api/treaties/${SHARED}/participants/KAZ/actions`)
      .set(...bearer(t.users.officer))
      .send({ action: 'sign', date: '2014-01-10' });
    expect(signed.status).toBe(201);
    for (const [code, email] of [
      ['KAZ', 'kaz-first@access.test'],
      ['SEN', 'sen-first@access.test'],
    ]) {
      const added = await t
        .http()
        .post(`/api/countries/${code}/focal-points`)
        .set(...bearer(t.users.officer))
        .send({ name: `First of ${code}`, email, language: 'fr' });
      expect(added.status).toBe(201);
    }
  });
  afterAll(() => t.close());

  it('covers every route of the table with every caller', () => {
    expect(new Set(ROUTES.map((route) => route.route)).size).toBe(ROUTES.length);
    expect(TABLE).toHaveLength(ROUTES.length * 5);
  });

  describe('every route × every caller, per the roles table', () => {
    it.each(TABLE)('%s as %s → %s', async (name, caller, expected) => {
      const route = ROUTES.find((candidate) => candidate.route === name)!;
      const call = await route.prepare();
      let request = t.http()[call.method](call.path);
      if (caller !== 'anonymous') request = request.set(...bearer(t.users[caller]));
      const res = await (call.body ? request.send(call.body) : request).redirects(2);

      if (expected === '2xx') {
        if (res.status < 200 || res.status >= 300) throw new Error(`expected 2xx, got ${res.status} ${JSON.stringify(res.body)}`);
        call.answer?.(res);
      } else {
        expect(res.status).toBe(Number(expected));
        expect(res.headers['content-type']).toMatch(/json/);
        expect(res.body).toEqual(
          expect.objectContaining({ error: expected === '401' ? 'unauthorized' : 'forbidden', message: expect.any(String) }),
        );
      }
      if (call.applied) expect(await call.applied()).toBe(expected === '2xx');
    });
  });

  describe('a focal point sees its own country only', () => {
    const fp = (): [string, string] => bearer(t.users.focal_point);

    it('depositary notifications: only the issued ones of treaties its country participates in', async () => {
      const draft = await freeFormDraft();
      const issued = await issuedNotification();
      await createTreaty(t, 'access-without-kaz', ['SEN']);
      const elsewhere = await asAdmin('post', '/api/depositary-notifications').send({
        treaty: 'access-without-kaz',
        subject: 'Not for KAZ',
        text: { en: 'A notice.' },
      });
      expect((await asAdmin('post', `/api/depositary-notifications/${elsewhere.body.id}/issue`)).status).toBe(200);

      for (const hidden of [draft, elsewhere.body.id as number]) {
        const res = await t
          .http()
          .get(`/api/depositary-notifications/${hidden}`)
          .set(...fp());
        expect(res.status).toBe(404);
        expect(res.body.error).toBe('not_found');
      }
      expect(
        (
          await t
            .http()
            .get(`/api/depositary-notifications/${issued}`)
            .set(...fp())
        ).status,
      ).toBe(200);
      const mine = await t
        .http()
        .get('/api/depositary-notifications?limit=1000')
        .set(...fp());
      const ids = mine.body.items.map((n: { id: number }) => n.id);
      expect(ids).toContain(issued);
      expect(ids).not.toContain(draft);
      expect(ids).not.toContain(elsewhere.body.id);
      expect(mine.body.items.every((n: { status: string }) => n.status === 'issued')).toBe(true);
    });

    it('the chart shows the KAZ participant only, while staff see all three', async () => {
      const mine = await t
        .http()
        .get(`/api/treaties/${SHARED}/participants`)
        .set(...fp());
      expect(mine.status).toBe(200);
      expect(mine.body.items.map((p: { country: { code: string } }) => p.country.code)).toEqual(['KAZ']);

      const all = await t
        .http()
        .get(`/api/treaties/${SHARED}/participants`)
        .set(...bearer(t.users.auditor));
      expect(all.body.items.map((p: { country: { code: string } }) => p.country.code).sort()).toEqual(['KAZ', 'SAU', 'SEN']);
    });

    it('the CSV chart has the header and the KAZ row only', async () => {
      const res = await t
        .http()
        .get(`/api/treaties/${SHARED}/participants?format=csv`)
        .set(...fp());
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      const rows = dataRows(res.text);
      expect(rows).toHaveLength(2);
      expect(rows[1]).toMatch(/^"?KAZ"?,/);
      expect(res.text).not.toMatch(/SEN|SAU|Senegal|Saudi/);
    });

    it('reading the KAZ participant works, with its events only', async () => {
      const res = await t
        .http()
        .get(`/api/treaties/${SHARED}/participants/KAZ`)
        .set(...fp());
      expect(res.status).toBe(200);
      expect(res.body.country.code).toBe('KAZ');
      expect(res.body.events.map((event: { action: string }) => event.action)).toEqual(['invite', 'sign']);
      expect(res.body.events.every((event: { country: string }) => event.country === 'KAZ')).toBe(true);
    });

    it.each(['SEN', 'sen', 'SAU'])('reading the participant %s is 403', async (code) => {
      const res = await t
        .http()
        .get(`/api/treaties/${SHARED}/participants/${code}`)
        .set(...fp());
      expect(res.status).toBe(403);
      expect(res.body).toEqual(expect.objectContaining({ error: 'forbidden', message: expect.any(String) }));
      expect(res.body.events).toBeUndefined();
    });

    it('reading the focal points of KAZ works; of SEN is 403', async () => {
      const own = await t
        .http()
        .get('/api/countries/KAZ/focal-points')
        .set(...fp());
      expect(own.status).toBe(200);
      expect(own.body.items.every((item: { country: string }) => item.country === 'KAZ')).toBe(true);

      const other = await t
        .http()
        .get('/api/countries/SEN/focal-points')
        .set(...fp());
      expect(other.status).toBe(403);
      expect(other.body).toEqual(expect.objectContaining({ error: 'forbidden', message: expect.any(String) }));
      expect(JSON.stringify(other.body)).not.toContain('sen-first@access.test');
    });

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

    it('cannot record an action for its own country', async () => {
      const res = await t
        .http()
        .post(`/api/treaties/${SHARED}/participants/KAZ/actions`)
        .set(...fp())
        .send({ action: 'ratify', date: '2014-05-01' });
      expect(res.status).toBe(403);
      const after = await t
        .http()
        .get(`/api/treaties/${SHARED}/participants/KAZ`)
        .set(...bearer(t.users.officer));
      expect(after.body.status).toBe('signed');
    });
  });

  describe('a token that is bad, expired or garbage → 401 {error, message}', () => {
    const tokens: [string, () => string][] = [
      ['garbage', () => 'Bearer garbage'],
      ['a malformed JWT', () => 'Bearer a.b.c'],
      ['an empty bearer', () => 'Bearer '],
      ['another scheme', () => `Basic ${Buffer.from(`${t.users.admin.email}:${t.users.admin.password}`).toString('base64')}`],
      ['a bare token without "Bearer"', () => t.users.admin.token],
      [
        'a JWT signed with another secret',
        () => `Bearer ${signJwt({ sub: t.users.admin.id, role: 'admin', iat: now(), exp: now() + 600 }, 'some-other-secret-of-length')}`,
      ],
      [
        'an expired JWT',
        () => `Bearer ${signJwt({ sub: t.users.admin.id, role: 'admin', iat: now() - 7200, exp: now() - 3600 }, t.config.jwtSecret)}`,
      ],
      [
        'an unsigned JWT (alg none)',
        () => `Bearer ${b64url({ alg: 'none', typ: 'JWT' })}.${b64url({ sub: t.users.admin.id, role: 'admin', exp: now() + 600 })}.`,
      ],
      [
        'a JWT whose payload was altered',
        () => {
          const [header, , signature] = t.users.focal_point.token.split('.');
          const payload = b64url({ sub: t.users.admin.id, role: 'admin', iat: now(), exp: now() + 600 });
          return `Bearer ${header}.${payload}.${signature}`;
        },
      ],
      [
        'a JWT for a user that does not exist',
        () => `Bearer ${signJwt({ sub: randomUUID(), role: 'admin', iat: now(), exp: now() + 600 }, t.config.jwtSecret)}`,
      ],
    ];

    it('a JWT made the same way for a real user with a live expiry is accepted (the control)', async () => {
      const token = signJwt(
        { sub: t.users.auditor.id, role: 'auditor', jti: randomUUID(), iat: now(), exp: now() + 600 },
        t.config.jwtSecret,
      );
      const res = await t.http().get('/api/treaties').set('Authorization', `Bearer ${token}`);
      expect(res.status).toBe(200);
    });

    it.each(tokens)('%s on a read', async (_name, authorization) => {
      const res = await t.http().get('/api/treaties').set('Authorization', authorization());
      expect(res.status).toBe(401);
      expect(res.headers['content-type']).toMatch(/json/);
      expect(res.body).toEqual(expect.objectContaining({ error: 'unauthorized', message: expect.any(String) }));
      expect(res.body.items).toBeUndefined();
    });

    it.each(tokens)('%s on a write changes nothing', async (name, authorization) => {
      const slug = unique('bad-token');
      const res = await t
        .http()
        .post('/api/treaties')
        .set('Authorization', authorization())
        .send({ slug, title: name, openedForSignatureOn: '2013-12-10', entryIntoForce: IOFS_RULE });
      expect(res.status).toBe(401);
      expect(res.body).toEqual(expect.objectContaining({ error: 'unauthorized', message: expect.any(String) }));
      expect((await asAdmin('get', `/api/treaties/${slug}`)).status).toBe(404);
    });
  });
});
