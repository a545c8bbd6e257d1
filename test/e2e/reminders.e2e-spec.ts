import { INestApplicationContext } from '@nestjs/common';
import { Client } from 'pg';
import { TestApp, bearer, daysAgo, startTestApp, startWorker } from '../support/app';
import { SmtpSink, eventually, startSmtpSink } from '../support/smtp-sink';
import { DeliveryRetry, DeliverySender } from '@depositary/notifications';

const POLICIES = [
  { status: 'invited', afterDays: 90, everyDays: 30, maxReminders: 2 },
  { status: 'signed', afterDays: 365, everyDays: 180, maxReminders: 1 },
];

async function setUp(
  t: TestApp,
  slug: string,
  participants: { code: string; invitedDaysAgo: number; signedDaysAgo?: number }[],
): Promise<void> {
  const officer = bearer(t.users.officer);
  await t
    .http()
    .post('/api/treaties')
    .set(...officer)
    .send({
      slug,
      title: 'Statute of Reminders',
      depositary: 'The Secretary-General',
      openedForSignatureOn: '2020-01-01',
      entryIntoForce: { minimumParties: 10 },
      reminders: POLICIES,
    })
    .expect(201);
  for (const p of participants) {
    await t
      .http()
      .post(`/api/treaties/${slug}/participants`)
      .set(...officer)
      .send({ countries: [p.code], invitedOn: daysAgo(p.invitedDaysAgo) })
      .expect(201);
    if (p.signedDaysAgo !== undefined)
      await t
        .http()
        .post(`/api/treaties/${slug}/participants/${p.code}/actions`)
        .set(...officer)
        .send({ action: 'sign', date: daysAgo(p.signedDaysAgo) })
        .expect(201);
  }
}

async function addFocalPoint(t: TestApp, code: string, language: 'en' | 'fr' | 'ar', active = true): Promise<string> {
  const officer = bearer(t.users.officer);
  const created = await t
    .http()
    .post(`/api/countries/${code}/focal-points`)
    .set(...officer)
    .send({ name: `Focal ${code}`, email: `focal.${code.toLowerCase()}.${language}@example.org`, language })
    .expect(201);
  if (!active)
    await t
      .http()
      .patch(`/api/countries/${code}/focal-points/${created.body.id}`)
      .set(...officer)
      .send({ active: false })
      .expect(200);
  return created.body.email as string;
}

/**
 * One reminder due for `code`, swept, with a worker sending it to an SMTP server that behaves as `server`
 * says; `check` runs against that stack, which is torn down afterwards.
 */
async function withOneReminderTo(
  code: string,
  language: 'en' | 'fr' | 'ar',
  server: Parameters<typeof startSmtpSink>[0] & { env?: Record<string, string> },
  check: (t: TestApp, sink: SmtpSink, worker: INestApplicationContext) => Promise<void>,
): Promise<void> {
  const sink = await startSmtpSink(server);
  const t = await startTestApp({ env: { SMTP_URL: sink.url, ...server.env } });
  const worker = await startWorker(t);
  try {
    await setUp(t, `one-reminder-${code.toLowerCase()}`, [{ code, invitedDaysAgo: 100 }]);
    await addFocalPoint(t, code, language);
    const swept = await t
      .http()
      .post('/api/reminders/sweep')
      .set(...bearer(t.users.officer));
    expect(swept.body).toEqual({ enqueued: 1 });
    await check(t, sink, worker);
  } finally {
    await worker.close();
    await t.close();
    await sink.close();
  }
}

