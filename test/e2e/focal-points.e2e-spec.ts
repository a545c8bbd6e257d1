// A country's focal points: routes, malformed requests and access, a focal point reading its own country's only.
import type { Response } from 'supertest';
import { TestApp, bearer } from '../support/app';
import { ANY_USER, Route, STAFF, describeEveryCaller, useAccessApp } from '../support/access';
import { MalformedCase, describeMalformed, focalPoint } from '../support/malformed';
import { errorShape, useRoutesApp } from '../support/routes';

describe('routes of the HTTP table', () => {
  let t: TestApp;
  useRoutesApp((app) => (t = app));

  describe('/api/countries/{code}/focal-points', () => {
    it('POST adds a focal point (201), GET lists the focal points of that country only', async () => {
      const created = await t
        .http()
        .post('/api/countries/KAZ/focal-points')
        .set(...bearer(t.users.officer))
        .send({ name: 'Aigerim Nurlanovna', email: 'Aigerim@mfa.kz.test', language: 'fr' });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        id: expect.anything(),
        country: 'KAZ',
        name: 'Aigerim Nurlanovna',
        email: 'aigerim@mfa.kz.test',
        language: 'fr',
        active: true,
      });
      await t
        .http()
        .post('/api/countries/SEN/focal-points')
        .set(...bearer(t.users.officer))
        .send({ name: 'Awa Diop', email: 'awa@gouv.sn.test', language: 'ar' })
        .expect(201);

      const list = await t
        .http()
        .get('/api/countries/KAZ/focal-points')
        .set(...bearer(t.users.auditor));
      expect(list.status).toBe(200);
      expect(list.body.nextCursor).toBeNull();
      expect(list.body.items).toContainEqual(
        expect.objectContaining({ id: created.body.id, email: 'aigerim@mfa.kz.test', language: 'fr' }),
      );
      expect(list.body.items.every((fp: { country: string }) => fp.country === 'KAZ')).toBe(true);
      expect(list.body.items.map((fp: { email: string }) => fp.email)).not.toContain('awa@gouv.sn.test');
    });

    it('POST refuses the same e-mail twice for a country with 409', async () => {
      const add = (): Promise<Response> =>
        t
          .http()
          .post('/api/countries/SAU/focal-points')
          .set(...bearer(t.users.officer))
          .send({ name: 'Twice', email: 'twice@sau.test', language: 'ar' });
      expect((await add()).status).toBe(201);
      const again = await add();
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject(errorShape('duplicate'));
    });
  });
});

const cases: MalformedCase[] = [
  // Focal points.
  {
    name: 'focal point with a bad e-mail',
    method: 'post',
    path: '/api/countries/KAZ/focal-points',
    body: focalPoint({ email: 'aigerim.example.kz' }),
    status: 400,
  },
  {
    name: 'focal point e-mail with header injection',
    method: 'post',
    path: '/api/countries/KAZ/focal-points',
    body: focalPoint({ email: 'a@b.c\r\nBcc: x@y.z' }),
    status: 400,
  },
  {
    name: 'focal point name with a line break',
    method: 'post',
    path: '/api/countries/KAZ/focal-points',
    body: focalPoint({ name: 'Aigerim\r\nBcc: x@y.z' }),
    status: 400,
  },
  {
    name: 'focal point name with a NUL character',
    method: 'post',
    path: '/api/countries/KAZ/focal-points',
    body: focalPoint({ name: 'Aigerim\u0000' }),
    status: 400,
  },
  {
    name: 'focal point in German',
    method: 'post',
    path: '/api/countries/KAZ/focal-points',
    body: focalPoint({ language: 'de' }),
    status: 400,
  },
  {
    name: 'focal point in "English"',
    method: 'post',
    path: '/api/countries/KAZ/focal-points',
    body: focalPoint({ language: 'English' }),
    status: 400,
  },
  {
    name: 'focal point with an unknown field',
    method: 'post',
    path: '/api/countries/KAZ/focal-points',
    body: focalPoint({ active: false }),
    status: 400,
  },
  {
    name: 'focal point without e-mail',
    method: 'post',
    path: '/api/countries/KAZ/focal-points',
    body: focalPoint({ email: undefined }),
    status: 400,
  },
  {
    name: 'focal point of unknown XXX',
    method: 'post',
    path: '/api/countries/XXX/focal-points',
    body: focalPoint(),
    status: 404,
    error: 'not_found',
  },
  {
    name: 'focal point of a lower-case 2-letter country',
    method: 'post',
    path: '/api/countries/kz/focal-points',
    body: focalPoint(),
    status: 400,
  },
];

describeMalformed(cases, 10);

describe('access', () => {
  let t: TestApp;
  const { unique, asAdmin } = useAccessApp((app) => (t = app));

  const ROUTES: Route[] = [
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
  ];

  describeEveryCaller(ROUTES, () => t);

  describe('a focal point sees its own country only', () => {
    const fp = (): [string, string] => bearer(t.users.focal_point);

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
  });
});
