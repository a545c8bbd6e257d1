// A treaty's participants (invitations, the chart and its CSV, one participant with its events): routes, malformed requests and access.
import type { Response } from 'supertest';
import { TestApp, bearer, createTreaty } from '../support/app';
import { ANY_USER, Route, SHARED, STAFF, dataRows, describeEveryCaller, useAccessApp } from '../support/access';
import { MalformedCase, SLUG, TOMORROW, describeMalformed } from '../support/malformed';
import { HASH, errorShape, parseCsv, useRoutesApp } from '../support/routes';

describe('routes of the HTTP table', () => {
  let t: TestApp;
  const { actOk, participant } = useRoutesApp((app) => (t = app));

  describe('POST /api/treaties/{slug}/participants', () => {
    it('invites (201 with the new participants), is idempotent per country and writes no second invite event', async () => {
      const slug = 'invite-idempotent';
      await createTreaty(t, slug, []);
      const invite = (countries: string[]): Promise<Response> =>
        t
          .http()
          .post(`/api/treaties/${slug}/participants`)
          .set(...bearer(t.users.officer))
          .send({ countries, invitedOn: '2014-02-01' });

      const first = await invite(['SEN', 'KAZ']);
      expect(first.status).toBe(201);
      expect(first.body.alreadyInvited).toEqual([]);
      expect(first.body.invited.map((p: { country: { code: string } }) => p.country.code).sort()).toEqual(['KAZ', 'SEN']);
      expect(first.body.invited[0]).toMatchObject({ status: 'invited', invitedOn: '2014-02-01', version: expect.any(Number) });

      const second = await invite(['KAZ', 'SAU']);
      expect(second.status).toBe(201);
      expect(second.body.alreadyInvited).toEqual(['KAZ']);
      expect(second.body.invited.map((p: { country: { code: string } }) => p.country.code)).toEqual(['SAU']);

      const third = await invite(['KAZ']);
      expect([200, 201]).toContain(third.status);
      expect(third.body).toEqual({ invited: [], alreadyInvited: ['KAZ'] });

      const kaz = await participant(slug, 'KAZ');
      expect(kaz.body.invitedOn).toBe('2014-02-01');
      expect(kaz.body.events).toHaveLength(1);
      expect(kaz.body.events[0]).toMatchObject({ action: 'invite', from: null, to: 'invited', date: '2014-02-01' });

      const audit = await t
        .http()
        .get(`/api/audit/events?treaty=${slug}`)
        .set(...bearer(t.users.auditor));
      expect(audit.status).toBe(200);
      expect(audit.body.items.map((event: { action: string; country: string }) => `${event.action} ${event.country}`).sort()).toEqual([
        'invite KAZ',
        'invite SAU',
        'invite SEN',
      ]);
    });
  });

  describe('GET /api/treaties/{slug}/participants (the chart)', () => {
    const slug = 'chart-read';
    beforeAll(async () => {
      // MDA is "Moldova, Republic of": a name with a comma, to be quoted in the CSV.
      await createTreaty(t, slug, ['KAZ', 'SEN', 'SAU', 'MDA']);
      await actOk(slug, 'KAZ', { action: 'sign', date: '2014-01-10' });
      await actOk(slug, 'KAZ', { action: 'ratify', date: '2015-02-03' });
      await actOk(slug, 'SEN', { action: 'sign', date: '2013-12-10' });
    });

    it('answers one row per participant with status, each action date, version and memberSince', async () => {
      const res = await t
        .http()
        .get(`/api/treaties/${slug}/participants`)
        .set(...bearer(t.users.auditor));
      expect(res.status).toBe(200);
      expect(res.body.nextCursor).toBeNull();
      expect(res.body.items).toHaveLength(4);
      const byCode = Object.fromEntries(res.body.items.map((p: { country: { code: string } }) => [p.country.code, p]));
      expect(Object.keys(byCode).sort()).toEqual(['KAZ', 'MDA', 'SAU', 'SEN']);
      expect(byCode.KAZ).toMatchObject({
        country: { code: 'KAZ', name: 'Kazakhstan' },
        status: 'ratified',
        invitedOn: '2013-12-10',
        signedOn: '2014-01-10',
        depositedOn: '2015-02-03',
        instrument: 'ratification',
        memberSince: null,
        withdrawnOn: null,
        version: expect.any(Number),
      });
      expect(byCode.SEN).toMatchObject({ status: 'signed', signedOn: '2013-12-10', depositedOn: null, instrument: null });
      expect(byCode.SAU).toMatchObject({ status: 'invited', signedOn: null, depositedOn: null, memberSince: null, withdrawnOn: null });
      expect(byCode.KAZ.version).toBe(byCode.SAU.version + 2);
      expect(byCode.SEN.version).toBe(byCode.SAU.version + 1);
    });

    it('?format=csv answers text/csv with a header row and one row per participant', async () => {
      const res = await t
        .http()
        .get(`/api/treaties/${slug}/participants?format=csv`)
        .set(...bearer(t.users.officer));
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      const [header, ...rows] = parseCsv(res.text);
      expect(header).toEqual(expect.arrayContaining(['country', 'status']));
      expect(rows).toHaveLength(4);
      const column = (name: string): number => header.indexOf(name);
      const kaz = rows.find((row) => row[column('country')] === 'KAZ');
      expect(kaz?.[column('status')]).toBe('ratified');
      expect(kaz).toEqual(expect.arrayContaining(['2014-01-10', '2015-02-03']));
      expect(rows.map((row) => row[column('country')]).sort()).toEqual(['KAZ', 'MDA', 'SAU', 'SEN']);
      for (const row of rows) expect(row).toHaveLength(header.length);
      const countries = await t
        .http()
        .get('/api/countries')
        .set(...bearer(t.users.officer));
      const moldova: string = countries.body.items.find((country: { code: string }) => country.code === 'MDA').name;
      expect(rows.find((row) => row[column('country')] === 'MDA')).toContain(moldova);
    });
  });

  describe('GET /api/treaties/{slug}/participants/{code}', () => {
    it('answers the participant with its events, each with the audit fields, chained prevHash → hash', async () => {
      const slug = 'one-participant';
      await createTreaty(t, slug, ['KAZ']);
      await actOk(slug, 'KAZ', { action: 'sign', date: '2014-01-10', reference: 'C.N.12.2014', note: 'signed at Conakry' });
      await actOk(slug, 'KAZ', { action: 'ratify', date: '2014-05-02', reference: 'C.N.99.2014' }, t.users.admin);

      const res = await participant(slug, 'kaz', t.users.focal_point);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        country: { code: 'KAZ', name: 'Kazakhstan' },
        status: 'ratified',
        version: expect.any(Number),
        invitedOn: '2013-12-10',
        signedOn: '2014-01-10',
        depositedOn: '2014-05-02',
        instrument: 'ratification',
        memberSince: null,
        withdrawnOn: null,
      });
      const events = res.body.events;
      expect(events.map((event: { action: string }) => event.action)).toEqual(['invite', 'sign', 'ratify']);
      for (const event of events) {
        for (const field of [
          'id',
          'treaty',
          'country',
          'action',
          'from',
          'to',
          'date',
          'recordedAt',
          'actor',
          'reference',
          'note',
          'reason',
          'prevHash',
          'hash',
        ])
          expect(event).toHaveProperty(field);
        expect(event).toMatchObject({ treaty: slug, country: 'KAZ' });
        expect(event.hash).toMatch(HASH);
        expect(event.prevHash).toMatch(HASH);
        expect(Number.isNaN(Date.parse(event.recordedAt))).toBe(false);
      }
      const officer = { id: t.users.officer.id, email: t.users.officer.email, role: 'officer' };
      expect(events[0]).toMatchObject({ from: null, to: 'invited', date: '2013-12-10', actor: officer, reference: null, reason: null });
      expect(events[1]).toMatchObject({
        from: 'invited',
        to: 'signed',
        date: '2014-01-10',
        actor: officer,
        reference: 'C.N.12.2014',
        note: 'signed at Conakry',
        reason: null,
      });
      expect(events[2]).toMatchObject({
        from: 'signed',
        to: 'ratified',
        date: '2014-05-02',
        actor: { id: t.users.admin.id, email: t.users.admin.email, role: 'admin' },
        reference: 'C.N.99.2014',
        note: null,
      });
      for (let i = 1; i < events.length; i++) expect(events[i].prevHash).toBe(events[i - 1].hash);
      expect(new Set(events.map((event: { hash: string }) => event.hash)).size).toBe(events.length);
      expect(new Set(events.map((event: { id: unknown }) => event.id)).size).toBe(events.length);
    });

    it('answers 404 for a country that is not a participant', async () => {
      await createTreaty(t, 'one-missing', ['KAZ']);
      const res = await participant('one-missing', 'SEN');
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject(errorShape('not_found'));
    });
  });
});

