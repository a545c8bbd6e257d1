import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import request from 'supertest';
import { bearer, daysAgo } from '../support/app';
import { PrivatePostgres } from '../support/private-postgres';
import { ServiceProcess, processEnv, spawnService } from '../support/processes';
import { eventually } from '../support/smtp-sink';
import { FaultStack, startStack, treatyWithDueReminders } from './stack';

const ROOT = join(__dirname, '..', '..');

describe('a backup restored next to the Redis its original used, started with deliveries held', () => {
  let stack: FaultStack;
  const restored: ServiceProcess[] = [];
  let restoredDb: Client | undefined;
  beforeAll(async () => {
    stack = await startStack({ workers: 1 });
  });
  afterAll(async () => {
    await Promise.all(restored.map((process) => process.stop('SIGKILL')));
    await restoredDb?.end();
    await stack.close();
  });

  it('sends nothing until released; then what was pending goes once, and new e-mails are not swallowed by old job ids', async () => {
    const { t, db, pg, sink } = stack;
    const officer = bearer(t.users.officer);
    const reminders = (): number => sink.messages.filter((mail) => mail.subject.startsWith('Reminder:')).length;
    const sweep = async (api: ReturnType<typeof request>, expected: number): Promise<void> => {
      expect((await api.post('/api/reminders/sweep').set(...officer)).body).toEqual({ enqueued: expected });
    };

    // Sent before the dump.
    await treatyWithDueReminders(stack, 'before', 'Convention sent before the backup', ['KAZ', 'SEN', 'SAU']);
    await sweep(t.http(), 3);
    await eventually(() => (reminders() === 3 ? true : undefined), 30_000, 'three reminders before the dump');
    // Queued, not yet sent, when the dump is taken (no worker running).
    await stack.workers[0].stop('SIGKILL');
    await treatyWithDueReminders(stack, 'dumped', 'Convention queued at the backup', ['QAT', 'JOR', 'TUR']);
    await sweep(t.http(), 3);
    const dump = join(pg.dir, 'backup.dump');
    execFileSync(join(PrivatePostgres.bin(), 'pg_dump'), ['-Fc', '-f', dump, pg.url()]);
    // The original goes on: it sends the queued ones, and three more whose delivery ids the restored copy will reuse.
    await stack.spawnWorker();
    await treatyWithDueReminders(stack, 'after', 'Convention sent after the backup', ['EGY', 'MAR', 'TUN']);
    await sweep(t.http(), 3);
    await eventually(() => (reminders() === 9 ? true : undefined), 30_000, 'nine reminders from the original');
    await stack.workers[1].stop('SIGTERM');

    // The restore: another database of the same server, the same Redis and queue prefix.
    await db.query('CREATE DATABASE depositary_restored_test');
    const restoredUrl = pg.url('depositary_restored_test');
    execFileSync(join(PrivatePostgres.bin(), 'pg_restore'), ['-d', restoredUrl, dump]);
    const env = processEnv(t.config, { DATABASE_URL: restoredUrl, DELIVERIES_HELD: 'true' });
    const worker = await spawnService('worker', env);
    restored.push(worker);
    restoredDb = new Client({ connectionString: restoredUrl });
    await restoredDb.connect();
    await eventually(() => (/deliveries held since/.test(worker.output()) ? true : undefined), 30_000, 'the worker to report the hold');
    // The outbox of the dump is relayed, the send jobs run, and nothing goes out.
    await eventually(
      async () => {
        const { rows } = await restoredDb!.query(`SELECT count(*)::int AS n FROM outbox WHERE dispatched_at IS NULL`);
        return rows[0].n === 0 ? true : undefined;
      },
      30_000,
      'the restored outbox relayed',
    );
    await new Promise((resolve) => setTimeout(resolve, 5000));
    expect(reminders()).toBe(9);
    expect((await restoredDb.query(`SELECT count(*)::int AS n FROM deliveries WHERE status = 'queued'`)).rows[0].n).toBe(3);

    // Reviewed: release. The three queued at the dump go out (once), and nothing else.
    const released = execFileSync(process.execPath, [join(ROOT, 'dist', 'apps', 'worker', 'src', 'deliveries.js'), 'release'], {
      env,
    }).toString();
    expect(released).toMatch(/released: 3 deliveries queued again/);
    await eventually(() => (reminders() === 12 ? true : undefined), 30_000, 'the three held reminders after the release');
    expect(
      sink.messages
        .slice(9)
        .map((mail) => mail.to[0])
        .sort(),
    ).toEqual(['focal.jor@example.org', 'focal.qat@example.org', 'focal.tur@example.org']);

    // New e-mails of the restored copy reuse delivery ids that the original's completed jobs still hold in Redis.
    const api = await spawnService('api', { ...env, DELIVERIES_HELD: 'false' });
    restored.push(api);
    const restoredApi = request(api.url!);
    for (const code of ['EGY', 'MAR', 'TUN']) {
      await restoredApi
        .post(`/api/countries/${code}/focal-points`)
        .set(...officer)
        .send({ name: `Focal ${code}`, email: `focal.${code.toLowerCase()}@example.org`, language: 'en' })
        .expect(201);
    }
    await restoredApi
      .post('/api/treaties')
      .set(...officer)
      .send({
        slug: 'restored',
        title: 'Convention of the restored copy',
        openedForSignatureOn: '2019-01-01',
        entryIntoForce: { minimumParties: 3 },
        reminders: [{ status: 'invited', afterDays: 10, everyDays: 10, maxReminders: 1 }],
      })
      .expect(201);
    await restoredApi
      .post('/api/treaties/restored/participants')
      .set(...officer)
      .send({ countries: ['EGY', 'MAR', 'TUN'], invitedOn: daysAgo(30) })
      .expect(201);
    const { rows: reused } = await restoredDb.query(`SELECT last_value::int AS n FROM deliveries_id_seq`);
    await sweep(restoredApi, 3);
    const started = Date.now();
    await eventually(() => (reminders() === 15 ? true : undefined), 15_000, 'the restored copy’s new reminders, promptly');
    console.log(
      `restore drill: nothing sent while held; 3 released; new deliveries after id ${reused[0].n} (ids the original used) sent in ${Date.now() - started} ms`,
    );
    // The three released were sent by the original too, under the same Message-ID (recognisable as repeats):
    // 15 e-mails, 12 distinct.
    expect(new Set(sink.messages.map((mail) => String(mail.headers.get('message-id')))).size).toBe(12);
  });
});
