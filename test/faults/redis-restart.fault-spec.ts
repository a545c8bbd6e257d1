import { bearer } from '../support/app';
import { eventually } from '../support/smtp-sink';
import { FaultStack, checkInvariants, startStack } from './stack';

describe('Redis stopped while officers record acts, then started empty', () => {
  let stack: FaultStack;
  beforeAll(async () => {
    stack = await startStack({ apis: 1, workers: 2 });
  });
  afterAll(() => stack.close());

  it('acts are answered 201 throughout; once Redis is back the work is done once', async () => {
    const { t, redis } = stack;
    const officer = bearer(t.users.officer);
    await t
      .http()
      .post('/api/treaties')
      .set(...officer)
      .send({ slug: 'restart', title: 'Charter of the restart', openedForSignatureOn: '2019-01-01', entryIntoForce: { minimumParties: 4 } })
      .expect(201);
    const codes = ['KAZ', 'SEN', 'SAU', 'QAT', 'JOR', 'TUR'];
    await t
      .http()
      .post('/api/treaties/restart/participants')
      .set(...officer)
      .send({ countries: codes, invitedOn: '2019-01-01' })
      .expect(201);
    await t
      .http()
      .post('/api/treaties/restart/participants/KAZ/actions')
      .set(...officer)
      .send({ action: 'accede', date: '2020-01-01' })
      .expect(201);

    await redis.stop();
    for (const [i, code] of codes.slice(1).entries()) {
      const response = await t
        .http()
        .post(`/api/treaties/restart/participants/${code}/actions`)
        .set(...officer)
        .send({ action: 'accede', date: `2020-01-0${2 + i}` });
      expect(response.status).toBe(201);
    }
    expect((await t.http().get('/health')).body).toMatchObject({ redis: 'down', postgres: 'up' });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await redis.start();

    const status = await eventually(
      async () => {
        const body = (
          await t
            .http()
            .get('/api/treaties/restart/status')
            .set(...officer)
        ).body;
        return body.status === 'in_force' && body.counts.member === 6 ? body : undefined;
      },
      60_000,
      'entry into force after the restart',
    );
    expect(status).toMatchObject({ threshold: { metOn: '2020-01-04' }, entryIntoForceOn: '2020-01-04' });
    await checkInvariants(stack);
    expect(stack.sink.messages.map((mail) => mail.subject.split(':')[0]).sort()).toEqual(['In force', 'Threshold met']);
  });
});