describe('reminders to focal points', () => {
  let sink: SmtpSink;
  let t: TestApp;
  let worker: INestApplicationContext;
  let db: Client;
  const sweep = async (): Promise<number> => {
    const response = await t
      .http()
      .post('/api/reminders/sweep')
      .set(...bearer(t.users.officer));
    expect(response.status).toBe(200);
    return response.body.enqueued as number;
  };

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await startTestApp({ env: { SMTP_URL: sink.url } });
    worker = await startWorker(t);
    db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
    await setUp(t, 'reminded', [
      { code: 'KAZ', invitedDaysAgo: 130 },
      { code: 'SEN', invitedDaysAgo: 130 },
      { code: 'SAU', invitedDaysAgo: 130 },
      { code: 'QAT', invitedDaysAgo: 10 },
      { code: 'EGY', invitedDaysAgo: 100 },
      { code: 'TUR', invitedDaysAgo: 100 },
      { code: 'JOR', invitedDaysAgo: 400, signedDaysAgo: 370 },
      { code: 'OMN', invitedDaysAgo: 400, signedDaysAgo: 100 },
    ]);
    await addFocalPoint(t, 'KAZ', 'en');
    await addFocalPoint(t, 'SEN', 'fr');
    await addFocalPoint(t, 'SAU', 'ar');
    await addFocalPoint(t, 'QAT', 'en');
    await addFocalPoint(t, 'TUR', 'en', false);
    await addFocalPoint(t, 'JOR', 'en');
    await addFocalPoint(t, 'OMN', 'fr');
  });
  afterAll(async () => {
    await db.end();
    await worker.close();
    await t.close();
    await sink.close();
  });

  const mailTo = (code: string) => sink.messages.filter((mail) => mail.to.some((to) => to.startsWith(`focal.${code.toLowerCase()}.`)));

  it('sends the due reminders, one per active focal point, in its language, and nothing to the not-due', async () => {
    expect(await sweep()).toBe(4); // KAZ, SEN, SAU (invited 130 days ≥ 90) and JOR (signed 370 days ≥ 365)
    await eventually(() => (sink.messages.length >= 4 ? true : undefined), 20_000, 'four reminders');
    expect(mailTo('QAT')).toHaveLength(0); // invited 10 days ago: not yet
    expect(mailTo('EGY')).toHaveLength(0); // no focal point
    expect(mailTo('TUR')).toHaveLength(0); // only an inactive focal point
    expect(mailTo('OMN')).toHaveLength(0); // signed 100 days ago: not yet

    const [en] = mailTo('KAZ');
    expect(en.subject).toBe('Reminder: Kazakhstan is invited to sign the Statute of Reminders');
    expect(en.text).toContain(`invited to the Statute of Reminders since ${daysAgo(130)}`);
    expect(en.text).toContain('0 of the 10 instruments required for entry into force have been deposited');
    expect(en.text).toContain('The Secretary-General');
    expect(en.html).toContain('dir="ltr"');

    const [fr] = mailTo('SEN');
    expect(fr.subject).toBe('Rappel : Sénégal est invité(e) à signer le Statute of Reminders');
    expect(fr.text).toContain('auprès du dépositaire');

    const [ar] = mailTo('SAU');
    expect(ar.subject).toMatch(/^تذكير: /);
    expect(ar.subject).toContain('السعودية');
    expect(ar.html).toContain('dir="rtl"');
    expect(ar.html).toContain('lang="ar"');

    const [signed] = mailTo('JOR');
    expect(signed.subject).toBe('Reminder: Jordan may now deposit its instrument for the Statute of Reminders');
    expect(signed.text).toContain('instrument of ratification, acceptance or approval');
  });

  it('a second sweep sends nothing', async () => {
    expect(await sweep()).toBe(0);
  });

  it('the next reminder comes everyDays later, and none past maxReminders', async () => {
    await db.query(`UPDATE deliveries SET created_at = created_at - interval '31 days' WHERE kind = 'reminder' AND country_code = 'KAZ'`);
    expect(await sweep()).toBe(1); // invited 130 days ≥ 90 + 1 × 30, and the last one 31 days ago
    await eventually(() => (mailTo('KAZ').length === 2 ? true : undefined), 20_000, 'the second reminder');
    expect(mailTo('KAZ')[1].text).toContain('reminder no. 2');
    await db.query(`UPDATE deliveries SET created_at = created_at - interval '60 days' WHERE kind = 'reminder' AND country_code = 'KAZ'`);
    expect(await sweep()).toBe(0); // maxReminders 2
  });

  it('two sweeps at once send nothing twice', async () => {
    await db.query(
      `UPDATE deliveries SET created_at = created_at - interval '31 days' WHERE kind = 'reminder' AND country_code IN ('SEN', 'SAU')`,
    );
    const [a, b] = await Promise.all([sweep(), sweep()]);
    expect(a + b).toBe(2);
    await eventually(() => (mailTo('SEN').length === 2 && mailTo('SAU').length === 2 ? true : undefined), 20_000, 'second reminders');
    const { rows } = await db.query(`SELECT key, count(*)::int AS n FROM deliveries GROUP BY key HAVING count(*) > 1`);
    expect(rows).toEqual([]);
  });

  it('lists the delivery records for officers and auditors, filtered', async () => {
    const response = await t
      .http()
      .get('/api/notifications?kind=reminder&country=kaz')
      .set(...bearer(t.users.auditor));
    expect(response.status).toBe(200);
    expect(response.body.items).toHaveLength(2);
    expect(response.body.items[0]).toMatchObject({
      kind: 'reminder',
      country: 'KAZ',
      treaty: 'reminded',
      status: 'sent',
      attempts: 1,
      lastError: null,
      reminder: { status: 'invited', number: 1 },
    });
    expect(response.body.items[0].messageId).toMatch(/@/);
    const sent = await t
      .http()
      .get('/api/notifications?status=sent')
      .set(...bearer(t.users.officer));
    expect(sent.body.items.length).toBeGreaterThanOrEqual(7);
    expect(
      (
        await t
          .http()
          .get('/api/notifications?status=lost')
          .set(...bearer(t.users.officer))
      ).status,
    ).toBe(400);
    const unknownKind = await t
      .http()
      .get('/api/notifications?kind=notice.unheard_of')
      .set(...bearer(t.users.officer));
    expect(unknownKind.status).toBe(400);
    expect(unknownKind.body.message).toContain('must be one of reminder, depositary_notification, notice.threshold_met');
    expect(
      (
        await t
          .http()
          .get('/api/notifications')
          .set(...bearer(t.users.focal_point))
      ).status,
    ).toBe(403);
    expect(
      (
        await t
          .http()
          .post('/api/reminders/sweep')
          .set(...bearer(t.users.auditor))
      ).status,
    ).toBe(403);
  });

  it('each e-mail carries its delivery as Message-ID, the one the record keeps', async () => {
    const { rows } = await db.query<{ id: number; message_id: string }>(
      `SELECT id, message_id FROM deliveries WHERE kind = 'reminder' AND country_code = 'KAZ' ORDER BY id`,
    );
    expect(rows).toHaveLength(2);
    expect(mailTo('KAZ').map((mail) => mail.headers.get('message-id'))).toEqual(rows.map((row) => row.message_id));
    for (const row of rows) expect(row.message_id).toMatch(new RegExp(`^<delivery-${row.id}\\.[0-9a-z]+@localhost>$`));
    expect(new Set(rows.map((row) => row.message_id)).size).toBe(2);
  });

  it('one delivery sent by two workers at once, six times each, goes out once', async () => {
    const second = await startWorker(t);
    try {
      const [{ id }] = (
        await db.query<{ id: number }>(
          `UPDATE deliveries SET status = 'queued', updated_at = now()
           WHERE id = (SELECT max(id) FROM deliveries WHERE kind = 'reminder' AND country_code = 'SAU') RETURNING id`,
        )
      ).rows;
      const before = mailTo('SAU').length;
      const senders = [worker, second].map((context) => context.get(DeliverySender, { strict: false }));
      const outcomes = await Promise.allSettled(senders.flatMap((sender) => Array.from({ length: 6 }, () => sender.deliver(Number(id)))));
      const answers = outcomes.map((outcome) =>
        outcome.status === 'fulfilled' ? outcome.value : (outcome.reason as Error).constructor.name,
      );
      expect(answers.filter((answer) => answer === 'sent')).toHaveLength(1);
      expect(answers.filter((answer) => answer !== 'sent' && answer !== 'skipped' && answer !== 'DeliveryRetry')).toEqual([]);
      await eventually(() => (mailTo('SAU').length > before ? true : undefined), 20_000, 'the re-queued reminder');
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(mailTo('SAU')).toHaveLength(before + 1);
      const { rows } = await db.query(`SELECT status, attempts FROM deliveries WHERE id = $1`, [id]);
      expect(rows[0]).toEqual({ status: 'sent', attempts: 2 });
    } finally {
      await second.close();
    }
  });

  it('job payloads carry ids, not personal data: the delivery and the request that queued it', async () => {
    const { rows } = await db.query(`SELECT payload::text AS payload FROM outbox WHERE topic = 'delivery.created'`);
    expect(rows.length).toBeGreaterThan(0);
    for (const { payload } of rows) expect(payload).toMatch(/^\{"requestId": ("[A-Za-z0-9._~,-]+"|null), "deliveryId": \d+\}$/);
  });
});

