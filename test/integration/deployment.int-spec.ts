import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// docker-compose.yml is a production stack (NODE_ENV=production): it must not ship secrets anyone can read here.
const compose = readFileSync(join(__dirname, '..', '..', 'docker-compose.yml'), 'utf8');

describe('docker-compose.yml', () => {
  it('takes JWT_SECRET and ADMIN_PASSWORD from the environment, with no default', () => {
    for (const name of ['JWT_SECRET', 'ADMIN_PASSWORD', 'AUDIT_SIGNING_KEY']) {
      const line = compose.split('\n').find((text) => text.trim().startsWith(`${name}:`));
      expect(line).toMatch(new RegExp(`\\$\\{${name}:\\?`));
    }
    expect(compose).not.toMatch(/change-me/);
  });

  it('migrates as the owner and runs the service as a role of its own', () => {
    const owner = /DATABASE_MIGRATION_URL: postgres:\/\/([^:]+):/.exec(compose)?.[1];
    const service = /DATABASE_URL: postgres:\/\/([^:]+):/.exec(compose)?.[1];
    expect(owner).toBeDefined();
    expect(service).toBeDefined();
    expect(service).not.toBe(owner);
  });

  it('publishes the mail catcher on the loopback interface only', () => {
    const mailpit = compose.slice(compose.indexOf('mailpit:'), compose.indexOf('\n  api:'));
    const ports = [...mailpit.matchAll(/- '([^']+)'/g)].map((match) => match[1]);
    expect(ports.length).toBeGreaterThan(0);
    for (const port of ports) expect(port).toMatch(/^127\.0\.0\.1:/);
  });
});
