import { bearer, daysAgo } from '../support/app';
import { eventually } from '../support/smtp-sink';
import { FaultStack, checkInvariants, startStack, treatyWithDueReminders } from './stack';

describe('a worker killed with SIGKILL', () => {
  let stack: FaultStack;
  beforeAll(async () => {
    // A slow mail server keeps each send in the middle of its SMTP dialogue for two seconds.
    stack = await startStack({ workers: 1, sink: { recipientDelayMs: 2000 }, env: { DELIVERY_LEASE_SECONDS: '3' } });
  });
  afterAll(() => stack.close());

  it('during a send, a sweep and a recompute: another worker finishes the work, and nothing is sent twice', async () => {
    const { t, db } = stack;
    const officer = bearer(t.users.officer);
    const codes = ['KAZ', 'SEN', 'SAU', 'QAT', 'JOR', 'TUR'];
    await treatyWithDueReminders(stack, 'killed', 'Agreement of the killed worker', codes);

    // The sweep queues six reminders; the worker starts sending; it is killed in the middle of the first send.
    expect(
      (
        await t
          .http()
          .post('/api/reminders/sweep')
          .set(...officer)
      ).body,
    ).toEqual({ enqueued: 6 });
    await eventually(
      async () => {
        const { rows } = await db.query(`SELECT count(*)::int AS n FROM deliveries WHERE status = 'sending'`);
        return rows[0].n > 0 ? true : undefined;
      },
      15_000,
      'a send to begin',
    );
    await stack.workers[0].stop('SIGKILL');

    // Deposits recorded with no worker, then a new worker killed as soon as it is up (mid-recompute or relay).
    for (const code of ['KAZ', 'SEN', 'SAU'])
      await t
        .http()
        .post(`/api/treaties/killed/participants/${code}/actions`)
        .set(...officer)
        .send({ action: 'accede', date: daysAgo(5) })
        .expect(201);
    const short = await stack.spawnWorker();
    await new Promise((resolve) => setTimeout(resolve, 300));
    await short.stop('SIGKILL');

    await stack.spawnWorker();
    const status = await eventually(
      async () => {
        const body = (
          await t
            .http()
            .get('/api/treaties/killed/status')
            .set(...officer)
        ).body;
        return body.status === 'in_force' && body.counts.member === 3 ? body : undefined;
      },
      40_000,
      'entry into force',
    );
    expect(status).toMatchObject({ threshold: { metOn: daysAgo(5) }, entryIntoForceOn: daysAgo(5) });
    await eventually(
      () => (stack.sink.messages.filter((mail) => mail.subject.startsWith('Reminder:')).length === 6 ? true : undefined),
      60_000,
      'six reminders',
    );
    await checkInvariants(stack);
    expect(stack.sink.messages.filter((mail) => mail.subject.startsWith('Reminder:'))).toHaveLength(6);
    expect(stack.sink.messages.filter((mail) => mail.subject.startsWith('Threshold met'))).toHaveLength(1);
  });
});
