import { bearer } from '../support/app';
import { eventually } from '../support/smtp-sink';
import { FaultStack, checkInvariants, seedInvitedTreaty, startStack } from './stack';

describe('Redis killed in the middle of a reminder sweep and restarted empty, the worker staying up', () => {
  let stack: FaultStack;
  beforeAll(async () => {
    // A mail server that takes 10 ms per message keeps the sweep's e-mails going out for a few seconds.
    stack = await startStack({ workers: 1, sink: { recipientDelayMs: 10 } });
  });
  afterAll(() => stack.close());

  it('converges without a restart within 30 s: the treaty in force, each notice once, every reminder sent, a bounded log', async () => {
    const { t, db, redis, sink } = stack;
    const worker = stack.workers[0];
    const officer = bearer(t.users.officer);
    // Every country invited to a treaty with a reminder due, one focal point each: one reminder per country.
    const reminders = await seedInvitedTreaty(stack, { slug: 'reminded', title: 'Convention of the lost queue', maxReminders: 1 });

    await t
      .http()
      .post('/api/treaties')
      .set(...officer)
      .send({
        slug: 'lost',
        title: 'Protocol of the lost recompute',
        openedForSignatureOn: '2019-01-01',
        entryIntoForce: { minimumParties: 3 },
      })
      .expect(201);
    await t
      .http()
      .post('/api/treaties/lost/participants')
      .set(...officer)
      .send({ countries: ['KAZ', 'SEN', 'SAU'], invitedOn: '2019-01-01' })
      .expect(201);
    // The deposits that bring the treaty into force: their recompute waits in Redis for the record to be quiet.
    for (const [i, code] of ['KAZ', 'SEN', 'SAU'].entries())
      await t
        .http()
        .post(`/api/treaties/lost/participants/${code}/actions`)
        .set(...officer)
        .send({ action: 'accede', date: `2020-01-0${1 + i}` })
        .expect(201);
    const swept = await t
      .http()
      .post('/api/reminders/sweep')
      .set(...officer)
      .expect(200);
    expect(swept.body).toEqual({ enqueued: reminders });

    // Killed once the sweep's e-mails are going out.
    await eventually(() => (sink.messages.length >= 20 ? true : undefined), 30_000, 'the first reminders sent');
    await redis.stop();
    const sentAtKill = sink.messages.length;
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const logBefore = worker.output().length;
    await redis.start();
    const restartedAt = Date.now();

    let state = '';
    await eventually(
      async () => {
        const treaty = (await db.query(`SELECT status FROM treaties WHERE slug = 'lost'`)).rows[0];
        const sent = (await db.query(`SELECT count(*)::int AS n FROM deliveries WHERE status = 'sent'`)).rows[0].n;
        const all = (await db.query(`SELECT count(*)::int AS n FROM deliveries`)).rows[0].n;
        const outbox = (await db.query(`SELECT count(*)::int AS n FROM outbox WHERE dispatched_at IS NULL`)).rows[0].n;
        state = `treaty ${treaty.status}, ${sent} of ${all} deliveries sent (${reminders + 2} expected), ${outbox} outbox rows pending`;
        return treaty.status === 'in_force' && sent === all && all === reminders + 2 ? true : undefined;
      },
      30_000,
      'the treaty in force and every e-mail sent, within 30 s of Redis coming back',
    ).catch((error: Error) => {
      const reconciles = worker
        .output()
        .split('\n')
        .filter((line) => /reconcile|Redis restarted/.test(line))
        .join('\n');
      throw new Error(`${error.message}: ${state}; the worker's reconcile passes:\n${reconciles}`);
    });
    const convergedMs = Date.now() - restartedAt;
    const logBytes = worker.output().length - logBefore;
    console.log(
      `Redis lost mid-sweep: ${sentAtKill} of ${reminders} reminders sent when Redis died; converged ${convergedMs} ms after it came back ` +
        `(no restart); the worker logged ${logBytes} bytes meanwhile, ${worker.output().length} in all`,
    );
    expect(worker.child.exitCode).toBeNull();
    expect(logBytes).toBeLessThan(20_000);
    expect(worker.output().length).toBeLessThan(100_000);

    await checkInvariants(stack);
    expect(sink.messages.filter((mail) => mail.subject.startsWith('Reminder:'))).toHaveLength(reminders);
    expect(sink.messages.filter((mail) => mail.subject.startsWith('Threshold met'))).toHaveLength(1);
    expect(sink.messages.filter((mail) => mail.subject.startsWith('In force'))).toHaveLength(1);
  });
});
