// What the routes really answer is what the OpenAPI document says they answer: each body parsed with the response
// schema of libs/contracts that the document is made from comes out unchanged (no field missing, none unknown).
import {
  actResultSchema,
  auditEventListSchema,
  bulkActResultSchema,
  chartViewSchema,
  checkpointListSchema,
  checkpointViewSchema,
  countryListSchema,
  deliveryListSchema,
  depositaryNotificationListSchema,
  depositaryNotificationViewSchema,
  errorSchema,
  focalPointListSchema,
  focalPointViewSchema,
  importResultSchema,
  invitationResultSchema,
  livenessSchema,
  participantDetailSchema,
  publicNotificationListSchema,
  publicTreatyListSchema,
  publicTreatySchema,
  readinessSchema,
  statementListSchema,
  statementResultSchema,
  sweepResultSchema,
  tokenViewSchema,
  treatyListSchema,
  treatyStatusViewSchema,
  treatyViewSchema,
  userListSchema,
  userViewSchema,
  verificationSchema,
} from '@depositary/contracts';
import type { Response } from 'supertest';
import type { z } from 'zod';
import { IOFS_RULE, TestApp, TestUser, bearer, startTestApp } from '../support/app';

describe('the answers of the routes match their documented schemas', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const slug = 'shapes-treaty';

  /** Sends a request and checks its status and that the schema reads its body back unchanged. */
  async function answers(
    schema: z.ZodType,
    status: number,
    method: 'get' | 'post' | 'patch',
    path: string,
    body?: object,
    user: TestUser | null = t.users.officer,
  ): Promise<Response> {
    let req = t.http()[method](path);
    if (user) req = req.set(...bearer(user));
    const res = body === undefined ? await req : await req.send(body);
    expect([path, res.status]).toEqual([path, status]);
    expect(schema.parse(res.body)).toEqual(res.body);
    return res;
  }

  it('answers the treaty, participant and statement routes in their shapes', async () => {
    const rule = { ...IOFS_RULE, minimumParties: 2 };
    const treaty = { slug, title: 'Shapes', openedForSignatureOn: '2013-12-10', entryIntoForce: rule, public: true };
    await answers(treatyViewSchema, 201, 'post', '/api/treaties', treaty);
    await answers(invitationResultSchema, 201, 'post', `/api/treaties/${slug}/participants`, {
      countries: ['KAZ', 'SEN', 'FRA'],
      invitedOn: '2013-12-10',
    });
    await answers(bulkActResultSchema, 201, 'post', `/api/treaties/${slug}/actions`, {
      action: 'sign',
      date: '2014-01-10',
      countries: ['KAZ', 'SEN'],
    });
    await answers(actResultSchema, 201, 'post', `/api/treaties/${slug}/participants/KAZ/actions`, {
      action: 'ratify',
      date: '2015-02-01',
      reference: 'C.N.1.2015',
    });
    await answers(actResultSchema, 201, 'post', `/api/treaties/${slug}/participants/FRA/actions`, { action: 'accede', date: '2015-03-01' });
    const made = await answers(statementResultSchema, 201, 'post', `/api/treaties/${slug}/participants/FRA/statements`, {
      kind: 'declaration',
      date: '2015-03-01',
      text: { en: 'A declaration.', fr: 'Une déclaration.' },
    });
    expect(made.body.statement.kind).toBe('declaration');
    await answers(statementListSchema, 200, 'get', `/api/treaties/${slug}/statements`);
    await answers(treatyListSchema, 200, 'get', '/api/treaties');
    await answers(treatyViewSchema, 200, 'get', `/api/treaties/${slug}`);
    await answers(treatyViewSchema, 200, 'patch', `/api/treaties/${slug}`, { titles: { fr: 'Formes' } });
    await answers(treatyStatusViewSchema, 200, 'get', `/api/treaties/${slug}/status`);
    await answers(treatyStatusViewSchema, 200, 'get', `/api/treaties/${slug}/status?asOf=2015-02-15`);
    await answers(chartViewSchema, 200, 'get', `/api/treaties/${slug}/participants`);
    await answers(participantDetailSchema, 200, 'get', `/api/treaties/${slug}/participants/FRA`);
    await answers(participantDetailSchema, 200, 'get', `/api/treaties/${slug}/participants/KAZ?asOf=2014-06-01`);
    await answers(importResultSchema, 200, 'post', '/api/treaties/import?dryRun=true', {
      treaty: { ...treaty, slug: 'shapes-imported' },
      invited: { countries: ['KAZ', 'SEN'], invitedOn: '2013-12-10' },
      actions: [{ country: 'KAZ', action: 'sign', date: '2014-01-10' }],
    });
  });

  it('answers the public reads in their shapes', async () => {
    await answers(publicTreatyListSchema, 200, 'get', '/public/treaties', undefined, null);
    await answers(publicTreatySchema, 200, 'get', `/public/treaties/${slug}`, undefined, null);
    await answers(publicNotificationListSchema, 200, 'get', `/public/treaties/${slug}/notifications`, undefined, null);
  });

  it('answers the depositary notification, audit and delivery routes in their shapes', async () => {
    const draft = await answers(depositaryNotificationViewSchema, 201, 'post', '/api/depositary-notifications', {
      treaty: slug,
      subject: 'A correction',
      text: { en: 'The text is corrected.' },
    });
    await answers(depositaryNotificationViewSchema, 200, 'post', `/api/depositary-notifications/${draft.body.id}/issue`);
    await answers(depositaryNotificationViewSchema, 200, 'get', `/api/depositary-notifications/${draft.body.id}`);
    await answers(depositaryNotificationListSchema, 200, 'get', `/api/depositary-notifications?treaty=${slug}`);
    await answers(auditEventListSchema, 200, 'get', `/api/audit/events?treaty=${slug}`);
    await answers(auditEventListSchema, 200, 'get', '/api/audit/events?kind=configuration');
    await answers(checkpointViewSchema, 201, 'post', '/api/audit/checkpoints', undefined, t.users.auditor);
    await answers(checkpointListSchema, 200, 'get', '/api/audit/checkpoints');
    await answers(verificationSchema, 200, 'get', '/api/audit/verify');
    await answers(sweepResultSchema, 200, 'post', '/api/reminders/sweep');
    await answers(deliveryListSchema, 200, 'get', '/api/notifications');
  });

  it('answers the account, country and operations routes in their shapes', async () => {
    await answers(
      tokenViewSchema,
      200,
      'post',
      '/api/auth/token',
      { email: t.users.auditor.email, password: t.users.auditor.password },
      null,
    );
    const user = await answers(
      userViewSchema,
      201,
      'post',
      '/api/users',
      { email: 'shapes@shapes.test', name: 'Shapes', password: 'long enough password', role: 'auditor' },
      t.users.admin,
    );
    await answers(userViewSchema, 200, 'patch', `/api/users/${user.body.id}`, { active: false }, t.users.admin);
    await answers(userListSchema, 200, 'get', '/api/users', undefined, t.users.admin);
    await answers(countryListSchema, 200, 'get', '/api/countries');
    const focalPoint = await answers(focalPointViewSchema, 201, 'post', '/api/countries/SEN/focal-points', {
      name: 'A focal point',
      email: 'fp@sen.test',
      language: 'fr',
    });
    await answers(focalPointViewSchema, 200, 'patch', `/api/countries/SEN/focal-points/${focalPoint.body.id}`, { active: false });
    await answers(focalPointListSchema, 200, 'get', '/api/countries/SEN/focal-points');
    await answers(livenessSchema, 200, 'get', '/health/live', undefined, null);
    await answers(readinessSchema, 200, 'get', '/health', undefined, null);
  });

  it('answers errors in the one error shape', async () => {
    await answers(errorSchema, 401, 'get', '/api/treaties', undefined, null);
    await answers(errorSchema, 403, 'get', '/api/users', undefined, t.users.auditor);
    await answers(errorSchema, 404, 'get', '/api/treaties/no-such-treaty');
    await answers(errorSchema, 400, 'post', '/api/treaties', { slug: 'Not A Slug', status: 'in_force' });
    await answers(errorSchema, 409, 'post', `/api/treaties/${slug}/participants/KAZ/actions`, { action: 'sign', date: '2016-01-01' });
  });
});
