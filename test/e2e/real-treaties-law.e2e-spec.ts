import type { INestApplicationContext } from '@nestjs/common';
import type { Response } from 'supertest';
import { TestApp, bearer, startTestApp, startWorker } from '../support/app';
import { eventually } from '../support/smtp-sink';

/**
 * Histories of real treaties from the public record, entered through the HTTP API only with the worker
 * running, and read back as the contract promises: the status, one participant and the chart (JSON and CSV),
 * today, as of a date and as known at an instant.
 *
 * Where a rule needs parties this file does not enter (Kyoto's and Paris's emissions), it is scaled down to
 * the parties entered; the dates of the acts are those of the record.
 */
describe('real treaties through the HTTP contract', () => {
  let t: TestApp;
  let worker: INestApplicationContext;

  beforeAll(async () => {
    t = await startTestApp();
    worker = await startWorker(t);
  }, 60_000);
  afterAll(async () => {
    await worker?.close();
    await t?.close();
  });

  const officer = (): [string, string] => bearer(t.users.officer);
  const post = (path: string, body: Record<string, unknown>): Promise<Response> =>
    t
      .http()
      .post(path)
      .set(...officer())
      .send(body);
  const act = (slug: string, code: string, body: Record<string, unknown>): Promise<Response> =>
    post(`/api/treaties/${slug}/participants/${code}/actions`, body);
  async function actOk(slug: string, code: string, body: Record<string, unknown>): Promise<Response> {
    const res = await act(slug, code, body);
    if (res.status !== 201) throw new Error(`${body.action as string} ${code}: ${res.status} ${JSON.stringify(res.body)}`);
    return res;
  }
  async function createTreaty(body: Record<string, unknown>, invitedOn: string, countries: string[]): Promise<void> {
    const created = await post('/api/treaties', body);
    if (created.status !== 201) throw new Error(`treaty: ${created.status} ${JSON.stringify(created.body)}`);
    const invited = await post(`/api/treaties/${body.slug as string}/participants`, { countries, invitedOn });
    if (invited.status !== 201) throw new Error(`invite: ${invited.status} ${JSON.stringify(invited.body)}`);
  }
  const read = async (path: string): Promise<Response> => {
    const res = await t
      .http()
      .get(path)
      .set(...officer());
    if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res;
  };
  const participant = async (slug: string, code: string, query = '') =>
    (await read(`/api/treaties/${slug}/participants/${code}${query}`)).body;
  const status = async (slug: string, query = '') => (await read(`/api/treaties/${slug}/status${query}`)).body;
  const chartRow = async (slug: string, code: string, query = '') =>
    (await read(`/api/treaties/${slug}/participants${query}`)).body.items.find(
      (item: { country: { code: string } }) => item.country.code === code,
    );
  /** The CSV chart as one object per row, keyed by its header. */
  const csvRows = async (slug: string, query = ''): Promise<Record<string, string>[]> => {
    const res = await read(`/api/treaties/${slug}/participants?format=csv${query}`);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const [header, ...rows] = res.text.trim().split('\r\n');
    const columns = header.split(',');
    return rows.map((row) => Object.fromEntries(row.split(',').map((cell, index) => [columns[index], cell])));
  };
  const csvRow = async (slug: string, code: string, query = '') => (await csvRows(slug, query)).find((row) => row.country === code);
  const until = <T>(what: string, check: () => Promise<T | undefined>): Promise<T> => eventually(check, 45_000, what);
  const untilStatus = (slug: string, code: string, wanted: string) =>
    until(`${code} ${wanted} in ${slug}`, async () => {
      const p = await participant(slug, code);
      return p.status === wanted ? p : undefined;
    });
  const pause = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 20));

  describe('the Rome Statute of the International Criminal Court', () => {
    const slug = 'rome-statute';
    /** The 66 instruments deposited by 11 April 2002: 56 before that day, and 10 at the ceremony of that day. */
    const before: [string, string][] = [
      ['SEN', '1999-02-02'],
      ['TTO', '1999-04-06'],
      ['SMR', '1999-05-13'],
      ['ITA', '1999-07-26'],
      ['FJI', '1999-11-29'],
      ['GHA', '1999-12-20'],
      ['NOR', '2000-02-16'],
      ['BLZ', '2000-04-05'],
      ['TJK', '2000-05-05'],
      ['ISL', '2000-05-25'],
      ['VEN', '2000-06-07'],
      ['FRA', '2000-06-09'],
      ['BEL', '2000-06-28'],
      ['CAN', '2000-07-07'],
      ['MLI', '2000-08-16'],
      ['LSO', '2000-09-06'],
      ['NZL', '2000-09-07'],
      ['BWA', '2000-09-08'],
      ['LUX', '2000-09-08'],
      ['SLE', '2000-09-15'],
      ['GAB', '2000-09-20'],
      ['ESP', '2000-10-24'],
      ['ZAF', '2000-11-27'],
      ['MHL', '2000-12-07'],
      ['DEU', '2000-12-11'],
      ['AUT', '2000-12-28'],
      ['FIN', '2000-12-29'],
      ['ARG', '2001-02-08'],
      ['AND', '2001-04-30'],
      ['PRY', '2001-05-14'],
      ['HRV', '2001-05-21'],
      ['CRI', '2001-06-07'],
      ['ATG', '2001-06-18'],
      ['DNK', '2001-06-21'],
      ['SWE', '2001-06-28'],
      ['NLD', '2001-07-17'],
      ['SRB', '2001-09-06'],
      ['NGA', '2001-09-27'],
      ['LIE', '2001-10-02'],
      ['CAF', '2001-10-03'],
      ['GBR', '2001-10-04'],
      ['CHE', '2001-10-12'],
      ['PER', '2001-11-10'],
      ['NRU', '2001-11-12'],
      ['POL', '2001-11-12'],
      ['HUN', '2001-11-30'],
      ['SVN', '2001-12-31'],
      ['BEN', '2002-01-22'],
      ['EST', '2002-01-30'],
      ['PRT', '2002-02-05'],
      ['ECU', '2002-02-05'],
      ['MUS', '2002-03-05'],
      ['MKD', '2002-03-06'],
      ['CYP', '2002-03-07'],
      ['PAN', '2002-03-21'],
    ];
    const ceremony = ['BIH', 'BGR', 'KHM', 'COD', 'IRL', 'JOR', 'MNG', 'NER', 'ROU', 'SVK'];
    let beforeBurundiLeft = '';

    beforeAll(async () => {
      await createTreaty(
        {
          slug,
          title: 'Rome Statute of the International Criminal Court',
          openedForSignatureOn: '1998-07-17',
          // Art. 126: the first day of the month after the 60th day following the 60th instrument.
          entryIntoForce: { minimumParties: 60, entersIntoForce: { days: 60, then: 'first_day_of_next_month' } },
          // Art. 127: one year after the notification, unless it names a later date.
          withdrawal: { months: 12 },
          // Art. 120.
          reservations: 'prohibited',
          public: true,
        },
        '1998-07-17',
        [...before.map(([code]) => code), 'DMA', ...ceremony, 'USA', 'BDI', 'PHL'],
      );
      const signedOn: Record<string, string> = { ZAF: '1998-07-17' };
      for (const [code, date] of before) {
        await actOk(
          slug,
          code,
          signedOn[code] ? { action: 'sign', date: signedOn[code] } : { action: 'sign', date, note: 'illustrative date' },
        );
        await actOk(slug, code, { action: 'ratify', date });
      }
      // Dominica acceded without signing.
      await actOk(slug, 'DMA', { action: 'accede', date: '2001-02-12' });
      const signedAtCeremony = await post(`/api/treaties/${slug}/actions`, {
        action: 'sign',
        date: '2002-04-11',
        countries: ceremony,
        note: 'illustrative date',
      });
      expect(signedAtCeremony.status).toBe(201);
      const ratified = await post(`/api/treaties/${slug}/actions`, { action: 'ratify', date: '2002-04-11', countries: ceremony });
      expect(ratified.status).toBe(201);
      expect(ratified.body.items).toHaveLength(10);

      await actOk(slug, 'BDI', { action: 'sign', date: '1999-01-13' });
      await actOk(slug, 'BDI', { action: 'ratify', date: '2004-09-21' });
      await actOk(slug, 'PHL', { action: 'sign', date: '2000-12-28' });
      await actOk(slug, 'PHL', { action: 'ratify', date: '2011-08-30' });
      await actOk(slug, 'USA', { action: 'sign', date: '2000-12-31' });
      await untilStatus(slug, 'PHL', 'member');
      await untilStatus(slug, 'BDI', 'member');
    }, 180_000);

    it('the 60th instrument on 2002-04-11 brings the Statute into force on 2002-07-01', async () => {
      expect(await status(slug, '?asOf=2002-04-10')).toMatchObject({
        status: 'open',
        threshold: { required: 60, current: 56, met: false, metOn: null },
        entryIntoForceOn: null,
        asOf: '2002-04-10',
        knownAt: null,
      });
      expect(await status(slug, '?asOf=2002-04-11')).toMatchObject({
        status: 'threshold_met',
        threshold: { required: 60, current: 66, met: true, metOn: '2002-04-11' },
        entryIntoForceOn: '2002-07-01',
      });
      const inForce = await status(slug, '?asOf=2002-07-01');
      expect(inForce).toMatchObject({ status: 'in_force', entryIntoForceOn: '2002-07-01' });
      expect(inForce.counts).toMatchObject({ member: 66, withdrawn: 0 });
      expect((await status(slug, '?asOf=2002-06-30')).counts).toMatchObject({ member: 0, ratified: 66 });
      expect(await status(slug)).toMatchObject({ status: 'in_force', entryIntoForceOn: '2002-07-01', asOf: null, knownAt: null });
      expect(await participant(slug, 'IRL')).toMatchObject({ status: 'member', depositedOn: '2002-04-11', memberSince: '2002-07-01' });
    });

    it('later parties: the first day of the month after the 60th day following their own deposit', async () => {
      expect(await participant(slug, 'BDI')).toMatchObject({ memberSince: '2004-12-01', instrument: 'ratification' });
      expect(await participant(slug, 'PHL')).toMatchObject({ memberSince: '2011-11-01' });
      expect(await participant(slug, 'PHL', '?asOf=2011-10-31')).toMatchObject({ status: 'ratified', memberSince: null });
    });

    it('Burundi: notified 2016-10-27, counted until its withdrawal took effect on 2017-10-27, then exited by the service', async () => {
      await pause();
      beforeBurundiLeft = new Date().toISOString();
      await pause();
      const notified = await actOk(slug, 'BDI', { action: 'withdraw', date: '2016-10-27' });
      expect(notified.body.participant).toMatchObject({
        status: 'member',
        withdrawal: { notifiedOn: '2016-10-27', effectiveOn: '2017-10-27' },
        withdrawnOn: null,
      });
      const exited = await untilStatus(slug, 'BDI', 'withdrawn');
      expect(exited).toMatchObject({ withdrawnOn: '2017-10-27', memberSince: '2004-12-01' });
      expect(exited.events.at(-1)).toMatchObject({ action: 'exit', from: 'member', to: 'withdrawn', date: '2017-10-27', actor: 'system' });

      expect(await participant(slug, 'BDI', '?asOf=2017-10-26')).toMatchObject({
        status: 'member',
        withdrawal: { notifiedOn: '2016-10-27', effectiveOn: '2017-10-27' },
        withdrawnOn: null,
        asOf: '2017-10-26',
      });
      expect(await participant(slug, 'BDI', '?asOf=2017-10-27')).toMatchObject({ status: 'withdrawn', withdrawnOn: '2017-10-27' });
      const dayBefore = await status(slug, '?asOf=2017-10-26');
      const dayOf = await status(slug, '?asOf=2017-10-27');
      expect(dayOf.threshold.current).toBe(dayBefore.threshold.current - 1);
      expect(dayOf.counts.withdrawn).toBe(dayBefore.counts.withdrawn + 1);
      expect(dayOf.counts.member).toBe(dayBefore.counts.member - 1);
      expect(dayOf.status).toBe('in_force');
      expect(await chartRow(slug, 'BDI', '?asOf=2017-06-30')).toMatchObject({
        status: 'member',
        withdrawal: { notifiedOn: '2016-10-27', effectiveOn: '2017-10-27' },
      });
    });

    it('as known before the notice was recorded, Burundi was still a member in 2018', async () => {
      const known = `?asOf=2018-01-01&knownAt=${encodeURIComponent(beforeBurundiLeft)}`;
      expect(await participant(slug, 'BDI', known)).toMatchObject({ status: 'member', withdrawal: null, knownAt: beforeBurundiLeft });
      const then = await status(slug, known);
      expect(then).toMatchObject({ asOf: '2018-01-01', knownAt: beforeBurundiLeft });
      expect(then.counts.withdrawn).toBe(0);
      expect((await status(slug, '?asOf=2018-01-01')).counts.withdrawn).toBe(1);
    });

    it('the Philippines: notified 2018-03-17, effective 2019-03-17', async () => {
      const notified = await actOk(slug, 'PHL', { action: 'withdraw', date: '2018-03-17' });
      expect(notified.body.participant.withdrawal).toEqual({ notifiedOn: '2018-03-17', effectiveOn: '2019-03-17' });
      await untilStatus(slug, 'PHL', 'withdrawn');
      expect(await participant(slug, 'PHL', '?asOf=2019-03-16')).toMatchObject({ status: 'member', withdrawnOn: null });
      expect(await participant(slug, 'PHL', '?asOf=2019-03-17')).toMatchObject({ status: 'withdrawn', withdrawnOn: '2019-03-17' });
      expect((await status(slug, '?asOf=2019-03-16')).counts.withdrawn).toBe(1);
      expect((await status(slug, '?asOf=2019-03-17')).counts.withdrawn).toBe(2);
      const rows = await csvRows(slug, '&asOf=2019-03-17');
      expect(rows.find((row) => row.country === 'PHL')).toMatchObject({
        status: 'withdrawn',
        withdrawalNotifiedOn: '2018-03-17',
        withdrawalEffectiveOn: '2019-03-17',
        withdrawnOn: '2019-03-17',
        memberSince: '2011-11-01',
      });
      expect(rows.find((row) => row.country === 'BDI')).toMatchObject({ status: 'withdrawn', withdrawnOn: '2017-10-27' });
    });

    it('South Africa: notified 2016-10-19, revoked 2017-03-07, and never left', async () => {
      await actOk(slug, 'ZAF', { action: 'withdraw', date: '2016-10-19' });
      const revoked = await actOk(slug, 'ZAF', { action: 'revoke_withdrawal', date: '2017-03-07' });
      expect(revoked.body.participant).toMatchObject({ status: 'member', withdrawal: null, withdrawnOn: null, memberSince: '2002-07-01' });
      // The day is past: the service may already have recorded the exit, which the revocation then undoes.
      expect(revoked.body.event).toMatchObject({ action: 'revoke_withdrawal', to: 'member', date: '2017-03-07' });
      expect(['member', 'withdrawn']).toContain(revoked.body.event.from);
      expect(await participant(slug, 'ZAF', '?asOf=2017-01-01')).toMatchObject({
        status: 'member',
        withdrawal: { notifiedOn: '2016-10-19', effectiveOn: '2017-10-19' },
      });
      expect(await participant(slug, 'ZAF', '?asOf=2017-10-19')).toMatchObject({ status: 'member', withdrawal: null, withdrawnOn: null });
      expect(await participant(slug, 'ZAF')).toMatchObject({ status: 'member', withdrawal: null });
      expect((await status(slug, '?asOf=2017-10-19')).counts.withdrawn).toBe(0);
      const drafts = await until('the drafts of South Africa and Burundi', async () => {
        const items: { kind: string; country: string | null; text: { en: string } }[] = [];
        let cursor: string | null = null;
        do {
          const page: Response = await read(
            `/api/depositary-notifications?treaty=${slug}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
          );
          items.push(...page.body.items);
          cursor = page.body.nextCursor;
        } while (cursor);
        const kinds = items.filter((n) => n.country === 'ZAF' || n.country === 'BDI').map((n) => `${n.country} ${n.kind}`);
        return kinds.includes('ZAF revoke_withdrawal') && kinds.includes('BDI withdraw') ? items : undefined;
      });
      expect(drafts.find((n) => n.country === 'BDI' && n.kind === 'withdraw')!.text.en).toContain('27 October 2017');
      expect(drafts.filter((n) => n.kind === 'exit')).toEqual([]);
      expect(await csvRow(slug, 'ZAF')).toMatchObject({
        status: 'member',
        withdrawalNotifiedOn: '',
        withdrawnOn: '',
        signedOn: '1998-07-17',
      });
    });

    it('the United States signed on 2000-12-31; its 2002 notice is not a withdrawal, and it stays a signatory', async () => {
      const refused = await act(slug, 'USA', { action: 'withdraw', date: '2002-05-06' });
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({ error: 'invalid_transition', status: 'signed', action: 'withdraw' });
      expect([...refused.body.allowed].sort()).toEqual(['accept', 'approve', 'correct', 'ratify']);
      expect(typeof refused.body.message).toBe('string');

      const notice = await post(`/api/treaties/${slug}/participants/USA/statements`, {
        kind: 'communication',
        date: '2002-05-06',
        text: 'The United States does not intend to become a party to the treaty.',
      });
      expect(notice.status).toBe(201);
      expect(await participant(slug, 'USA')).toMatchObject({ status: 'signed', signedOn: '2000-12-31', statementKinds: ['communication'] });
      expect(await chartRow(slug, 'USA')).toMatchObject({ status: 'signed', statementKinds: ['communication'] });
      expect(await csvRow(slug, 'USA')).toMatchObject({ status: 'signed', signedOn: '2000-12-31', statementKinds: 'communication' });
      const signatories2000 = (await status(slug, '?asOf=2000-12-31')).counts.signatories;
      expect((await status(slug, '?asOf=2000-12-30')).counts.signatories).toBe(signatories2000 - 1);
      expect((await status(slug, '?asOf=2003-01-01')).counts).toMatchObject({ signed: 3, signatories: 68 });
    });

    it('the public record reads the same as of a date and as known at an instant, and echoes both', async () => {
      const known = encodeURIComponent(beforeBurundiLeft);
      const then = await t.http().get(`/public/treaties/${slug}?asOf=2018-01-01&knownAt=${known}`);
      expect(then.status).toBe(200);
      expect(then.body).toMatchObject({ asOf: '2018-01-01', knownAt: beforeBurundiLeft, status: { status: 'in_force' } });
      expect(then.body.status.counts.withdrawn).toBe(0);
      const now = await t.http().get(`/public/treaties/${slug}?asOf=2019-03-17`);
      expect(now.body).toMatchObject({ asOf: '2019-03-17', knownAt: null, entryIntoForceOn: '2002-07-01', withdrawal: { months: 12 } });
      expect(now.body.status.counts).toMatchObject({ withdrawn: 2 });
      const bdi = now.body.chart.find((row: { country: { code: string } }) => row.country.code === 'BDI');
      expect(bdi).toMatchObject({
        status: 'withdrawn',
        withdrawnOn: '2017-10-27',
        withdrawal: { notifiedOn: '2016-10-27', effectiveOn: '2017-10-27' },
      });
      const csv = await t.http().get(`/public/treaties/${slug}?format=csv&asOf=2017-10-26`);
      expect(csv.status).toBe(200);
      const [header, ...rows] = csv.text.trim().split('\r\n');
      const columns = header.split(',');
      const row = rows.map((line) => line.split(',')).find((cells) => cells[0] === 'BDI')!;
      expect(row[columns.indexOf('status')]).toBe('member');
      expect(row[columns.indexOf('withdrawalEffectiveOn')]).toBe('2017-10-27');
    });

    it('refuses a reservation (art. 120)', async () => {
      const res = await post(`/api/treaties/${slug}/participants/FRA/statements`, {
        kind: 'reservation',
        date: '2000-06-09',
        text: 'A reservation.',
      });
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ error: 'reservations_prohibited' });
    });

    it('Montenegro succeeded on 2006-10-23 with effect from its independence on 2006-06-03', async () => {
      const invited = await post(`/api/treaties/${slug}/participants`, { countries: ['MNE'], invitedOn: '2006-06-03' });
      expect(invited.status).toBe(201);
      const succeeded = await actOk(slug, 'MNE', {
        action: 'succeed',
        date: '2006-10-23',
        effectiveFrom: '2006-06-03',
        predecessor: 'Serbia and Montenegro',
      });
      expect(succeeded.body.participant).toMatchObject({
        status: 'ratified',
        instrument: 'succession',
        depositedOn: '2006-10-23',
        effectiveFrom: '2006-06-03',
        predecessor: 'Serbia and Montenegro',
        signedOn: null,
      });
      const member = await untilStatus(slug, 'MNE', 'member');
      expect(member.memberSince).toBe('2006-06-03');
      expect(member.events.at(-1)).toMatchObject({ action: 'admit', actor: 'system', date: '2006-06-03' });
      expect(await chartRow(slug, 'MNE')).toMatchObject({
        status: 'member',
        instrument: 'succession',
        effectiveFrom: '2006-06-03',
        memberSince: '2006-06-03',
      });
      expect(await csvRow(slug, 'MNE')).toMatchObject({
        status: 'member',
        instrument: 'succession',
        depositedOn: '2006-10-23',
        effectiveFrom: '2006-06-03',
        predecessor: 'Serbia and Montenegro',
        memberSince: '2006-06-03',
        signedOn: '',
      });
      expect(await participant(slug, 'MNE', '?asOf=2007-01-01')).toMatchObject({ status: 'member', memberSince: '2006-06-03' });
      expect(await participant(slug, 'SRB')).toMatchObject({ status: 'member', memberSince: '2002-07-01' });

      const audit = await t
        .http()
        .get('/api/audit/verify')
        .set(...bearer(t.users.auditor));
      expect(audit.body).toMatchObject({ ok: true, firstBroken: null });
    });
  });

  describe('the Kyoto Protocol: Canada counted until its withdrawal took effect', () => {
    const slug = 'kyoto-protocol';

    beforeAll(async () => {
      await createTreaty(
        {
          slug,
          title: 'Kyoto Protocol to the United Nations Framework Convention on Climate Change',
          openedForSignatureOn: '1998-03-16',
          // Art. 25 scaled down to the parties entered: the ninetieth day after Russia's ratification met it.
          entryIntoForce: { minimumParties: 3, requiredParties: ['RUS'], entersIntoForce: { days: 90 } },
          withdrawal: { months: 12 },
        },
        '1998-03-16',
        ['CAN', 'JPN', 'RUS'],
      );
      await actOk(slug, 'JPN', { action: 'sign', date: '1998-04-28' });
      await actOk(slug, 'CAN', { action: 'sign', date: '1998-04-29' });
      await actOk(slug, 'RUS', { action: 'sign', date: '1999-03-11' });
      await actOk(slug, 'JPN', { action: 'accept', date: '2002-06-04' });
      await actOk(slug, 'CAN', { action: 'ratify', date: '2002-12-17' });
      await actOk(slug, 'RUS', { action: 'ratify', date: '2004-11-18' });
      await untilStatus(slug, 'CAN', 'member');
    }, 60_000);

    it('entered into force on 2005-02-16, the ninetieth day after 2004-11-18', async () => {
      expect(await status(slug)).toMatchObject({
        status: 'in_force',
        entryIntoForceOn: '2005-02-16',
        threshold: { metOn: '2004-11-18' },
      });
      expect(await status(slug, '?asOf=2005-02-15')).toMatchObject({ status: 'threshold_met', counts: { ratified: 3, member: 0 } });
      expect(await participant(slug, 'CAN')).toMatchObject({ memberSince: '2005-02-16', instrument: 'ratification' });
      expect(await participant(slug, 'JPN')).toMatchObject({ memberSince: '2005-02-16', instrument: 'acceptance' });
    });

    it('Canada: notified 2011-12-15, a party until 2012-12-14, withdrawn from 2012-12-15', async () => {
      const notified = await actOk(slug, 'CAN', { action: 'withdraw', date: '2011-12-15' });
      expect(notified.body.participant).toMatchObject({
        status: 'member',
        withdrawal: { notifiedOn: '2011-12-15', effectiveOn: '2012-12-15' },
      });
      await untilStatus(slug, 'CAN', 'withdrawn');

      const before = await status(slug, '?asOf=2012-12-14');
      expect(before).toMatchObject({ status: 'in_force', threshold: { current: 3 }, counts: { member: 3, withdrawn: 0 } });
      const after = await status(slug, '?asOf=2012-12-15');
      expect(after).toMatchObject({
        status: 'in_force',
        entryIntoForceOn: '2005-02-16',
        threshold: { current: 2 },
        counts: { member: 2, withdrawn: 1 },
      });
      expect(await status(slug)).toMatchObject({ status: 'in_force', threshold: { current: 2 } });

      expect(await csvRow(slug, 'CAN', '&asOf=2012-06-30')).toMatchObject({
        status: 'member',
        withdrawalNotifiedOn: '2011-12-15',
        withdrawalEffectiveOn: '2012-12-15',
        withdrawnOn: '',
      });
      expect(await csvRow(slug, 'CAN', '&asOf=2013-01-01')).toMatchObject({ status: 'withdrawn', withdrawnOn: '2012-12-15' });
      expect(await chartRow(slug, 'CAN', '?asOf=2012-12-15')).toMatchObject({
        status: 'withdrawn',
        withdrawnOn: '2012-12-15',
        memberSince: '2005-02-16',
      });
      expect((await participant(slug, 'CAN')).events.map((event: { action: string }) => event.action)).toEqual([
        'invite',
        'sign',
        'ratify',
        'admit',
        'withdraw',
        'exit',
      ]);
    });

    it('a revocation after the withdrawal took effect is refused', async () => {
      const late = await act(slug, 'CAN', { action: 'revoke_withdrawal', date: '2012-12-15' });
      expect(late.status).toBe(409);
      expect(late.body).toMatchObject({ error: 'invalid_transition', action: 'revoke_withdrawal' });
      const nothingToRevoke = await act(slug, 'JPN', { action: 'revoke_withdrawal', date: '2012-12-14' });
      expect(nothingToRevoke.status).toBe(409);
      expect(nothingToRevoke.body).toMatchObject({
        error: 'invalid_transition',
        status: 'member',
        action: 'revoke_withdrawal',
        allowed: ['withdraw'],
      });
      expect((await status(slug)).counts.signatories).toBe(3);
    });
  });

  describe('the Paris Agreement: parties and shares of emissions, with a share of 0.00', () => {
    const slug = 'paris-agreement';
    const weights = { CHN: 20.09, USA: 17.89, IND: 4.1, CAN: 1.95, FRA: 1.34, TUV: 0 };

    beforeAll(async () => {
      await createTreaty(
        {
          slug,
          title: 'Paris Agreement',
          openedForSignatureOn: '2016-04-22',
          // Art. 21 scaled down to the parties entered: both parts met on 5 October 2016.
          entryIntoForce: {
            minimumParties: 6,
            weights: { values: weights, minimumShare: 45, total: 100 },
            entersIntoForce: { days: 30 },
          },
          withdrawal: { months: 12 },
        },
        '2016-04-22',
        Object.keys(weights),
      );
      const signed = await post(`/api/treaties/${slug}/actions`, { action: 'sign', date: '2016-04-22', countries: Object.keys(weights) });
      expect(signed.status).toBe(201);
      await actOk(slug, 'TUV', { action: 'ratify', date: '2016-04-22' });
      await actOk(slug, 'CHN', { action: 'ratify', date: '2016-09-03' });
      await actOk(slug, 'USA', { action: 'accept', date: '2016-09-03' });
      await actOk(slug, 'IND', { action: 'ratify', date: '2016-10-02' });
      await actOk(slug, 'CAN', { action: 'ratify', date: '2016-10-05' });
      await actOk(slug, 'FRA', { action: 'approve', date: '2016-10-05' });
      await untilStatus(slug, 'USA', 'member');
    }, 60_000);

    it('the threshold was met on 2016-10-05 and the Agreement entered into force on 2016-11-04', async () => {
      const open = await status(slug, '?asOf=2016-10-04');
      expect(open).toMatchObject({ status: 'open', threshold: { current: 4, met: false } });
      expect(open.threshold.share).toBeCloseTo(42.08, 6);
      const met = await status(slug, '?asOf=2016-10-05');
      expect(met).toMatchObject({
        status: 'threshold_met',
        threshold: { current: 6, met: true, metOn: '2016-10-05' },
        entryIntoForceOn: '2016-11-04',
      });
      expect(met.threshold.share).toBeCloseTo(45.37, 6);
      expect(await status(slug, '?asOf=2016-11-04')).toMatchObject({ status: 'in_force', counts: { member: 6 } });
      expect(await participant(slug, 'TUV')).toMatchObject({ status: 'member', memberSince: '2016-11-04' });
      expect(await participant(slug, 'USA')).toMatchObject({ instrument: 'acceptance', signedOn: '2016-04-22', memberSince: '2016-11-04' });
    });

    it('the United States: notified 2019-11-04, out on 2020-11-04, accepted again on 2021-01-20, a party again on 2021-02-19', async () => {
      const notified = await actOk(slug, 'USA', { action: 'withdraw', date: '2019-11-04' });
      expect(notified.body.participant.withdrawal).toEqual({ notifiedOn: '2019-11-04', effectiveOn: '2020-11-04' });
      await untilStatus(slug, 'USA', 'withdrawn');

      const counted = await status(slug, '?asOf=2020-11-03');
      expect(counted).toMatchObject({ threshold: { current: 6 }, counts: { member: 6, withdrawn: 0 } });
      expect(counted.threshold.share).toBeCloseTo(45.37, 6);
      const out = await status(slug, '?asOf=2020-11-04');
      expect(out).toMatchObject({
        status: 'in_force',
        entryIntoForceOn: '2016-11-04',
        threshold: { current: 5 },
        counts: { withdrawn: 1 },
      });
      expect(out.threshold.share).toBeCloseTo(27.48, 6);

      const accepted = await actOk(slug, 'USA', { action: 'accept', date: '2021-01-20' });
      expect(accepted.body.event).toMatchObject({ from: 'withdrawn', to: 'ratified' });
      const again = await until('the United States a party again', async () => {
        const usa = await participant(slug, 'USA');
        return usa.status === 'member' && usa.memberSince === '2021-02-19' ? usa : undefined;
      });
      expect(again).toMatchObject({ depositedOn: '2021-01-20', withdrawal: null, withdrawnOn: null });
      expect(await participant(slug, 'USA', '?asOf=2020-12-31')).toMatchObject({ status: 'withdrawn', withdrawnOn: '2020-11-04' });
      expect(await participant(slug, 'USA', '?asOf=2021-02-18')).toMatchObject({ status: 'ratified', depositedOn: '2021-01-20' });
      expect(await participant(slug, 'USA', '?asOf=2021-02-19')).toMatchObject({ status: 'member', memberSince: '2021-02-19' });
      expect((await status(slug, '?asOf=2021-01-20')).threshold.current).toBe(6);
      expect((await status(slug)).counts).toMatchObject({ member: 6, withdrawn: 0, signatories: 6 });
      expect(await csvRow(slug, 'USA', '&asOf=2020-06-01')).toMatchObject({
        status: 'member',
        instrument: 'acceptance',
        withdrawalNotifiedOn: '2019-11-04',
        withdrawalEffectiveOn: '2020-11-04',
      });
      expect(await csvRow(slug, 'USA')).toMatchObject({
        status: 'member',
        depositedOn: '2021-01-20',
        memberSince: '2021-02-19',
        withdrawnOn: '',
      });
    });
  });

  describe('the Paris Agreement imported whole: the United States admitted for the period it left, then again', () => {
    const slug = 'paris-agreement-imported';
    const weights = { CHN: 20.09, USA: 17.89, IND: 4.1, CAN: 1.95, FRA: 1.34, TUV: 0 };

    it('an import that rejoins after a withdrawal records the admission, the exit and the new admission, each on its day', async () => {
      const imported = await post('/api/treaties/import', {
        treaty: {
          slug,
          title: 'Paris Agreement',
          openedForSignatureOn: '2016-04-22',
          entryIntoForce: { minimumParties: 6, weights: { values: weights, minimumShare: 45, total: 100 }, entersIntoForce: { days: 30 } },
        },
        invited: { countries: Object.keys(weights), invitedOn: '2016-04-22' },
        actions: [
          ...Object.keys(weights).map((country) => ({ country, action: 'sign', date: '2016-04-22' })),
          { country: 'TUV', action: 'ratify', date: '2016-04-22' },
          { country: 'CHN', action: 'ratify', date: '2016-09-03' },
          { country: 'USA', action: 'accept', date: '2016-09-03' },
          { country: 'IND', action: 'ratify', date: '2016-10-02' },
          { country: 'CAN', action: 'ratify', date: '2016-10-05' },
          { country: 'FRA', action: 'approve', date: '2016-10-05' },
          { country: 'USA', action: 'withdraw', date: '2019-11-04' },
          { country: 'USA', action: 'accept', date: '2021-01-20' },
        ],
      });
      expect(imported.status).toBe(201);
      const usa = await until('the United States a party again', async () => {
        const now = await participant(slug, 'USA');
        return now.memberSince === '2021-02-19' ? now : undefined;
      });
      const steps = usa.events.map((event: { action: string; from: string; to: string; date: string }) => [
        event.action,
        event.from,
        event.to,
        event.date,
      ]);
      expect(steps.slice(3)).toEqual([
        ['withdraw', 'ratified', 'ratified', '2019-11-04'],
        ['admit', 'ratified', 'member', '2016-11-04'],
        ['exit', 'member', 'withdrawn', '2020-11-04'],
        ['accept', 'withdrawn', 'ratified', '2021-01-20'],
        ['admit', 'ratified', 'member', '2021-02-19'],
      ]);
      expect(await participant(slug, 'USA', '?asOf=2020-12-31')).toMatchObject({
        status: 'withdrawn',
        memberSince: '2016-11-04',
        withdrawnOn: '2020-11-04',
      });
      expect(await status(slug)).toMatchObject({ status: 'in_force', entryIntoForceOn: '2016-11-04', counts: { member: 6 } });
    });
  });

  describe('the Convention on the Rights of the Child: the Czech Republic and Slovakia succeed from 1 January 1993', () => {
    const slug = 'rights-of-the-child';

    beforeAll(async () => {
      await createTreaty(
        {
          slug,
          title: 'Convention on the Rights of the Child',
          openedForSignatureOn: '1990-01-26',
          // Art. 49 scaled down to the parties entered: in force on 2 September 1990, as it was.
          entryIntoForce: { minimumParties: 2, notBefore: '1990-09-02', entersIntoForce: { days: 30 } },
        },
        '1990-01-26',
        ['GHA', 'VNM'],
      );
      for (const [code, ratifiedOn] of [
        ['GHA', '1990-02-05'],
        ['VNM', '1990-02-28'],
      ]) {
        await actOk(slug, code, { action: 'sign', date: '1990-01-26', note: 'illustrative date' });
        await actOk(slug, code, { action: 'ratify', date: ratifiedOn });
      }
      const invited = await post(`/api/treaties/${slug}/participants`, { countries: ['CZE', 'SVK'], invitedOn: '1993-01-01' });
      expect(invited.status).toBe(201);
      await until('the Convention in force', async () => {
        const now = await status(slug);
        return now.status === 'in_force' ? now : undefined;
      });
    }, 60_000);

    it('each is bound from the date of succession, the treaty being then in force, whatever day it notified', async () => {
      expect(await status(slug)).toMatchObject({ entryIntoForceOn: '1990-09-02', threshold: { metOn: '1990-02-28' } });
      const czech = await actOk(slug, 'CZE', {
        action: 'succeed',
        date: '1993-02-22',
        effectiveFrom: '1993-01-01',
        predecessor: 'Czechoslovakia',
      });
      expect(czech.body.event).toMatchObject({
        action: 'succeed',
        date: '1993-02-22',
        details: { effectiveFrom: '1993-01-01', predecessor: 'Czechoslovakia' },
      });
      await actOk(slug, 'SVK', { action: 'succeed', date: '1993-05-28', effectiveFrom: '1993-01-01', predecessor: 'Czechoslovakia' });
      for (const code of ['CZE', 'SVK']) {
        const member = await untilStatus(slug, code, 'member');
        expect(member).toMatchObject({
          instrument: 'succession',
          effectiveFrom: '1993-01-01',
          memberSince: '1993-01-01',
          predecessor: 'Czechoslovakia',
        });
      }
      expect(await chartRow(slug, 'SVK')).toMatchObject({
        depositedOn: '1993-05-28',
        effectiveFrom: '1993-01-01',
        memberSince: '1993-01-01',
      });
      const rows = await csvRows(slug);
      expect(rows.find((row) => row.country === 'CZE')).toMatchObject({
        status: 'member',
        instrument: 'succession',
        depositedOn: '1993-02-22',
        effectiveFrom: '1993-01-01',
        predecessor: 'Czechoslovakia',
        memberSince: '1993-01-01',
      });
      expect(await participant(slug, 'SVK', '?asOf=1993-06-01')).toMatchObject({ status: 'member', memberSince: '1993-01-01' });
      const now = await status(slug, '?asOf=1993-06-01');
      expect(now).toMatchObject({ status: 'in_force', threshold: { current: 4 }, counts: { member: 4, signatories: 2 } });
    });
  });

  describe('the Istanbul Convention, imported whole: Council of Europe delays for entry into force and withdrawal', () => {
    const slug = 'istanbul-convention';
    const ratifications: [string, string][] = [
      ['TUR', '2012-03-14'],
      ['ALB', '2013-02-04'],
      ['PRT', '2013-02-05'],
      ['MNE', '2013-04-22'],
      ['ITA', '2013-09-10'],
      ['BIH', '2013-11-07'],
      ['AUT', '2013-11-14'],
      ['SRB', '2013-11-21'],
      ['ESP', '2014-04-10'],
      ['AND', '2014-04-22'],
    ];
    const signedOnOpening = new Set(['TUR', 'PRT', 'MNE', 'AUT', 'ESP']);
    const record = {
      treaty: {
        slug,
        title: 'Council of Europe Convention on preventing and combating violence against women and domestic violence',
        openedForSignatureOn: '2011-05-11',
        // Art. 75(3): the first day of the month following three months after 10 instruments, 8 of them of member States.
        entryIntoForce: {
          minimumParties: 10,
          minimumFrom: [{ parties: ratifications.map(([code]) => code), count: 8 }],
          entersIntoForce: { months: 3, then: 'first_day_of_next_month' },
        },
        // Art. 80: the first day of the month following three months after the notification.
        withdrawal: { months: 3, then: 'first_day_of_next_month' },
      },
      invited: { countries: ratifications.map(([code]) => code), invitedOn: '2011-05-11' },
      actions: [
        ...ratifications.flatMap(([country, date]) => [
          signedOnOpening.has(country)
            ? { country, action: 'sign', date: '2011-05-11' }
            : { country, action: 'sign', date, illustrative: true },
          { country, action: 'ratify', date },
        ]),
        { country: 'TUR', action: 'withdraw', date: '2021-03-22' },
      ],
    };

    it('a dry run answers the status it would come to and writes nothing', async () => {
      const dry = await t
        .http()
        .post('/api/treaties/import?dryRun=true')
        .set(...officer())
        .send(record);
      expect(dry.status).toBe(200);
      expect(dry.body).toMatchObject({ dryRun: true, status: { status: 'in_force', entryIntoForceOn: '2014-08-01' } });
      expect(dry.body.status.counts).toMatchObject({ member: 9, withdrawn: 1 });
      expect(
        (
          await t
            .http()
            .get(`/api/treaties/${slug}`)
            .set(...officer())
        ).status,
      ).toBe(404);
    });

    it('in force on 2014-08-01; Turkey notified on 2021-03-22 and out on 2021-07-01, exited by the service', async () => {
      const imported = await t
        .http()
        .post('/api/treaties/import')
        .set(...officer())
        .send(record);
      expect(imported.status).toBe(201);
      expect((await read(`/api/treaties/${slug}`)).body.withdrawal).toEqual({ months: 3, then: 'first_day_of_next_month' });

      expect(await status(slug, '?asOf=2014-04-21')).toMatchObject({ status: 'open', threshold: { current: 9 } });
      expect(await status(slug, '?asOf=2014-07-31')).toMatchObject({
        status: 'threshold_met',
        threshold: { metOn: '2014-04-22' },
        entryIntoForceOn: '2014-08-01',
        counts: { ratified: 10, member: 0 },
      });
      expect(await status(slug, '?asOf=2014-08-01')).toMatchObject({ status: 'in_force', counts: { member: 10 } });

      const turkey = await untilStatus(slug, 'TUR', 'withdrawn');
      expect(turkey).toMatchObject({
        memberSince: '2014-08-01',
        withdrawnOn: '2021-07-01',
        withdrawal: { notifiedOn: '2021-03-22', effectiveOn: '2021-07-01' },
      });
      // Recorded in the order the depositary learnt them: the import's acts, then the service's admission and exit.
      expect(turkey.events.map((event: { action: string }) => event.action)).toEqual([
        'invite',
        'sign',
        'ratify',
        'withdraw',
        'admit',
        'exit',
      ]);
      expect(turkey.events.find((event: { action: string }) => event.action === 'admit')).toMatchObject({
        actor: 'system',
        date: '2014-08-01',
      });
      expect(turkey.events.at(-1)).toMatchObject({ action: 'exit', actor: 'system', date: '2021-07-01' });
      expect(await participant(slug, 'TUR', '?asOf=2021-06-30')).toMatchObject({
        status: 'member',
        withdrawal: { notifiedOn: '2021-03-22', effectiveOn: '2021-07-01' },
        withdrawnOn: null,
      });
      expect((await status(slug, '?asOf=2021-06-30')).threshold.current).toBe(10);
      expect(await status(slug, '?asOf=2021-07-01')).toMatchObject({
        status: 'in_force',
        threshold: { current: 9 },
        counts: { withdrawn: 1 },
      });
      expect(await csvRow(slug, 'TUR', '&asOf=2021-07-01')).toMatchObject({
        status: 'withdrawn',
        signedOn: '2011-05-11',
        withdrawalEffectiveOn: '2021-07-01',
        withdrawnOn: '2021-07-01',
      });
      expect(await participant(slug, 'AND')).toMatchObject({ status: 'member', memberSince: '2014-08-01' });
    });
  });

  describe('a definitive signature, and a signature ad referendum confirmed later', () => {
    const slug = 'signature-kinds';

    beforeAll(() =>
      createTreaty(
        {
          slug,
          title: 'Agreement open to definitive signature',
          openedForSignatureOn: '2010-01-04',
          entryIntoForce: { minimumParties: 2, entersIntoForce: { days: 30 } },
        },
        '2010-01-04',
        ['NOR', 'ISL', 'CHE'],
      ),
    );

    it('a definitive signature is consent and counts; one ad referendum counts as a signatory only, keeping its date once confirmed', async () => {
      const definitive = await actOk(slug, 'NOR', { action: 'sign', date: '2010-01-04', signature: 'definitive' });
      expect(definitive.body.participant).toMatchObject({
        status: 'ratified',
        signedOn: '2010-01-04',
        depositedOn: '2010-01-04',
        instrument: 'definitive_signature',
        signature: { kind: 'definitive', confirmedOn: null },
      });
      const adReferendum = await actOk(slug, 'ISL', { action: 'sign', date: '2010-02-01', signature: 'ad_referendum' });
      expect(adReferendum.body.participant).toMatchObject({ status: 'signed', signature: { kind: 'ad_referendum', confirmedOn: null } });
      await actOk(slug, 'ISL', { action: 'confirm', date: '2010-05-03' });

      expect(await status(slug, '?asOf=2010-02-01')).toMatchObject({
        status: 'open',
        threshold: { current: 1 },
        counts: { signatories: 2, ratified: 1, signed: 1 },
      });
      expect(await participant(slug, 'ISL', '?asOf=2010-03-01')).toMatchObject({
        status: 'signed',
        signedOn: '2010-02-01',
        signature: { kind: 'ad_referendum', confirmedOn: null },
      });
      expect(await participant(slug, 'ISL', '?asOf=2010-05-03')).toMatchObject({
        signedOn: '2010-02-01',
        signature: { kind: 'ad_referendum', confirmedOn: '2010-05-03' },
      });
      expect(await csvRow(slug, 'ISL')).toMatchObject({
        signedOn: '2010-02-01',
        signature: 'ad_referendum',
        signatureConfirmedOn: '2010-05-03',
      });

      await actOk(slug, 'ISL', { action: 'ratify', date: '2010-06-01' });
      await actOk(slug, 'CHE', { action: 'accede', date: '2010-07-01' });
      const inForce = await until('the treaty in force', async () => {
        const now = await status(slug);
        return now.status === 'in_force' ? now : undefined;
      });
      expect(inForce).toMatchObject({
        entryIntoForceOn: '2010-07-01',
        threshold: { metOn: '2010-06-01' },
        counts: { member: 3, signatories: 2 },
      });
      expect(await participant(slug, 'NOR')).toMatchObject({ memberSince: '2010-07-01', instrument: 'definitive_signature' });
      expect(await csvRow(slug, 'NOR')).toMatchObject({
        signature: 'definitive',
        instrument: 'definitive_signature',
        depositedOn: '2010-01-04',
      });
      expect(await participant(slug, 'CHE')).toMatchObject({ memberSince: '2010-07-31', signedOn: null });
    });
  });
});
