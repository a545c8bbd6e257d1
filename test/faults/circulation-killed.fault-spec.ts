import { bearer } from '../support/app';
import { eventually } from '../support/smtp-sink';
import { FaultStack, checkInvariants, seedInvitedTreaty, startStack } from './stack';

describe('a worker killed with SIGKILL while it circulates a depositary notification', () => {
  let stack: FaultStack;
  beforeAll(async () => {
    // A slow mail server keeps each send in its SMTP dialogue a while, so that the kill lands in the middle.
    stack = await startStack({ workers: 3, sink: { recipientDelayMs: 200 }, env: { DELIVERY_LEASE_SECONDS: '3' } });
  });
  afterAll(() => stack.close());

  it('every focal point of every invited state receives it once (bar the e-mails the dead worker had in flight)', async () => {
    const { t, db, sink } = stack;
    const officer = bearer(t.users.officer);
    const focalPoints = await seedInvitedTreaty(stack, { slug: 'circulated', title: 'Convention circulated', maxReminders: 1 });
    const draft = await t
      .http()
      .post('/api/depositary-notifications')
      .set(...officer)
      .send({ treaty: 'circulated', subject: 'Correction of the French text', text: { en: 'The French text of article 3 reads ...' } })
      .expect(201);
    const issued = await t
      .http()
      .post(`/api/depositary-notifications/${draft.body.id}/issue`)
      .set(...officer)
      .expect(200);
    const number = issued.body.number as string;
    await eventually(
      async () => {
        const { rows } = await db.query(
          `SELECT count(*)::int AS n FROM deliveries WHERE kind = 'depositary_notification' AND status = 'sent'`,
        );
        return rows[0].n >= 20 ? true : undefined;
      },
      30_000,
      'the circulation under way',
    );
    await stack.workers[0].stop('SIGKILL');

    const mails = () => sink.messages.filter((mail) => mail.subject.startsWith(`${number}:`));
    await eventually(
      () => (new Set(mails().map((mail) => mail.to[0])).size === focalPoints ? true : undefined),
      90_000,
      'every focal point',
    );
    await checkInvariants(stack, { repeatsAllowed: 5 });
    const { rows } = await db.query(
      `SELECT count(*)::int AS deliveries, count(DISTINCT recipient)::int AS recipients FROM deliveries WHERE depositary_notification_id = $1`,
      [draft.body.id],
    );
    expect(rows[0]).toEqual({ deliveries: focalPoints, recipients: focalPoints });
    const repeats = mails().length - focalPoints;
    console.log(`circulation of ${focalPoints} e-mails, one worker of three killed: ${repeats} sent twice`);
    expect(repeats).toBeLessThanOrEqual(5);
  });
});
