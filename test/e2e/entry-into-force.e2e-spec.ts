import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { TestApp, bearer, startTestApp, startWorker } from '../support/app';
import { SmtpSink, eventually, startSmtpSink } from '../support/smtp-sink';

interface RecordFile {
  treaty: Record<string, unknown> & { slug: string };
  invited: { countries: string[]; invitedOn: string };
  actions: { country: string; action: string; date: string; note?: string }[];
  expected: { status: string; thresholdMetOn: string; entryIntoForceOn: string; members: number; signedNotRatified: number };
}

const IOFS = JSON.parse(readFileSync(join(__dirname, '..', '..', 'apps', 'dev', 'src', 'iofs-statute.json'), 'utf8')) as RecordFile;
const EXTRA_RECIPIENT = 'legal-desk@depositary.example';

/** A deterministic shuffle that keeps each country's own acts in order (a ratification needs its signature first). */
function scrambled<T extends { country: string }>(items: readonly T[], seed: number): T[] {
  let state = seed;
  const random = (): number => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const queues = new Map<string, T[]>();
  for (const item of items) queues.set(item.country, [...(queues.get(item.country) ?? []), item]);
  const out: T[] = [];
  while (queues.size) {
    const countries = [...queues.keys()];
    const country = countries[Math.floor(random() * countries.length)];
    const queue = queues.get(country)!;
    out.push(queue.shift()!);
    if (!queue.length) queues.delete(country);
  }
  return out;
}

const subjects = (sink: SmtpSink, recipient: string, pattern: RegExp): string[] =>
  sink.messages.filter((mail) => mail.to.includes(recipient) && pattern.test(mail.subject)).map((mail) => mail.subject);

