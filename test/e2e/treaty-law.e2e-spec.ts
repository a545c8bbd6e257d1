import { TreatyRecordFile, TreatyRecordImport } from '@depositary/accession';
import type { INestApplicationContext } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Response } from 'supertest';
import { TestApp, bearer, createTreaty, startTestApp, startWorker } from '../support/app';
import { eventually } from '../support/smtp-sink';

/**
 * The participant model of treaty law through the HTTP contract, with the worker running: kinds of signature,
 * succession, withdrawals that take effect after notice, revocation, rejoining, and the record as of a date.
 */
describe('treaty law: signatures, succession, withdrawals, the record as of a date', () => {
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
  const act = (slug: string, code: string, body: Record<string, unknown>): Promise<Response> =>
    t
      .http()
      .post(`/api/treaties/${slug}/participants/${code}/actions`)
      .set(...officer())
      .send(body);
  async function actOk(slug: string, code: string, body: Record<string, unknown>): Promise<Response> {
    const res = await act(slug, code, body);
    if (res.status !== 201) throw new Error(`${body.action as string} ${code}: ${res.status} ${JSON.stringify(res.body)}`);
    return res;
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
  const until = <T>(what: string, check: () => Promise<T | undefined>): Promise<T> => eventually(check, 30_000, what);

  describe('the United States and the Paris Agreement', () => {
    const slug = 'paris-agreement';

    beforeAll(async () => {
      await createTreaty(t, slug, ['USA', 'CHN', 'FRA', 'IND'], {
        title: 'Paris Agreement',
        openedForSignatureOn: '2016-04-22',
        entryIntoForce: { minimumParties: 3, entersIntoForce: { days: 30 }, laterParties: { days: 30 } },
        withdrawal: { months: 12 },
      });
      await actOk(slug, 'CHN', { action: 'sign', date: '2016-04-22' });
      await actOk(slug, 'CHN', { action: 'ratify', date: '2016-09-03' });
      // No signature needed for an acceptance (VCLT 14(2)).
      await actOk(slug, 'USA', { action: 'accept', date: '2016-09-03' });
      await actOk(slug, 'FRA', { action: 'approve', date: '2016-10-05' });
      await until('the United States admitted on entry into force', async () => {
        const usa = await participant(slug, 'USA');
        return usa.status === 'member' ? usa : undefined;
      });
    }, 60_000);

    it('counts a withdrawal until it takes effect a year after notice, then records the exit as system', async () => {
      const notified = await actOk(slug, 'USA', { action: 'withdraw', date: '2019-11-04' });
      expect(notified.body.participant).toMatchObject({
        status: 'member',
        withdrawal: { notifiedOn: '2019-11-04', effectiveOn: '2020-11-04' },
        withdrawnOn: null,
      });
      expect(notified.body.event).toMatchObject({
        action: 'withdraw',
        from: 'member',
        to: 'member',
        details: { effectiveOn: '2020-11-04' },
      });

      // The day is past: the worker records the exit, dated the day the withdrawal took effect.
      const exited = await until('the exit of the United States', async () => {
        const usa = await participant(slug, 'USA');
        return usa.status === 'withdrawn' ? usa : undefined;
      });
      expect(exited).toMatchObject({ withdrawnOn: '2020-11-04', memberSince: '2016-11-04' });
      const exit = exited.events.at(-1);
      expect(exit).toMatchObject({ action: 'exit', from: 'member', to: 'withdrawn', date: '2020-11-04', actor: 'system' });

      expect((await status(slug, '?asOf=2020-11-03')).threshold.current).toBe(3);
      expect((await status(slug, '?asOf=2020-11-04')).threshold.current).toBe(2);
      // A withdrawal after entry into force never undoes it.
      expect(await status(slug)).toMatchObject({ status: 'in_force', entryIntoForceOn: '2016-11-04' });
      expect(await status(slug, '?asOf=2020-11-04')).toMatchObject({ status: 'in_force', entryIntoForceOn: '2016-11-04' });
      expect(await participant(slug, 'USA', '?asOf=2020-01-01')).toMatchObject({
        status: 'member',
        withdrawal: { notifiedOn: '2019-11-04', effectiveOn: '2020-11-04' },
        allowedActions: [],
        asOf: '2020-01-01',
        knownAt: null,
      });
    });

    it('takes the United States back as a later party: member again thirty days after its new acceptance', async () => {
      const accepted = await actOk(slug, 'USA', { action: 'accept', date: '2021-01-20' });
      expect(accepted.body.participant).toMatchObject({
        status: 'ratified',
        depositedOn: '2021-01-20',
        instrument: 'acceptance',
        withdrawal: null,
        withdrawnOn: null,
        memberSince: null,
      });
      expect(accepted.body.event).toMatchObject({ from: 'withdrawn', to: 'ratified' });
      const again = await until('the United States admitted again', async () => {
        const usa = await participant(slug, 'USA');
        return usa.status === 'member' ? usa : undefined;
      });
      expect(again.memberSince).toBe('2021-02-19');
      expect(again.events.map((event: { action: string }) => event.action)).toEqual([
        'invite',
        'accept',
        'admit',
        'withdraw',
        'exit',
        'accept',
        'admit',
      ]);

      const chart = await read(`/api/treaties/${slug}/participants?asOf=2020-12-31`);
      expect(chart.body).toMatchObject({ asOf: '2020-12-31', knownAt: null });
      const usa = chart.body.items.find((item: { country: { code: string } }) => item.country.code === 'USA');
      expect(usa).toMatchObject({ status: 'withdrawn', withdrawnOn: '2020-11-04', memberSince: '2016-11-04' });
      expect((await status(slug, '?asOf=2021-02-19')).threshold.current).toBe(3);

      const csv = await t
        .http()
        .get(`/api/treaties/${slug}/participants?format=csv&asOf=2020-06-01`)
        .set(...officer());
      expect(csv.status).toBe(200);
      const [header, ...rows] = csv.text.trim().split('\r\n');
      expect(header.split(',')).toEqual(
        expect.arrayContaining(['signature', 'withdrawalNotifiedOn', 'withdrawalEffectiveOn', 'effectiveFrom']),
      );
      const columns = header.split(',');
      const usaRow = rows.map((row) => row.split(',')).find((cells) => cells[0] === 'USA')!;
      expect(usaRow[columns.indexOf('withdrawalEffectiveOn')]).toBe('2020-11-04');
      expect(usaRow[columns.indexOf('status')]).toBe('member');

      const audit = await t
        .http()
        .get('/api/audit/verify')
        .set(...bearer(t.users.auditor));
      expect(audit.body).toMatchObject({ ok: true, firstBroken: null });
    });
  });

  describe('what the machine refuses', () => {
    const slug = 'law-refusals';
    beforeAll(() => createTreaty(t, slug, ['KAZ', 'SEN', 'ZAF', 'EGY']));

    it('a signatory cannot withdraw its signature: 409 naming what is allowed', async () => {
      await actOk(slug, 'KAZ', { action: 'sign', date: '2014-01-10' });
      const res = await act(slug, 'KAZ', { action: 'withdraw', date: '2014-02-01' });
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ error: 'invalid_transition', status: 'signed', action: 'withdraw' });
      expect([...res.body.allowed].sort()).toEqual(['accept', 'approve', 'correct', 'ratify']);
      expect((await participant(slug, 'KAZ')).status).toBe('signed');
    });

    it('a withdrawal cannot take effect earlier than the treaty allows; a later day named by the state is kept', async () => {
      await actOk(slug, 'SEN', { action: 'accede', date: '2014-03-01' });
      const early = await act(slug, 'SEN', { action: 'withdraw', date: '2015-01-01', effectiveOn: '2015-06-01' });
      expect(early.status).toBe(400);
      expect(early.body).toMatchObject({ error: 'invalid_date' });
      const later = await actOk(slug, 'SEN', { action: 'withdraw', date: '2015-01-01', effectiveOn: '2030-01-01' });
      expect(later.body.participant.withdrawal).toEqual({ notifiedOn: '2015-01-01', effectiveOn: '2030-01-01' });
    });

    it('a field that belongs to another action is a 400', async () => {
      const res = await act(slug, 'EGY', { action: 'accede', date: '2014-03-01', effectiveOn: '2016-01-01' });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ error: 'validation_failed' });
    });

    it('South Africa revokes its withdrawal before it takes effect; a revocation after that day is refused', async () => {
      await actOk(slug, 'ZAF', { action: 'sign', date: '2014-01-10' });
      await actOk(slug, 'ZAF', { action: 'ratify', date: '2014-02-01' });
      await actOk(slug, 'ZAF', { action: 'withdraw', date: '2016-10-19' });
      const late = await act(slug, 'ZAF', { action: 'revoke_withdrawal', date: '2017-10-19' });
      expect(late.status).toBe(409);
      expect(late.body).toMatchObject({ error: 'invalid_transition', action: 'revoke_withdrawal' });
      const revoked = await actOk(slug, 'ZAF', { action: 'revoke_withdrawal', date: '2017-03-07' });
      expect(revoked.body.participant).toMatchObject({ withdrawal: null, withdrawnOn: null });
      expect(['ratified', 'member']).toContain(revoked.body.participant.status);
    });
  });

  describe('an import faster than the worker: a past withdrawal, its exit, and a revocation dated before the exit', () => {
    const slug = 'law-import';
    beforeAll(() =>
      createTreaty(t, slug, ['KAZ', 'SEN', 'SAU'], {
        entryIntoForce: { minimumParties: 1, entersIntoForce: {} },
        withdrawal: { months: 6 },
      }),
    );

    it('records the exit on its day, and the revocation undoes it as if the state never left', async () => {
      await actOk(slug, 'SAU', { action: 'accede', date: '2014-01-01' });
      await actOk(slug, 'SAU', { action: 'withdraw', date: '2015-01-01' });
      const left = await until('the exit of Saudi Arabia', async () => {
        const sau = await participant(slug, 'SAU');
        return sau.status === 'withdrawn' ? sau : undefined;
      });
      expect(left).toMatchObject({ withdrawnOn: '2015-07-01', memberSince: '2014-01-01' });
      const revoked = await actOk(slug, 'SAU', { action: 'revoke_withdrawal', date: '2015-05-01' });
      expect(revoked.body.participant).toMatchObject({ status: 'member', memberSince: '2014-01-01', withdrawal: null, withdrawnOn: null });
      expect(revoked.body.event).toMatchObject({ from: 'withdrawn', to: 'member' });
      expect((await participant(slug, 'SAU', '?asOf=2016-01-01')).status).toBe('member');
    });
  });

  describe('kinds of signature and succession', () => {
    const slug = 'law-signatures';
    beforeAll(async () => {
      await createTreaty(t, slug, [], {
        openedForSignatureOn: '2000-01-01',
        entryIntoForce: { minimumParties: 2, entersIntoForce: { days: 30 } },
      });
      const invited = await t
        .http()
        .post(`/api/treaties/${slug}/participants`)
        .set(...officer())
        .send({ countries: ['KAZ', 'SEN', 'MNE', 'SRB'], invitedOn: '2000-01-01' });
      expect(invited.status).toBe(201);
    });

    it('a signature ad referendum is confirmed later and keeps its date; a definitive signature is consent', async () => {
      const signed = await actOk(slug, 'KAZ', { action: 'sign', date: '2001-01-10', signature: 'ad_referendum' });
      expect(signed.body.participant).toMatchObject({ signature: { kind: 'ad_referendum', confirmedOn: null } });
      expect(signed.body.participant.allowedActions).toContain('confirm');
      const confirmed = await actOk(slug, 'KAZ', { action: 'confirm', date: '2001-06-01' });
      expect(confirmed.body.participant).toMatchObject({
        status: 'signed',
        signedOn: '2001-01-10',
        signature: { kind: 'ad_referendum', confirmedOn: '2001-06-01' },
      });
      expect((await act(slug, 'KAZ', { action: 'confirm', date: '2001-07-01' })).status).toBe(409);

      const definitive = await actOk(slug, 'SRB', { action: 'sign', date: '2002-03-01', signature: 'definitive' });
      expect(definitive.body.participant).toMatchObject({
        status: 'ratified',
        signedOn: '2002-03-01',
        depositedOn: '2002-03-01',
        instrument: 'definitive_signature',
        signature: { kind: 'definitive', confirmedOn: null },
      });
    });

    it('a successor is bound from the date of succession: member from then if the treaty was in force', async () => {
      await actOk(slug, 'SEN', { action: 'accede', date: '2003-01-01' });
      await until('the treaty in force', async () => {
        const now = await status(slug);
        return now.status === 'in_force' ? now : undefined;
      });
      expect((await status(slug)).entryIntoForceOn).toBe('2003-01-31');
      const early = await act(slug, 'MNE', { action: 'succeed', date: '2007-10-23', effectiveFrom: '2007-11-01' });
      expect(early.status).toBe(400);
      const succeeded = await actOk(slug, 'MNE', {
        action: 'succeed',
        date: '2007-10-23',
        effectiveFrom: '2006-06-03',
        predecessor: 'Serbia and Montenegro',
      });
      expect(succeeded.body.participant).toMatchObject({
        status: 'ratified',
        instrument: 'succession',
        depositedOn: '2007-10-23',
        effectiveFrom: '2006-06-03',
        predecessor: 'Serbia and Montenegro',
      });
      const member = await until('Montenegro admitted', async () => {
        const mne = await participant(slug, 'MNE');
        return mne.status === 'member' ? mne : undefined;
      });
      expect(member.memberSince).toBe('2006-06-03');
    });
  });

  describe('the IOFS Statute as at a date and as known at an instant', () => {
    const record = JSON.parse(
      readFileSync(join(__dirname, '..', '..', 'apps', 'dev', 'src', 'iofs-statute.json'), 'utf8'),
    ) as TreatyRecordFile;
    const slug = record.treaty.slug;
    let beforeTheTenth = '';

    beforeAll(async () => {
      const actor = { id: t.users.officer.id, email: t.users.officer.email, role: 'officer' as const, countryCode: null };
      // Everything but the United Arab Emirates' ratification, then a pause, then that one.
      const tenth = record.actions.find((action) => action.country === 'ARE' && action.action === 'ratify')!;
      await t.app.get(TreatyRecordImport).load(actor, { ...record, actions: record.actions.filter((action) => action !== tenth) });
      await new Promise((resolve) => setTimeout(resolve, 20));
      beforeTheTenth = new Date().toISOString();
      await new Promise((resolve) => setTimeout(resolve, 20));
      await actOk(slug, tenth.country, { action: tenth.action, date: tenth.date });
    }, 60_000);

    it('as at 2016-07-11 Senegal is the 33rd signatory', async () => {
      const then = await status(slug, '?asOf=2016-07-11');
      expect(then.counts.signatories).toBe(33);
      expect(then).toMatchObject({ asOf: '2016-07-11', knownAt: null, status: 'open' });
      expect(await participant(slug, 'SEN', '?asOf=2016-07-11')).toMatchObject({ status: 'signed', signedOn: '2016-07-11' });
      expect((await status(slug, '?asOf=2016-07-10')).counts.signatories).toBe(32);
    });

    it('as at 2018-02-18 the Statute is open with 9 of 10; as at 2018-02-19 it is in force', async () => {
      expect(await status(slug, '?asOf=2018-02-18')).toMatchObject({ status: 'open', threshold: { required: 10, current: 9, met: false } });
      const inForce = await status(slug, '?asOf=2018-02-19');
      expect(inForce).toMatchObject({
        status: 'in_force',
        entryIntoForceOn: '2018-02-19',
        threshold: { current: 10, met: true, metOn: '2018-02-19' },
        decisive: { country: 'ARE', ordinal: 10 },
      });
      expect(inForce.counts.member).toBe(10);
    });

    it('as known before the 10th instrument was recorded, the Statute was not in force on 2018-02-19', async () => {
      const known = await status(slug, `?asOf=2018-02-19&knownAt=${encodeURIComponent(beforeTheTenth)}`);
      expect(known).toMatchObject({ status: 'open', knownAt: beforeTheTenth, threshold: { current: 9 } });
      const are = await participant(slug, 'ARE', `?knownAt=${encodeURIComponent(beforeTheTenth)}`);
      expect(are).toMatchObject({ status: 'signed', depositedOn: null });
      expect(are.events.map((event: { action: string }) => event.action)).toEqual(['invite', 'sign']);
    });

    it('refuses a malformed asOf or knownAt with a 400', async () => {
      for (const query of [
        '?asOf=2018-02-30',
        '?asOf=yesterday',
        '?knownAt=2018-02-19',
        '?knownAt=0000-01-01T00:00:00Z',
        '?as_of=2018-01-01',
      ]) {
        const res = await t
          .http()
          .get(`/api/treaties/${slug}/status${query}`)
          .set(...officer());
        expect({ query, status: res.status, error: res.body.error }).toEqual({ query, status: 400, error: 'validation_failed' });
      }
    });
  });

  it('accepts a weight of 0, as official tables round small shares to 0.00', async () => {
    const res = await t
      .http()
      .post('/api/treaties')
      .set(...officer())
      .send({
        slug: 'law-weights',
        title: 'Weighted',
        openedForSignatureOn: '2016-04-22',
        entryIntoForce: { minimumParties: 2, weights: { values: { USA: 17.89, TUV: 0 }, minimumShare: 10 } },
      });
    expect(res.status).toBe(201);
    expect(res.body.entryIntoForce.weights.values.TUV).toBe(0);
    expect(res.body.withdrawal).toEqual({ months: 12 });
  });
});
