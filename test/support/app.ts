import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { UsersService } from '@depositary/auth';
import { AppConfig, loadConfig } from '@depositary/config';
import { ROLES, Role } from '@depositary/domain';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import request from 'supertest';
import { createApi } from '../../apps/api/src/bootstrap';
import { createWorker } from '../../apps/worker/src/bootstrap';
import type { INestApplicationContext } from '@nestjs/common';
import { createTestDatabase } from './databases';

export interface TestUser {
  id: string;
  email: string;
  password: string;
  token: string;
}

export interface TestApp {
  url: string;
  app: NestFastifyApplication;
  config: AppConfig;
  databaseUrl: string;
  users: Record<Role, TestUser>;
  /** A supertest agent on the listening server. */
  http: () => ReturnType<typeof request>;
  close: () => Promise<void>;
}

export const TEST_PASSWORD = 'correct horse battery';

/** The Ed25519 key that signs the audit checkpoints of this test file. */
export const TEST_SIGNING_KEY = generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();

export function testConfig(databaseUrl: string, env: Record<string, string> = {}): AppConfig {
  return loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    QUEUE_PREFIX: `test-${randomBytes(4).toString('hex')}`,
    JWT_SECRET: 'a-test-secret-that-is-long-enough',
    DATABASE_POOL_SIZE: '8',
    AUDIT_SIGNING_KEY: TEST_SIGNING_KEY,
    ...env,
  });
}

/** Starts a worker in this process on the test app's database, Redis prefix and SMTP server. */
export async function startWorker(t: TestApp): Promise<INestApplicationContext> {
  return createWorker(t.config, false);
}

/** Starts the API on a fresh database on a random port, with one user of each role (the focal point of KAZ). */
export async function startTestApp(
  options: { env?: Record<string, string>; databaseUrl?: string; config?: AppConfig } = {},
): Promise<TestApp> {
  const database = options.databaseUrl ? undefined : await createTestDatabase();
  // `databaseUrl` is the owner's, for the test's own SQL; the app connects as the service's role.
  const databaseUrl = options.databaseUrl ?? database!.url;
  const config = options.config ?? testConfig(options.databaseUrl ?? database!.serviceUrl, options.env);
  const app = await createApi(config, false);
  await app.listen(0, '127.0.0.1');
  const url = await app.getUrl();
  const http = (): ReturnType<typeof request> => request(url);
  const users = {} as Record<Role, TestUser>;
  const service = app.get(UsersService);
  const existing = await service.list();
  for (const role of ROLES) {
    const email = `${role.replace('_', '-')}@${config.queuePrefix}.test`;
    const user =
      existing.find((candidate) => candidate.email === email) ??
      (await service.create('system', {
        email,
        name: `Test ${role}`,
        password: TEST_PASSWORD,
        role,
        country: role === 'focal_point' ? 'KAZ' : undefined,
      }));
    const response = await http().post('/api/auth/token').send({ email, password: TEST_PASSWORD });
    if (response.status !== 200) throw new Error(`could not sign in as ${email}: ${response.status} ${JSON.stringify(response.body)}`);
    users[role] = { id: user.id, email, password: TEST_PASSWORD, token: response.body.accessToken };
  }
  return {
    url,
    app,
    config,
    databaseUrl,
    users,
    http,
    close: async () => {
      await app.close();
      await database?.drop();
    },
  };
}

export const bearer = (user: TestUser): [string, string] => ['Authorization', `Bearer ${user.token}`];

export const IOFS_RULE = {
  minimumParties: 10,
  countedInstruments: ['ratification', 'acceptance', 'approval', 'accession'],
  entersIntoForce: {},
};

/** Creates a treaty and invites countries, as an officer. */
export async function createTreaty(
  t: TestApp,
  slug: string,
  countries: string[] = ['KAZ', 'SEN', 'SAU'],
  extra: Record<string, unknown> = {},
): Promise<void> {
  const created = await t
    .http()
    .post('/api/treaties')
    .set(...bearer(t.users.officer))
    .send({ slug, title: `Treaty ${slug}`, openedForSignatureOn: '2013-12-10', entryIntoForce: IOFS_RULE, ...extra });
  if (created.status !== 201) throw new Error(`treaty: ${created.status} ${JSON.stringify(created.body)}`);
  if (countries.length === 0) return;
  const invited = await t
    .http()
    .post(`/api/treaties/${slug}/participants`)
    .set(...bearer(t.users.officer))
    .send({ countries, invitedOn: '2013-12-10' });
  if (invited.status !== 201) throw new Error(`invite: ${invited.status} ${JSON.stringify(invited.body)}`);
}

/** A calendar day this many days before today (UTC), as the API takes it. */
export const daysAgo = (days: number): string => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
