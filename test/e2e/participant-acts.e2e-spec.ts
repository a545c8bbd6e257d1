// Recording a participant's acts (sign, ratify, accede, withdraw, correct; If-Match, Idempotency-Key): routes and access by role.
import type { Response } from 'supertest';
import { TestApp, bearer, createTreaty } from '../support/app';
import { Route, SHARED, STAFF, describeEveryCaller, useAccessApp } from '../support/access';
import { HASH, errorShape, todayUtc, useRoutesApp } from '../support/routes';

describe('routes of the HTTP table', () => {
  let t: TestApp;
  const { act, actOk, participant } = useRoutesApp((app) => (t = app));

  describe('POST /api/treaties/{slug}/participants/{code}/actions', () => {
    const slug = 'actions-all';
    beforeAll(() => createTreaty(t, slug, ['KAZ', 'SEN', 'SAU', 'EGY', 'TUR', 'QAT', 'JOR', 'OMN']));

    async function versionOf(code: string): Promise<number> {
      const res = await participant(slug, code);
      expect(res.status).toBe(200);
      return res.body.version;
    }

    it('sign then ratify: 201 {participant, event}, version +1 per act', async () => {
      const v0 = await versionOf('KAZ');
      const signed = await act(slug, 'KAZ', { action: 'sign', date: '2014-01-10', reference: 'ref-1', note: 'a note' });
      expect(signed.status).toBe(201);
      expect(signed.body.participant).toMatchObject({
        country: { code: 'KAZ', name: 'Kazakhstan' },
        status: 'signed',
        signedOn: '2014-01-10',
        version: v0 + 1,
      });
      expect(signed.body.event).toMatchObject({
        treaty: slug,
        country: 'KAZ',
        action: 'sign',
        from: 'invited',
        to: 'signed',
        date: '2014-01-10',
        reference: 'ref-1',
        note: 'a note',
        reason: null,
        actor: { id: t.users.officer.id, email: t.users.officer.email, role: 'officer' },
        hash: expect.stringMatching(HASH),
        prevHash: expect.stringMatching(HASH),
      });

      const ratified = await act(slug, 'KAZ', { action: 'ratify', date: '2014-06-01' });
      expect(ratified.status).toBe(201);
      expect(ratified.body.participant).toMatchObject({
        status: 'ratified',
        signedOn: '2014-01-10',
        depositedOn: '2014-06-01',
        instrument: 'ratification',
        version: v0 + 2,
      });
      expect(ratified.body.event).toMatchObject({ action: 'ratify', from: 'signed', to: 'ratified', date: '2014-06-01' });
      expect(ratified.body.event.prevHash).toBe(signed.body.event.hash);
    });

    it.each([
      ['accept', 'SEN', 'acceptance'],
      ['approve', 'SAU', 'approval'],
    ])('sign then %s (%s) deposits an instrument of %s', async (action, code, instrument) => {
      await actOk(slug, code, { action: 'sign', date: '2014-01-10' });
      const res = await act(slug, code, { action, date: '2014-07-01' });
      expect(res.status).toBe(201);
      expect(res.body.participant).toMatchObject({ status: 'ratified', depositedOn: '2014-07-01', instrument });
      expect(res.body.event).toMatchObject({ action, from: 'signed', to: 'ratified', date: '2014-07-01' });
    });

    it('accede takes an invited participant straight to ratified with an accession', async () => {
      const res = await act(slug, 'EGY', { action: 'accede', date: '2015-01-01' });
      expect(res.status).toBe(201);
      expect(res.body.participant).toMatchObject({
        status: 'ratified',
        signedOn: null,
        depositedOn: '2015-01-01',
        instrument: 'accession',
      });
      expect(res.body.event).toMatchObject({ action: 'accede', from: 'invited', to: 'ratified' });
    });

    it('withdraw, then correct with a reason reverses the withdrawal, dated the day it is recorded', async () => {
      await actOk(slug, 'TUR', { action: 'sign', date: '2014-01-10' });
      await actOk(slug, 'TUR', { action: 'ratify', date: '2014-03-01' });
      const withdrawn = await act(slug, 'TUR', { action: 'withdraw', date: '2016-01-01' });
      expect(withdrawn.status).toBe(201);
      // A withdrawal takes effect after notice (twelve months by default): until then the state stays a party.
      expect(withdrawn.body.participant).toMatchObject({
        status: 'ratified',
        withdrawal: { notifiedOn: '2016-01-01', effectiveOn: '2017-01-01' },
        withdrawnOn: null,
      });
      expect(withdrawn.body.event).toMatchObject({
        action: 'withdraw',
        from: 'ratified',
        to: 'ratified',
        date: '2016-01-01',
        details: { effectiveOn: '2017-01-01' },
      });

      const corrected = await act(slug, 'TUR', { action: 'correct', reason: 'the notification was withdrawn by the state' });
      expect(corrected.status).toBe(201);
      expect(corrected.body.participant).toMatchObject({
        status: 'ratified',
        withdrawal: null,
        withdrawnOn: null,
        depositedOn: '2014-03-01',
        instrument: 'ratification',
        version: withdrawn.body.participant.version + 1,
      });
      expect(corrected.body.event).toMatchObject({
        action: 'correct',
        from: 'ratified',
        to: 'ratified',
        date: todayUtc(),
        reason: 'the notification was withdrawn by the state',
      });
      expect(corrected.body.event.prevHash).toBe(withdrawn.body.event.hash);

      // Nothing is deleted: the withdrawal stays in the history, the correction follows it.
      const history = await participant(slug, 'TUR');
      expect(history.body.events.map((event: { action: string }) => event.action)).toEqual([
        'invite',
        'sign',
        'ratify',
        'withdraw',
        'correct',
      ]);
    });

    it('correct reverses a ratification back to signed', async () => {
      await actOk(slug, 'QAT', { action: 'sign', date: '2014-01-10' });
      await actOk(slug, 'QAT', { action: 'ratify', date: '2014-03-01' });
      const res = await act(slug, 'QAT', { action: 'correct', reason: 'recorded against the wrong country' });
      expect(res.status).toBe(201);
      expect(res.body.participant).toMatchObject({ status: 'signed', signedOn: '2014-01-10', depositedOn: null, instrument: null });
      expect(res.body.event).toMatchObject({
        action: 'correct',
        from: 'ratified',
        to: 'signed',
        reason: 'recorded against the wrong country',
      });
    });

    it('refuses a move the machine does not allow with 409 {error: invalid_transition, status, action, allowed}', async () => {
      await actOk(slug, 'JOR', { action: 'accede', date: '2015-01-01' });
      const res = await act(slug, 'JOR', { action: 'sign', date: '2015-02-01' });
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ error: 'invalid_transition', message: expect.any(String), status: 'ratified', action: 'sign' });
      expect(res.body.allowed).toEqual(expect.arrayContaining(['withdraw']));
      expect(res.body.allowed).not.toContain('sign');
      expect((await participant(slug, 'JOR')).body.status).toBe('ratified');
    });

    it('honours If-Match (412 when stale) and replays an Idempotency-Key', async () => {
      const read = await participant(slug, 'OMN');
      const version: number = read.body.version;
      const stale = await t
        .http()
        .post(`/api/treaties/${slug}/participants/OMN/actions`)
        .set(...bearer(t.users.officer))
        .set('If-Match', `"${version + 5}"`)
        .send({ action: 'sign', date: '2014-01-10' });
      expect(stale.status).toBe(412);
      expect(stale.body).toMatchObject(errorShape('precondition_failed'));

      const keyed = (): Promise<Response> =>
        t
          .http()
          .post(`/api/treaties/${slug}/participants/OMN/actions`)
          .set(...bearer(t.users.officer))
          .set('If-Match', `"${version}"`)
          .set('Idempotency-Key', 'routes-omn-sign-1')
          .send({ action: 'sign', date: '2014-01-10' });
      const first = await keyed();
      expect(first.status).toBe(201);
      expect(first.body.participant).toMatchObject({ status: 'signed', version: version + 1 });
      const replay = await keyed();
      expect(replay.status).toBe(201);
      expect(replay.body.event.id).toBe(first.body.event.id);
      const after = await participant(slug, 'OMN');
      expect(after.body.version).toBe(version + 1);
      expect(after.body.events.filter((event: { action: string }) => event.action === 'sign')).toHaveLength(1);
    });

    it('refuses a client-set status or actor with 400', async () => {
      const res = await act(slug, 'OMN', { action: 'withdraw', date: '2016-01-01', status: 'withdrawn', actor: 'system' });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject(errorShape('validation_failed'));
    });
  });
});

