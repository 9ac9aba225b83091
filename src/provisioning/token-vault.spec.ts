import { Logger } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { loadAppConfig } from '../config/load-app-config';
import type { LinodeLoginClient } from '../linode/linode-login.client';
import { InMemoryKeyValueStore } from '../store/in-memory.store';
import { TokenVault } from './token-vault';

const TTL_MS = 15 * 60_000;
const TOKEN = 'access-token-0123456789abcdef';
const OTHER_TOKEN = 'access-token-fedcba9876543210';
const DEPLOYMENT = 'AAAAAAAAAAAAAAAAAAAAAA';
const OTHER_DEPLOYMENT = 'BBBBBBBBBBBBBBBBBBBBBB';

const baseConfig: AppConfig = { ...loadAppConfig({ NODE_ENV: 'test' }), tokenTtlMs: TTL_MS };

describe('TokenVault', () => {
  let backing: InMemoryKeyValueStore;
  let revoke: jest.Mock<Promise<boolean>, [string]>;
  let logged: string[];

  const vault = (config: Partial<AppConfig> = {}) =>
    new TokenVault(backing, { ...baseConfig, ...config }, { revoke } as Pick<LinodeLoginClient, 'revoke'> as LinodeLoginClient);

  beforeEach(() => {
    jest.useFakeTimers({ now: Date.UTC(2025, 0, 1) });
    backing = new InMemoryKeyValueStore();
    revoke = jest.fn<Promise<boolean>, [string]>().mockResolvedValue(true);
    logged = [];
    for (const level of ['log', 'warn', 'error'] as const) {
      jest.spyOn(Logger.prototype, level).mockImplementation((...args: unknown[]) => void logged.push(String(args[0])));
    }
  });
  afterEach(() => {
    jest.useRealTimers();
    jest.restoreAllMocks();
  });

  it('gives back the token kept for a deployment', async () => {
    const tokens = vault();
    await tokens.keep(DEPLOYMENT, TOKEN);
    expect((await tokens.grant(DEPLOYMENT))?.accessToken).toBe(TOKEN);
  });

  it('has no token for a deployment it was not given one for', async () => {
    expect((await vault().grant(DEPLOYMENT))?.accessToken).toBeUndefined();
  });

  it('gives back the token with the scopes granted with it', async () => {
    const tokens = vault();
    await tokens.keep(DEPLOYMENT, TOKEN, ['linodes:read_write', 'events:read_only']);
    expect(await tokens.grant(DEPLOYMENT)).toEqual({ accessToken: TOKEN, scopes: ['linodes:read_write', 'events:read_only'] });
  });

  it('gives no scopes for a token kept without any', async () => {
    const tokens = vault();
    await tokens.keep(DEPLOYMENT, TOKEN);
    expect(await tokens.grant(DEPLOYMENT)).toEqual({ accessToken: TOKEN, scopes: [] });
  });

  it('keeps tokens of different deployments apart', async () => {
    const tokens = vault();
    await tokens.keep(DEPLOYMENT, TOKEN);
    await tokens.keep(OTHER_DEPLOYMENT, OTHER_TOKEN);
    expect((await tokens.grant(OTHER_DEPLOYMENT))?.accessToken).toBe(OTHER_TOKEN);
  });

  it('stores the token a little longer than its lifetime, so the timer (not the store) ends it', async () => {
    await vault().keep(DEPLOYMENT, TOKEN);
    expect(await backing.ttl(`token:${DEPLOYMENT}`)).toBeGreaterThan(TTL_MS);
  });

  describe('revoke', () => {
    it('revokes the token at Linode and forgets it', async () => {
      const tokens = vault();
      await tokens.keep(DEPLOYMENT, TOKEN);
      await tokens.revoke(DEPLOYMENT, 'settled');
      expect(revoke).toHaveBeenCalledTimes(1);
      expect(revoke).toHaveBeenCalledWith(TOKEN);
      expect((await tokens.grant(DEPLOYMENT))?.accessToken).toBeUndefined();
    });

    it('is idempotent: a second revoke does not call Linode again', async () => {
      const tokens = vault();
      await tokens.keep(DEPLOYMENT, TOKEN);
      await tokens.revoke(DEPLOYMENT, 'settled');
      await tokens.revoke(DEPLOYMENT, 'settled');
      expect(revoke).toHaveBeenCalledTimes(1);
    });

    it('calls Linode once when two revokes race', async () => {
      const tokens = vault();
      await tokens.keep(DEPLOYMENT, TOKEN);
      await Promise.all([tokens.revoke(DEPLOYMENT, 'settled'), tokens.revoke(DEPLOYMENT, 'settled')]);
      expect(revoke).toHaveBeenCalledTimes(1);
    });

    it('does nothing for a deployment without a token', async () => {
      await vault().revoke(DEPLOYMENT, 'failure');
      expect(revoke).not.toHaveBeenCalled();
    });

    it('leaves the other deployments’ tokens alone', async () => {
      const tokens = vault();
      await tokens.keep(DEPLOYMENT, TOKEN);
      await tokens.keep(OTHER_DEPLOYMENT, OTHER_TOKEN);
      await tokens.revoke(DEPLOYMENT, 'settled');
      expect((await tokens.grant(OTHER_DEPLOYMENT))?.accessToken).toBe(OTHER_TOKEN);
    });

    it('forgets the token even when Linode could not revoke it', async () => {
      revoke.mockResolvedValue(false);
      const tokens = vault();
      await tokens.keep(DEPLOYMENT, TOKEN);
      await tokens.revoke(DEPLOYMENT, 'settled');
      expect((await tokens.grant(DEPLOYMENT))?.accessToken).toBeUndefined();
    });
  });

  describe('when Linode does not take a token back', () => {
    /** When (in fake time) each revoke reached the login client. */
    let attemptTimes: number[];

    beforeEach(() => {
      attemptTimes = [];
      revoke.mockImplementation(async () => {
        attemptTimes.push(Date.now());
        return false;
      });
    });

    it('does not make the caller wait for the retries', async () => {
      const tokens = vault();
      await tokens.keep(DEPLOYMENT, TOKEN);
      await tokens.revoke(DEPLOYMENT, 'settled');
      expect(revoke).toHaveBeenCalledTimes(1);
    });

    it('tries again 2 s later, with the same token', async () => {
      const tokens = vault();
      await tokens.keep(DEPLOYMENT, TOKEN);
      await tokens.revoke(DEPLOYMENT, 'settled');
      await jest.advanceTimersByTimeAsync(1_999);
      expect(revoke).toHaveBeenCalledTimes(1);
      await jest.advanceTimersByTimeAsync(1);
      expect(revoke).toHaveBeenCalledTimes(2);
      expect(revoke).toHaveBeenLastCalledWith(TOKEN);
    });

    it('waits longer each time: 2 s, 10 s, 60 s, …', async () => {
      const started = Date.now();
      await vault().revokeUnkept(TOKEN);
      await jest.advanceTimersByTimeAsync(2_000 + 10_000 + 60_000);
      expect(attemptTimes.map((time) => time - started)).toEqual([0, 2_000, 12_000, 72_000]);
    });

    it('stops once a retry succeeds', async () => {
      revoke.mockResolvedValueOnce(false).mockResolvedValueOnce(false).mockResolvedValue(true);
      const tokens = vault();
      await tokens.keep(DEPLOYMENT, TOKEN);
      await tokens.revoke(DEPLOYMENT, 'settled');
      await jest.advanceTimersByTimeAsync(2_000 + 10_000);
      expect(revoke).toHaveBeenCalledTimes(3);
      await jest.advanceTimersByTimeAsync(3 * 60 * 60_000);
      expect(revoke).toHaveBeenCalledTimes(3);
      expect(jest.getTimerCount()).toBe(0);
    });

    it('retries a token that never went into the vault as well, until it is revoked', async () => {
      revoke.mockResolvedValueOnce(false).mockResolvedValue(true);
      await vault().revokeUnkept(TOKEN);
      await jest.advanceTimersByTimeAsync(2_000);
      expect(revoke.mock.calls).toEqual([[TOKEN], [TOKEN]]);
      expect(jest.getTimerCount()).toBe(0);
    });

    it('gives up after a few tries over more than an hour, saying so in the log', async () => {
      await vault().revokeUnkept(TOKEN);
      await jest.advanceTimersByTimeAsync(3 * 60 * 60_000);
      expect(revoke.mock.calls.length).toBeGreaterThan(3);
      expect(attemptTimes.at(-1)! - attemptTimes[0]).toBeGreaterThanOrEqual(60 * 60_000);
      expect(jest.getTimerCount()).toBe(0);
      expect(logged.some((line) => /gave up/.test(line))).toBe(true);
    });

    it('retries each token on its own', async () => {
      revoke.mockImplementation(async (token) => token === OTHER_TOKEN);
      const tokens = vault();
      await tokens.revokeUnkept(TOKEN);
      await tokens.revokeUnkept(OTHER_TOKEN);
      await jest.advanceTimersByTimeAsync(2_000);
      expect(revoke.mock.calls).toEqual([[TOKEN], [OTHER_TOKEN], [TOKEN]]);
    });

    it('does not keep the process alive while waiting to retry', async () => {
      const setTimeoutSpy = jest.spyOn(global, 'setTimeout');
      await vault().revokeUnkept(TOKEN);
      const retryTimers = setTimeoutSpy.mock.calls
        .map((call, index) => ({ delay: call[1], timer: setTimeoutSpy.mock.results[index].value as NodeJS.Timeout }))
        .filter(({ delay }) => delay === 2_000);
      expect(retryTimers).toHaveLength(1);
      expect(retryTimers[0].timer.hasRef()).toBe(false);
    });

    it('drops the retries waiting when the module is destroyed', async () => {
      const tokens = vault({ redisUrl: 'redis://127.0.0.1:6379' });
      await tokens.revokeUnkept(TOKEN);
      await tokens.revokeUnkept(OTHER_TOKEN);
      expect(jest.getTimerCount()).toBe(2);
      await tokens.onModuleDestroy();
      expect(jest.getTimerCount()).toBe(0);
      await jest.advanceTimersByTimeAsync(3 * 60 * 60_000);
      expect(revoke).toHaveBeenCalledTimes(2);
    });

    it('drops the retries waiting when the module is destroyed with the in-process store too', async () => {
      const tokens = vault({ redisUrl: null });
      await tokens.revokeUnkept(TOKEN);
      await tokens.onModuleDestroy();
      await jest.advanceTimersByTimeAsync(3 * 60 * 60_000);
      expect(revoke).toHaveBeenCalledTimes(1);
    });

    it('schedules no retry after the module is destroyed, when giving back the tokens it held fails', async () => {
      const tokens = vault({ redisUrl: null });
      await tokens.keep(DEPLOYMENT, TOKEN);
      await tokens.onModuleDestroy();
      expect(revoke).toHaveBeenCalledTimes(1);
      await jest.advanceTimersByTimeAsync(3 * 60 * 60_000);
      expect(revoke).toHaveBeenCalledTimes(1);
    });

    it('never writes the token into its logs, not even when giving up', async () => {
      const tokens = vault();
      await tokens.keep(DEPLOYMENT, TOKEN);
      await tokens.revoke(DEPLOYMENT, 'settled');
      await jest.advanceTimersByTimeAsync(3 * 60 * 60_000);
      expect(logged.length).toBeGreaterThan(0);
      expect(logged.join('\n')).not.toContain(TOKEN);
    });
  });

  describe('lifetime', () => {
    it('revokes a token nobody came back for once TOKEN_TTL_MS is over', async () => {
      await vault().keep(DEPLOYMENT, TOKEN);
      await jest.advanceTimersByTimeAsync(TTL_MS);
      expect(revoke).toHaveBeenCalledWith(TOKEN);
      expect(await backing.get(`token:${DEPLOYMENT}`)).toBeUndefined();
    });

    it('keeps the token until then', async () => {
      const tokens = vault();
      await tokens.keep(DEPLOYMENT, TOKEN);
      await jest.advanceTimersByTimeAsync(TTL_MS - 1);
      expect(revoke).not.toHaveBeenCalled();
      expect((await tokens.grant(DEPLOYMENT))?.accessToken).toBe(TOKEN);
    });

    it('does not revoke again at the end of the lifetime when it was already revoked', async () => {
      const tokens = vault();
      await tokens.keep(DEPLOYMENT, TOKEN);
      await tokens.revoke(DEPLOYMENT, 'settled');
      await jest.advanceTimersByTimeAsync(TTL_MS);
      expect(revoke).toHaveBeenCalledTimes(1);
    });

    it('refuses and revokes an expired token found in a shared store (kept by another instance)', async () => {
      await vault().keep(DEPLOYMENT, TOKEN);
      jest.setSystemTime(Date.now() + TTL_MS);
      const otherInstance = vault();
      expect(await otherInstance.grant(DEPLOYMENT)).toBeUndefined();
      expect(revoke).toHaveBeenCalledTimes(1);
      expect(revoke).toHaveBeenCalledWith(TOKEN);
    });
  });

  describe('revokeUnkept', () => {
    it('revokes a token that never went into the vault', async () => {
      await vault().revokeUnkept(TOKEN);
      expect(revoke).toHaveBeenCalledWith(TOKEN);
    });

    it('only warns when Linode could not revoke it', async () => {
      revoke.mockResolvedValue(false);
      await expect(vault().revokeUnkept(TOKEN)).resolves.toBeUndefined();
      expect(logged).toHaveLength(1);
    });
  });

  describe('on shutdown', () => {
    it('revokes every token it holds when the store is in-process (they would be lost with it)', async () => {
      const tokens = vault({ redisUrl: null });
      await tokens.keep(DEPLOYMENT, TOKEN);
      await tokens.keep(OTHER_DEPLOYMENT, OTHER_TOKEN);
      await tokens.onModuleDestroy();
      expect(revoke.mock.calls.map(([token]) => token).sort()).toEqual([OTHER_TOKEN, TOKEN].sort());
    });

    it('leaves the tokens to the other instances when the store is shared (Redis)', async () => {
      const tokens = vault({ redisUrl: 'redis://127.0.0.1:6379' });
      await tokens.keep(DEPLOYMENT, TOKEN);
      await tokens.onModuleDestroy();
      expect(revoke).not.toHaveBeenCalled();
      expect(await backing.get(`token:${DEPLOYMENT}`)).toBeDefined();
    });

    it('does not revoke tokens that were already revoked', async () => {
      const tokens = vault({ redisUrl: null });
      await tokens.keep(DEPLOYMENT, TOKEN);
      await tokens.revoke(DEPLOYMENT, 'settled');
      await tokens.onModuleDestroy();
      expect(revoke).toHaveBeenCalledTimes(1);
    });
  });

  it('never writes a token into its logs', async () => {
    revoke.mockResolvedValueOnce(true).mockResolvedValue(false);
    const tokens = vault();
    await tokens.keep(DEPLOYMENT, TOKEN);
    await tokens.revoke(DEPLOYMENT, 'settled');
    await tokens.revokeUnkept(OTHER_TOKEN);
    expect(logged.length).toBeGreaterThan(0);
    expect(logged.join('\n')).not.toContain(TOKEN);
    expect(logged.join('\n')).not.toContain(OTHER_TOKEN);
  });
});
