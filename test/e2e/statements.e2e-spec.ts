import type { Response } from 'supertest';
import type { INestApplicationContext } from '@nestjs/common';
import { Client } from 'pg';
import { TestApp, bearer, createTreaty, startTestApp, startWorker } from '../support/app';
import { eventually } from '../support/smtp-sink';

describe('statements: reservations, declarations, objections, territorial application', () => {
  let t: TestApp;
  const slug = 'paris-statements';

  beforeAll(async () => {
    t = await startTestApp();
    await createTreaty(t, slug, ['NZL', 'FRA', 'KAZ', 'USA'], { openedForSignatureOn: '2016-04-22' });
  }, 60_000);
  afterAll(() => t?.close());

  const officer = (): [string, string] => bearer(t.users.officer);
  const post = (path: string, body: Record<string, unknown>): Promise<Response> =>
    t
      .http()
      .post(`/api/treaties/${slug}${path}`)
      .set(...officer())
      .send(body);
  async function postOk(path: string, body: Record<string, unknown>): Promise<Response> {
    const res = await post(path, body);
    if (res.status !== 201) throw new Error(`POST ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res;
  }
  const get = async (path: string, user = t.users.officer): Promise<Response> =>
    t
      .http()
      .get(`/api/treaties/${slug}${path}`)
      .set(...bearer(user));

  let reservation = 0;

  it('records a reservation made at signature, unconfirmed until consent (VCLT 23(2)), in the chain', async () => {
    await postOk('/participants/FRA/actions', { action: 'sign', date: '2016-04-22' });
    const made = await postOk('/participants/FRA/statements', {
      kind: 'reservation',
      date: '2016-04-22',
      text: { en: 'France reserves article 8.', fr: "La France formule une réserve à l'article 8." },
    });
    reservation = made.body.statement.id;
    expect(made.body.statement).toMatchObject({
      kind: 'reservation',
      at: 'signature',
      confirmed: false,
      country: 'FRA',
      withdrawnOn: null,
    });
    expect(made.body.event).toMatchObject({
      action: 'state',
      from: 'signed',
      to: 'signed',
      details: { kind: 'reservation', at: 'signature' },
    });
    const fra = (await get('/participants/FRA')).body;
    expect(fra.statementKinds).toEqual(['reservation']);
    expect(fra.statements.map((statement: { id: number }) => statement.id)).toEqual([reservation]);
    expect(fra.version).toBe(3);

    await postOk('/participants/FRA/actions', { action: 'approve', date: '2016-10-05' });
    const confirmed = await postOk(`/participants/FRA/statements/${reservation}/confirm`, { date: '2016-10-05' });
    expect(confirmed.body.statement).toMatchObject({ confirmed: true, confirmedOn: '2016-10-05' });
    expect(confirmed.body.event.action).toBe('confirm_statement');
    const again = await post(`/participants/FRA/statements/${reservation}/confirm`, { date: '2016-10-06' });
    expect(again.status).toBe(409);
  });

  it('keeps an objection with the reservation it objects to; a state does not object to its own', async () => {
    await postOk('/participants/KAZ/actions', { action: 'accede', date: '2016-11-01' });
    const objection = await postOk('/participants/KAZ/statements', {
      kind: 'objection',
      date: '2016-12-01',
      text: 'Kazakhstan objects to the reservation of France.',
      objectsTo: reservation,
    });
    expect(objection.body.statement).toMatchObject({ kind: 'objection', at: 'consent', objectsTo: reservation, late: false });
    const own = await post('/participants/FRA/statements', { kind: 'objection', date: '2016-12-01', text: 'x', objectsTo: reservation });
    expect(own.status).toBe(400);
    const listed = await get(`/statements?country=FRA`);
    expect(listed.body.items[0].objections).toEqual([objection.body.statement.id]);
  });

  it('New Zealand excludes Tokelau at ratification and extends the Agreement to it later', async () => {
    await postOk('/participants/NZL/actions', { action: 'sign', date: '2016-04-22' });
    await postOk('/participants/NZL/actions', { action: 'ratify', date: '2016-10-04' });
    const excluded = await postOk('/participants/NZL/statements', {
      kind: 'territorial_application',
      date: '2016-10-04',
      text: 'consistent with the constitutional status of Tokelau, this ratification shall not extend to Tokelau',
      territories: ['Tokelau'],
      scope: 'excluded',
    });
    const extended = await postOk('/participants/NZL/statements', {
      kind: 'territorial_application',
      date: '2017-11-14',
      text: 'the ratification shall extend to Tokelau',
      territories: ['Tokelau'],
      scope: 'extended',
    });
    expect(excluded.body.statement).toMatchObject({ territories: ['Tokelau'], scope: 'excluded', at: 'consent' });
    expect(extended.body.statement).toMatchObject({ territories: ['Tokelau'], scope: 'extended' });
    const asAt2017 = (await get('/statements?country=NZL&asOf=2017-01-01')).body.items;
    expect(asAt2017.map((statement: { scope: string }) => statement.scope)).toEqual(['excluded']);
    const now = (await get('/statements?country=NZL')).body.items;
    expect(now.map((statement: { scope: string }) => statement.scope)).toEqual(['excluded', 'extended']);
  });

  it('withdraws a statement from its date, keeps it, and the chart marks only what is in effect', async () => {
    await postOk('/participants/USA/actions', { action: 'sign', date: '2016-04-22' });
    const declaration = await postOk('/participants/USA/statements', { kind: 'declaration', date: '2016-04-22', text: 'A declaration.' });
    const notice = await postOk('/participants/USA/statements', {
      kind: 'communication',
      date: '2017-06-01',
      text: 'The United States does not intend to become a party.',
    });
    expect(notice.body.statement.at).toBe('signature');
    const withdrawn = await postOk(`/participants/USA/statements/${declaration.body.statement.id}/withdraw`, { date: '2018-01-01' });
    expect(withdrawn.body.statement.withdrawnOn).toBe('2018-01-01');
    expect(withdrawn.body.event.action).toBe('withdraw_statement');
    const twice = await post(`/participants/USA/statements/${declaration.body.statement.id}/withdraw`, { date: '2018-02-01' });
    expect(twice.status).toBe(409);

    const kindsOf = async (query: string): Promise<string[]> =>
      (await get(`/participants${query}`)).body.items.find((item: { country: { code: string } }) => item.country.code === 'USA')
        .statementKinds;
    expect((await kindsOf('?asOf=2017-12-31')).sort()).toEqual(['communication', 'declaration']);
    expect(await kindsOf('')).toEqual(['communication']);
    const usa = (await get('/participants/USA')).body;
    expect(usa.status).toBe('signed');
    expect(usa.statements).toHaveLength(2);
    expect(usa.events.map((event: { action: string }) => event.action)).toEqual(['invite', 'sign', 'state', 'state', 'withdraw_statement']);

    const verify = await t
      .http()
      .get('/api/audit/verify')
      .set(...bearer(t.users.auditor));
    expect(verify.body).toMatchObject({ ok: true, firstBroken: null });
  });

  it('reads statements as known at an instant: one recorded later is not there, a withdrawal recorded later not yet', async () => {
    // A treaty of its own, so that no statement of the other cases is in the way.
    const other = 'known-at-statements';
    await createTreaty(t, other, ['FRA'], { openedForSignatureOn: '2016-04-22' });
    const at = (path: string) => `/api/treaties/${other}${path}`;
    const send = async (path: string, body: Record<string, unknown>): Promise<Response> => {
      const res = await t
        .http()
        .post(at(path))
        .set(...officer())
        .send(body);
      expect(res.status).toBe(201);
      return res;
    };
    const read = async (path: string): Promise<Response> =>
      t
        .http()
        .get(at(path))
        .set(...officer());
    await send('/participants/FRA/actions', { action: 'sign', date: '2016-04-22' });
    const before = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 20));
    const made = await send('/participants/FRA/statements', {
      kind: 'declaration',
      date: '2016-04-22',
      text: 'A declaration of France.',
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const between = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await send(`/participants/FRA/statements/${made.body.statement.id}/withdraw`, { date: '2016-05-01' });

    const known = async (instant: string) => {
      const query = `?asOf=2016-06-01&knownAt=${encodeURIComponent(instant)}`;
      const france = (await read(`/participants/FRA${query}`)).body;
      const row = (await read(`/participants${query}`)).body.items.find(
        (item: { country: { code: string } }) => item.country.code === 'FRA',
      );
      return { statements: france.statements, kinds: row.statementKinds };
    };
    expect(await known(before)).toEqual({ statements: [], kinds: [] });
    const then = await known(between);
    expect(then.kinds).toEqual(['declaration']);
    expect(then.statements).toHaveLength(1);
    expect(then.statements[0]).toMatchObject({ id: made.body.statement.id, withdrawnOn: null });
    const now = await known(new Date().toISOString());
    expect(now.kinds).toEqual([]);
    expect(now.statements[0]).toMatchObject({ id: made.body.statement.id, withdrawnOn: '2016-05-01' });
  });

  it('refuses a reservation to a treaty that prohibits them (the Rome Statute, art. 120)', async () => {
    await createTreaty(t, 'rome-statute', ['KAZ'], { reservations: 'prohibited' });
    const res = await t
      .http()
      .post('/api/treaties/rome-statute/participants/KAZ/statements')
      .set(...officer())
      .send({ kind: 'reservation', date: '2014-01-10', text: 'a reservation' });
    expect(res.status).toBe(409);
    expect(res.body.error).toBe('reservations_prohibited');
    const declaration = await t
      .http()
      .post('/api/treaties/rome-statute/participants/KAZ/statements')
      .set(...officer())
      .send({ kind: 'declaration', date: '2014-01-10', text: 'a declaration' });
    expect(declaration.status).toBe(201);
  });

  it.each([
    ['an unknown kind', { kind: 'opinion', date: '2017-01-01', text: 'x' }],
    ['an objection without its target', { kind: 'objection', date: '2017-01-01', text: 'x' }],
    ['territories on a declaration', { kind: 'declaration', date: '2017-01-01', text: 'x', territories: ['Tokelau'] }],
    [
      'a territorial application without scope',
      { kind: 'territorial_application', date: '2017-01-01', text: 'x', territories: ['Tokelau'] },
    ],
    ['an empty text', { kind: 'declaration', date: '2017-01-01', text: {} }],
    ['a date in the future', { kind: 'declaration', date: '2999-01-01', text: 'x' }],
  ])('refuses %s with a 400', async (_name, body) => {
    const res = await post('/participants/KAZ/statements', body);
    expect(res.status).toBe(400);
  });

  it("lets a focal point read its own country's statements only", async () => {
    const own = await get('/statements', t.users.focal_point);
    expect(own.status).toBe(200);
    expect(new Set(own.body.items.map((statement: { country: string }) => statement.country))).toEqual(new Set(['KAZ']));
    expect((await get('/statements?country=FRA', t.users.focal_point)).status).toBeGreaterThanOrEqual(403);
    const write = await t
      .http()
      .post(`/api/treaties/${slug}/participants/KAZ/statements`)
      .set(...bearer(t.users.focal_point))
      .send({ kind: 'declaration', date: '2017-01-01', text: 'x' });
    expect(write.status).toBe(403);
  });
});

describe('statements are notified, and an objection after its period is kept, marked late', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  const slug = 'notified-statements';

  beforeAll(async () => {
    t = await startTestApp();
    worker = await startWorker(t);
    await createTreaty(t, slug, ['FRA', 'KAZ'], { openedForSignatureOn: '2016-04-22' });
  }, 60_000);
  afterAll(async () => {
    await worker?.close();
    await t?.close();
  });

  const officer = (): [string, string] => bearer(t.users.officer);
  const post = async (path: string, body: Record<string, unknown>): Promise<Response> => {
    const res = await t
      .http()
      .post(path)
      .set(...officer())
      .send(body);
    if (res.status !== 201) throw new Error(`POST ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res;
  };
  const draftOf = (
    eventId: number,
  ): Promise<{ id: number; kind: string; subject: { en: string }; text: { en: string; fr: string; ar: string } }> =>
    eventually(
      async () => {
        const res = await t
          .http()
          .get(`/api/depositary-notifications?treaty=${slug}`)
          .set(...officer());
        return res.body.items.find((item: { eventId: number }) => item.eventId === eventId);
      },
      20_000,
      `the draft of event ${eventId}`,
    );

  it('drafts a notification for a statement and for its withdrawal, with the text as made', async () => {
    await post(`/api/treaties/${slug}/participants/FRA/actions`, { action: 'approve', date: '2016-10-05' });
    const made = await post(`/api/treaties/${slug}/participants/FRA/statements`, {
      kind: 'reservation',
      date: '2016-10-05',
      text: { en: 'France reserves article 8.', fr: "La France formule une réserve à l'article 8." },
    });
    const draft = await draftOf(made.body.event.id);
    expect(draft.kind).toBe('state');
    expect(draft.subject.en).toMatch(/France: reservation$/);
    expect(draft.text.en).toContain('France reserves article 8.');
    expect(draft.text.fr).toContain("La France formule une réserve à l'article 8.");
    expect(draft.text.ar).toContain('تحفظ');

    const withdrawn = await post(`/api/treaties/${slug}/participants/FRA/statements/${made.body.statement.id}/withdraw`, {
      date: '2018-01-01',
    });
    const withdrawal = await draftOf(withdrawn.body.event.id);
    expect(withdrawal.kind).toBe('withdraw_statement');
    expect(withdrawal.subject.en).toMatch(/withdrawal of reservation$/);
  });

  it("keeps an objection made after twelve months from the reservation's notification, marked late", async () => {
    const reservation = await post(`/api/treaties/${slug}/participants/FRA/statements`, {
      kind: 'reservation',
      date: '2016-10-05',
      text: 'France reserves article 9.',
    });
    const draft = await draftOf(reservation.body.event.id);
    const issued = await t
      .http()
      .post(`/api/depositary-notifications/${draft.id}/issue`)
      .set(...officer());
    expect(issued.status).toBe(200);
    // The notification was issued today; move its issue two years back, as if the objection came long after.
    const db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
    try {
      await db.query(`UPDATE depositary_notifications SET issued_on = issued_on - interval '2 years' WHERE id = $1`, [draft.id]);
    } finally {
      await db.end();
    }
    await post(`/api/treaties/${slug}/participants/KAZ/actions`, { action: 'accede', date: '2016-11-01' });
    const today = new Date().toISOString().slice(0, 10);
    const objection = await post(`/api/treaties/${slug}/participants/KAZ/statements`, {
      kind: 'objection',
      date: today,
      text: 'Kazakhstan objects to the reservation of France.',
      objectsTo: reservation.body.statement.id,
    });
    expect(objection.body.statement.late).toBe(true);
    expect(objection.body.statement.deadline < today).toBe(true);
    const listed = await t
      .http()
      .get(`/api/treaties/${slug}/statements?kind=objection`)
      .set(...officer());
    expect(listed.body.items).toEqual([expect.objectContaining({ id: objection.body.statement.id, late: true })]);
  });
});
