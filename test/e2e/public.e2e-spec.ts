import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Response } from 'supertest';
import { TestApp, bearer, createTreaty, startTestApp } from '../support/app';

const IOFS = JSON.parse(readFileSync(join(__dirname, '..', '..', 'apps', 'dev', 'src', 'iofs-statute.json'), 'utf8')) as {
  treaty: { slug: string };
};

/** Fails on anything personal: an e-mail address, an actor, a note, a focal point, a user. */
function expectNothingPersonal(res: Response): void {
  const text = res.text;
  expect(text).not.toMatch(/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/);
  expect(text).not.toMatch(/"(actor|actorEmail|email|note|reason|reference|focalPoint|focalPoints|user|users|events)"\s*:/);
  expect(text).not.toMatch(/Conakry|illustrative/); // the demo's notes
}

describe('public status and open data', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ env: { PUBLIC_RATE_LIMIT: '400' } });
    const officer = t.users.officer;
    const imported = await t
      .http()
      .post('/api/treaties/import')
      .set(...bearer(officer))
      .send({ ...IOFS, treaty: { ...IOFS.treaty, public: true } });
    expect(imported.status).toBe(201);
    await createTreaty(t, 'not-public', ['KAZ']);
  }, 60_000);
  afterAll(() => t?.close());

  const anonymous = (path: string) => t.http().get(path);

  it('lists the public treaties to anyone, and only those', async () => {
    const res = await anonymous('/public/treaties');
    expect(res.status).toBe(200);
    expect(res.body.items.map((item: { slug: string }) => item.slug)).toEqual([IOFS.treaty.slug]);
    expect(res.body.items[0]).toMatchObject({ title: expect.any(String), titles: { fr: expect.any(String), ar: expect.any(String) } });
    expectNothingPersonal(res);
  });

  it('reads a public treaty: rule, progress and the chart, with nothing personal', async () => {
    const res = await anonymous(`/public/treaties/${IOFS.treaty.slug}`);
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toMatch(/^public, max-age=\d+$/);
    expect(res.body).toMatchObject({
      slug: IOFS.treaty.slug,
      entryIntoForce: { minimumParties: 10 },
      status: { counts: { signatories: 42 }, threshold: { required: 10 } },
      asOf: null,
    });
    expect(res.body.chart).toHaveLength(57);
    expect(res.body.chart[0]).not.toHaveProperty('allowedActions');
    expectNothingPersonal(res);
  });

  it('reads it as at a date, in JSON and CSV', async () => {
    const then = await anonymous(`/public/treaties/${IOFS.treaty.slug}?asOf=2018-02-18`);
    expect(then.body).toMatchObject({ asOf: '2018-02-18', status: { status: 'open', threshold: { current: 9 } }, entryIntoForceOn: null });
    expectNothingPersonal(then);
    const csv = await anonymous(`/public/treaties/${IOFS.treaty.slug}?format=csv&asOf=2018-02-19`);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const rows = csv.text.trim().split('\r\n');
    expect(rows).toHaveLength(58);
    expect(rows.filter((row) => row.split(',')[2] === 'member')).toHaveLength(10);
    expectNothingPersonal(csv);
  });

  it('answers a treaty that is not public exactly as one that does not exist', async () => {
    const hidden = await anonymous('/public/treaties/not-public');
    const unknown = await anonymous('/public/treaties/no-such-treaty');
    expect(hidden.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(hidden.body.error).toBe(unknown.body.error);
    expect(hidden.body.message.replace('not-public', 'X')).toBe(unknown.body.message.replace('no-such-treaty', 'X'));
    expect((await anonymous('/public/treaties/not-public?format=csv')).status).toBe(404);
  });

  it('answers 304 to a repeated read whose ETag still holds', async () => {
    const first = await anonymous(`/public/treaties/${IOFS.treaty.slug}`);
    const etag = first.headers.etag;
    expect(etag).toMatch(/^"[^"]+"$/);
    const again = await anonymous(`/public/treaties/${IOFS.treaty.slug}`).set('If-None-Match', etag);
    expect(again.status).toBe(304);
    expect(again.text ?? '').toBe('');
    const other = await anonymous(`/public/treaties/${IOFS.treaty.slug}?asOf=2016-01-01`).set('If-None-Match', etag);
    expect(other.status).toBe(200);
  });

  it('follows an officer marking a treaty public, and back', async () => {
    const patch = (value: boolean) =>
      t
        .http()
        .patch('/api/treaties/not-public')
        .set(...bearer(t.users.officer))
        .send({ public: value });
    expect((await patch(true)).body.public).toBe(true);
    expect((await anonymous('/public/treaties/not-public')).status).toBe(200);
    expect((await patch(false)).body.public).toBe(false);
    expect((await anonymous('/public/treaties/not-public')).status).toBe(404);
    const audit = await t
      .http()
      .get('/api/audit/events?kind=configuration')
      .set(...bearer(t.users.auditor));
    const changes = audit.body.items.filter(
      (item: { action: string; treaty: string }) => item.action === 'treaty.updated' && item.treaty === 'not-public',
    );
    expect(changes.map((item: { after: { public: boolean } }) => item.after.public)).toEqual([true, false]);
  });
});

describe('the public reads are limited per address', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { PUBLIC_RATE_LIMIT: '5' } });
  }, 60_000);
  afterAll(() => t?.close());

  it('answers 429 with Retry-After past the limit', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await t.http().get('/public/treaties')).status);
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    const refused = await t.http().get('/public/treaties');
    expect(refused.status).toBe(429);
    expect(refused.headers['retry-after']).toBe('60');
    expect(refused.body.error).toBe('too_many_requests');
  });
});
