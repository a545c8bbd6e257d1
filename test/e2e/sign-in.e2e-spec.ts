import { TEST_PASSWORD, TestApp, startTestApp } from '../support/app';

/** The number of password hashes this process has verified so far, from /metrics. */
async function passwordChecks(t: TestApp): Promise<number> {
  const metrics = await t.http().get('/metrics');
  return Number(/^depositary_password_checks_total (\d+)/m.exec(metrics.text)?.[1] ?? 0);
}

describe('sign-in', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { LOGIN_MAX_FAILURES: '3', LOGIN_WINDOW_SECONDS: '60' } });
  });
  afterAll(() => t.close());

  const signIn = (email: string, password: string, address: string) =>
    t.http().post('/api/auth/token').set('X-Forwarded-For', address).send({ email, password });

  it('answers 401 for a wrong password, then 429 for that account from that address, even with the right password', async () => {
    const email = t.users.auditor.email;
    for (let attempt = 0; attempt < 3; attempt++) {
      const wrong = await signIn(email, 'not the password', '203.0.113.1');
      expect(wrong.status).toBe(401);
      expect(wrong.body.error).toBe('invalid_credentials');
    }
    const limited = await signIn(email, TEST_PASSWORD, '203.0.113.1');
    expect(limited.status).toBe(429);
    expect(limited.body.error).toBe('too_many_requests');
    expect(limited.headers['retry-after']).toBe('60');
  });

  it('does not lock the owner out: from another address the right password still gets in', async () => {
    const email = t.users.auditor.email;
    const owner = await signIn(email, TEST_PASSWORD, '198.51.100.7');
    expect(owner.status).toBe(200);
    expect(owner.body.accessToken).toEqual(expect.any(String));
  });

  it('slows a guess spread over many addresses: after the free attempts, one attempt a turn', async () => {
    const email = t.users.officer.email;
    const answers = [];
    for (let address = 1; address <= 6; address++) answers.push((await signIn(email, 'not the password', `192.0.2.${address}`)).status);
    // Three free attempts, then a fourth that takes the account's next turn, then a wait of a second or more.
    expect(answers.slice(0, 4)).toEqual([401, 401, 401, 401]);
    expect(answers.slice(4)).toEqual([429, 429]);
    const waiting = await signIn(email, 'not the password', '192.0.2.99');
    expect(Number(waiting.headers['retry-after'])).toBeGreaterThanOrEqual(1);
  });

  it('slows one account down progressively: each wait after the free attempts is twice the one before', async () => {
    const email = 'slowed.down@example.org';
    let address = 0;
    const guess = () => signIn(email, 'not the password', `192.0.2.${100 + ++address}`);
    for (let attempt = 0; attempt < 3; attempt++) expect((await guess()).status).toBe(401);
    const waits = [];
    for (let turn = 0; turn < 3; turn++) {
      // The attempt that takes the account's turn, then one at once, told how long the next turn is away.
      expect((await guess()).status).toBe(401);
      const refused = await guess();
      expect(refused.status).toBe(429);
      const wait = Number(refused.headers['retry-after']);
      waits.push(wait);
      if (turn < 2) await new Promise((resolve) => setTimeout(resolve, wait * 1000 + 100));
    }
    expect(waits).toEqual([1, 2, 4]);
  });

  it('counts each attempt before the password check: 200 parallel guesses with the right one among them get no token', async () => {
    const email = t.users.focal_point.email;
    const before = await passwordChecks(t);
    const guesses = Array.from({ length: 200 }, (_, index) => (index === 150 ? TEST_PASSWORD : `guess number ${index}`));
    const answers = await Promise.all(guesses.map((password) => signIn(email, password, '203.0.113.200')));
    const checked = (await passwordChecks(t)) - before;
    expect(answers.filter((answer) => answer.status === 200)).toEqual([]);
    expect(answers.filter((answer) => answer.status === 429).length).toBeGreaterThanOrEqual(197);
    expect(checked).toBeLessThanOrEqual(3);
  });

  it('refuses JSON nested deeper than the limit with 400 before any schema or count sees it', async () => {
    const nested = (depth: number): string => `${'['.repeat(depth)}${']'.repeat(depth)}`;
    for (const raw of [
      `{"email":${nested(100_000)},"password":"x"}`,
      `{"email":"someone@example.org","password":"x","extra":${nested(32)}}`,
    ]) {
      const refused = await t
        .http()
        .post('/api/auth/token')
        .set('X-Forwarded-For', '203.0.113.77')
        .set('Content-Type', 'application/json')
        .send(raw);
      expect(refused.status).toBe(400);
      expect(refused.body).toEqual({ error: 'validation_failed', message: 'the input nests deeper than 32 levels' });
    }
  });

  it('limits one address over all accounts at four times the per-account number', async () => {
    const address = '203.0.113.50';
    const statuses = [];
    for (let index = 0; index < 13; index++) statuses.push((await signIn(`nobody${index}@example.org`, 'wrong', address)).status);
    expect(statuses.slice(0, 12).every((status) => status === 401)).toBe(true);
    expect(statuses[12]).toBe(429);
    const other = await signIn(t.users.admin.email, TEST_PASSWORD, address);
    expect(other.status).toBe(429);
    expect(other.body.message).toMatch(/too many failed sign-ins/);
  });
});
