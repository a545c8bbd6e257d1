import { generateKeyPairSync, randomBytes } from 'node:crypto';
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
  env.AUDIT_SIGNING_KEY ??= keptSecret(dataDir, 'audit-signing-key.pem', () =>
    generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
  );
  return env;
}

/** The role `npm start` connects its embedded PostgreSQL as; the superuser of the URL migrates and owns the tables. */
export const SERVICE_ROLE = 'depositary_app';

/** The embedded database as the service's role, with a password kept per data directory (the migration creates the role). */
export function serviceUrlOf(ownerUrl: string, dataDir: string): string {
  const url = new URL(ownerUrl);
  url.username = SERVICE_ROLE;
  url.password = keptSecret(dataDir, 'database-password', () => randomBytes(24).toString('hex'));
  return url.toString();
}
