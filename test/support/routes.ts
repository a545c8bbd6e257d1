import type { Response } from 'supertest';
import { TestApp, TestUser, bearer, startTestApp } from './app';
import { startSmtpSink } from './smtp-sink';

// What the route tests of every feature share: the app they run against (with an SMTP sink) and the calls they make.

export const HASH = /^[0-9a-f]{64}$/;
export const todayUtc = (): string => new Date().toISOString().slice(0, 10);

/** RFC 4180 rows (quoted fields, CRLF or LF line ends), enough to read the exports back. */
export function parseCsv(text: string): string[][] {
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

export interface AuditEvent {
  id: number;
  treaty: string;
  country: string;
  action: string;
  recordedAt: string;
  hash: string;
}

export const errorShape = (error: string): Record<string, unknown> => ({ error, message: expect.any(String) });

export interface RouteHelpers {
  signIn: (email: string, password: string) => Promise<Response>;
  act: (slug: string, code: string, body: Record<string, unknown>, user?: TestUser) => Promise<Response>;
  actOk: (slug: string, code: string, body: Record<string, unknown>, user?: TestUser) => Promise<Response>;
  participant: (slug: string, code: string, user?: TestUser) => Promise<Response>;
  /** Creates a user as the admin and signs in as it. */
  newUser: (
    role: string,
    extra?: Record<string, unknown>,
  ) => Promise<{ id: string; email: string; password: string; token: string; view: Record<string, unknown> }>;
  withToken: (token: string) => [string, string];
}

/** Starts the app (sending mail to a sink) before the describe block it is called in, hands it to `started`, closes both after. */
export function useRoutesApp(started: (t: TestApp) => void): RouteHelpers {
  let t: TestApp;
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await startTestApp({ env: { SMTP_URL: sink.url } });
    started(t);
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

  return { signIn, act, actOk, participant, newUser, withToken };
}
