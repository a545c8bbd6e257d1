import { bearer } from '../support/app';
import { eventually } from '../support/smtp-sink';
import { FaultStack, checkInvariants, startStack, treatyWithDueReminders } from './stack';

describe('the SMTP server refusing, timing out and accepting late', () => {
  let stack: FaultStack;
  beforeAll(async () => {
    stack = await startStack({
      workers: 1,
      sink: {
        // The first recipient is answered after 5 s (the worker gives up at 1 s), the third after 0.8 s (accepted late).
        recipientDelayMs: (n) => (n === 1 ? 5000 : n === 3 ? 800 : 0),
        // The first message that gets as far as DATA is refused for now.
        refuse: (attempt) => (attempt === 1 ? { code: 451, message: 'greylisted, try again later' } : null),
      },
      env: { SMTP_TIMEOUT_MS: '1000' },
    });
  });
  afterAll(() => stack.close());

  it('every reminder is delivered exactly once, the failed attempts retried and recorded', async () => {
    const { t, db } = stack;
    const officer = bearer(t.users.officer);
    const codes = ['KAZ', 'SEN', 'SAU'];
    await treatyWithDueReminders(stack, 'smtp', 'Convention of the unreliable mail', codes);
    expect(
      (
        await t
          .http()
          .post('/api/reminders/sweep')
          .set(...officer)
      ).body,
    ).toEqual({ enqueued: 3 });

    await eventually(
      async () => {
        const { rows } = await db.query(`SELECT count(*)::int AS n FROM deliveries WHERE status = 'sent'`);
        return rows[0].n === 3 ? true : undefined;
      },
      60_000,
      'three deliveries sent',
    );
    await checkInvariants(stack);
    const { rows } = await db.query(`SELECT attempts, last_error FROM deliveries ORDER BY attempts, id`);
    expect(rows.map((row) => row.attempts)).toEqual([1, 2, 2]);
    expect(stack.sink.messages).toHaveLength(3);
    expect(new Set(stack.sink.messages.map((mail) => mail.to[0])).size).toBe(3);
  });
});
