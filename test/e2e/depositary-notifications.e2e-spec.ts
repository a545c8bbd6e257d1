import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { Client } from 'pg';
import request from 'supertest';
import { TestApp, bearer, createTreaty, startTestApp, startWorker } from '../support/app';
import { ServiceProcess, processEnv, spawnService } from '../support/processes';
import { Reconciler } from '../../apps/worker/src/schedules/reconciler.service';
import { SmtpSink, eventually, startSmtpSink } from '../support/smtp-sink';

interface Notification {
  id: number;
  number: string | null;
  status: string;
  kind: string;
  country: string | null;
  eventId: number | null;
  corrects: string | null;
  issuedOn: string | null;
  subject: { en: string; fr: string; ar: string };
  text: { en: string; fr: string; ar: string };
  recipients: number;
  deliveries: { queued: number; sent: number; failed: number; dead: number };
}

const IOFS = JSON.parse(readFileSync(join(__dirname, '..', '..', 'apps', 'dev', 'src', 'iofs-statute.json'), 'utf8')) as {
  treaty: Record<string, unknown> & { slug: string };
};
const STAFF_COPY = 'registry@depositary.example';
const TITLES = { fr: 'Traité de démonstration', ar: 'معاهدة تجريبية' };
const year = new Date().getUTCFullYear();

