import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const DEMO_PASSWORD = 'depositary-demo';

/** A value kept per data directory (created on first use), so that it survives restarts of the development server. */
export function keptSecret(dataDir: string, name: string, create: () => string): string {
  const file = join(dataDir, name);
  if (!existsSync(file)) writeFileSync(file, create(), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

/**
 * The environment of `npm start` where the user left a variable unset. It prints demo passwords, so it
 * listens on the loopback interface only unless HOST says otherwise.
 */
export function applyDevelopmentDefaults(env: NodeJS.ProcessEnv, dataDir: string): NodeJS.ProcessEnv {
  env.HOST ??= '127.0.0.1';
  env.JWT_SECRET ??= keptSecret(dataDir, 'jwt-secret', () => randomBytes(32).toString('hex'));
  env.ADMIN_EMAIL ??= 'admin@depositary.local';
  env.ADMIN_PASSWORD ??= DEMO_PASSWORD;
  return env;
}
