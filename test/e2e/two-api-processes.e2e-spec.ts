import request from 'supertest';
import { TestApp, bearer, createTreaty, startTestApp } from '../support/app';
import { ServiceProcess, processEnv, spawnService } from '../support/processes';

describe('two API processes on one database', () => {
  let t: TestApp;
  let apis: ServiceProcess[];

  beforeAll(async () => {
    t = await startTestApp();
    apis = await Promise.all([spawnService('api', processEnv(t.config)), spawnService('api', processEnv(t.config))]);
  });
  afterAll(async () => {
    await Promise.all(apis.map((api) => api.stop()));
    await t.close();
  });

  it('forty identical signatures racing on one participant give one 201 and 409s', async () => {
    await createTreaty(t, 'race', ['KAZ']);
    const responses = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        request(apis[i % 2].url!)
          .post('/api/treaties/race/participants/KAZ/actions')
          .set(...bearer(t.users.officer))
          .send({ action: 'sign', date: '2014-01-01' }),
      ),
    );
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(39);
    for (const conflict of responses.filter((response) => response.status === 409)) {
      expect(conflict.body).toMatchObject({ error: 'invalid_transition', status: 'signed', action: 'sign' });
    }
    const participant = await t
      .http()
      .get('/api/treaties/race/participants/KAZ')
      .set(...bearer(t.users.auditor));
    expect(participant.body.events.map((event: { action: string }) => event.action)).toEqual(['invite', 'sign']);
    expect(participant.body.version).toBe(2);
  });

  it('one Idempotency-Key used through both processes at once records one event and replays it', async () => {
    await createTreaty(t, 'race-idem', ['SEN']);
    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        request(apis[i % 2].url!)
          .post('/api/treaties/race-idem/participants/SEN/actions')
          .set(...bearer(t.users.officer))
          .set('Idempotency-Key', 'sen-signature-1')
          .send({ action: 'sign', date: '2014-01-01' }),
      ),
    );
    expect(responses.map((response) => response.status)).toEqual(Array(10).fill(201));
    expect(new Set(responses.map((response) => response.body.event.id)).size).toBe(1);
    const participant = await t
      .http()
      .get('/api/treaties/race-idem/participants/SEN')
      .set(...bearer(t.users.auditor));
    expect(participant.body.events).toHaveLength(2);
  });

  it('a role change, a deactivation and a sign-out made through one process apply on the very next request to the other', async () => {
    const [a, b] = apis.map((api) => api.url!);
    const admin = bearer(t.users.admin);
    const created = await request(a)
      .post('/api/users')
      .set(...admin)
      .send({ email: 'kept@example.org', name: 'Kept actor', password: 'a long password', role: 'officer' });
    expect(created.status).toBe(201);
    const signIn = async (): Promise<[string, string]> => {
      const token = await request(b).post('/api/auth/token').send({ email: 'kept@example.org', password: 'a long password' });
      expect(token.status).toBe(200);
      return ['Authorization', `Bearer ${token.body.accessToken}`];
    };
    const officer = await signIn();
    // Warm both processes' caches with the officer's token.
    for (const url of [a, b, a, b])
      expect(
        (
          await request(url)
            .get('/api/notifications')
            .set(...officer)
        ).status,
      ).toBe(200);

    expect(
      (
        await request(a)
          .patch(`/api/users/${created.body.id}`)
          .set(...admin)
          .send({ role: 'auditor' })
      ).status,
    ).toBe(200);
    expect(
      (
        await request(b)
          .post('/api/reminders/sweep')
          .set(...officer)
      ).status,
    ).toBe(403);
    expect(
      (
        await request(b)
          .get('/api/users/me')
          .set(...officer)
      ).body.role,
    ).toBe('auditor');

    expect(
      (
        await request(b)
          .patch(`/api/users/${created.body.id}`)
          .set(...admin)
          .send({ active: false })
      ).status,
    ).toBe(200);
    expect(
      (
        await request(a)
          .get('/api/users/me')
          .set(...officer)
      ).status,
    ).toBe(401);
    expect(
      (
        await request(b)
          .get('/api/users/me')
          .set(...officer)
      ).status,
    ).toBe(401);

    expect(
      (
        await request(a)
          .patch(`/api/users/${created.body.id}`)
          .set(...admin)
          .send({ active: true })
      ).status,
    ).toBe(200);
    const again = await signIn();
    for (const url of [a, b])
      expect(
        (
          await request(url)
            .get('/api/users/me')
            .set(...again)
        ).status,
      ).toBe(200);
    expect(
      (
        await request(a)
          .post('/api/auth/logout')
          .set(...again)
      ).status,
    ).toBeLessThan(300);
    expect(
      (
        await request(b)
          .get('/api/users/me')
          .set(...again)
      ).status,
    ).toBe(401);
  });

  it('both processes serve the migrated schema without migrating twice', async () => {
    for (const api of apis) {
      const health = await request(api.url!).get('/health');
      expect(health.status).toBe(200);
    }
  });
});