const cases: MalformedCase[] = [
  { name: 'GET unknown participant', method: 'get', path: `/api/treaties/${SLUG}/participants/XXX`, status: 404, error: 'not_found' },
  // Invitations.
  {
    name: 'invite lower-case country',
    method: 'post',
    path: `/api/treaties/${SLUG}/participants`,
    body: { countries: ['bra'], invitedOn: '2014-01-01' },
    status: 400,
  },
  {
    name: 'invite 2-letter country',
    method: 'post',
    path: `/api/treaties/${SLUG}/participants`,
    body: { countries: ['BR'], invitedOn: '2014-01-01' },
    status: 400,
  },
  {
    name: 'invite unknown country XXX',
    method: 'post',
    path: `/api/treaties/${SLUG}/participants`,
    body: { countries: ['BRA', 'XXX'], invitedOn: '2014-01-01' },
    status: [400, 404],
  },
  {
    name: 'invite countries as a string',
    method: 'post',
    path: `/api/treaties/${SLUG}/participants`,
    body: { countries: 'BRA', invitedOn: '2014-01-01' },
    status: 400,
  },
  {
    name: 'invite no countries',
    method: 'post',
    path: `/api/treaties/${SLUG}/participants`,
    body: { countries: [], invitedOn: '2014-01-01' },
    status: 400,
  },
  {
    name: 'invite on 2019-02-29',
    method: 'post',
    path: `/api/treaties/${SLUG}/participants`,
    body: { countries: ['BRA'], invitedOn: '2019-02-29' },
    status: 400,
  },
  {
    name: 'invite on 0000-01-01',
    method: 'post',
    path: `/api/treaties/${SLUG}/participants`,
    body: { countries: ['BRA'], invitedOn: '0000-01-01' },
    status: 400,
  },
  {
    name: 'invite without invitedOn',
    method: 'post',
    path: `/api/treaties/${SLUG}/participants`,
    body: { countries: ['BRA'] },
    status: 400,
  },
  {
    name: 'invite in the future',
    method: 'post',
    path: `/api/treaties/${SLUG}/participants`,
    body: { countries: ['BRA'], invitedOn: TOMORROW },
    status: 400,
  },
  {
    name: 'invite with status',
    method: 'post',
    path: `/api/treaties/${SLUG}/participants`,
    body: { countries: ['BRA'], invitedOn: '2014-01-01', status: 'member' },
    status: 400,
  },
  {
    name: 'invite to an unknown treaty',
    method: 'post',
    path: '/api/treaties/no-such-treaty/participants',
    body: { countries: ['BRA'], invitedOn: '2014-01-01' },
    status: 404,
    error: 'not_found',
  },
  { name: 'chart format=xml', method: 'get', path: `/api/treaties/${SLUG}/participants?format=xml`, status: 400 },
  { name: 'DELETE a participant', method: 'delete', path: `/api/treaties/${SLUG}/participants/KAZ`, status: [404, 405] },
  {
    name: 'PUT a participant',
    method: 'put',
    path: `/api/treaties/${SLUG}/participants/KAZ`,
    body: { status: 'member' },
    status: [404, 405],
  },
];

describeMalformed(cases, 15);

describe('access', () => {
  let t: TestApp;
  const { unique, asAdmin } = useAccessApp((app) => (t = app));

  const ROUTES: Route[] = [
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
  ];

  describeEveryCaller(ROUTES, () => t);

  describe('a focal point sees its own country only', () => {
    const fp = (): [string, string] => bearer(t.users.focal_point);

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
  });
});
