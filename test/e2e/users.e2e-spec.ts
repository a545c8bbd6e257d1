// The users (create, list, change role, country or activity) and the country list their forms use: routes, malformed requests and access.
import type { Response } from 'supertest';
import { IOFS_RULE, TestApp, bearer, createTreaty } from '../support/app';
import { ADMIN, ANY_USER, Route, describeEveryCaller, useAccessApp } from '../support/access';
import { MalformedCase, describeMalformed, user } from '../support/malformed';
import { errorShape, useRoutesApp } from '../support/routes';

describe('routes of the HTTP table', () => {
  let t: TestApp;
  const { signIn, participant, newUser, withToken } = useRoutesApp((app) => (t = app));

  describe('/api/users', () => {
    it('POST creates a user (201, no password in the view) who can sign in; GET lists it', async () => {
      const email = 'New.Officer@Routes.test';
      const res = await t
        .http()
        .post('/api/users')
        .set(...bearer(t.users.admin))
        .send({ email, name: 'New Officer', password: 'a long enough password', role: 'officer' });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        id: expect.any(String),
        email: email.toLowerCase(),
        name: 'New Officer',
        role: 'officer',
        active: true,
      });
      expect(JSON.stringify(res.body)).not.toMatch(/password|argon/i);

      const signedIn = await signIn(email, 'a long enough password');
      expect(signedIn.status).toBe(200);

      const list = await t
        .http()
        .get('/api/users')
        .set(...bearer(t.users.admin));
      expect(list.status).toBe(200);
      expect(list.body).toEqual({ items: expect.any(Array), nextCursor: null });
      const listed = list.body.items.find((user: { id: string }) => user.id === res.body.id);
      expect(listed).toMatchObject({ email: email.toLowerCase(), role: 'officer', active: true });
      expect(JSON.stringify(list.body)).not.toMatch(/password|argon/i);
      for (const role of ['admin', 'officer', 'auditor', 'focal_point'] as const)
        expect(list.body.items.map((user: { email: string }) => user.email)).toContain(t.users[role].email);
    });

    it('POST creates a focal point with its country', async () => {
      const user = await newUser('focal_point', { country: 'SEN' });
      expect(user.view).toMatchObject({ role: 'focal_point', country: 'SEN', active: true });
    });

    it('POST refuses a duplicate e-mail with 409', async () => {
      const res = await t
        .http()
        .post('/api/users')
        .set(...bearer(t.users.admin))
        .send({ email: t.users.officer.email, name: 'Again', password: 'a long enough password', role: 'officer' });
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject(errorShape('duplicate'));
    });

    it('PATCH active:false locks out a token already issued on its next request (401); active:true lets it back in', async () => {
      const user = await newUser('officer');
      const before = await t
        .http()
        .get('/api/treaties')
        .set(...withToken(user.token));
      expect(before.status).toBe(200);

      const deactivated = await t
        .http()
        .patch(`/api/users/${user.id}`)
        .set(...bearer(t.users.admin))
        .send({ active: false });
      expect(deactivated.status).toBe(200);
      expect(deactivated.body).toMatchObject({ id: user.id, active: false });

      const after = await t
        .http()
        .get('/api/treaties')
        .set(...withToken(user.token));
      expect(after.status).toBe(401);
      expect(after.body).toMatchObject(errorShape('unauthorized'));
      expect((await signIn(user.email, user.password)).status).toBe(401);

      const reactivated = await t
        .http()
        .patch(`/api/users/${user.id}`)
        .set(...bearer(t.users.admin))
        .send({ active: true });
      expect(reactivated.status).toBe(200);
      expect(reactivated.body.active).toBe(true);
      const again = await t
        .http()
        .get('/api/treaties')
        .set(...withToken(user.token));
      expect(again.status).toBe(200);
    });

    it('PATCH role officer → auditor: the same token is refused a write (403) and still reads', async () => {
      const user = await newUser('officer');
      const write = (slug: string): Promise<Response> =>
        t
          .http()
          .post('/api/treaties')
          .set(...withToken(user.token))
          .send({ slug, title: 'Role change', openedForSignatureOn: '2013-12-10', entryIntoForce: IOFS_RULE });
      expect((await write('role-change-before')).status).toBe(201);

      const changed = await t
        .http()
        .patch(`/api/users/${user.id}`)
        .set(...bearer(t.users.admin))
        .send({ role: 'auditor' });
      expect(changed.status).toBe(200);
      expect(changed.body).toMatchObject({ id: user.id, role: 'auditor' });

      const refused = await write('role-change-after');
      expect(refused.status).toBe(403);
      expect(refused.body).toMatchObject(errorShape('forbidden'));
      const missing = await t
        .http()
        .get('/api/treaties/role-change-after')
        .set(...bearer(t.users.admin));
      expect(missing.status).toBe(404);

      const read = await t
        .http()
        .get('/api/treaties/role-change-before')
        .set(...withToken(user.token));
      expect(read.status).toBe(200);
      const verify = await t
        .http()
        .get('/api/audit/verify')
        .set(...withToken(user.token));
      expect(verify.status).toBe(200);
    });

    it("PATCH country moves a focal point's scope on its next request", async () => {
      await createTreaty(t, 'users-country-move', ['KAZ', 'SEN']);
      const user = await newUser('focal_point', { country: 'KAZ' });
      expect((await participant('users-country-move', 'KAZ', { ...t.users.focal_point, token: user.token })).status).toBe(200);

      const moved = await t
        .http()
        .patch(`/api/users/${user.id}`)
        .set(...bearer(t.users.admin))
        .send({ country: 'SEN' });
      expect(moved.status).toBe(200);
      expect(moved.body.country).toBe('SEN');

      const fpUser = { ...t.users.focal_point, token: user.token };
      expect((await participant('users-country-move', 'KAZ', fpUser)).status).toBe(403);
      expect((await participant('users-country-move', 'SEN', fpUser)).status).toBe(200);
    });
  });

  describe('GET /api/countries', () => {
    it('lists at least the 249 ISO 3166-1 countries as {code, name}', async () => {
      const res = await t
        .http()
        .get('/api/countries')
        .set(...bearer(t.users.focal_point));
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ items: expect.any(Array), nextCursor: null });
      expect(res.body.items.length).toBeGreaterThanOrEqual(249);
      for (const country of res.body.items) {
        expect(country.code).toMatch(/^[A-Z]{3}$/);
        expect(typeof country.name).toBe('string');
        expect(country.name.length).toBeGreaterThan(0);
      }
      const codes = res.body.items.map((country: { code: string }) => country.code);
      expect(new Set(codes).size).toBe(codes.length);
      expect(res.body.items).toContainEqual(expect.objectContaining({ code: 'KAZ', name: 'Kazakhstan' }));
      expect(codes).toEqual(expect.arrayContaining(['SAU', 'SEN', 'EGY', 'TUR', 'QAT']));
    });
  });
});

