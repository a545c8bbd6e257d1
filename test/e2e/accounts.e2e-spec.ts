import { createApi } from '../../apps/api/src/bootstrap';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomUUID } from 'node:crypto';
import { sign } from 'jsonwebtoken';
import request from 'supertest';
import { TEST_PASSWORD, TestApp, TestUser, bearer, startTestApp } from '../support/app';

describe('accounts', () => {
  let t: TestApp;
  let second: NestFastifyApplication;
  let secondUrl: string;

  beforeAll(async () => {
    t = await startTestApp();
    // Another API process on the same database, as in production.
    second = await createApi(t.config, false);
    await second.listen(0, '127.0.0.1');
    secondUrl = await second.getUrl();
  });
  afterAll(async () => {
    await second?.close();
    await t?.close();
  });

  const signIn = async (email: string, password: string): Promise<string> => {
    const response = await t.http().post('/api/auth/token').send({ email, password });
    expect(response.status).toBe(200);
    return response.body.accessToken as string;
  };
  const newUser = async (role: string, extra: Record<string, unknown> = {}): Promise<TestUser> => {
    const email = `${role}.${randomUUID().slice(0, 8)}@accounts.test`;
    const created = await t
      .http()
      .post('/api/users')
      .set(...bearer(t.users.admin))
      .send({ email, name: `A ${role}`, password: TEST_PASSWORD, role, ...extra });
    expect(created.status).toBe(201);
    return { id: created.body.id, email, password: TEST_PASSWORD, token: await signIn(email, TEST_PASSWORD) };
  };

  it('lets a user change their language and, with the current one, their password; older tokens are then refused', async () => {
    const user = await newUser('auditor');
    const language = await t
      .http()
      .patch('/api/users/me')
      .set(...bearer(user))
      .send({ language: 'fr' });
    expect(language.status).toBe(200);
    expect(language.body).toMatchObject({ email: user.email, language: 'fr' });

    const withoutCurrent = await t
      .http()
      .patch('/api/users/me')
      .set(...bearer(user))
      .send({ password: 'a brand new password' });
    expect(withoutCurrent.status).toBe(400);
    const wrongCurrent = await t
      .http()
      .patch('/api/users/me')
      .set(...bearer(user))
      .send({ password: 'a brand new password', currentPassword: 'not it at all' });
    expect(wrongCurrent.status).toBe(403);

    // Tokens carry whole seconds: the change must fall in a later second than the token.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const changed = await t
      .http()
      .patch('/api/users/me')
      .set(...bearer(user))
      .send({ password: 'a brand new password', currentPassword: TEST_PASSWORD });
    expect(changed.status).toBe(200);
    expect(changed.body).not.toHaveProperty('passwordHash');
    expect(
      (
        await t
          .http()
          .get('/api/users/me')
          .set(...bearer(user))
      ).status,
    ).toBe(401);
    expect((await t.http().post('/api/auth/token').send({ email: user.email, password: TEST_PASSWORD })).status).toBe(401);
    const token = await signIn(user.email, 'a brand new password');
    expect((await t.http().get('/api/users/me').set('Authorization', `Bearer ${token}`)).body.language).toBe('fr');
  });

  it('lets an admin reset a password', async () => {
    const user = await newUser('officer');
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const reset = await t
      .http()
      .patch(`/api/users/${user.id}`)
      .set(...bearer(t.users.admin))
      .send({ password: 'reset by the admin' });
    expect(reset.status).toBe(200);
    expect(
      (
        await t
          .http()
          .get('/api/treaties')
          .set(...bearer(user))
      ).status,
    ).toBe(401);
    await signIn(user.email, 'reset by the admin');
  });

  it('signs a token out at once, in every API process', async () => {
    const user = await newUser('auditor');
    expect(
      (
        await request(secondUrl)
          .get('/api/treaties')
          .set(...bearer(user))
      ).status,
    ).toBe(200);
    const logout = await t
      .http()
      .post('/api/auth/logout')
      .set(...bearer(user));
    expect(logout.status).toBe(204);
    expect(
      (
        await t
          .http()
          .get('/api/treaties')
          .set(...bearer(user))
      ).status,
    ).toBe(401);
    expect(
      (
        await request(secondUrl)
          .get('/api/treaties')
          .set(...bearer(user))
      ).status,
    ).toBe(401);
    // Another token of the same user is still good.
    const other = await signIn(user.email, TEST_PASSWORD);
    expect((await request(secondUrl).get('/api/treaties').set('Authorization', `Bearer ${other}`)).status).toBe(200);
  });

  it('refuses a well-signed token without an expiry, or without an id', async () => {
    const secret = t.config.jwtSecret;
    const noExpiry = sign({ sub: t.users.admin.id, role: 'admin', jti: randomUUID() }, secret, { algorithm: 'HS256' });
    const noId = sign({ sub: t.users.admin.id, role: 'admin' }, secret, { algorithm: 'HS256', expiresIn: 600 });
    for (const token of [noExpiry, noId]) {
      const response = await t.http().get('/api/users').set('Authorization', `Bearer ${token}`);
      expect(response.status).toBe(401);
      expect(response.body.error).toBe('unauthorized');
    }
  });

  it('keeps the last active admin: it cannot be deactivated or demoted', async () => {
    const admins = (
      await t
        .http()
        .get('/api/users')
        .set(...bearer(t.users.admin))
    ).body.items.filter((user: { role: string; active: boolean }) => user.role === 'admin' && user.active);
    expect(admins).toHaveLength(1);
    for (const change of [{ active: false }, { role: 'officer' }]) {
      const refused = await t
        .http()
        .patch(`/api/users/${t.users.admin.id}`)
        .set(...bearer(t.users.admin))
        .send(change);
      expect(refused.status).toBe(409);
      expect(refused.body.error).toBe('last_admin');
    }
    const deputy = await newUser('admin');
    const demoted = await t
      .http()
      .patch(`/api/users/${deputy.id}`)
      .set(...bearer(t.users.admin))
      .send({ role: 'officer' });
    expect(demoted.status).toBe(200);
  });

  it('answers personal data with Cache-Control: no-store', async () => {
    const token = await t.http().post('/api/auth/token').send({ email: t.users.auditor.email, password: TEST_PASSWORD });
    expect(token.headers['cache-control']).toBe('no-store');
    for (const [path, user] of [
      ['/api/users', t.users.admin],
      ['/api/users/me', t.users.auditor],
      ['/api/audit/events', t.users.auditor],
    ] as const) {
      const response = await t
        .http()
        .get(path)
        .set(...bearer(user));
      expect(response.status).toBe(200);
      expect(response.headers['cache-control']).toBe('no-store');
    }
  });
});
