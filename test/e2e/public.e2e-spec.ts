import { DOMParser } from '@xmldom/xmldom';
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
    expect(then.body.knownAt).toBeNull();
    expectNothingPersonal(then);
    const instant = new Date().toISOString();
    const known = await anonymous(`/public/treaties/${IOFS.treaty.slug}?asOf=2018-02-19&knownAt=${encodeURIComponent(instant)}`);
    expect(known.body).toMatchObject({ asOf: '2018-02-19', knownAt: instant, status: { status: 'in_force' } });
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

describe('the issued depositary notifications of a public treaty, as JSON and as an Atom feed', () => {
  let t: TestApp;
  const slug = 'public-notices';

  beforeAll(async () => {
    t = await startTestApp();
    await createTreaty(t, slug, ['KAZ'], { public: true, depositary: 'Secretary General of the OIC' });
    await createTreaty(t, 'private-notices', ['KAZ']);
  }, 60_000);
  afterAll(() => t?.close());

  const draft = async (treaty: string, subject: string): Promise<number> => {
    const res = await t
      .http()
      .post('/api/depositary-notifications')
      .set(...bearer(t.users.officer))
      .send({ treaty, subject, text: { en: `${subject}: the depositary communicates <this> & that.` } });
    expect(res.status).toBe(201);
    return res.body.id;
  };
  const issue = async (id: number): Promise<void> => {
    const res = await t
      .http()
      .post(`/api/depositary-notifications/${id}/issue`)
      .set(...bearer(t.users.officer));
    expect(res.status).toBe(200);
  };

  it('lists the issued notifications only, and reads them as an Atom 1.0 feed', async () => {
    await issue(await draft(slug, 'First'));
    await issue(await draft(slug, 'Second'));
    await draft(slug, 'Still a draft');
    await issue(await draft('private-notices', 'Not public'));

    const list = await t.http().get(`/public/treaties/${slug}/notifications`);
    expect(list.status).toBe(200);
    expect(list.body.items.map((item: { subject: { en: string } }) => item.subject.en)).toEqual(['Second', 'First']);
    expect(list.body.items[0].number).toMatch(/^C\.N\.\d+\.\d{4}$/);
    expectNothingPersonal(list);

    const atom = await t
      .http()
      .get(`/public/treaties/${slug}/notifications.atom`)
      .buffer(true)
      .parse((res, done) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => done(null, text));
      });
    expect(atom.status).toBe(200);
    expect(atom.headers['content-type']).toMatch(/^application\/atom\+xml/);
    const errors: string[] = [];
    const document = new DOMParser({ onError: (level, message) => errors.push(`${level}: ${message}`) }).parseFromString(
      atom.body as string,
      'application/xml',
    );
    expect(errors).toEqual([]);
    const feed = document.documentElement!;
    expect(feed.localName).toBe('feed');
    expect(feed.namespaceURI).toBe('http://www.w3.org/2005/Atom');
    const children = (name: string) => Array.from(feed.getElementsByTagNameNS('http://www.w3.org/2005/Atom', name));
    for (const required of ['id', 'title', 'updated', 'author']) expect(children(required).length).toBeGreaterThanOrEqual(1);
    const entries = children('entry');
    expect(entries).toHaveLength(2);
    for (const entry of entries)
      for (const required of ['id', 'title', 'updated', 'content'])
        expect(entry.getElementsByTagNameNS('http://www.w3.org/2005/Atom', required)).toHaveLength(1);
    expect(entries[0].getElementsByTagNameNS('http://www.w3.org/2005/Atom', 'content')[0].textContent).toContain('<this> & that');
    expect(atom.body as string).not.toContain('Still a draft');
  });

  it('answers a treaty that is not public with the same 404 as an unknown one', async () => {
    expect((await t.http().get('/public/treaties/private-notices/notifications')).status).toBe(404);
    expect((await t.http().get('/public/treaties/private-notices/notifications.atom')).status).toBe(404);
    expect((await t.http().get('/public/treaties/nothing-here/notifications.atom')).status).toBe(404);
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
