// Treaties (create, list, read, change, status, bulk acts, import, public pages): routes, malformed requests and access by role.
import { IOFS_RULE, TestApp, bearer, createTreaty, startWorker } from '../support/app';
import { ANYONE, ANY_USER, Route, SHARED, STAFF, describeEveryCaller, useAccessApp } from '../support/access';
import { MalformedCase, SLUG, describeMalformed, rule, treaty } from '../support/malformed';
import { errorShape, useRoutesApp } from '../support/routes';
import { eventually } from '../support/smtp-sink';

describe('routes of the HTTP table', () => {
  let t: TestApp;
  const { actOk } = useRoutesApp((app) => (t = app));

  describe('/api/treaties', () => {
    const body = {
      slug: 'treaties-crud',
      title: 'Statute of the Islamic Organization for Food Security',
      depositary: 'Secretary General of the OIC',
      openedForSignatureOn: '2013-12-10',
      entryIntoForce: IOFS_RULE,
      reminders: [{ status: 'invited', afterDays: 90, everyDays: 90, maxReminders: 4 }],
    };

    it('POST creates (201), GET lists and reads one, PATCH changes title, depositary, reminders and the rule while open', async () => {
      const created = await t
        .http()
        .post('/api/treaties')
        .set(...bearer(t.users.officer))
        .send(body);
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        slug: body.slug,
        title: body.title,
        depositary: body.depositary,
        openedForSignatureOn: '2013-12-10',
        entryIntoForce: expect.objectContaining({ minimumParties: 10 }),
        reminders: body.reminders,
        status: 'open',
      });

      const list = await t
        .http()
        .get('/api/treaties')
        .set(...bearer(t.users.auditor));
      expect(list.status).toBe(200);
      expect(list.body.nextCursor).toBeNull();
      expect(list.body.items).toContainEqual(expect.objectContaining({ slug: body.slug, title: body.title }));

      const one = await t
        .http()
        .get(`/api/treaties/${body.slug}`)
        .set(...bearer(t.users.focal_point));
      expect(one.status).toBe(200);
      expect(one.body).toMatchObject({ slug: body.slug, title: body.title, status: 'open' });

      const rule = { minimumParties: 3, entersIntoForce: { days: 30 } };
      const patched = await t
        .http()
        .patch(`/api/treaties/${body.slug}`)
        .set(...bearer(t.users.officer))
        .send({ title: 'Renamed statute', depositary: 'Someone else', reminders: [], entryIntoForce: rule });
      expect(patched.status).toBe(200);
      expect(patched.body).toMatchObject({ slug: body.slug, title: 'Renamed statute', depositary: 'Someone else', reminders: [] });
      expect(patched.body.entryIntoForce).toMatchObject(rule);

      const reread = await t
        .http()
        .get(`/api/treaties/${body.slug}`)
        .set(...bearer(t.users.officer));
      expect(reread.body).toMatchObject({ title: 'Renamed statute', depositary: 'Someone else', reminders: [] });
      expect(reread.body.entryIntoForce).toMatchObject(rule);
      expect(reread.body.openedForSignatureOn).toBe('2013-12-10');
    });

    it('POST refuses a slug already taken with 409, and a client-set status with 400', async () => {
      await createTreaty(t, 'treaties-dup', []);
      const dup = await t
        .http()
        .post('/api/treaties')
        .set(...bearer(t.users.officer))
        .send({ ...body, slug: 'treaties-dup' });
      expect(dup.status).toBe(409);
      expect(dup.body).toMatchObject(errorShape('duplicate'));

      const withStatus = await t
        .http()
        .post('/api/treaties')
        .set(...bearer(t.users.officer))
        .send({ ...body, slug: 'treaties-with-status', status: 'in_force' });
      expect(withStatus.status).toBe(400);
      expect(withStatus.body).toMatchObject(errorShape('validation_failed'));
    });

    it('GET an unknown slug answers 404', async () => {
      const res = await t
        .http()
        .get('/api/treaties/no-such-treaty')
        .set(...bearer(t.users.officer));
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject(errorShape('not_found'));
    });
  });

  describe('GET /api/treaties/{slug}/status', () => {
    it('answers {status, counts, threshold, entryIntoForceOn} and follows the deposits to entry into force', async () => {
      const slug = 'status-threshold';
      await createTreaty(t, slug, ['KAZ', 'SEN', 'SAU', 'EGY', 'TUR'], {
        entryIntoForce: { minimumParties: 3, entersIntoForce: { days: 30 } },
        // A withdrawal takes effect the day it is notified: TUR never counts alongside KAZ and SEN.
        withdrawal: {},
      });
      const empty = await t
        .http()
        .get(`/api/treaties/${slug}/status`)
        .set(...bearer(t.users.focal_point));
      expect(empty.status).toBe(200);
      expect(empty.body).toMatchObject({
        status: 'open',
        counts: { invited: 5, signed: 0, ratified: 0, member: 0, withdrawn: 0, signatories: 0 },
        threshold: { required: 3, current: 0, met: false, metOn: null },
        entryIntoForceOn: null,
      });
      expect(empty.body.explanation).toMatch(/not been met/);

      await actOk(slug, 'KAZ', { action: 'sign', date: '2014-01-10' });
      await actOk(slug, 'KAZ', { action: 'ratify', date: '2014-03-01' });
      await actOk(slug, 'SEN', { action: 'accede', date: '2014-04-01' });
      await actOk(slug, 'SAU', { action: 'sign', date: '2014-01-10' });
      await actOk(slug, 'TUR', { action: 'accede', date: '2014-02-01' });
      await actOk(slug, 'TUR', { action: 'withdraw', date: '2014-03-01' });

      const open = await t
        .http()
        .get(`/api/treaties/${slug}/status`)
        .set(...bearer(t.users.auditor));
      expect(open.status).toBe(200);
      expect(open.body).toMatchObject({
        status: 'open',
        // TUR's exit is the worker's: until it is recorded TUR is ratified, with its withdrawal in effect.
        counts: { invited: 1, signed: 1, ratified: 3, member: 0, withdrawn: 0, signatories: 2 },
        threshold: { required: 3, current: 2, met: false, metOn: null },
        entryIntoForceOn: null,
      });

      await actOk(slug, 'EGY', { action: 'accede', date: '2015-05-05' });
      // The worker finds the threshold from the record and stores the outcome on the treaty.
      const worker = await startWorker(t);
      const met = await eventually(async () => {
        const response = await t
          .http()
          .get(`/api/treaties/${slug}/status`)
          .set(...bearer(t.users.officer));
        return response.body.status === 'in_force' ? response : undefined;
      });
      await worker.close();
      expect(met.status).toBe(200);
      expect(met.body.explanation).toBe(
        'The 3rd instrument, deposited by Egypt on 2015-05-05, met the threshold; the Treaty entered into force on 2015-06-04.',
      );
      expect(met.body).toMatchObject({
        status: 'in_force',
        threshold: { required: 3, current: 3, met: true, metOn: '2015-05-05' },
        entryIntoForceOn: '2015-06-04',
      });
      const counts = met.body.counts;
      expect(Object.keys(counts).sort()).toEqual(['invited', 'member', 'ratified', 'signatories', 'signed', 'withdrawn']);
      expect(counts).toMatchObject({ invited: 0, signed: 1, withdrawn: 1 });
      // Admission (ratified → member) is the worker's: either is right here, the total is not.
      expect(counts.ratified + counts.member).toBe(3);
    });
  });
});

