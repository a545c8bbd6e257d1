import { Client } from 'pg';
import { IOFS_RULE, TestApp, bearer, createTreaty, startTestApp } from '../support/app';

interface ConfigurationEvent {
  action: string;
  treaty: string | null;
  country: string | null;
  subject: string;
  actor: { email: string } | 'system';
  before: Record<string, unknown> | null;
  after: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

describe('changes to configuration are audited', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await createTreaty(t, 'config-audit', []);
  });
  afterAll(() => t.close());

  const configurationEvents = async (): Promise<ConfigurationEvent[]> => {
    const res = await t
      .http()
      .get('/api/audit/events?kind=configuration&limit=1000')
      .set(...bearer(t.users.auditor));
    expect(res.status).toBe(200);
    return res.body.items;
  };

  it('records a treaty created, its title and entry-into-force rule changed', async () => {
    const patched = await t
      .http()
      .patch('/api/treaties/config-audit')
      .set(...bearer(t.users.officer))
      .send({ title: 'A new title', entryIntoForce: { ...IOFS_RULE, minimumParties: 12 } });
    expect(patched.status).toBe(200);
    const events = (await configurationEvents()).filter((event) => event.treaty === 'config-audit');
    expect(events.map((event) => event.action)).toEqual(['treaty.created', 'treaty.updated']);
    expect(events[0].after).toMatchObject({ slug: 'config-audit', title: 'Treaty config-audit', entryIntoForce: IOFS_RULE });
    expect(events[1]).toMatchObject({
      actor: { email: t.users.officer.email },
      before: { title: 'Treaty config-audit', entryIntoForce: { minimumParties: 10 } },
      after: { title: 'A new title', entryIntoForce: { minimumParties: 12 } },
    });
    expect(Object.keys(events[1].after).sort()).toEqual(['entryIntoForce', 'title']);
  });

  it('records a focal point added and its e-mail redirected', async () => {
    const created = await t
      .http()
      .post('/api/countries/SEN/focal-points')
      .set(...bearer(t.users.officer))
      .send({ name: 'Awa Ndiaye', email: 'awa@example.sn', language: 'fr' });
    expect(created.status).toBe(201);
    const redirected = await t
      .http()
      .patch(`/api/countries/SEN/focal-points/${created.body.id}`)
      .set(...bearer(t.users.officer))
      .send({ email: 'someone.else@example.org' });
    expect(redirected.status).toBe(200);
    const events = (await configurationEvents()).filter((event) => event.subject === created.body.id);
    expect(events).toEqual([
      expect.objectContaining({
        action: 'focal_point.created',
        country: 'SEN',
        before: null,
        after: expect.objectContaining({ email: 'awa@example.sn' }),
      }),
      expect.objectContaining({
        action: 'focal_point.updated',
        country: 'SEN',
        before: { email: 'awa@example.sn' },
        after: { email: 'someone.else@example.org' },
      }),
    ]);
  });

  it("records a user's role change and password reset, never the password", async () => {
    const created = await t
      .http()
      .post('/api/users')
      .set(...bearer(t.users.admin))
      .send({ email: 'clerk@config-audit.test', name: 'A clerk', password: 'the first password', role: 'auditor' });
    expect(created.status).toBe(201);
    const role = await t
      .http()
      .patch(`/api/users/${created.body.id}`)
      .set(...bearer(t.users.admin))
      .send({ role: 'officer' });
    expect(role.status).toBe(200);
    const reset = await t
      .http()
      .patch(`/api/users/${created.body.id}`)
      .set(...bearer(t.users.admin))
      .send({ password: 'the secret new password' });
    expect(reset.status).toBe(200);
    const res = await t
      .http()
      .get('/api/audit/events?kind=configuration&limit=1000')
      .set(...bearer(t.users.officer));
    const events = (res.body.items as ConfigurationEvent[]).filter((event) => event.subject === created.body.id);
    expect(events.map((event) => event.action)).toEqual(['user.created', 'user.updated', 'user.updated']);
    expect(events[0]).toMatchObject({
      actor: { email: t.users.admin.email },
      after: { email: 'clerk@config-audit.test', role: 'auditor' },
    });
    expect(events[1]).toMatchObject({ before: { role: 'auditor' }, after: { role: 'officer' } });
    expect(events[2]).toMatchObject({ before: { passwordChanged: false }, after: { passwordChanged: true } });
    expect(JSON.stringify(res.body)).not.toMatch(/the secret new password|the first password|argon2/);
  });

  it('chains them, and the verification names a configuration event altered behind the trigger', async () => {
    const events = await configurationEvents();
    for (let index = 1; index < events.length; index++) expect(events[index].prevHash).toBe(events[index - 1].hash);
    const officer = t.users.officer;
    const ok = await t
      .http()
      .get('/api/audit/verify')
      .set(...bearer(officer));
    expect(ok.body).toMatchObject({ ok: true, firstBroken: null });

    const db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
    try {
      await db.query(`ALTER TABLE configuration_events DISABLE TRIGGER USER`);
      await db.query(`UPDATE configuration_events SET after = '{"email": "awa@example.sn"}' WHERE action = 'focal_point.updated'`);
      await db.query(`ALTER TABLE configuration_events ENABLE TRIGGER USER`);
    } finally {
      await db.end();
    }
    const broken = await t
      .http()
      .get('/api/audit/verify')
      .set(...bearer(officer));
    expect(broken.body).toMatchObject({
      ok: false,
      firstBroken: { chain: 'configuration', country: 'SEN', reason: expect.stringMatching(/altered/) },
    });
  });

  it('exports the configuration trail as CSV', async () => {
    const res = await t
      .http()
      .get('/api/audit/events?kind=configuration&format=csv')
      .set(...bearer(t.users.auditor));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/csv/);
    expect(res.text.split('\r\n')[0]).toBe('id,seq,action,treaty,country,subject,recordedAt,actor,actorRole,before,after,prevHash,hash');
    expect(res.text).toMatch(/treaty\.updated/);
  });
});