describe('depositary notifications', () => {
  let sink: SmtpSink;
  let t: TestApp;
  let db: Client;
  const workers: INestApplicationContext[] = [];

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await startTestApp({ env: { SMTP_URL: sink.url, DEPOSITARY_EMAILS: STAFF_COPY } });
    for (let i = 0; i < 3; i++) workers.push(await startWorker(t));
    db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
  });
  afterAll(async () => {
    await db.end();
    for (const worker of workers) await worker.close();
    await t.close();
    await sink.close();
  });

  const officer = (): [string, string] => bearer(t.users.officer);
  const act = async (slug: string, code: string, body: Record<string, unknown>): Promise<number> => {
    const response = await t
      .http()
      .post(`/api/treaties/${slug}/participants/${code}/actions`)
      .set(...officer())
      .send(body);
    if (response.status !== 201) throw new Error(`${code} ${String(body.action)}: ${response.status} ${JSON.stringify(response.body)}`);
    return Number(response.body.event.id);
  };
  const list = async (query: string, as: [string, string] = officer()): Promise<Notification[]> => {
    const response = await t
      .http()
      .get(`/api/depositary-notifications?${query}`)
      .set(...as);
    expect(response.status).toBe(200);
    return response.body.items as Notification[];
  };
  const draftOf = (slug: string, eventId: number): Promise<Notification> =>
    eventually(async () => (await list(`treaty=${slug}`)).find((n) => n.eventId === eventId), 20_000, `the draft of event ${eventId}`);
  const issue = (id: number, url = t.url) =>
    request(url)
      .post(`/api/depositary-notifications/${id}/issue`)
      .set(...officer());

  it('drafts exactly one notification per act of a person, none for the invitation or the admission', async () => {
    await createTreaty(t, 'dn-acts', ['KAZ', 'SEN', 'SAU'], { titles: TITLES });
    const events = {
      kazSign: await act('dn-acts', 'KAZ', { action: 'sign', date: '2014-01-10' }),
      kazRatify: await act('dn-acts', 'KAZ', { action: 'ratify', date: '2015-03-02' }),
      senAccede: await act('dn-acts', 'SEN', { action: 'accede', date: '2015-04-01' }),
      kazWithdraw: await act('dn-acts', 'KAZ', { action: 'withdraw', date: '2016-01-04' }),
    };
    for (const eventId of Object.values(events)) await draftOf('dn-acts', eventId);
    // Let the worker finish (recompute, admissions): still one draft per act, and nothing else.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const drafts = await list('treaty=dn-acts');
    expect(drafts.map((n) => n.kind).sort()).toEqual(['accede', 'ratify', 'sign', 'withdraw']);
    expect(drafts.every((n) => n.status === 'draft' && n.number === null && n.issuedOn === null)).toBe(true);
    const withdrawal = drafts.find((n) => n.kind === 'withdraw')!;
    expect(withdrawal.text.en).toContain('The withdrawal will take effect on 4 January 2017.');
    expect(withdrawal.text.fr).toContain(TITLES.fr);
    expect(withdrawal.text.ar).toContain(TITLES.ar);
    expect(withdrawal.text.fr).toContain('Kazakhstan');
    const [{ count }] = (
      await db.query(`SELECT count(*)::int AS count FROM depositary_notifications WHERE event_id = ANY($1)`, [Object.values(events)])
    ).rows as { count: number }[];
    expect(count).toBe(4);
  });

  it('an imported history drafts nothing, not even its entry into force', async () => {
    const imported = await t
      .http()
      .post('/api/treaties/import')
      .set(...officer())
      .send(JSON.parse(readFileSync(join(__dirname, '..', '..', 'apps', 'dev', 'src', 'iofs-statute.json'), 'utf8')));
    expect(imported.status).toBe(201);
    await eventually(
      async () => {
        const status = await t
          .http()
          .get(`/api/treaties/${IOFS.treaty.slug}/status`)
          .set(...officer());
        return status.body.status === 'in_force' ? true : undefined;
      },
      30_000,
      'the imported treaty in force',
    );
    await eventually(async () => {
      const { rows } = await db.query(`SELECT count(*)::int AS pending FROM outbox WHERE dispatched_at IS NULL`);
      return (rows[0] as { pending: number }).pending === 0 ? true : undefined;
    });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await list(`treaty=${IOFS.treaty.slug}`)).toEqual([]);
  });

  it('issues a draft with the next number of the year, once; a focal point reads only issued ones; a correction names the number', async () => {
    await createTreaty(t, 'dn-issue', ['KAZ', 'SEN'], { titles: TITLES });
    const signature = await draftOf('dn-issue', await act('dn-issue', 'KAZ', { action: 'sign', date: '2014-01-10' }));
    const focalPoint = bearer(t.users.focal_point);

    // A draft is unknown to a focal point.
    expect(
      (
        await t
          .http()
          .get(`/api/depositary-notifications/${signature.id}`)
          .set(...focalPoint)
      ).status,
    ).toBe(404);
    expect((await list('treaty=dn-issue', focalPoint)).map((n) => n.id)).not.toContain(signature.id);

    const issued = await issue(signature.id);
    expect(issued.status).toBe(200);
    expect(issued.body).toMatchObject({ status: 'issued', number: expect.stringMatching(new RegExp(`^C\\.N\\.\\d+\\.${year}$`)) });
    expect(issued.body.issuedOn).toBe(new Date().toISOString().slice(0, 10));

    const again = await issue(signature.id);
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ error: 'already_issued', number: issued.body.number });
    const read = await t
      .http()
      .get(`/api/depositary-notifications/${signature.id}`)
      .set(...focalPoint);
    expect(read.status).toBe(200);
    expect(read.body.number).toBe(issued.body.number);

    const html = await t
      .http()
      .get(`/api/depositary-notifications/${signature.id}?format=html&lang=ar`)
      .set(...focalPoint);
    expect(html.status).toBe(200);
    expect(html.headers['content-type']).toMatch(/^text\/html/);
    expect(html.text).toContain('<html lang="ar" dir="rtl">');
    expect(html.text).toContain(TITLES.ar);
    const french = await t
      .http()
      .get(`/api/depositary-notifications/${signature.id}?format=html&lang=fr`)
      .set(...officer());
    expect(french.text).toContain('dir="ltr"');

    // A correction of the act whose notification was issued drafts a correction naming its number.
    const correction = await draftOf(
      'dn-issue',
      await act('dn-issue', 'KAZ', { action: 'correct', date: new Date().toISOString().slice(0, 10), reason: 'recorded in error' }),
    );
    expect(correction).toMatchObject({ kind: 'correction', status: 'draft', corrects: issued.body.number, country: 'KAZ' });
    expect(correction.text.en).toContain(issued.body.number);
    expect((await issue(correction.id)).body.status).toBe('issued');
    expect(
      (
        await t
          .http()
          .get(`/api/depositary-notifications/${signature.id}`)
          .set(...officer())
      ).body.number,
    ).toBe(issued.body.number);

    // A correction of an act whose draft was never issued: that draft is superseded, and no correction is drafted.
    const accession = await draftOf('dn-issue', await act('dn-issue', 'SEN', { action: 'accede', date: '2015-01-10' }));
    const undo = await act('dn-issue', 'SEN', { action: 'correct', date: new Date().toISOString().slice(0, 10), reason: 'wrong state' });
    await eventually(async () => {
      const current = (
        await t
          .http()
          .get(`/api/depositary-notifications/${accession.id}`)
          .set(...officer())
      ).body as Notification;
      return current.status === 'superseded' ? true : undefined;
    });
    expect((await list('treaty=dn-issue')).some((n) => n.eventId === undo)).toBe(false);
    expect((await issue(accession.id)).status).toBe(409);
    // Drafted only after its correction (its job late, or lost and queued again): the draft is born superseded.
    await db.query(`DELETE FROM depositary_notifications WHERE id = $1`, [accession.id]);
    await workers[0].get(Reconciler).reconcile();
    const late = await draftOf('dn-issue', accession.eventId!);
    expect(late.status).toBe('superseded');
  });

  it('circulates an issued notification to every focal point of every invited state in its language, and to staff, once each', async () => {
    await createTreaty(t, 'dn-circulate', ['KAZ', 'SEN', 'SAU'], { titles: TITLES });
    const focalPoints = [
      ['KAZ', 'kaz-1@circulate.test', 'fr'],
      ['KAZ', 'kaz-2@circulate.test', 'en'],
      ['SEN', 'sen-1@circulate.test', 'fr'],
      ['SAU', 'sau-1@circulate.test', 'ar'],
    ] as const;
    for (const [code, email, language] of focalPoints)
      expect(
        (
          await t
            .http()
            .post(`/api/countries/${code}/focal-points`)
            .set(...officer())
            .send({ name: `Focal ${email}`, email, language })
        ).status,
      ).toBe(201);
    const drafts = [
      await draftOf('dn-circulate', await act('dn-circulate', 'SAU', { action: 'sign', date: '2014-02-01' })),
      await draftOf('dn-circulate', await act('dn-circulate', 'SEN', { action: 'accede', date: '2014-03-01' })),
    ];
    const numbers: string[] = [];
    for (const draft of drafts) numbers.push((await issue(draft.id)).body.number as string);
    const recipients = [...focalPoints.map(([, email]) => email), STAFF_COPY];
    await eventually(
      () =>
        sink.messages.filter((mail) => numbers.some((number) => mail.subject.startsWith(`${number}:`))).length >=
        numbers.length * recipients.length
          ? true
          : undefined,
      30_000,
      'every e-mail of the circulation',
    );
    await new Promise((resolve) => setTimeout(resolve, 1000));
    for (const number of numbers) {
      const mails = sink.messages.filter((mail) => mail.subject.startsWith(`${number}:`));
      expect(mails.map((mail) => mail.to[0]).sort()).toEqual([...recipients].sort());
      const to = (email: string) => mails.find((mail) => mail.to[0] === email)!;
      expect(to('kaz-1@circulate.test').text).toContain('communique ce qui suit');
      expect(to('kaz-2@circulate.test').text).toContain('communicates the following');
      expect(to('sau-1@circulate.test').text).toContain(TITLES.ar);
      expect(to('sau-1@circulate.test').html).toContain('dir="rtl"');
      expect(to(STAFF_COPY).text).toContain('communicates the following');
    }
    const view = (
      await t
        .http()
        .get(`/api/depositary-notifications/${drafts[0].id}`)
        .set(...officer())
    ).body as Notification;
    expect(view.recipients).toBe(recipients.length);
    expect(view.deliveries).toEqual({ queued: 0, sent: recipients.length, failed: 0, dead: 0 });
  });

  it('a draft or a circulation whose job Redis lost is queued again by the reconcile pass', async () => {
    await createTreaty(t, 'dn-reconcile', ['KAZ']);
    const eventId = await act('dn-reconcile', 'KAZ', { action: 'sign', date: '2014-01-10' });
    const draft = await draftOf('dn-reconcile', eventId);
    // As if the job had been lost: the draft is gone, and the notification issued without its deliveries.
    await db.query(`DELETE FROM depositary_notifications WHERE id = $1`, [draft.id]);
    await workers[0].get(Reconciler).reconcile();
    const again = await draftOf('dn-reconcile', eventId);
    expect((await list('treaty=dn-reconcile')).filter((n) => n.eventId === eventId)).toHaveLength(1);
    await db.query(`UPDATE depositary_notifications SET status = 'issued', number = 'C.N.9999.1999', issued_at = now() WHERE id = $1`, [
      again.id,
    ]);
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM focal_points WHERE country_code = 'KAZ' AND active`);
    const recipients = (rows[0] as { n: number }).n + 1; // and DEPOSITARY_EMAILS
    await workers[0].get(Reconciler).reconcile();
    await eventually(async () => {
      const view = (
        await t
          .http()
          .get(`/api/depositary-notifications/${again.id}`)
          .set(...officer())
      ).body as Notification;
      return view.recipients === recipients ? true : undefined;
    });
  });

  it('a treaty with autoIssue issues each draft at once, the threshold and the entry into force included', async () => {
    await createTreaty(t, 'dn-auto', ['KAZ', 'SEN'], {
      entryIntoForce: { minimumParties: 2, countedInstruments: ['accession'], entersIntoForce: {} },
      notifications: { autoIssue: true },
    });
    const treaty = await t
      .http()
      .get('/api/treaties/dn-auto')
      .set(...officer());
    expect(treaty.body.notifications).toEqual({ autoIssue: true });
    await act('dn-auto', 'KAZ', { action: 'accede', date: '2015-01-05' });
    await act('dn-auto', 'SEN', { action: 'accede', date: '2015-02-10' });
    const issued = await eventually(
      async () => {
        const items = await list('treaty=dn-auto&status=issued');
        return items.length === 4 ? items : undefined;
      },
      30_000,
      'four notifications issued',
    );
    expect(issued.map((n) => n.kind).sort()).toEqual(['accede', 'accede', 'entry_into_force', 'threshold_met']);
    expect(issued.every((n) => /^C\.N\.\d+\./.test(n.number ?? ''))).toBe(true);
    expect(issued.find((n) => n.kind === 'entry_into_force')!.text.en).toContain('entered into force on 10 February 2015');
    expect(await list('treaty=dn-auto&status=draft')).toEqual([]);

    const off = await t
      .http()
      .patch('/api/treaties/dn-auto')
      .set(...officer())
      .send({ notifications: { autoIssue: false } });
    expect(off.status).toBe(200);
    expect(off.body.notifications).toEqual({ autoIssue: false });
  });

  it('a free-form draft; twenty issued at once through two API processes get consecutive numbers, each once', async () => {
    await createTreaty(t, 'dn-numbers', []);
    const created = await t
      .http()
      .post('/api/depositary-notifications')
      .set(...officer())
      .send({ treaty: 'dn-numbers', subject: 'Correction of the French text', text: { en: 'The French text of article 3 reads ...' } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      kind: 'free_form',
      status: 'draft',
      number: null,
      text: { fr: 'The French text of article 3 reads ...' },
    });
    const ids: number[] = [created.body.id];
    for (let i = 1; i < 20; i++)
      ids.push(
        (
          await t
            .http()
            .post('/api/depositary-notifications')
            .set(...officer())
            .send({ treaty: 'dn-numbers', subject: `Notice ${i}`, text: { en: `Text ${i}` } })
        ).body.id as number,
      );
    const apis: ServiceProcess[] = await Promise.all([
      spawnService('api', processEnv(t.config)),
      spawnService('api', processEnv(t.config)),
    ]);
    try {
      const issuedBefore = (await list(`status=issued&year=${year}&limit=1000`)).length;
      const responses = await Promise.all(ids.map((id, i) => issue(id, apis[i % 2].url)));
      expect(responses.map((response) => response.status)).toEqual(Array(20).fill(200));
      const serials = responses.map((response) => Number((response.body.number as string).split('.')[2])).sort((a, b) => a - b);
      expect(serials).toEqual(Array.from({ length: 20 }, (_, i) => issuedBefore + i + 1));
      const all = (await list(`status=issued&year=${year}&limit=1000`)).map((n) => Number(n.number!.split('.')[2])).sort((a, b) => a - b);
      expect(all).toEqual(Array.from({ length: all.length }, (_, i) => i + 1));
    } finally {
      await Promise.all(apis.map((api) => api.stop()));
    }
  });
});
