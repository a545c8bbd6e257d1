import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
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

  static async start(options: { maxConnections?: number } = {}): Promise<PrivatePostgres> {
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
      `-p ${server.port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=${options.maxConnections ?? 200}`,
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

  /** Every process of the cluster: the postmaster and all its children (backends, checkpointer, ...). */
  private pids(): number[] {
    const postmaster = Number(readFileSync(join(this.dir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0]);
    const children = readdirSync('/proc')
      .filter((name) => /^\d+$/.test(name))
      .filter((pid) => {
        try {
          // /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may hold spaces, so read after the last ')'.
          const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
          return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === postmaster;
        } catch {
          return false;
        }
      })
      .map(Number);
    return [postmaster, ...children];
  }

  /** Freezes the server (SIGSTOP to every process of it): connections stay open, nothing answers. */
  freeze(): void {
    for (const pid of this.pids()) process.kill(pid, 'SIGSTOP');
  }

  thaw(): void {
    for (const pid of this.pids()) process.kill(pid, 'SIGCONT');
  }

  /** The directory of the server's binaries (pg_dump, psql). */
  static bin(): string {
    return binaries();
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
