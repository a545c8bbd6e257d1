import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { migrate } from '../../libs/persistence/src/migrate';
import { freePort } from './private-redis';

/** The PostgreSQL server binaries of this machine (Debian's packages, which .ci/run installs). */
function binaries(): string {
  const versions = readdirSync('/usr/lib/postgresql').sort();
  if (!versions.length) throw new Error('no PostgreSQL server binaries under /usr/lib/postgresql');
  return join('/usr/lib/postgresql', versions[versions.length - 1], 'bin');
}

const asPostgres = (command: string, args: string[]): string[] =>
  process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', command, ...args]].flat() : [command, ...args];

/**
 * A PostgreSQL cluster of the fault suite's own, in a temporary directory on a free port, so that cutting
 * its connections or stopping it leaves the machine's server alone. Runs as the `postgres` user when root.
 */
export class PrivatePostgres {
  private constructor(
    readonly dir: string,
    readonly port: number,
  ) {}

  static async start(): Promise<PrivatePostgres> {
    const dir = mkdtempSync(join(tmpdir(), 'depositary-pg-'));
    if (process.getuid?.() === 0)
      chownSync(dir, Number(execFileSync('id', ['-u', 'postgres']).toString()), Number(execFileSync('id', ['-g', 'postgres']).toString()));
    const server = new PrivatePostgres(dir, await freePort());
    const [initdb, ...initArgs] = asPostgres(join(binaries(), 'initdb'), [
      '-D',
      join(dir, 'data'),
      '-U',
      'postgres',
      '--auth=trust',
      '-E',
      'UTF8',
      '--no-sync',
    ]);
    const init = spawnSync(initdb, initArgs, { stdio: 'pipe' });
    if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr.toString()}`);
    server.ctl('start', [
      '-w',
      '-l',
      join(dir, 'server.log'),
      '-o',
      `-p ${server.port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`,
    ]);
    const client = new Client({ connectionString: server.url('postgres') });
    await client.connect();
    await client.query('CREATE DATABASE depositary_faults_test');
    await client.end();
    await migrate(server.url());
    return server;
  }

  url(database = 'depositary_faults_test'): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  private ctl(action: string, args: string[] = []): void {
    const [command, ...rest] = asPostgres(join(binaries(), 'pg_ctl'), [action, '-D', join(this.dir, 'data'), ...args]);
    const result = spawnSync(command, rest, { stdio: 'pipe' });
    if (result.status !== 0) throw new Error(`pg_ctl ${action} failed: ${result.stderr.toString()}${result.stdout.toString()}`);
  }

  stop(): Promise<void> {
    try {
      this.ctl('stop', ['-m', 'immediate', '-w']);
    } finally {
      rmSync(this.dir, { recursive: true, force: true });
    }
    return Promise.resolve();
  }
}
