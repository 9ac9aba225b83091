import { StatusRefreshes } from './status-refreshes';

describe('StatusRefreshes', () => {
  let clock = 0;
  const refreshes = () => new StatusRefreshes<string>(1000, 100, () => clock);
  beforeEach(() => {
    clock = 0;
  });

  it('shares one refresh between concurrent and recent asks for the same deployment', async () => {
    const cache = refreshes();
    let calls = 0;
    const refresh = () => Promise.resolve(`answer ${++calls}`);
    const [a, b] = await Promise.all([cache.get('d1', refresh), cache.get('d1', refresh)]);
    clock = 999;
    const c = await cache.get('d1', refresh);
    expect([a, b, c]).toEqual(['answer 1', 'answer 1', 'answer 1']);
    expect(calls).toBe(1);
  });

  it('asks again once the answer is maxAgeMs old, and per deployment', async () => {
    const cache = refreshes();
    let calls = 0;
    const refresh = () => Promise.resolve(`answer ${++calls}`);
    await cache.get('d1', refresh);
    expect(await cache.get('d2', refresh)).toBe('answer 2');
    clock = 1000;
    expect(await cache.get('d1', refresh)).toBe('answer 3');
  });

  it('keeps no failed refresh', async () => {
    const cache = refreshes();
    await expect(cache.get('d1', () => Promise.reject(new Error('upstream down')))).rejects.toThrow('upstream down');
    expect(await cache.get('d1', () => Promise.resolve('recovered'))).toBe('recovered');
  });

  it('forgets a deployment on demand (after a delete)', async () => {
    const cache = refreshes();
    await cache.get('d1', () => Promise.resolve('running'));
    cache.forget('d1');
    expect(await cache.get('d1', () => Promise.resolve('deleted'))).toBe('deleted');
  });
});
