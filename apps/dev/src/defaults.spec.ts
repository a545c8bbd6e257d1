import { createPrivateKey } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyDevelopmentDefaults, serviceUrlOf } from './defaults';

describe('npm start defaults', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'depositary-dev-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('listens on the loopback interface only, unless HOST says otherwise', () => {
    expect(applyDevelopmentDefaults({}, dir).HOST).toBe('127.0.0.1');
    expect(applyDevelopmentDefaults({ HOST: '0.0.0.0' }, dir).HOST).toBe('0.0.0.0');
  });

  it('keeps one generated Ed25519 audit signing key per data directory', () => {
    const key = applyDevelopmentDefaults({}, dir).AUDIT_SIGNING_KEY;
    expect(createPrivateKey(key!).asymmetricKeyType).toBe('ed25519');
    expect(applyDevelopmentDefaults({}, dir).AUDIT_SIGNING_KEY).toBe(key);
  });

  it('connects as a service role of its own, not as the owner', () => {
    const url = new URL(serviceUrlOf('postgres://postgres:postgres@127.0.0.1:54329/depositary', dir));
    expect(url.username).toBe('depositary_app');
    expect(url.password).toMatch(/^[0-9a-f]{48}$/);
    expect(url.pathname).toBe('/depositary');
  });

  it('keeps one generated JWT secret per data directory', () => {
    const first = applyDevelopmentDefaults({}, dir).JWT_SECRET;
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(applyDevelopmentDefaults({}, dir).JWT_SECRET).toBe(first);
  });
});
