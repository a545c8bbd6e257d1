import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyDevelopmentDefaults } from './defaults';

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

  it('keeps one generated JWT secret per data directory', () => {
    const first = applyDevelopmentDefaults({}, dir).JWT_SECRET;
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(applyDevelopmentDefaults({}, dir).JWT_SECRET).toBe(first);
  });
});
