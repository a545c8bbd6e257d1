import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { TestApp, bearer, createTreaty, startTestApp } from '../support/app';

const IOFS = JSON.parse(readFileSync(join(__dirname, '..', '..', 'apps', 'dev', 'src', 'iofs-statute.json'), 'utf8')) as {
  treaty: { slug: string; title: string };
  invited: { countries: string[]; invitedOn: string };
  actions: { country: string; action: string; date: string }[];
};
/** The 19 states that signed the IOFS Statute in Conakry on 10 December 2013. */
const CONAKRY = IOFS.actions.filter((act) => act.action === 'sign' && act.date === '2013-12-10').map((act) => act.country);

describe('bulk acts and imports', () => {
  let t: TestApp;
  let db: Client;

  beforeAll(async () => {
    t = await startTestApp();
    db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
  }, 60_000);
  afterAll(async () => {
    await db?.end();
    await t?.close();
  });

  const officer = (): [string, string] => bearer(t.users.officer);
  const eventCount = async (): Promise<number> => (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM events`)).rows[0].n;
  const bulk = (slug: string, body: Record<string, unknown>) =>
    t
      .http()
      .post(`/api/treaties/${slug}/actions`)
      .set(...officer())
      .send(body);

  describe('POST /api/treaties/{slug}/actions', () => {
    const slug = 'conakry';
    beforeAll(() => createTreaty(t, slug, [...CONAKRY, 'SEN']));

    it('records the 19 signatures of the Conakry ceremony in one step', async () => {
      expect(CONAKRY).toHaveLength(19);
      const res = await bulk(slug, { action: 'sign', date: '2013-12-10', countries: CONAKRY, reference: 'Conakry, 10 December 2013' });
      expect(res.status).toBe(201);
      expect(res.body.items).toHaveLength(19);
      expect(res.body.items[0]).toMatchObject({
        participant: { status: 'signed', signedOn: '2013-12-10', signature: { kind: 'subject_to_ratification' } },
        event: { action: 'sign', reference: 'Conakry, 10 December 2013' },
      });
      const chart = await t
        .http()
        .get(`/api/treaties/${slug}/participants`)
        .set(...officer());
      const signed = chart.body.items.filter((item: { status: string }) => item.status === 'signed');
      expect(signed).toHaveLength(19);
    });

    it('is all or nothing: one refusal writes nothing and names each refused country', async () => {
      const before = await eventCount();
      const res = await bulk(slug, { action: 'ratify', date: '2015-01-20', countries: ['KAZ', 'SEN', 'NER'] });
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ error: 'invalid_transition', failures: [{ country: 'SEN', status: 'invited' }] });
      expect(res.body.failures).toHaveLength(1);
      expect([...res.body.failures[0].allowed].sort()).toEqual(['accede', 'accept', 'approve', 'sign', 'succeed']);
      expect(await eventCount()).toBe(before);
    });

    it.each([
      ['an uninvited country', { action: 'ratify', date: '2015-01-20', countries: ['KAZ', 'FRA'] }, 404, 'not_found'],
      ['a date before the signature', { action: 'ratify', date: '2013-01-01', countries: ['KAZ'] }, 400, 'invalid_date'],
      ['a correction', { action: 'correct', date: '2015-01-20', countries: ['KAZ'] }, 400, 'validation_failed'],
      ['a country twice', { action: 'ratify', date: '2015-01-20', countries: ['KAZ', 'KAZ'] }, 400, 'validation_failed'],
      ['no country', { action: 'ratify', date: '2015-01-20', countries: [] }, 400, 'validation_failed'],
      [
        'a signature kind with a ratification',
        { action: 'ratify', date: '2015-01-20', countries: ['KAZ'], signature: 'definitive' },
        400,
        'validation_failed',
      ],
    ])('refuses %s with a clear %s and writes nothing', async (_name, body, status, error) => {
      const before = await eventCount();
      const res = await bulk(slug, body);
      expect({ status: res.status, error: res.body.error }).toEqual({ status, error });
      expect(await eventCount()).toBe(before);
    });

    it('replays the first answer for the same Idempotency-Key', async () => {
      const send = () =>
        t
          .http()
          .post(`/api/treaties/${slug}/actions`)
          .set(...officer())
          .set('Idempotency-Key', 'ceremony-2015')
          .send({ action: 'ratify', date: '2015-01-20', countries: ['KAZ', 'NER'] });
      const first = await send();
      expect(first.status).toBe(201);
      const again = await send();
      expect(again.status).toBe(201);
      expect(again.headers['idempotency-replayed']).toBe('true');
      expect(again.body).toEqual(first.body);
    });

    it('is for officers only', async () => {
      const res = await t
        .http()
        .post(`/api/treaties/${slug}/actions`)
        .set(...bearer(t.users.auditor))
        .send({ action: 'sign', date: '2013-12-10', countries: ['SEN'] });
      expect(res.status).toBe(403);
    });
  });

  describe('POST /api/treaties/import', () => {
    const post = (body: unknown, query = '') =>
      t
        .http()
        .post(`/api/treaties/import${query}`)
        .set(...officer())
        .send(body as object);

    it('answers a dry run with what would be created and the computed status, and writes nothing', async () => {
      const before = await eventCount();
      const res = await post(IOFS, '?dryRun=true');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        dryRun: true,
        treaty: { slug: IOFS.treaty.slug, titles: { fr: expect.any(String), ar: expect.any(String) } },
        invited: IOFS.invited.countries.length,
        recorded: IOFS.actions.length,
        status: { status: 'in_force', entryIntoForceOn: '2018-02-19', threshold: { metOn: '2018-02-19' }, decisive: { country: 'ARE' } },
      });
      expect(await eventCount()).toBe(before);
      const treaty = await t
        .http()
        .get(`/api/treaties/${IOFS.treaty.slug}`)
        .set(...officer());
      expect(treaty.status).toBe(404);
    });

    it('refuses a bad line with a 400 naming its index, and writes nothing', async () => {
      const actions = [...IOFS.actions];
      const index = actions.findIndex((act) => act.action === 'ratify');
      actions.splice(index, 0, { country: 'ALB', action: 'ratify', date: '2015-01-01' });
      const before = await eventCount();
      const res = await post({ ...IOFS, actions });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ error: 'validation_failed', index, field: `actions.${index}` });
      expect(res.body.message).toContain(`actions[${index}]`);
      expect(await eventCount()).toBe(before);
    });

    it('refuses a malformed file with a 400 naming the field', async () => {
      const res = await post({ ...IOFS, actions: [{ country: 'KAZ', action: 'sign' }] });
      expect(res.status).toBe(400);
      expect(res.body.message).toContain('actions.0.date');
    });

    it('imports the IOFS Statute with its whole history in one transaction', async () => {
      const res = await post(IOFS);
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ dryRun: false, status: { status: 'in_force', counts: { signatories: 42 } } });
      const events = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM events WHERE treaty_slug = $1`, [IOFS.treaty.slug]);
      expect(events.rows[0].n).toBe(IOFS.invited.countries.length + IOFS.actions.length);
      const again = await post(IOFS);
      expect(again.status).toBe(409);
      expect(again.body.error).toBe('duplicate');
    });
  });
});
