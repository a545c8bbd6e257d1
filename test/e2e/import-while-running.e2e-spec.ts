import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TestApp, bearer, startTestApp, startWorker } from '../support/app';
import { SmtpSink, eventually, startSmtpSink } from '../support/smtp-sink';

interface RecordFile {
  treaty: Record<string, unknown> & { slug: string };
  invited: { countries: string[]; invitedOn: string };
  actions: { country: string; action: string; date: string }[];
}

const IOFS = JSON.parse(readFileSync(join(__dirname, '..', '..', 'apps', 'dev', 'src', 'iofs-statute.json'), 'utf8')) as RecordFile;

/**
 * The order that tempts a premature evaluation most: every signature, then the deposits latest first, so
 * that the first ten deposits recorded put the threshold on the wrong day.
 */
function latestDepositsFirst<T extends { action: string; date: string }>(items: readonly T[]): T[] {
  const deposits = items.filter((item) => item.action !== 'sign').sort((a, b) => (a.date < b.date ? 1 : -1));
  return [...items.filter((item) => item.action === 'sign'), ...deposits];
}

describe('a historical record imported while the worker runs', () => {
  let sink: SmtpSink;
  let t: TestApp;
  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await startTestApp({ env: { SMTP_URL: sink.url } });
  });
  afterAll(async () => {
    await t.close();
    await sink.close();
  });

  it('is evaluated once the import has settled: the IOFS Statute in force on 2018-02-19, notified once', async () => {
    const worker = await startWorker(t);
    try {
      const officer = bearer(t.users.officer);
      await t
        .http()
        .post('/api/treaties')
        .set(...officer)
        .send(IOFS.treaty)
        .expect(201);
      await t
        .http()
        .post(`/api/treaties/${IOFS.treaty.slug}/participants`)
        .set(...officer)
        .send({ countries: IOFS.invited.countries, invitedOn: IOFS.invited.invitedOn })
        .expect(201);
      const order = latestDepositsFirst(IOFS.actions);
      for (const [i, act] of order.entries()) {
        // A breath after the tenth deposit, shorter than the quiet period the worker waits for.
        if (i === order.length - 2) await new Promise((resolve) => setTimeout(resolve, 250));
        await t
          .http()
          .post(`/api/treaties/${IOFS.treaty.slug}/participants/${act.country}/actions`)
          .set(...officer)
          .send({ action: act.action, date: act.date })
          .expect(201);
      }
      const status = await eventually(async () => {
        const body = (
          await t
            .http()
            .get(`/api/treaties/${IOFS.treaty.slug}/status`)
            .set(...officer)
        ).body;
        return body.status === 'in_force' && body.counts.member === 12 ? body : undefined;
      }, 30_000);
      expect(status).toMatchObject({ threshold: { metOn: '2018-02-19' }, entryIntoForceOn: '2018-02-19' });
      await eventually(() => (sink.messages.some((mail) => mail.subject.startsWith('In force')) ? true : undefined), 15_000, 'notices');
      expect(sink.messages.map((mail) => mail.subject.split(':')[0]).sort()).toEqual(['In force', 'Threshold met']);
    } finally {
      await worker.close();
    }
  });
});
