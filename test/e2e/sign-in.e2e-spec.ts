import { TEST_PASSWORD, TestApp, startTestApp } from '../support/app';

describe('sign-in', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { LOGIN_MAX_FAILURES: '3', LOGIN_WINDOW_SECONDS: '60' } });
  });
  afterAll(() => t.close());

  it('answers 401 for a wrong password, then 429 for the account after repeated failures, even with the right one', async () => {
    const email = t.users.auditor.email;
    for (let attempt = 0; attempt < 3; attempt++) {
      const wrong = await t.http().post('/api/auth/token').send({ email, password: 'not the password' });
      expect(wrong.status).toBe(401);
      expect(wrong.body.error).toBe('invalid_credentials');
    }
    const limited = await t.http().post('/api/auth/token').send({ email, password: TEST_PASSWORD });
    expect(limited.status).toBe(429);
    expect(limited.body.error).toBe('too_many_requests');
    expect(limited.headers['retry-after']).toBe('60');
  });

  it('the client address that failed three times is limited for other accounts too', async () => {
    const response = await t.http().post('/api/auth/token').send({ email: t.users.officer.email, password: TEST_PASSWORD });
    expect(response.status).toBe(429);
    expect(response.body.message).toMatch(/too many failed sign-ins/);
  });
});
