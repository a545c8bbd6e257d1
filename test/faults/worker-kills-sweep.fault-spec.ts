import { bearer } from '../support/app';
import { eventually } from '../support/smtp-sink';
import { FaultStack, checkInvariants, seedInvitedTreaty, startStack } from './stack';

const KILLS = 5;
const FOCAL_POINTS_PER_COUNTRY = 8;

describe('a worker killed five times with SIGKILL during a sweep of 2,000 reminders', () => {
  let stack: FaultStack;
  beforeAll(async () => {
    // Two workers; a mail server taking 50 ms per message, so that each kill lands among sends in progress. The
    // workers' pools hold a connection for each mail job and a few more (see the README): with 8, the marks waited
    // for a connection and 4 to 10 e-mails went out twice per five kills; with 20, 0 to 4.
    stack = await startStack({
      workers: 2,
      sink: { recipientDelayMs: 50 },
      env: { DELIVERY_LEASE_SECONDS: '10', DATABASE_POOL_SIZE: '20' },
    });
  });
  afterAll(() => stack.close());

  it('every reminder is delivered, and at most one e-mail goes out twice per kill', async () => {
    const { t, db, sink } = stack;
    const reminders = await seedInvitedTreaty(
      stack,
      { slug: 'killed', title: 'Convention of the five kills', maxReminders: 1 },
      FOCAL_POINTS_PER_COUNTRY,
    );
    expect(reminders).toBeGreaterThanOrEqual(2000);

    const swept = await t
      .http()
      .post('/api/reminders/sweep')
      .set(...bearer(t.users.officer))
      .expect(200);
    expect(swept.body).toEqual({ enqueued: reminders });

    // Kill a worker each time another sixth of the reminders has gone out, and start a new one in its place.
    const killedAt: number[] = [];
    for (let kill = 1; kill <= KILLS; kill++) {
      await eventually(
        () => (sink.messages.length >= (reminders * kill) / (KILLS + 1) ? true : undefined),
        120_000,
        `a ${kill}/${KILLS + 1} share of the reminders sent`,
      );
      // At a moment of its own, not right after the sink took a message (this process is the sink: a kill sent from
      // the callback that saw a message arrive would always land between that message's acceptance and its mark).
      await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 250));
      const victim = stack.workers.find((worker) => worker.child.exitCode === null && worker.child.signalCode === null)!;
      await victim.stop('SIGKILL');
      killedAt.push(sink.messages.length);
      await stack.spawnWorker();
    }

    await eventually(
      async () => {
        const { rows } = await db.query(`SELECT count(*)::int AS n FROM deliveries WHERE kind = 'reminder' AND status = 'sent'`);
        return rows[0].n === reminders ? true : undefined;
      },
      120_000,
      'every reminder sent',
    );
    const byDelivery = new Map<string, number>();
    for (const mail of sink.messages) {
      const id = String(mail.headers.get('x-depositary-delivery'));
      byDelivery.set(id, (byDelivery.get(id) ?? 0) + 1);
    }
    const repeats = [...byDelivery.values()].reduce((sum, count) => sum + count - 1, 0);
    console.log(
      `${KILLS} worker kills during a sweep of ${reminders} reminders (at ${killedAt.join(', ')} sent): ` +
        `${repeats} sent twice, ${byDelivery.size} distinct delivered`,
    );
    expect(byDelivery.size).toBe(reminders);
    await checkInvariants(stack, { repeatsAllowed: KILLS });
  });
});
