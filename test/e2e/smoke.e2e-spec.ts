import { TestApp, bearer, createTreaty, startTestApp } from '../support/app';

describe('smoke', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('serves health', async () => {
    const res = await t.http().get('/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', postgres: 'up', redis: 'up' });
  });

  it('records a signature', async () => {
    await createTreaty(t, 'smoke');
    const res = await t
      .http()
      .post('/api/treaties/smoke/participants/KAZ/actions')
      .set(...bearer(t.users.officer))
      .send({ action: 'sign', date: '2013-12-10' });
    expect(res.status).toBe(201);
    expect(res.body.participant.status).toBe('signed');
    const big = await t
      .http()
      .post('/api/treaties')
      .set(...bearer(t.users.officer))
      .set('content-type', 'application/json')
      .send(JSON.stringify({ title: 'x'.repeat(1_100_000) }));
    expect(big.status).toBe(413);
    expect(big.body.error).toBe('payload_too_large');
    const nf = await t
      .http()
      .get('/api/nothing-here')
      .set(...bearer(t.users.officer));
    expect(nf.status).toBe(404);
    expect(nf.body.error).toBe('not_found');
    const bad = await t
      .http()
      .post('/api/treaties')
      .set(...bearer(t.users.officer))
      .set('content-type', 'application/json')
      .send('{bad');
    expect(bad.status).toBe(400);
    expect(bad.body.error).toBe('validation_failed');
  });
});
