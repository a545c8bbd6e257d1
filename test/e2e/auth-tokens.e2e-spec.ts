// Signing in for a bearer token, and the tokens that must not open the API: routes, malformed requests and access.
import { createHmac, randomUUID } from 'node:crypto';
import { IOFS_RULE, TestApp } from '../support/app';
import { ANYONE, Route, describeEveryCaller, useAccessApp } from '../support/access';
import { MalformedCase, describeMalformed } from '../support/malformed';
import { errorShape, useRoutesApp } from '../support/routes';

describe('routes of the HTTP table', () => {
  let t: TestApp;
  const { signIn, withToken } = useRoutesApp((app) => (t = app));

  describe('POST /api/auth/token', () => {
    it('answers {accessToken, tokenType: "Bearer", expiresIn} for good credentials, and the token opens the API', async () => {
      const res = await signIn(t.users.officer.email, t.users.officer.password);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ accessToken: expect.any(String), tokenType: 'Bearer', expiresIn: expect.any(Number) });
      expect(res.body.accessToken.length).toBeGreaterThan(20);
      expect(res.body.expiresIn).toBeGreaterThan(0);
      const treaties = await t
        .http()
        .get('/api/treaties')
        .set(...withToken(res.body.accessToken));
      expect(treaties.status).toBe(200);
    });

    it('accepts the e-mail in any case', async () => {
      const res = await signIn(t.users.auditor.email.toUpperCase(), t.users.auditor.password);
      expect(res.status).toBe(200);
      expect(res.body.tokenType).toBe('Bearer');
    });

    it('refuses a wrong password with 401 and the error shape', async () => {
      const res = await signIn(t.users.auditor.email, 'not the password');
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject(errorShape('invalid_credentials'));
      expect(res.body.accessToken).toBeUndefined();
    });
  });
});

const cases: MalformedCase[] = [
  // Sign-in.
  { name: 'token without password', method: 'post', path: '/api/auth/token', body: { email: 'someone@example.org' }, status: 400 },
  {
    name: 'token for an e-mail with a NUL character',
    method: 'post',
    path: '/api/auth/token',
    body: { email: 'officer\u0000@example.org', password: 'whatever it is' },
    status: 400,
  },
  { name: 'token as an array', method: 'post', path: '/api/auth/token', body: [{ email: 'a@b.c', password: 'x' }], status: 400 },
  {
    name: 'token with 100,000 nested arrays',
    method: 'post',
    path: '/api/auth/token',
    raw: `{"email":${'['.repeat(100_000)}${']'.repeat(100_000)},"password":"x"}`,
    status: 400,
  },
];

describeMalformed(cases, 4);

const b64url = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
function signJwt(payload: object, secret: string, header: object = { alg: 'HS256', typ: 'JWT' }): string {
  const unsigned = `${b64url(header)}.${b64url(payload)}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}
const now = (): number => Math.floor(Date.now() / 1000);

describe('access', () => {
  let t: TestApp;
  const { unique, asAdmin } = useAccessApp((app) => (t = app));

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
  ];

  describeEveryCaller(ROUTES, () => t);

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
