/**
 * The Redis store's schedules (a sorted set) and its atomic take, against a real redis-server:
 * what lets every instance sweep held tokens and each token be revoked once.
 */
import { describeWithRedis, startRedisServer, type RunningRedis } from './support/redis-server';
import { RedisKeyValueStore } from '../src/store/redis.store';

describeWithRedis('redis-store')('RedisKeyValueStore schedules', () => {
  let redis: RunningRedis;
  let store: RedisKeyValueStore;
  let other: RedisKeyValueStore;

  beforeAll(async () => {
    redis = await startRedisServer();
    store = await RedisKeyValueStore.connect(redis.url);
    other = await RedisKeyValueStore.connect(redis.url);
  });
  afterAll(async () => {
    await store?.close();
    await other?.close();
    await redis?.stop();
  });

  it('lists members due by a time, earliest first, at most `limit`', async () => {
    await store.schedule('due:a', 'late', 3_000);
    await store.schedule('due:a', 'early', 1_000);
    await store.schedule('due:a', 'exact', 5_000);
    await store.schedule('due:a', 'future', 9_000);
    expect(await store.due('due:a', 5_000, 10)).toEqual(['early', 'late', 'exact']);
    expect(await store.due('due:a', 5_000, 2)).toEqual(['early', 'late']);
  });

  it('moves a member scheduled again, and forgets one unscheduled', async () => {
    await store.schedule('due:b', 'm', 1_000);
    await store.schedule('due:b', 'm', 8_000);
    expect(await store.due('due:b', 5_000, 10)).toEqual([]);
    await store.unschedule('due:b', 'm');
    expect(await store.due('due:b', 10_000, 10)).toEqual([]);
  });

  it('shares schedules between connections (instances)', async () => {
    await store.schedule('due:c', 'token:x', 1_000);
    expect(await other.due('due:c', 2_000, 10)).toEqual(['token:x']);
  });

  it('gives a key to exactly one of several instances taking it at once', async () => {
    for (let round = 0; round < 20; round++) {
      await store.set(`token:race-${round}`, { round }, 60_000);
      const taken = await Promise.all([store.take(`token:race-${round}`), other.take(`token:race-${round}`)]);
      expect(taken.filter((value) => value !== undefined)).toEqual([{ round }]);
    }
  });
});
