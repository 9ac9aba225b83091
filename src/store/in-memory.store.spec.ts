import { eventually } from '../common/testing/eventually';
import { InMemoryKeyValueStore } from './in-memory.store';

/** Polls until `check` holds (lru-cache keeps its own clock, so fake timers cannot move it). */
const until = (check: () => Promise<boolean>) => eventually(check, (holds) => holds, { timeoutMs: 2_000, intervalMs: 5 });

describe('InMemoryKeyValueStore', () => {
  let store: InMemoryKeyValueStore;

  beforeEach(() => {
    store = new InMemoryKeyValueStore();
  });

  it('gives back what was set', async () => {
    await store.set('k', { a: 1, list: ['x'] }, 60_000);
    expect(await store.get('k')).toEqual({ a: 1, list: ['x'] });
  });

  it('gives undefined for a key never set', async () => {
    expect(await store.get('nothing')).toBeUndefined();
  });

  it('replaces the value of a key set again', async () => {
    await store.set('k', 1, 60_000);
    await store.set('k', 2, 60_000);
    expect(await store.get('k')).toBe(2);
  });

  it('forgets a deleted key', async () => {
    await store.set('k', 1, 60_000);
    await store.delete('k');
    expect(await store.get('k')).toBeUndefined();
  });

  describe('values are copies', () => {
    it('does not change the stored value when the object set is changed afterwards', async () => {
      const value = { list: ['a'] };
      await store.set('k', value, 60_000);
      value.list.push('b');
      expect(await store.get('k')).toEqual({ list: ['a'] });
    });

    it('does not change the stored value when an object read is changed', async () => {
      await store.set('k', { list: ['a'] }, 60_000);
      const read = await store.get<{ list: string[] }>('k');
      read?.list.push('b');
      expect(await store.get('k')).toEqual({ list: ['a'] });
    });

    it('stores as JSON would (dates become strings, undefined fields go)', async () => {
      await store.set('k', { when: new Date(0), gone: undefined }, 60_000);
      expect(await store.get('k')).toEqual({ when: '1970-01-01T00:00:00.000Z' });
    });
  });

  describe('expiry', () => {
    it('reports the remaining lifetime, no more than was asked', async () => {
      await store.set('k', 1, 60_000);
      const ttl = await store.ttl('k');
      expect(ttl).toBeGreaterThan(59_000);
      // Whole milliseconds like Redis's PTTL, never above the lifetime asked for.
      expect(Number.isInteger(ttl)).toBe(true);
      expect(ttl).toBeLessThanOrEqual(60_000);
    });

    it('reports no lifetime for a missing key', async () => {
      expect(await store.ttl('nothing')).toBeUndefined();
    });

    it('forgets a value once its lifetime is over', async () => {
      await store.set('short', 1, 30);
      await store.set('long', 2, 60_000);
      expect(await store.get('short')).toBe(1);
      await until(async () => (await store.get('short')) === undefined);
      expect(await store.ttl('short')).toBeUndefined();
      expect(await store.get('long')).toBe(2);
    });

    it('does not let take hand out an expired value', async () => {
      await store.set('short', 1, 30);
      await until(async () => (await store.ttl('short')) === undefined);
      expect(await store.take('short')).toBeUndefined();
    });

    it('treats a lifetime below 1 ms as 1 ms, not as forever', async () => {
      await store.set('k', 1, 0);
      await until(async () => (await store.get('k')) === undefined);
    });
  });

  describe('take', () => {
    it('gives the value once, then nothing', async () => {
      await store.set('k', { v: 1 }, 60_000);
      expect(await store.take('k')).toEqual({ v: 1 });
      expect(await store.take('k')).toBeUndefined();
      expect(await store.get('k')).toBeUndefined();
    });

    it('gives the value to only one of two simultaneous takers', async () => {
      await store.set('k', 'once', 60_000);
      const results = await Promise.all([store.take('k'), store.take('k')]);
      expect(results.filter((r) => r !== undefined)).toEqual(['once']);
    });
  });

  describe('bound', () => {
    /** Each entry below is 8 characters of key and 3 of JSON. */
    const ENTRY = 11;

    it('bounds each kind of key on its own, so a flood of sessions never pushes out a held token', async () => {
      const small = new InMemoryKeyValueStore(2 * ENTRY);
      await small.set('token:01', 'x', 60_000);
      for (let i = 0; i < 100; i++) await small.set(`sess:${String(i).padStart(3, '0')}`, 'x', 60_000);
      expect(await small.get('token:01')).toBe('x');
      expect(await small.count('sess:')).toBe(2);
    });

    it('never holds more than its maximum, dropping the least recently used first', async () => {
      const small = new InMemoryKeyValueStore(3 * ENTRY);
      for (const key of ['k:aaaaaa', 'k:bbbbbb', 'k:cccccc']) await small.set(key, 'x', 60_000);
      await small.get('k:aaaaaa');
      await small.set('k:dddddd', 'x', 60_000);
      expect(await small.get('k:bbbbbb')).toBeUndefined();
      expect(await small.get('k:aaaaaa')).toBe('x');
      expect(await small.get('k:cccccc')).toBe('x');
      expect(await small.get('k:dddddd')).toBe('x');
      expect(await small.count('')).toBe(3);
    });

    it('never keeps a value bigger than the whole bound', async () => {
      const small = new InMemoryKeyValueStore(3 * ENTRY);
      await small.set('k:aaaaaa', 'x'.repeat(100), 60_000);
      expect(await small.get('k:aaaaaa')).toBeUndefined();
    });
  });

  describe('count', () => {
    it('counts the live keys with a prefix', async () => {
      await store.set('sess:1', 1, 60_000);
      await store.set('sess:2', 2, 60_000);
      await store.set('draft:1', 3, 60_000);
      expect(await store.count('sess:')).toBe(2);
      expect(await store.count('draft:')).toBe(1);
      expect(await store.count('token:')).toBe(0);
    });

    it('does not count expired keys', async () => {
      await store.set('sess:short', 1, 30);
      await store.set('sess:long', 2, 60_000);
      await until(async () => (await store.count('sess:')) === 1);
    });
  });

  it('is always reachable', async () => {
    expect(await store.ping()).toBe(true);
  });

  it('is empty after closing', async () => {
    await store.set('k', 1, 60_000);
    await store.close();
    expect(await store.count('')).toBe(0);
  });

  describe('schedules', () => {
    it('lists the members due by a time, earliest first', async () => {
      await store.schedule('due:tokens', 'late', 3_000);
      await store.schedule('due:tokens', 'early', 1_000);
      await store.schedule('due:tokens', 'later', 9_000);
      expect(await store.due('due:tokens', 5_000, 10)).toEqual(['early', 'late']);
    });

    it('includes a member due exactly now', async () => {
      await store.schedule('due:tokens', 'm', 1_000);
      expect(await store.due('due:tokens', 1_000, 10)).toEqual(['m']);
    });

    it('lists at most `limit` members', async () => {
      for (let i = 0; i < 5; i++) await store.schedule('due:tokens', `m${i}`, i);
      expect(await store.due('due:tokens', 10, 2)).toEqual(['m0', 'm1']);
    });

    it('moves a member scheduled again instead of listing it twice', async () => {
      await store.schedule('due:tokens', 'm', 1_000);
      await store.schedule('due:tokens', 'm', 8_000);
      expect(await store.due('due:tokens', 5_000, 10)).toEqual([]);
      expect(await store.due('due:tokens', 8_000, 10)).toEqual(['m']);
    });

    it('forgets an unscheduled member, and keeps schedules apart', async () => {
      await store.schedule('due:tokens', 'm', 1_000);
      await store.schedule('due:other', 'm', 1_000);
      await store.unschedule('due:tokens', 'm');
      expect(await store.due('due:tokens', 5_000, 10)).toEqual([]);
      expect(await store.due('due:other', 5_000, 10)).toEqual(['m']);
    });
  });
});