const cases: MalformedCase[] = [
  // Users.
  { name: 'user with an unknown field', method: 'post', path: '/api/users', as: 'admin', body: user({ superuser: true }), status: 400 },
  { name: 'user with a bad e-mail', method: 'post', path: '/api/users', as: 'admin', body: user({ email: 'not-an-email' }), status: 400 },
  {
    name: 'user e-mail with header injection',
    method: 'post',
    path: '/api/users',
    as: 'admin',
    body: user({ email: 'a@b.c\r\nBcc: x@y.z' }),
    status: 400,
  },
  { name: 'user with a bad role', method: 'post', path: '/api/users', as: 'admin', body: user({ role: 'superuser' }), status: 400 },
  {
    name: 'focal_point user without country',
    method: 'post',
    path: '/api/users',
    as: 'admin',
    body: user({ role: 'focal_point' }),
    status: 400,
  },
  {
    name: 'focal_point user with lower-case country',
    method: 'post',
    path: '/api/users',
    as: 'admin',
    body: user({ role: 'focal_point', country: 'kaz' }),
    status: 400,
  },
  {
    name: 'focal_point user of unknown XXX',
    method: 'post',
    path: '/api/users',
    as: 'admin',
    body: user({ role: 'focal_point', country: 'XXX' }),
    status: [400, 404],
  },
  { name: 'officer with a country', method: 'post', path: '/api/users', as: 'admin', body: user({ country: 'KAZ' }), status: 400 },
  { name: 'password too short', method: 'post', path: '/api/users', as: 'admin', body: user({ password: 'short' }), status: 400 },
  { name: 'password is a number', method: 'post', path: '/api/users', as: 'admin', body: user({ password: 12345678 }), status: 400 },
  {
    name: 'user name with a NUL character',
    method: 'post',
    path: '/api/users',
    as: 'admin',
    body: user({ name: 'New\u0000User' }),
    status: 400,
  },
  { name: 'user without name', method: 'post', path: '/api/users', as: 'admin', body: user({ name: undefined }), status: 400 },
  { name: 'PATCH user with a non-uuid id', method: 'patch', path: '/api/users/42', as: 'admin', body: { active: false }, status: 400 },
  {
    name: 'PATCH user with active "no"',
    method: 'patch',
    path: '/api/users/00000000-0000-4000-8000-000000000000',
    as: 'admin',
    body: { active: 'no' },
    status: 400,
  },
  {
    name: 'PATCH officer to focal_point without country',
    method: 'patch',
    path: '/api/users/{officer}',
    as: 'admin',
    body: { role: 'focal_point' },
    status: 400,
  },
  {
    name: 'PATCH user with a lower-case country',
    method: 'patch',
    path: '/api/users/{focal_point}',
    as: 'admin',
    body: { country: 'sen' },
    status: 400,
  },
  {
    name: 'PATCH unknown user',
    method: 'patch',
    path: '/api/users/00000000-0000-4000-8000-000000000000',
    as: 'admin',
    body: { active: false },
    status: 404,
    error: 'not_found',
  },
];

describeMalformed(cases, 17);

describe('access', () => {
  let t: TestApp;
  const { unique, asAdmin } = useAccessApp((app) => (t = app));

  const ROUTES: Route[] = [
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
  ];

  describeEveryCaller(ROUTES, () => t);
});
