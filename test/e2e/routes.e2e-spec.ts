// Every route of the contract's HTTP table on its happy path, with the status codes and shapes the contract fixes.
import type { Response } from 'supertest';
import { IOFS_RULE, TestApp, TestUser, bearer, createTreaty, startTestApp, startWorker } from '../support/app';
import { eventually, startSmtpSink } from '../support/smtp-sink';

const HASH = /^[0-9a-f]{64}$/;
const todayUtc = (): string => new Date().toISOString().slice(0, 10);

/** RFC 4180 rows (quoted fields, CRLF or LF line ends), enough to read the exports back. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

interface AuditEvent {
  id: number;
  treaty: string;
  country: string;
  action: string;
  recordedAt: string;
  hash: string;
}

const errorShape = (error: string): Record<string, unknown> => ({ error, message: expect.any(String) });

describe('routes of the HTTP table', () => {
  let t: TestApp;
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await startTestApp({ env: { SMTP_URL: sink.url } });
  });
  afterAll(async () => {
    await t.close();
    await sink.close();
  });

  const signIn = (email: string, password: string): Promise<Response> => t.http().post('/api/auth/token').send({ email, password });

  const act = (slug: string, code: string, body: Record<string, unknown>, user: TestUser = t.users.officer): Promise<Response> =>
    t
      .http()
      .post(`/api/treaties/${slug}/participants/${code}/actions`)
      .set(...bearer(user))
      .send(body);

  async function actOk(slug: string, code: string, body: Record<string, unknown>, user?: TestUser): Promise<Response> {
    const res = await act(slug, code, body, user);
    if (res.status !== 201) throw new Error(`${body.action as string} ${code}: ${res.status} ${JSON.stringify(res.body)}`);
    return res;
  }

  const participant = (slug: string, code: string, user: TestUser = t.users.officer): Promise<Response> =>
    t
      .http()
      .get(`/api/treaties/${slug}/participants/${code}`)
      .set(...bearer(user));

  /** Creates a user as the admin and signs in as it. */
  async function newUser(
    role: string,
    extra: Record<string, unknown> = {},
  ): Promise<{ id: string; email: string; password: string; token: string; view: Record<string, unknown> }> {
    const email = `${role.replace('_', '-')}-${Math.random().toString(36).slice(2, 10)}@routes.test`;
    const password = 'a long enough password';
    const created = await t
      .http()
      .post('/api/users')
      .set(...bearer(t.users.admin))
      .send({ email, name: `User ${email}`, password, role, ...extra });
    expect(created.status).toBe(201);
    const token = await signIn(email, password);
    expect(token.status).toBe(200);
    return { id: created.body.id, email, password, token: token.body.accessToken, view: created.body };
  }

  const withToken = (token: string): [string, string] => ['Authorization', `Bearer ${token}`];

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

  describe('POST /api/treaties/{slug}/participants/{code}/actions', () => {
    const slug = 'actions-all';
    beforeAll(() => createTreaty(t, slug, ['KAZ', 'SEN', 'SAU', 'EGY', 'TUR', 'QAT', 'JOR', 'OMN']));

    async function versionOf(code: string): Promise<number> {
      const res = await participant(slug, code);
      expect(res.status).toBe(200);
      return res.body.version;
    }

    it('sign then ratify: 201 {participant, event}, version +1 per act', async () => {
      const v0 = await versionOf('KAZ');
      const signed = await act(slug, 'KAZ', { action: 'sign', date: '2014-01-10', reference: 'ref-1', note: 'a note' });
      expect(signed.status).toBe(201);
      expect(signed.body.participant).toMatchObject({
        country: { code: 'KAZ', name: 'Kazakhstan' },
        status: 'signed',
        signedOn: '2014-01-10',
        version: v0 + 1,
      });
      expect(signed.body.event).toMatchObject({
        treaty: slug,
        country: 'KAZ',
        action: 'sign',
        from: 'invited',
        to: 'signed',
        date: '2014-01-10',
        reference: 'ref-1',
        note: 'a note',
        reason: null,
        actor: { id: t.users.officer.id, email: t.users.officer.email, role: 'officer' },
        hash: expect.stringMatching(HASH),
        prevHash: expect.stringMatching(HASH),
      });

      const ratified = await act(slug, 'KAZ', { action: 'ratify', date: '2014-06-01' });
      expect(ratified.status).toBe(201);
      expect(ratified.body.participant).toMatchObject({
        status: 'ratified',
        signedOn: '2014-01-10',
        depositedOn: '2014-06-01',
        instrument: 'ratification',
        version: v0 + 2,
      });
      expect(ratified.body.event).toMatchObject({ action: 'ratify', from: 'signed', to: 'ratified', date: '2014-06-01' });
      expect(ratified.body.event.prevHash).toBe(signed.body.event.hash);
    });

    it.each([
      ['accept', 'SEN', 'acceptance'],
      ['approve', 'SAU', 'approval'],
    ])('sign then %s (%s) deposits an instrument of %s', async (action, code, instrument) => {
      await actOk(slug, code, { action: 'sign', date: '2014-01-10' });
      const res = await act(slug, code, { action, date: '2014-07-01' });
      expect(res.status).toBe(201);
      expect(res.body.participant).toMatchObject({ status: 'ratified', depositedOn: '2014-07-01', instrument });
      expect(res.body.event).toMatchObject({ action, from: 'signed', to: 'ratified', date: '2014-07-01' });
    });

    it('accede takes an invited participant straight to ratified with an accession', async () => {
      const res = await act(slug, 'EGY', { action: 'accede', date: '2015-01-01' });
      expect(res.status).toBe(201);
      expect(res.body.participant).toMatchObject({
        status: 'ratified',
        signedOn: null,
        depositedOn: '2015-01-01',
        instrument: 'accession',
      });
      expect(res.body.event).toMatchObject({ action: 'accede', from: 'invited', to: 'ratified' });
    });

    it('withdraw, then correct with a reason reverses the withdrawal, dated the day it is recorded', async () => {
      await actOk(slug, 'TUR', { action: 'sign', date: '2014-01-10' });
      await actOk(slug, 'TUR', { action: 'ratify', date: '2014-03-01' });
      const withdrawn = await act(slug, 'TUR', { action: 'withdraw', date: '2016-01-01' });
      expect(withdrawn.status).toBe(201);
      // A withdrawal takes effect after notice (twelve months by default): until then the state stays a party.
      expect(withdrawn.body.participant).toMatchObject({
        status: 'ratified',
        withdrawal: { notifiedOn: '2016-01-01', effectiveOn: '2017-01-01' },
        withdrawnOn: null,
      });
      expect(withdrawn.body.event).toMatchObject({
        action: 'withdraw',
        from: 'ratified',
        to: 'ratified',
        date: '2016-01-01',
        details: { effectiveOn: '2017-01-01' },
      });

      const corrected = await act(slug, 'TUR', { action: 'correct', reason: 'the notification was withdrawn by the state' });
      expect(corrected.status).toBe(201);
      expect(corrected.body.participant).toMatchObject({
        status: 'ratified',
        withdrawal: null,
        withdrawnOn: null,
        depositedOn: '2014-03-01',
        instrument: 'ratification',
        version: withdrawn.body.participant.version + 1,
      });
      expect(corrected.body.event).toMatchObject({
        action: 'correct',
        from: 'ratified',
        to: 'ratified',
        date: todayUtc(),
        reason: 'the notification was withdrawn by the state',
      });
      expect(corrected.body.event.prevHash).toBe(withdrawn.body.event.hash);

      // Nothing is deleted: the withdrawal stays in the history, the correction follows it.
      const history = await participant(slug, 'TUR');
      expect(history.body.events.map((event: { action: string }) => event.action)).toEqual([
        'invite',
        'sign',
        'ratify',
        'withdraw',
        'correct',
      ]);
    });

    it('correct reverses a ratification back to signed', async () => {
      await actOk(slug, 'QAT', { action: 'sign', date: '2014-01-10' });
      await actOk(slug, 'QAT', { action: 'ratify', date: '2014-03-01' });
      const res = await act(slug, 'QAT', { action: 'correct', reason: 'recorded against the wrong country' });
      expect(res.status).toBe(201);
      expect(res.body.participant).toMatchObject({ status: 'signed', signedOn: '2014-01-10', depositedOn: null, instrument: null });
      expect(res.body.event).toMatchObject({
        action: 'correct',
        from: 'ratified',
        to: 'signed',
        reason: 'recorded against the wrong country',
      });
    });

    it('refuses a move the machine does not allow with 409 {error: invalid_transition, status, action, allowed}', async () => {
      await actOk(slug, 'JOR', { action: 'accede', date: '2015-01-01' });
      const res = await act(slug, 'JOR', { action: 'sign', date: '2015-02-01' });
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ error: 'invalid_transition', message: expect.any(String), status: 'ratified', action: 'sign' });
      expect(res.body.allowed).toEqual(expect.arrayContaining(['withdraw']));
      expect(res.body.allowed).not.toContain('sign');
      expect((await participant(slug, 'JOR')).body.status).toBe('ratified');
    });

    it('honours If-Match (412 when stale) and replays an Idempotency-Key', async () => {
      const read = await participant(slug, 'OMN');
      const version: number = read.body.version;
      const stale = await t
        .http()
        .post(`/api/treaties/${slug}/participants/OMN/actions`)
        .set(...bearer(t.users.officer))
        .set('If-Match', `"${version + 5}"`)
        .send({ action: 'sign', date: '2014-01-10' });
      expect(stale.status).toBe(412);
      expect(stale.body).toMatchObject(errorShape('precondition_failed'));

      const keyed = (): Promise<Response> =>
        t
          .http()
          .post(`/api/treaties/${slug}/participants/OMN/actions`)
          .set(...bearer(t.users.officer))
          .set('If-Match', `"${version}"`)
          .set('Idempotency-Key', 'routes-omn-sign-1')
          .send({ action: 'sign', date: '2014-01-10' });
      const first = await keyed();
      expect(first.status).toBe(201);
      expect(first.body.participant).toMatchObject({ status: 'signed', version: version + 1 });
      const replay = await keyed();
      expect(replay.status).toBe(201);
      expect(replay.body.event.id).toBe(first.body.event.id);
      const after = await participant(slug, 'OMN');
      expect(after.body.version).toBe(version + 1);
      expect(after.body.events.filter((event: { action: string }) => event.action === 'sign')).toHaveLength(1);
    });

    it('refuses a client-set status or actor with 400', async () => {
      const res = await act(slug, 'OMN', { action: 'withdraw', date: '2016-01-01', status: 'withdrawn', actor: 'system' });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject(errorShape('validation_failed'));
    });
  });

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