describe('a mail server that refuses twice with 451', () => {
  it('is retried with back-off: the third attempt is delivered and the record shows 3 attempts', () =>
    withOneReminderTo(
      'KAZ',
      'en',
      { refuse: (attempt) => (attempt <= 2 ? { code: 451, message: 'try again later' } : null) },
      async (t, sink) => {
        const record = await eventually(
          async () => {
            const items = (
              await t
                .http()
                .get('/api/notifications?kind=reminder')
                .set(...bearer(t.users.officer))
            ).body.items;
            return items[0]?.status === 'sent' ? items[0] : undefined;
          },
          30_000,
          'the delivery after two refusals',
        );
        expect(record).toMatchObject({ status: 'sent', attempts: 3, lastError: null });
        expect(sink.attempts()).toBe(3);
        expect(sink.messages).toHaveLength(1);
      },
    ));
});

describe('a mail server that refuses for good with 550', () => {
  it('marks the delivery dead at once and tells depositary staff', () =>
    withOneReminderTo(
      'SEN',
      'fr',
      { refuse: (attempt) => (attempt === 1 ? { code: 550, message: 'no such mailbox' } : null) },
      async (t, sink) => {
        const notice = await eventually(
          () => sink.messages.find((mail) => mail.subject.startsWith('Undelivered:')),
          30_000,
          'the notice to staff',
        );
        expect(notice.to).toEqual([t.users.officer.email]);
        expect(notice.text).toContain('no such mailbox');
        const dead = (
          await t
            .http()
            .get('/api/notifications?status=dead')
            .set(...bearer(t.users.officer))
        ).body.items;
        expect(dead).toHaveLength(1);
        expect(dead[0]).toMatchObject({ kind: 'reminder', country: 'SEN', attempts: 1, status: 'dead' });
        expect(dead[0].lastError).toContain('no such mailbox');
      },
    ));
});

