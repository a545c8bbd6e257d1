// The actors kept between requests, on a real Redis: kept while the channel listens, dropped in every process when a
// user changes, never put back by a read that raced a change, and not served at all while the channel is deaf.
import { ActorCache } from '@depositary/auth';
import type { Actor } from '@depositary/domain';
import { RedisClient } from '@depositary/jobs';
import { testConfig } from '../support/app';
import { eventually } from '../support/smtp-sink';

const ACTOR: Actor = { id: '11111111-1111-4111-8111-111111111111', email: 'kept@example.org', role: 'officer', countryCode: null };

describe('ActorCache', () => {
  const config = testConfig('postgres://unused@127.0.0.1:5432/unused');
  const clients: RedisClient[] = [];
  const caches: ActorCache[] = [];
  const start = async (): Promise<ActorCache> => {
    const redis = new RedisClient(config);
    const cache = new ActorCache(redis, config);
    clients.push(redis);
    caches.push(cache);
    cache.onModuleInit();
    // Listening once a kept actor is served.
    await eventually(
      () => {
        cache.keep(ACTOR.id, 'probe', ACTOR, cache.readAt);
        return Promise.resolve(cache.get(ACTOR.id, 'probe'));
      },
      5000,
      'the cache listening',
    );
    return cache;
  };
  afterAll(() => {
    for (const cache of caches) cache.onApplicationShutdown();
    for (const client of clients) client.onApplicationShutdown();
  });

  it('keeps an actor per token and drops every token of a user changed in another process', async () => {
    const [here, there] = [await start(), await start()];
    here.keep(ACTOR.id, 'jti-1', ACTOR, here.readAt);
    here.keep(ACTOR.id, 'jti-2', ACTOR, here.readAt);
    here.keep('22222222-2222-4222-8222-222222222222', 'jti-3', { ...ACTOR, id: '2' }, here.readAt);
    expect(here.get(ACTOR.id, 'jti-1')).toEqual(ACTOR);
    expect(here.get(ACTOR.id, 'jti-9')).toBeUndefined();
    await there.changed(ACTOR.id);
    await eventually(() => Promise.resolve(here.get(ACTOR.id, 'jti-1') === undefined || undefined), 5000, 'the change heard');
    expect(here.get(ACTOR.id, 'jti-2')).toBeUndefined();
    expect(here.get('22222222-2222-4222-8222-222222222222', 'jti-3')).toMatchObject({ id: '2' });
  });

  it('does not keep what a read found when a change was heard while it read', async () => {
    const cache = await start();
    const readAt = cache.readAt;
    await cache.changed(ACTOR.id);
    cache.keep(ACTOR.id, 'jti-raced', ACTOR, readAt);
    expect(cache.get(ACTOR.id, 'jti-raced')).toBeUndefined();
    cache.keep(ACTOR.id, 'jti-raced', ACTOR, cache.readAt);
    expect(cache.get(ACTOR.id, 'jti-raced')).toEqual(ACTOR);
  });

  it('serves nothing kept once its channel stops listening', async () => {
    const cache = await start();
    cache.keep(ACTOR.id, 'jti-deaf', ACTOR, cache.readAt);
    expect(cache.get(ACTOR.id, 'jti-deaf')).toEqual(ACTOR);
    cache.onApplicationShutdown();
    expect(cache.get(ACTOR.id, 'jti-deaf')).toBeUndefined();
    cache.keep(ACTOR.id, 'jti-deaf', ACTOR, cache.readAt);
    expect(cache.get(ACTOR.id, 'jti-deaf')).toBeUndefined();
  });
});
