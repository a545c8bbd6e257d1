// Recording a participant's acts (sign, ratify, accede, withdraw, correct; If-Match, Idempotency-Key): routes, malformed bodies, invalid transitions and access.
import type { Response } from 'supertest';
import { TestApp, bearer, createTreaty } from '../support/app';
import { Route, SHARED, STAFF, describeEveryCaller, useAccessApp } from '../support/access';
import {
  ACTIONS,
  FROM_INVITED,
  FROM_SIGNED,
  KAZ_SIGNED_ON,
  MalformedCase,
  TOMORROW,
  TransitionCase,
  describeMalformed,
  sign,
} from '../support/malformed';
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

const cases: MalformedCase[] = [
  // Action bodies: a client cannot set what the service owns.
  { name: 'action with status', method: 'post', path: ACTIONS('SEN'), body: sign({ status: 'member' }), status: 400 },
  { name: 'action with version', method: 'post', path: ACTIONS('SEN'), body: sign({ version: 9 }), status: 400 },
  { name: 'action with actor', method: 'post', path: ACTIONS('SEN'), body: sign({ actor: 'system' }), status: 400 },
  { name: 'action with from/to', method: 'post', path: ACTIONS('SEN'), body: sign({ to: 'member' }), status: 400 },
  // Wrong types and missing fields.
  { name: 'action is a number', method: 'post', path: ACTIONS('SEN'), body: { action: 1, date: '2015-02-01' }, status: 400 },
  { name: 'date is a number', method: 'post', path: ACTIONS('SEN'), body: { action: 'sign', date: 20150201 }, status: 400 },
  { name: 'date is null', method: 'post', path: ACTIONS('SEN'), body: { action: 'sign', date: null }, status: 400 },
  { name: 'note is a number', method: 'post', path: ACTIONS('SEN'), body: sign({ note: 42 }), status: 400 },
  { name: 'reference is an object', method: 'post', path: ACTIONS('SEN'), body: sign({ reference: { no: 1 } }), status: 400 },
  { name: 'action missing', method: 'post', path: ACTIONS('SEN'), body: { date: '2015-02-01' }, status: 400 },
  { name: 'date missing', method: 'post', path: ACTIONS('SEN'), body: { action: 'sign' }, status: 400 },
  // Not a JSON object at all.
  {
    name: 'invalid JSON',
    method: 'post',
    path: ACTIONS('SEN'),
    raw: '{"action": "sign", "date": ',
    contentType: 'application/json',
    status: 400,
  },
  { name: 'empty JSON body', method: 'post', path: ACTIONS('SEN'), raw: '', contentType: 'application/json', status: 400 },
  { name: 'no body', method: 'post', path: ACTIONS('SEN'), status: 400 },
  { name: 'JSON null', method: 'post', path: ACTIONS('SEN'), raw: 'null', contentType: 'application/json', status: 400 },
  { name: 'JSON string', method: 'post', path: ACTIONS('SEN'), raw: '"sign"', contentType: 'application/json', status: 400 },
  { name: 'array instead of object', method: 'post', path: ACTIONS('SEN'), body: [sign()], status: 400 },
  {
    name: 'XML body',
    method: 'post',
    path: ACTIONS('SAU'),
    raw: '<act><action>sign</action></act>',
    contentType: 'application/xml',
    status: 415,
    error: 'unsupported_media_type',
  },
  {
    name: 'JSON sent as text/plain',
    method: 'post',
    path: ACTIONS('SAU'),
    raw: JSON.stringify(sign()),
    contentType: 'text/plain',
    status: [400, 415],
  },
  {
    name: 'form-encoded body',
    method: 'post',
    path: ACTIONS('SAU'),
    raw: 'action=sign&date=2015-02-01',
    contentType: 'application/x-www-form-urlencoded',
    status: [400, 415],
  },
  // Dates.
  { name: '2019-02-29 is no day', method: 'post', path: ACTIONS('SEN'), body: sign({ date: '2019-02-29' }), status: 400 },
  { name: '2018-13-01 is no day', method: 'post', path: ACTIONS('SEN'), body: sign({ date: '2018-13-01' }), status: 400 },
  { name: 'date with a time', method: 'post', path: ACTIONS('SEN'), body: sign({ date: '2015-02-01T00:00:00Z' }), status: 400 },
  { name: 'date without leading zeros', method: 'post', path: ACTIONS('SEN'), body: sign({ date: '2015-2-1' }), status: 400 },
  { name: 'date of year 0000', method: 'post', path: ACTIONS('SEN'), body: sign({ date: '0000-01-01' }), status: 400 },
  { name: 'date as DD/MM/YYYY', method: 'post', path: ACTIONS('SEN'), body: sign({ date: '01/02/2015' }), status: 400 },
  { name: 'future date', method: 'post', path: ACTIONS('SEN'), body: sign({ date: TOMORROW }), status: 400, error: 'invalid_date' },
  {
    name: 'date before openedForSignatureOn',
    method: 'post',
    path: ACTIONS('SEN'),
    body: sign({ date: '2013-12-09' }),
    status: 400,
    error: 'invalid_date',
  },
  {
    name: 'date before the invitation',
    method: 'post',
    path: ACTIONS('FRA'),
    body: sign({ date: '2015-12-31' }),
    status: 400,
    error: 'invalid_date',
  },
  {
    name: 'date before the previous act',
    method: 'post',
    path: ACTIONS('KAZ'),
    body: { action: 'ratify', date: '2015-01-09' },
    status: 400,
    error: 'invalid_date',
  },
  // Actions.
  { name: 'unknown action', method: 'post', path: ACTIONS('SEN'), body: sign({ action: 'ratifyy' }), status: 400 },
  { name: 'action in capitals', method: 'post', path: ACTIONS('SEN'), body: sign({ action: 'SIGN' }), status: 400 },
  { name: 'admit is the service’s own', method: 'post', path: ACTIONS('SEN'), body: sign({ action: 'admit' }), status: 400 },
  { name: 'invite is not an action', method: 'post', path: ACTIONS('SEN'), body: sign({ action: 'invite' }), status: 400 },
  { name: 'correct without reason', method: 'post', path: ACTIONS('KAZ'), body: { action: 'correct' }, status: 400 },
  { name: 'correct with empty reason', method: 'post', path: ACTIONS('KAZ'), body: { action: 'correct', reason: '  ' }, status: 400 },
  {
    name: 'correct dated another day than today',
    method: 'post',
    path: ACTIONS('KAZ'),
    body: { action: 'correct', reason: 'entered in error', date: KAZ_SIGNED_ON },
    status: 400,
    error: 'invalid_date',
  },
  { name: 'a 20 KB note', method: 'post', path: ACTIONS('SEN'), body: sign({ note: 'n'.repeat(20_000) }), status: 400 },
  { name: 'a 501-character reference', method: 'post', path: ACTIONS('SEN'), body: sign({ reference: 'r'.repeat(501) }), status: 400 },
  { name: 'an empty note', method: 'post', path: ACTIONS('SEN'), body: sign({ note: '' }), status: 400 },
  { name: 'a note with a NUL character', method: 'post', path: ACTIONS('SEN'), body: sign({ note: 'received\u0000' }), status: 400 },
  {
    name: 'a reference with a NUL character',
    method: 'post',
    path: ACTIONS('SEN'),
    body: sign({ reference: 'C.N.\u0000.2015' }),
    status: 400,
  },
  {
    name: 'a JSON __proto__ key',
    method: 'post',
    path: ACTIONS('SEN'),
    raw: '{"action": "sign", "date": "2015-02-01", "__proto__": {"status": "member"}}',
    contentType: 'application/json',
    status: 400,
  },
  {
    name: 'a body over 1 MB',
    method: 'post',
    path: ACTIONS('SEN'),
    body: sign({ note: 'x'.repeat(1_100_000) }),
    status: 413,
    error: 'payload_too_large',
  },
  // Headers.
  { name: 'If-Match "abc"', method: 'post', path: ACTIONS('SEN'), body: sign(), headers: { 'If-Match': 'abc' }, status: 400 },
  { name: 'If-Match "-1"', method: 'post', path: ACTIONS('SEN'), body: sign(), headers: { 'If-Match': '"-1"' }, status: 400 },
  {
    name: 'Idempotency-Key of 201 characters',
    method: 'post',
    path: ACTIONS('SEN'),
    body: sign(),
    headers: { 'Idempotency-Key': 'k'.repeat(201) },
    status: 400,
  },
  {
    name: 'Idempotency-Key with a non-ASCII letter',
    method: 'post',
    path: ACTIONS('SEN'),
    body: sign(),
    headers: { 'Idempotency-Key': 'clé-1' },
    status: 400,
  },
  {
    name: 'bad date with an Idempotency-Key',
    method: 'post',
    path: ACTIONS('SEN'),
    body: sign({ date: TOMORROW }),
    headers: { 'Idempotency-Key': 'malformed-future-date' },
    status: 400,
    error: 'invalid_date',
  },
  // Countries and treaties in paths.
  { name: 'country path of 2 letters', method: 'post', path: ACTIONS('KZ'), body: sign(), status: 400 },
  { name: 'country path with digits', method: 'post', path: ACTIONS('K4Z'), body: sign(), status: 400 },
  { name: 'unknown country XXX in path', method: 'post', path: ACTIONS('XXX'), body: sign(), status: 404, error: 'not_found' },
  { name: 'country not invited to the treaty', method: 'post', path: ACTIONS('BRA'), body: sign(), status: 404, error: 'not_found' },
  {
    name: 'unknown treaty',
    method: 'post',
    path: '/api/treaties/no-such-treaty/participants/KAZ/actions',
    body: sign(),
    status: 404,
    error: 'not_found',
  },
  { name: 'treaty slug with capitals', method: 'post', path: '/api/treaties/Bad_Slug/participants/KAZ/actions', body: sign(), status: 400 },
];