describe('a mail server slower than the delivery lease', () => {
  it('the sending worker keeps its lease: the delivery cannot be taken over meanwhile, and goes out once', () =>
    withOneReminderTo('KAZ', 'en', { recipientDelayMs: 5000, env: { DELIVERY_LEASE_SECONDS: '2' } }, async (t, sink, worker) => {
      const db = new Client({ connectionString: t.databaseUrl });
      await db.connect();
      try {
        const sending = async (): Promise<number | undefined> =>
          (await db.query<{ id: number }>(`SELECT id FROM deliveries WHERE kind = 'reminder' AND status = 'sending'`)).rows[0]?.id;
        const id = Number(await eventually(sending, 10_000, 'the send under way'));
        await new Promise((resolve) => setTimeout(resolve, 3000)); // past the 2 s lease it was claimed with
        expect(await sending()).toBe(id);
        await expect(worker.get(DeliverySender, { strict: false }).deliver(id)).rejects.toBeInstanceOf(DeliveryRetry);
        await eventually(() => (sink.messages.length ? true : undefined), 20_000, 'the reminder');
        await new Promise((resolve) => setTimeout(resolve, 500));
        expect(sink.messages).toHaveLength(1);
        const { rows } = await db.query(`SELECT status, attempts FROM deliveries WHERE id = $1`, [id]);
        expect(rows[0]).toEqual({ status: 'sent', attempts: 1 });
      } finally {
        await db.end();
      }
    }));
});