describe('entry into force, found by the worker from the record', () => {
  let sink: SmtpSink;
  let t: TestApp;
  let db: Client;

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await startTestApp({ env: { SMTP_URL: sink.url, DEPOSITARY_EMAILS: EXTRA_RECIPIENT } });
    db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
  });
  afterAll(async () => {
    await db.end();
    await t.close();
    await sink.close();
  });

  const officer = (): [string, string] => bearer(t.users.officer);
  const status = async (slug: string) =>
    (
      await t
        .http()
        .get(`/api/treaties/${slug}/status`)
        .set(...officer())
    ).body;

  it('the IOFS record posted in a scrambled order: in force on 2018-02-19, 12 members, 30 signatories, one notice of each kind', async () => {
    const slug = IOFS.treaty.slug;
    expect(
      (
        await t
          .http()
          .post('/api/treaties')
          .set(...officer())
          .send(IOFS.treaty)
      ).status,
    ).toBe(201);
    expect(
      (
        await t
          .http()
          .post(`/api/treaties/${slug}/participants`)
          .set(...officer())
          .send({ countries: IOFS.invited.countries, invitedOn: IOFS.invited.invitedOn })
      ).status,
    ).toBe(201);
    const order = scrambled(IOFS.actions, 20180219);
    expect(order.map((a) => a.country)).not.toEqual(IOFS.actions.map((a) => a.country));
    for (const act of order) {
      const response = await t
        .http()
        .post(`/api/treaties/${slug}/participants/${act.country}/actions`)
        .set(...officer())
        .send({ action: act.action, date: act.date, ...(act.note ? { note: act.note } : {}) });
      expect(response.status).toBe(201);
    }

    const worker = await startWorker(t);
    try {
      const final = await eventually(async () => {
        const body = await status(slug);
        return body.status === 'in_force' && body.counts.member === IOFS.expected.members ? body : undefined;
      }, 30_000);
      expect(final).toMatchObject({
        status: IOFS.expected.status,
        threshold: { required: 10, current: 12, met: true, metOn: IOFS.expected.thresholdMetOn },
        entryIntoForceOn: IOFS.expected.entryIntoForceOn,
        counts: { member: 12, ratified: 0, signed: IOFS.expected.signedNotRatified },
      });
      expect(final.explanation).toBe(
        'The 10th instrument, deposited by United Arab Emirates on 2018-02-19, met the threshold; the Statute entered into force that day.',
      );
      for (const recipient of [t.users.officer.email, EXTRA_RECIPIENT]) {
        await eventually(() => (subjects(sink, recipient, /^In force/).length ? true : undefined), 15_000, `notices to ${recipient}`);
        expect(subjects(sink, recipient, /^Threshold met/)).toEqual([
          'Threshold met: Statute of the Islamic Organization for Food Security enters into force on 2018-02-19',
        ]);
        expect(subjects(sink, recipient, /^In force/)).toHaveLength(1);
      }
      const notice = sink.messages.find((mail) => /^Threshold met/.test(mail.subject))!;
      expect(notice.text).toContain('2018-02-19');
      expect(notice.text).toContain('United Arab Emirates (ARE)');

      // Admission is an event by `system`, dated the entry into force.
      const kaz = (
        await t
          .http()
          .get(`/api/treaties/${slug}/participants/KAZ`)
          .set(...officer())
      ).body;
      expect(kaz).toMatchObject({ status: 'member', memberSince: '2018-02-19' });
      expect(kaz.events.at(-1)).toMatchObject({ action: 'admit', actor: 'system', date: '2018-02-19', from: 'ratified', to: 'member' });
      const egy = (
        await t
          .http()
          .get(`/api/treaties/${slug}/participants/EGY`)
          .set(...officer())
      ).body;
      expect(egy.memberSince).toBe('2019-05-12'); // a later party joins on its own deposit (laterParties defaults to {})
    } finally {
      await worker.close();
    }
  });

  it('a worker restarted later sends nothing again', async () => {
    const before = sink.messages.length;
    const worker = await startWorker(t);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await worker.close();
    expect(sink.messages.length).toBe(before);
    const { rows } = await db.query(`SELECT kind, count(*)::int AS n FROM treaty_events GROUP BY kind ORDER BY kind`);
    expect(rows).toEqual([
      { kind: 'entered_into_force', n: 1 },
      { kind: 'threshold_met', n: 1 },
    ]);
  });

  it('once in force, a member cannot be corrected, and a later withdrawal and its correction leave the date alone', async () => {
    const worker = await startWorker(t);
    try {
      const response = await t
        .http()
        .post('/api/treaties/iofs-statute/participants/ARE/actions')
        .set(...officer())
        .send({ action: 'correct', reason: 'test: the instrument of the UAE was deposited in error' });
      expect(response.status).toBe(409); // ARE is a member now: admission is not a person's act to correct
      const withdrawal = await t
        .http()
        .post('/api/treaties/iofs-statute/participants/QAT/actions')
        .set(...officer())
        .send({ action: 'withdraw', date: '2018-02-20' });
      expect(withdrawal.status).toBe(201);
      // A withdrawal after entry into force does not move the date: no review.
      const correction = await t
        .http()
        .post('/api/treaties/iofs-statute/participants/QAT/actions')
        .set(...officer())
        .send({ action: 'correct', reason: 'the withdrawal was recorded for the wrong country' });
      expect(correction.status).toBe(201);
      const afterCorrection = await status('iofs-statute');
      expect(afterCorrection).toMatchObject({ status: 'in_force', entryIntoForceOn: '2018-02-19' });
    } finally {
      await worker.close();
    }
  });

  it('a back-dated deposit recorded after entry into force is sent for legal review, the date unchanged', async () => {
    const slug = 'review-me';
    const countries = ['KAZ', 'SEN', 'SAU'];
    await t
      .http()
      .post('/api/treaties')
      .set(...officer())
      .send({
        slug,
        title: 'Convention to review',
        openedForSignatureOn: '2010-01-01',
        entryIntoForce: { minimumParties: 2, entersIntoForce: {} },
      });
    await t
      .http()
      .post(`/api/treaties/${slug}/participants`)
      .set(...officer())
      .send({ countries, invitedOn: '2010-01-01' });
    const act = (code: string, action: string, date: string) =>
      t
        .http()
        .post(`/api/treaties/${slug}/participants/${code}/actions`)
        .set(...officer())
        .send({ action, date });
    expect((await act('KAZ', 'accede', '2015-01-01')).status).toBe(201);
    expect((await act('SEN', 'accede', '2016-01-01')).status).toBe(201);
    const worker = await startWorker(t);
    try {
      await eventually(async () => ((await status(slug)).status === 'in_force' ? true : undefined));
      expect((await act('SAU', 'accede', '2012-01-01')).status).toBe(201);
      await eventually(
        () => (subjects(sink, t.users.officer.email, /^For legal review/).length ? true : undefined),
        15_000,
        'the review notice',
      );
      const review = sink.messages.find((mail) => /^For legal review/.test(mail.subject))!;
      expect(review.subject).toBe('For legal review: a recorded change would move the entry into force of Convention to review');
      expect(review.text).toContain('entry into force on 2015-01-01');
      expect(await status(slug)).toMatchObject({ status: 'in_force', threshold: { metOn: '2016-01-01' }, entryIntoForceOn: '2016-01-01' });
      const { rows } = await db.query(
        `SELECT count(*)::int AS n FROM treaty_events e JOIN treaties t ON t.id = e.treaty_id WHERE t.slug = $1 AND kind = 'legal_review'`,
        [slug],
      );
      expect(rows[0].n).toBe(1);
    } finally {
      await worker.close();
    }
  });

  it('a correction that undoes the threshold before the entry-into-force date sends the treaty back to open', async () => {
    const slug = 'undone-before-force';
    const today = new Date().toISOString().slice(0, 10);
    await t
      .http()
      .post('/api/treaties')
      .set(...officer())
      .send({
        slug,
        title: 'Protocol undone',
        openedForSignatureOn: '2020-01-01',
        entryIntoForce: { minimumParties: 2, entersIntoForce: { days: 90 } },
      });
    await t
      .http()
      .post(`/api/treaties/${slug}/participants`)
      .set(...officer())
      .send({ countries: ['KAZ', 'SEN'], invitedOn: '2020-01-01' });
    const act = (code: string, body: object) =>
      t
        .http()
        .post(`/api/treaties/${slug}/participants/${code}/actions`)
        .set(...officer())
        .send(body);
    expect((await act('KAZ', { action: 'accede', date: today })).status).toBe(201);
    expect((await act('SEN', { action: 'accede', date: today })).status).toBe(201);
    const worker = await startWorker(t);
    try {
      const met = await eventually(async () => {
        const body = await status(slug);
        return body.status === 'threshold_met' ? body : undefined;
      });
      expect(met.threshold).toMatchObject({ met: true, metOn: today });
      expect(met.explanation).toMatch(/enters into force on \d{4}-\d{2}-\d{2}\.$/);
      expect((await act('SEN', { action: 'correct', reason: 'recorded against the wrong treaty' })).status).toBe(201);
      const open = await eventually(async () => {
        const body = await status(slug);
        return body.status === 'open' ? body : undefined;
      });
      expect(open).toMatchObject({ threshold: { met: false, metOn: null }, entryIntoForceOn: null });
      await eventually(
        () => (subjects(sink, t.users.officer.email, /no longer met/).length ? true : undefined),
        15_000,
        'the undone notice',
      );
    } finally {
      await worker.close();
    }
  });
});