const transitions: TransitionCase[] = [
  {
    name: 'ratify while invited',
    code: 'SEN',
    body: { action: 'ratify', date: '2015-02-01' },
    status: 'invited',
    action: 'ratify',
    allowed: FROM_INVITED,
  },
  {
    name: 'withdraw while invited',
    code: 'SEN',
    body: { action: 'withdraw', date: '2015-02-01' },
    status: 'invited',
    action: 'withdraw',
    allowed: FROM_INVITED,
  },
  {
    name: 'correct while invited',
    code: 'SEN',
    body: { action: 'correct', reason: 'nothing to correct' },
    status: 'invited',
    action: 'correct',
    allowed: FROM_INVITED,
  },
  {
    name: 'sign twice',
    code: 'KAZ',
    body: { action: 'sign', date: '2015-02-01' },
    status: 'signed',
    action: 'sign',
    allowed: FROM_SIGNED,
  },
  {
    name: 'withdraw a signature (a signatory cannot)',
    code: 'KAZ',
    body: { action: 'withdraw', date: '2015-02-01' },
    status: 'signed',
    action: 'withdraw',
    allowed: FROM_SIGNED,
  },
  {
    name: 'confirm a signature that is not ad referendum',
    code: 'KAZ',
    body: { action: 'confirm', date: '2015-02-01' },
    status: 'signed',
    action: 'confirm',
    allowed: FROM_SIGNED,
  },
  {
    name: 'revoke a withdrawal never notified',
    code: 'KAZ',
    body: { action: 'revoke_withdrawal', date: '2015-02-01' },
    status: 'signed',
    action: 'revoke_withdrawal',
    allowed: FROM_SIGNED,
  },
  {
    name: 'accede after signing',
    code: 'KAZ',
    body: { action: 'accede', date: '2015-02-01' },
    status: 'signed',
    action: 'accede',
    allowed: FROM_SIGNED,
  },
  {
    name: 'an invalid transition with an Idempotency-Key',
    code: 'SEN',
    body: { action: 'ratify', date: '2015-02-01' },
    headers: { 'Idempotency-Key': 'malformed-invalid-transition' },
    status: 'invited',
    action: 'ratify',
    allowed: FROM_INVITED,
  },
];

describeMalformed(cases, 55, transitions);

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
