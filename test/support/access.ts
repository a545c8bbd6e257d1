import { ROLES, Role } from '@depositary/domain';
import type { Response, Test } from 'supertest';
import { TestApp, bearer, createTreaty, startTestApp } from './app';

// The harness of the access tables: every route of the contract's HTTP table × every role and no token, against the
// roles table. Each feature file lists its own routes; the app they run against is set up the same way here.

export type Caller = Role | 'anonymous';
export type Method = 'get' | 'post' | 'patch';

export interface Call {
  method: Method;
  path: string;
  body?: Record<string, unknown>;
  /** For a write: whether it took effect, read back by the admin. Must be true when allowed, false when refused. */
  applied?: () => Promise<boolean>;
  /** For an allowed call: what its answer must hold. */
  answer?: (res: Response) => void;
}

export interface Route {
  route: string;
  who: readonly Caller[];
  /** Sets up what the call needs (as staff) and describes it; called once per caller. */
  prepare: () => Promise<Call>;
}

export const CALLERS: readonly Caller[] = [...ROLES, 'anonymous'];
export const ANYONE = CALLERS;
export const ANY_USER: readonly Caller[] = ROLES;
export const ADMIN: readonly Caller[] = ['admin'];
export const STAFF: readonly Caller[] = ['admin', 'officer'];
export const AUDIT_READERS: readonly Caller[] = ['admin', 'officer', 'auditor'];

/** Treaty invited KAZ, SEN and SAU, KAZ signed: what the reads are made against. */
export const SHARED = 'access-shared';

export const dataRows = (csv: string): string[] => csv.split(/\r?\n/).filter((line) => line.length > 0);

export interface AccessHelpers {
  unique: (prefix: string) => string;
  asAdmin: (method: Method, path: string) => Test;
  /** A free-form draft on the shared treaty, written by the admin; its id. */
  freeFormDraft: () => Promise<number>;
  /** An issued notification on the shared treaty (in which the focal point's country participates); its id. */
  issuedNotification: () => Promise<number>;
}

/**
 * Starts the app of an access table before the describe block it is called in (the shared treaty, KAZ signed, a
 * focal point for KAZ and for SEN), hands it to `started`, and closes it after.
 */
export function useAccessApp(started: (t: TestApp) => void): AccessHelpers {
  let t: TestApp;
  let serial = 0;
  const unique = (prefix: string): string => `${prefix}-${++serial}`;

  const asAdmin = (method: Method, path: string): Test =>
    t
      .http()
      [method](path)
      .set(...bearer(t.users.admin));

  async function freeFormDraft(): Promise<number> {
    const created = await asAdmin('post', '/api/depositary-notifications').send({
      treaty: SHARED,
      subject: unique('Notice'),
      text: { en: 'A notice.' },
    });
    expect(created.status).toBe(201);
    return created.body.id as number;
  }

  async function issuedNotification(): Promise<number> {
    const id = await freeFormDraft();
    expect((await asAdmin('post', `/api/depositary-notifications/${id}/issue`)).status).toBe(200);
    return id;
  }

  beforeAll(async () => {
    t = await startTestApp();
    started(t);
    await createTreaty(t, SHARED, ['KAZ', 'SEN', 'SAU']);
    const signed = await t
      .http()
      .post(`/api/treaties/${SHARED}/participants/KAZ/actions`)
      .set(...bearer(t.users.officer))
      .send({ action: 'sign', date: '2014-01-10' });
    expect(signed.status).toBe(201);
    for (const [code, email] of [
      ['KAZ', 'kaz-first@access.test'],
      ['SEN', 'sen-first@access.test'],
    ]) {
      const added = await t
        .http()
        .post(`/api/countries/${code}/focal-points`)
        .set(...bearer(t.users.officer))
        .send({ name: `First of ${code}`, email, language: 'fr' });
      expect(added.status).toBe(201);
    }
  });
  afterAll(() => t.close());

  return { unique, asAdmin, freeFormDraft, issuedNotification };
}

type Expectation = '2xx' | '401' | '403';
const expectationOf = (route: Route, caller: Caller): Expectation => {
  if (route.who.includes(caller)) return '2xx';
  return caller === 'anonymous' ? '401' : '403';
};

/** Calls each route as every caller and expects 2xx from those the roles table lets in, 401 or 403 from the others. */
export function describeEveryCaller(ROUTES: Route[], app: () => TestApp): void {
  const TABLE: [string, Caller, Expectation][] = ROUTES.flatMap((route) =>
    CALLERS.map((caller): [string, Caller, Expectation] => [route.route, caller, expectationOf(route, caller)]),
  );

  it('covers every route of the table with every caller', () => {
    expect(new Set(ROUTES.map((route) => route.route)).size).toBe(ROUTES.length);
    expect(TABLE).toHaveLength(ROUTES.length * 5);
  });

  describe('every route × every caller, per the roles table', () => {
    it.each(TABLE)('%s as %s → %s', async (name, caller, expected) => {
      const t = app();
      const route = ROUTES.find((candidate) => candidate.route === name)!;
      const call = await route.prepare();
      let request = t.http()[call.method](call.path);
      if (caller !== 'anonymous') request = request.set(...bearer(t.users[caller]));
      const res = await (call.body ? request.send(call.body) : request).redirects(2);

      if (expected === '2xx') {
        if (res.status < 200 || res.status >= 300) throw new Error(`expected 2xx, got ${res.status} ${JSON.stringify(res.body)}`);
        call.answer?.(res);
      } else {
        expect(res.status).toBe(Number(expected));
        expect(res.headers['content-type']).toMatch(/json/);
        expect(res.body).toEqual(
          expect.objectContaining({ error: expected === '401' ? 'unauthorized' : 'forbidden', message: expect.any(String) }),
        );
      }
      if (call.applied) expect(await call.applied()).toBe(expected === '2xx');
    });
  });
}