describe('access', () => {
  let t: TestApp;
  const { unique, asAdmin } = useAccessApp((app) => (t = app));

  const ROUTES: Route[] = [
    {
      route: 'POST /api/treaties/{slug}/participants/{code}/actions',
      who: STAFF,
      prepare: async () => {
        const slug = unique('access-act');
        await createTreaty(t, slug, ['KAZ']);
        return {
          method: 'post',
          path: `/api/treaties/${slug}/participants/KAZ/actions`,
          body: { action: 'sign', date: '2014-01-10' },
          applied: async () => (await asAdmin('get', `/api/treaties/${slug}/participants/KAZ`)).body.status === 'signed',
        };
      },
    },
  ];

  describeEveryCaller(ROUTES, () => t);

  describe('a focal point sees its own country only', () => {
    const fp = (): [string, string] => bearer(t.users.focal_point);

    it('cannot record an action for its own country', async () => {
      const res = await t
        .http()
        .post(`/api/treaties/${SHARED}/participants/KAZ/actions`)
        .set(...fp())
        .send({ action: 'ratify', date: '2014-05-01' });
      expect(res.status).toBe(403);
      const after = await t
        .http()
        .get(`/api/treaties/${SHARED}/participants/KAZ`)
        .set(...bearer(t.users.officer));
      expect(after.body.status).toBe('signed');
    });
  });
});
