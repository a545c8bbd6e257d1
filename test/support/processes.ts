import { join } from 'node:path';
import { AppConfig } from '@depositary/config';
import { ChildService, spawnReady } from '../../bench/processes';

const ROOT = join(__dirname, '..', '..');

export interface ServiceProcess extends ChildService {
  url?: string;
}

/** The environment a separate process needs to join a test app's database, Redis and queues. */
export function processEnv(config: AppConfig, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    NODE_ENV: 'test',
    DATABASE_URL: config.databaseUrl,
    REDIS_URL: config.redisUrl,
    QUEUE_PREFIX: config.queuePrefix,
    JWT_SECRET: config.jwtSecret,
    SMTP_URL: config.smtpUrl ?? '',
    DATABASE_POOL_SIZE: '8',
    AUDIT_SIGNING_KEY: config.auditSigningKey ?? '',
    ...extra,
  };
}

/** Starts a built app (`npm run build` ran in global setup) as its own process, and waits until it is ready. */
export async function spawnService(app: 'api' | 'worker', env: NodeJS.ProcessEnv, timeoutMs?: number): Promise<ServiceProcess> {
  const service = await spawnReady(
    join(ROOT, 'dist', 'apps', app, 'src', 'main.js'),
    { ...env, PORT: env.PORT ?? '0', WORKER_PORT: env.WORKER_PORT ?? '0', HOST: '127.0.0.1' },
    app === 'api' ? /API listening on (http:\/\/[^\s"]+)/ : /worker running, health and metrics on (http:\/\/[^\s"]+)/,
    timeoutMs,
  );
  return { ...service, url: service.ready?.replace('[::1]', '127.0.0.1') };
}