const cases: MalformedCase[] = [
  { name: 'GET unknown treaty', method: 'get', path: '/api/treaties/no-such-treaty', status: 404, error: 'not_found' },
  // Treaties.
  { name: 'treaty with status', method: 'post', path: '/api/treaties', body: treaty({ status: 'in_force' }), status: 400 },
  { name: 'treaty with an unknown field', method: 'post', path: '/api/treaties', body: treaty({ parties: 55 }), status: 400 },
  { name: 'treaty slug with a space', method: 'post', path: '/api/treaties', body: treaty({ slug: 'a new treaty' }), status: 400 },
  { name: 'treaty slug in capitals', method: 'post', path: '/api/treaties', body: treaty({ slug: 'New-Treaty' }), status: 400 },
  { name: 'treaty slug with a double hyphen', method: 'post', path: '/api/treaties', body: treaty({ slug: 'new--treaty' }), status: 400 },
  { name: 'treaty slug of 101 characters', method: 'post', path: '/api/treaties', body: treaty({ slug: 'a'.repeat(101) }), status: 400 },
  { name: 'treaty without title', method: 'post', path: '/api/treaties', body: treaty({ title: undefined }), status: 400 },
  { name: 'treaty title is a number', method: 'post', path: '/api/treaties', body: treaty({ title: 7 }), status: 400 },
  {
    name: 'treaty opened on 2019-02-29',
    method: 'post',
    path: '/api/treaties',
    body: treaty({ openedForSignatureOn: '2019-02-29' }),
    status: 400,
  },
  {
    name: 'treaty title with a NUL character',
    method: 'post',
    path: '/api/treaties',
    body: treaty({ title: 'Statute\u0000' }),
    status: 400,
  },
  {
    name: 'treaty opened on 0000-01-01',
    method: 'post',
    path: '/api/treaties',
    body: treaty({ openedForSignatureOn: '0000-01-01' }),
    status: 400,
  },
  { name: 'treaty without a rule', method: 'post', path: '/api/treaties', body: treaty({ entryIntoForce: undefined }), status: 400 },
  { name: 'rule with no condition', method: 'post', path: '/api/treaties', body: treaty({ entryIntoForce: {} }), status: 400 },
  { name: 'rule with negative minimumParties', method: 'post', path: '/api/treaties', body: rule({ minimumParties: -1 }), status: 400 },
  { name: 'rule with minimumParties "10"', method: 'post', path: '/api/treaties', body: rule({ minimumParties: '10' }), status: 400 },
  { name: 'rule with minimumParties 2.5', method: 'post', path: '/api/treaties', body: rule({ minimumParties: 2.5 }), status: 400 },
  {
    name: 'rule counting signatures',
    method: 'post',
    path: '/api/treaties',
    body: rule({ countedInstruments: ['ratification', 'signature'] }),
    status: 400,
  },
  {
    name: 'rule with days and months',
    method: 'post',
    path: '/api/treaties',
    body: rule({ entersIntoForce: { days: 30, months: 1 } }),
    status: 400,
  },
  {
    name: 'rule with an unknown "then"',
    method: 'post',
    path: '/api/treaties',
    body: rule({ entersIntoForce: { days: 30, then: 'next_monday' } }),
    status: 400,
  },
  {
    name: 'rule requiring unknown XXX',
    method: 'post',
    path: '/api/treaties',
    body: rule({ requiredParties: ['XXX'] }),
    status: [400, 404],
  },
  {
    name: 'rule with minimumParties 1e400',
    method: 'post',
    path: '/api/treaties',
    raw: JSON.stringify(treaty()).replace('"minimumParties":10', '"minimumParties":1e400'),
    contentType: 'application/json',
    status: 400,
  },
  {
    name: 'rule weighing a lower-case country',
    method: 'post',
    path: '/api/treaties',
    body: rule({ weights: { values: { usa: 17.89 }, minimumShare: 55 } }),
    status: 400,
  },
  {
    name: 'rule with a share over 100',
    method: 'post',
    path: '/api/treaties',
    body: rule({ weights: { values: { USA: 17.89 }, minimumShare: 101 } }),
    status: 400,
  },
  { name: 'rule not before 2019-02-29', method: 'post', path: '/api/treaties', body: rule({ notBefore: '2019-02-29' }), status: 400 },
  { name: 'rule with an unknown field', method: 'post', path: '/api/treaties', body: rule({ quorum: 3 }), status: 400 },
  {
    name: 'reminder for an unknown status',
    method: 'post',
    path: '/api/treaties',
    body: treaty({ reminders: [{ status: 'pending', afterDays: 90, everyDays: 90, maxReminders: 4 }] }),
    status: 400,
  },
  {
    name: 'reminder with negative afterDays',
    method: 'post',
    path: '/api/treaties',
    body: treaty({ reminders: [{ status: 'invited', afterDays: -1, everyDays: 90, maxReminders: 4 }] }),
    status: 400,
  },
  {
    name: 'reminders as an object',
    method: 'post',
    path: '/api/treaties',
    body: treaty({ reminders: { status: 'invited', afterDays: 90, everyDays: 90, maxReminders: 4 } }),
    status: 400,
  },
  { name: 'PATCH treaty with status', method: 'patch', path: `/api/treaties/${SLUG}`, body: { status: 'in_force' }, status: 400 },
  { name: 'PATCH treaty with slug', method: 'patch', path: `/api/treaties/${SLUG}`, body: { slug: 'renamed' }, status: 400 },
  {
    name: 'PATCH treaty with a bad rule',
    method: 'patch',
    path: `/api/treaties/${SLUG}`,
    body: { entryIntoForce: { minimumParties: 0 } },
    status: 400,
  },
  { name: 'PATCH treaty with nothing', method: 'patch', path: `/api/treaties/${SLUG}`, body: {}, status: 400 },
  {
    name: 'PATCH unknown treaty',
    method: 'patch',
    path: '/api/treaties/no-such-treaty',
    body: { title: 'Renamed' },
    status: 404,
    error: 'not_found',
  },
  { name: 'DELETE a treaty', method: 'delete', path: `/api/treaties/${SLUG}`, status: [404, 405] },
  {
    name: 'treaty rule nested 40 levels deep',
    method: 'post',
    path: '/api/treaties',
    raw: JSON.stringify(rule({ notBefore: JSON.parse(`${'{"a":'.repeat(40)}1${'}'.repeat(40)}`) })),
    status: 400,
  },
];

describeMalformed(cases, 36);

describe('access', () => {
  let t: TestApp;
  const { unique, asAdmin } = useAccessApp((app) => (t = app));

  const ROUTES: Route[] = [
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
      prepare: () =>
        Promise.resolve({ method: 'get', path: `/api/treaties/${SHARED}`, answer: (res) => expect(res.body.slug).toBe(SHARED) }),
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
  ];

  describeEveryCaller(ROUTES, () => t);
});
