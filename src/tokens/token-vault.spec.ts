import { createMock } from '@golevelup/ts-jest';
import { Logger } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { loadAppConfig } from '../config/load-app-config';
import type { LinodeLoginClient } from '../linode/linode-login.client';
import { InMemoryKeyValueStore } from '../store/in-memory.store';
import { EXPIRY_MARGIN_MS, TOKEN_SCHEDULE, TokenVault } from './token-vault';
import type { RevokeOutcome } from '../linode/linode-login.client';

const TTL_MS = 15 * 60_000;
const TOKEN = 'access-token-0123456789abcdef';
const OTHER_TOKEN = 'access-token-fedcba9876543210';
const DEPLOYMENT = 'AAAAAAAAAAAAAAAAAAAAAA';
const OTHER_DEPLOYMENT = 'BBBBBBBBBBBBBBBBBBBBBB';

const SWEEP_MS = 1_000;
const baseConfig: AppConfig = { ...loadAppConfig({ NODE_ENV: 'test' }), tokenTtlMs: TTL_MS, tokenSweepMs: SWEEP_MS };

describe('TokenVault', () => {
  let backing: InMemoryKeyValueStore;
  /** The login client's revoke, as a yes/no: `false` means Linode was unavailable (retry later). */
  let revoke: jest.Mock<Promise<boolean>, [string]>;
  let logged: string[];
  const started: TokenVault[] = [];

  /** A vault as the app runs it: sweeping the store every SWEEP_MS. */
  const vault = (config: Partial<AppConfig> = {}) => {
    const revokeToken = async (token: string): Promise<RevokeOutcome> => ((await revoke(token)) ? 'revoked' : 'unavailable');
    const tokens = new TokenVault(backing, { ...baseConfig, ...config }, createMock<LinodeLoginClient>({ revokeToken }));
    tokens.onApplicationBootstrap();
    started.push(tokens);
    return tokens;
  };
  /** Revocations waiting in the store to be tried again. */
  const pendingRevocations = () => backing.count('revoke:');

  beforeEach(() => {
    jest.useFakeTimers({ now: Date.UTC(2025, 0, 1) });
    backing = new InMemoryKeyValueStore();
    revoke = jest.fn<Promise<boolean>, [string]>().mockResolvedValue(true);
    logged = [];
    for (const level of ['log', 'warn', 'error'] as const) {
      jest.spyOn(Logger.prototype, level).mockImplementation((...args: unknown[]) => void logged.push(String(args[0])));
    }
  });
  afterEach(async () => {
    for (const tokens of started.splice(0)) await tokens.onModuleDestroy();
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

  it('stores the token a little longer than its lifetime, so a sweep (not the store) ends it', async () => {
    await vault().keep(DEPLOYMENT, TOKEN);
    expect(await backing.ttl(`token:${DEPLOYMENT}`)).toBeGreaterThan(TTL_MS);
  });

  describe('revokeHeld', () => {
    it('revokes the token at Linode and forgets it', async () => {
      const tokens = vault();
      await tokens.keep(DEPLOYMENT, TOKEN);
      await tokens.revokeHeld(DEPLOYMENT, 'settled');
      expect(revoke).toHaveBeenCalledTimes(1);
      expect(revoke).toHaveBeenCalledWith(TOKEN);
      expect((await tokens.grant(DEPLOYMENT))?.accessToken).toBeUndefined();
    });

    it('is idempotent: a second revoke does not call Linode again', async () => {
      const tokens = vault();
      await tokens.keep(DEPLOYMENT, TOKEN);
      await tokens.revokeHeld(DEPLOYMENT, 'settled');
      await tokens.revokeHeld(DEPLOYMENT, 'settled');
      expect(revoke).toHaveBeenCalledTimes(1);
    });

    it('calls Linode once when two revokes race', async () => {
      const tokens = vault();
      await tokens.keep(DEPLOYMENT, TOKEN);
      await Promise.all([tokens.revokeHeld(DEPLOYMENT, 'settled'), tokens.revokeHeld(DEPLOYMENT, 'settled')]);
      expect(revoke).toHaveBeenCalledTimes(1);
    });

    it('does nothing for a deployment without a token', async () => {
      await vault().revokeHeld(DEPLOYMENT, 'failure');
      expect(revoke).not.toHaveBeenCalled();
    });

    it('leaves the other deployments’ tokens alone', async () => {
      const tokens = vault();
      await tokens.keep(DEPLOYMENT, TOKEN);
      await tokens.keep(OTHER_DEPLOYMENT, OTHER_TOKEN);
      await tokens.revokeHeld(DEPLOYMENT, 'settled');
      expect((await tokens.grant(OTHER_DEPLOYMENT))?.accessToken).toBe(OTHER_TOKEN);
    });

    it('forgets the token even when Linode could not revoke it', async () => {
      revoke.mockResolvedValue(false);
      const tokens = vault();
      await tokens.keep(DEPLOYMENT, TOKEN);
      await tokens.revokeHeld(DEPLOYMENT, 'settled');
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
      await tokens.revokeHeld(DEPLOYMENT, 'settled');
      expect(revoke).toHaveBeenCalledTimes(1);
    });

    it('tries again 2 s later, with the same token', async () => {
      const tokens = vault();
      await tokens.keep(DEPLOYMENT, TOKEN);
      await tokens.revokeHeld(DEPLOYMENT, 'settled');
      await jest.advanceTimersByTimeAsync(1_999);
      expect(revoke).toHaveBeenCalledTimes(1);
      await jest.advanceTimersByTimeAsync(1);
      expect(revoke).toHaveBeenCalledTimes(2);
      expect(revoke).toHaveBeenLastCalledWith(TOKEN);
    });

    it('waits longer each time: 2 s, 10 s, 60 s, …', async () => {
      const started = Date.now();
      await vault().revoke(TOKEN);
      await jest.advanceTimersByTimeAsync(2_000 + 10_000 + 60_000);
      expect(attemptTimes.map((time) => time - started)).toEqual([0, 2_000, 12_000, 72_000]);
    });

    it('stops once a retry succeeds', async () => {
      revoke.mockResolvedValueOnce(false).mockResolvedValueOnce(false).mockResolvedValue(true);
      const tokens = vault();
      await tokens.keep(DEPLOYMENT, TOKEN);
      await tokens.revokeHeld(DEPLOYMENT, 'settled');
      await jest.advanceTimersByTimeAsync(2_000 + 10_000);
      expect(revoke).toHaveBeenCalledTimes(3);
      await jest.advanceTimersByTimeAsync(3 * 60 * 60_000);
      expect(revoke).toHaveBeenCalledTimes(3);
      expect(await pendingRevocations()).toBe(0);
    });

    it('retries a token that never went into the vault as well, until it is revoked', async () => {
      revoke.mockResolvedValueOnce(false).mockResolvedValue(true);
      await vault().revoke(TOKEN);
      await jest.advanceTimersByTimeAsync(2_000);
      expect(revoke.mock.calls).toEqual([[TOKEN], [TOKEN]]);
      expect(await pendingRevocations()).toBe(0);
    });

    it('gives up after a few tries over more than an hour, saying so in the log', async () => {
      await vault().revoke(TOKEN);
      await jest.advanceTimersByTimeAsync(3 * 60 * 60_000);
      expect(revoke.mock.calls.length).toBeGreaterThan(3);
      expect(attemptTimes.at(-1)! - attemptTimes[0]).toBeGreaterThanOrEqual(60 * 60_000);
      expect(await pendingRevocations()).toBe(0);
      expect(logged.some((line) => /gave up/.test(line))).toBe(true);
    });

    it('retries each token on its own', async () => {
      revoke.mockImplementation(async (token) => token === OTHER_TOKEN);
      const tokens = vault();
      await tokens.revoke(TOKEN);
      await tokens.revoke(OTHER_TOKEN);
      await jest.advanceTimersByTimeAsync(2_000);
      expect(revoke.mock.calls).toEqual([[TOKEN], [OTHER_TOKEN], [TOKEN]]);
    });

    it('does not keep the process alive with its sweeps', async () => {
      const setIntervalSpy = jest.spyOn(global, 'setInterval');
      vault();
      const sweeper = setIntervalSpy.mock.results.at(-1)!.value as NodeJS.Timeout;
      expect(setIntervalSpy.mock.calls.at(-1)![1]).toBe(SWEEP_MS);
      expect(sweeper.hasRef()).toBe(false);
    });

    it('leaves the retries in a shared store for the other instances when the module is destroyed', async () => {
      const tokens = vault({ redisUrl: 'redis://127.0.0.1:6379' });
      await tokens.revoke(TOKEN);
      await tokens.revoke(OTHER_TOKEN);
      await tokens.onModuleDestroy();
      await jest.advanceTimersByTimeAsync(3 * 60 * 60_000);
      expect(revoke).toHaveBeenCalledTimes(2);
      expect(await pendingRevocations()).toBe(2);

      revoke.mockResolvedValue(true);
      vault({ redisUrl: 'redis://127.0.0.1:6379' });
      await jest.advanceTimersByTimeAsync(SWEEP_MS);
      expect(
        revoke.mock.calls
          .slice(2)
          .map(([token]) => token)
          .sort(),
      ).toEqual([OTHER_TOKEN, TOKEN].sort());
      expect(await pendingRevocations()).toBe(0);
    });

    it('tries each pending retry once more when the module is destroyed with the in-process store', async () => {
      const tokens = vault({ redisUrl: null });
      await tokens.revoke(TOKEN);
      await tokens.onModuleDestroy();
      expect(revoke).toHaveBeenCalledTimes(2);
      await jest.advanceTimersByTimeAsync(3 * 60 * 60_000);
      expect(revoke).toHaveBeenCalledTimes(2);
    });

    it('schedules no retry after the module is destroyed, when giving back the tokens it held fails', async () => {
      const tokens = vault({ redisUrl: null });
      await tokens.keep(DEPLOYMENT, TOKEN);
      await tokens.onModuleDestroy();
      expect(revoke).toHaveBeenCalledTimes(1);
      await jest.advanceTimersByTimeAsync(3 * 60 * 60_000);
      expect(revoke).toHaveBeenCalledTimes(1);
    });

    it('retries a revocation another instance could not complete (the retry waits in the shared store)', async () => {
      revoke.mockResolvedValueOnce(false).mockResolvedValue(true);
      const first = vault({ redisUrl: 'redis://127.0.0.1:6379' });
      await first.keep(DEPLOYMENT, TOKEN);
      await first.revokeHeld(DEPLOYMENT, 'settled');
      await first.onModuleDestroy(); // the instance goes away before its retry is due
      vault({ redisUrl: 'redis://127.0.0.1:6379' });
      await jest.advanceTimersByTimeAsync(2_000);
      expect(revoke.mock.calls).toEqual([[TOKEN], [TOKEN]]);
    });

    it('never writes the token into its logs, not even when giving up', async () => {
      const tokens = vault();
      await tokens.keep(DEPLOYMENT, TOKEN);
      await tokens.revokeHeld(DEPLOYMENT, 'settled');
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
      await tokens.revokeHeld(DEPLOYMENT, 'settled');
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

  describe('revoke', () => {
    it('revokes a token that never went into the vault', async () => {
      await vault().revoke(TOKEN);
      expect(revoke).toHaveBeenCalledWith(TOKEN);
    });

    it('only warns when Linode could not revoke it', async () => {
      revoke.mockResolvedValue(false);
      await expect(vault().revoke(TOKEN)).resolves.toBeUndefined();
      expect(logged.filter((line) => /could not be revoked/.test(line))).toHaveLength(1);
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
      await tokens.revokeHeld(DEPLOYMENT, 'settled');
      await tokens.onModuleDestroy();
      expect(revoke).toHaveBeenCalledTimes(1);
    });
  });

  it('never writes a token into its logs', async () => {
    revoke.mockResolvedValueOnce(true).mockResolvedValue(false);
    const tokens = vault();
    await tokens.keep(DEPLOYMENT, TOKEN);
    await tokens.revokeHeld(DEPLOYMENT, 'settled');
    await tokens.revoke(OTHER_TOKEN);
    expect(logged.length).toBeGreaterThan(0);
    expect(logged.join('\n')).not.toContain(TOKEN);
    expect(logged.join('\n')).not.toContain(OTHER_TOKEN);
  });

  describe('lifetime from Linode’s expires_in', () => {
    it('holds the token for TOKEN_TTL_MS when Linode’s lifetime is longer', () => {
      expect(TokenVault.holdMs(TTL_MS, 7200)).toBe(TTL_MS);
    });

    it('holds it for expires_in less the margin when that is shorter', () => {
      expect(TokenVault.holdMs(TTL_MS, 300)).toBe(300_000 - EXPIRY_MARGIN_MS);
    });

    it('never holds it for a negative time', () => {
      expect(TokenVault.holdMs(TTL_MS, 10)).toBe(0);
    });

    it('revokes a token whose expires_in is shorter than TOKEN_TTL_MS at expires_in − margin', async () => {
      const tokens = vault();
      await tokens.keep(DEPLOYMENT, TOKEN, [], 600);
      const holdMs = 600_000 - EXPIRY_MARGIN_MS;
      await jest.advanceTimersByTimeAsync(holdMs - SWEEP_MS);
      expect((await tokens.grant(DEPLOYMENT))?.accessToken).toBe(TOKEN);
      await jest.advanceTimersByTimeAsync(SWEEP_MS);
      expect(revoke).toHaveBeenCalledWith(TOKEN);
      expect(await tokens.grant(DEPLOYMENT)).toBeUndefined();
    });

    it('keeps the usual TOKEN_TTL_MS for Linode’s 2-hour tokens', async () => {
      const tokens = vault();
      await tokens.keep(DEPLOYMENT, TOKEN, [], 7200);
      await jest.advanceTimersByTimeAsync(TTL_MS - SWEEP_MS);
      expect(revoke).not.toHaveBeenCalled();
      await jest.advanceTimersByTimeAsync(SWEEP_MS);
      expect(revoke).toHaveBeenCalledWith(TOKEN);
    });
  });

  describe('when Linode refuses to revoke (4xx other than 429)', () => {
    const refusing = () => {
      const revokeToken = jest.fn<Promise<RevokeOutcome>, [string]>().mockResolvedValue('refused');
      const tokens = new TokenVault(backing, baseConfig, createMock<LinodeLoginClient>({ revokeToken }));
      tokens.onApplicationBootstrap();
      started.push(tokens);
      return { tokens, revokeToken };
    };

    it('does not retry a held token, and says so once', async () => {
      const { tokens, revokeToken } = refusing();
      await tokens.keep(DEPLOYMENT, TOKEN);
      await tokens.revokeHeld(DEPLOYMENT, 'settled');
      await jest.advanceTimersByTimeAsync(3 * 60 * 60_000);
      expect(revokeToken).toHaveBeenCalledTimes(1);
      expect(logged.filter((line) => /refused/.test(line))).toHaveLength(1);
      expect(await pendingRevocations()).toBe(0);
    });

    it('does not retry a token that never went into the vault', async () => {
      const { tokens, revokeToken } = refusing();
      await tokens.revoke(TOKEN);
      await jest.advanceTimersByTimeAsync(3 * 60 * 60_000);
      expect(revokeToken).toHaveBeenCalledTimes(1);
    });
  });

  describe('several instances sharing one store', () => {
    it('revokes, from another instance’s sweep, a token kept by an instance that died without shutting down', async () => {
      const dead = new TokenVault(backing, baseConfig, createMock<LinodeLoginClient>());
      await dead.keep(DEPLOYMENT, TOKEN); // this instance never sweeps: it was SIGKILLed
      vault();
      await jest.advanceTimersByTimeAsync(TTL_MS + SWEEP_MS);
      expect(revoke.mock.calls).toEqual([[TOKEN]]);
      expect(await backing.due(TOKEN_SCHEDULE, Number.POSITIVE_INFINITY, 10)).toEqual([]);
    });

    it('revokes a due token once, however many instances sweep at the same moment', async () => {
      await vault().keep(DEPLOYMENT, TOKEN);
      const others = [vault(), vault(), vault()];
      await jest.advanceTimersByTimeAsync(TTL_MS);
      await Promise.all(others.map((tokens) => tokens.sweep()));
      expect(revoke).toHaveBeenCalledTimes(1);
    });

    it('keeps sweeping after the store failed once, and says so once', async () => {
      const tokens = vault();
      await tokens.keep(DEPLOYMENT, TOKEN);
      const due = jest.spyOn(backing, 'due').mockRejectedValue(new Error('store down'));
      await jest.advanceTimersByTimeAsync(TTL_MS + 3 * SWEEP_MS);
      expect(logged.filter((line) => /sweep failed/.test(line))).toHaveLength(1);
      due.mockRestore();
      await jest.advanceTimersByTimeAsync(SWEEP_MS);
      expect(revoke).toHaveBeenCalledWith(TOKEN);
    });
  });
});
