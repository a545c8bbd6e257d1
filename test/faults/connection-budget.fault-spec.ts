import { Client } from 'pg';
import request from 'supertest';
import { testConfig } from '../support/app';
import { PrivatePostgres } from '../support/private-postgres';
import { PrivateRedis } from '../support/private-redis';
import { ServiceProcess, processEnv, spawnService } from '../support/processes';

describe('PostgreSQL out of connections (max_connections = 20) when an API starts', () => {
  let pg: PrivatePostgres;
  let redis: PrivateRedis;
  const held: Client[] = [];
  let api: ServiceProcess | undefined;
  beforeAll(async () => {
    [pg, redis] = await Promise.all([PrivatePostgres.start({ maxConnections: 20 }), PrivateRedis.start()]);
  });
  afterAll(async () => {
    await api?.stop('SIGKILL');
    await Promise.all(held.map((client) => client.end().catch(() => undefined)));
    await redis.stop();
    await pg.stop();
  });

  it('the API retries with back-off until connections are free, then logs its pool against max_connections and warns', async () => {
    // Every connection taken (superusers may use the reserved ones too).
    for (;;) {
      const client = new Client({ connectionString: pg.url() });
      try {
        await client.connect();
        held.push(client);
      } catch {
        break;
      }
    }
    expect(held.length).toBeGreaterThanOrEqual(15);
    const starting = spawnService('api', processEnv(testConfig(pg.url(), { REDIS_URL: redis.url })));
    // Free some after a few seconds, but not enough for the API's whole pool (8) beside the 3 reserved ones.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const keep = 20 - 3 - 6;
    await Promise.all(held.splice(keep).map((client) => client.end()));
    api = await starting;
    const output = api.output();
    expect(output).toMatch(/cannot connect yet \(attempt 1, next in 500 ms\): .*too many clients/);
    expect(output).toMatch(/pool 8 of max_connections 20, \d+ in use now: only -?\d+ left, fewer than this pool/);
    expect((await request(api.url!).get('/health')).status).toBe(200);
  });
});
