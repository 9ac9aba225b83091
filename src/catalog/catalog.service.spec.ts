import { Logger } from '@nestjs/common';
import { LinodeApiError } from '../linode/linode-api.error';
import { CatalogMisconfiguredError, CatalogUnavailableError, StackScriptNotOfferedError } from './catalog.errors';
import { CatalogService, RETRY_DELAY_MS, type CatalogConfig } from './catalog.service';
import { FakeCatalogSource, stackScript } from './testing/catalog-fixtures';

const TTL = 60_000;
const RETRY = RETRY_DELAY_MS;

/** The catalog's part of the app's configuration; `stackScriptId` is the default (and only) one offered. */
function catalogConfig({
  stackScriptId,
  stackScriptIds = [stackScriptId],
  planClasses = ['nanode', 'standard', 'dedicated'],
}: {
  stackScriptId: number;
  stackScriptIds?: number[];
  planClasses?: string[];
}): CatalogConfig {
  return { linode: { stackScriptId, stackScriptIds }, catalogTtlMs: TTL, planClasses };
}

function setup(overrides: { stackScriptId?: number } = {}) {
  const source = new FakeCatalogSource();
  let now = 1_000_000;
  const clock = {
    advance: (ms: number) => {
      now += ms;
    },
  };
  const config = catalogConfig({ stackScriptId: source.data.stackScript.id, ...overrides });
  jest.spyOn(Date, 'now').mockImplementation(() => now);
  const service = new CatalogService(source, config);
  return { source, clock, service };
}

/** Loads the catalog, lets its TTL pass, and has the background refresh fail. */
async function failRefreshAfterTtl({
  service,
  source,
  clock,
}: Pick<ReturnType<typeof setup>, 'service' | 'source' | 'clock'>): Promise<void> {
  await service.snapshot();
  clock.advance(TTL);
  source.failWith = new Error('down');
  await service.snapshot();
  await settle();
}

async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise((resolve) => setImmediate(resolve));
}

beforeEach(() => {
  jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
});

// The Logger spies and each test's clock (`jest.spyOn(Date, 'now')` in its setup).
afterEach(() => jest.restoreAllMocks());

describe('CatalogService', () => {
  it('loads types, regions, images and the StackScript on first use', async () => {
    const { service, source } = setup();
    const snapshot = await service.snapshot();
    expect(snapshot.plans.map((p) => p.id)).toContain('g6-nanode-1');
    expect(snapshot.regions.map((r) => r.id)).toEqual(['id-cgk', 'eu-west', 'us-east']);
    expect(snapshot.images.map((i) => i.id)).toEqual(['linode/debian12', 'linode/ubuntu24.04']);
    expect(snapshot.app.label).toBe('Demo App');
    expect(source.calls).toBe(4);
  });

  it('serves a fresh snapshot from memory without asking Linode again', async () => {
    const { service, source, clock } = setup();
    const first = await service.snapshot();
    clock.advance(TTL - 1);
    expect(await service.snapshot()).toBe(first);
    await settle();
    expect(source.calls).toBe(4);
  });

  it('shares one load between concurrent cold requests', async () => {
    const { service, source } = setup();
    source.hold();
    const pending = Array.from({ length: 5 }, () => service.snapshot());
    await settle();
    source.release();
    const snapshots = await Promise.all(pending);
    expect(new Set(snapshots).size).toBe(1);
    expect(source.calls).toBe(4);
  });

  it('serves an expired snapshot at once and refreshes it in the background', async () => {
    const { service, source, clock } = setup();
    const first = await service.snapshot();
    clock.advance(TTL);
    source.data.stackScript.label = 'Demo App v2';
    source.hold();

    expect(await service.snapshot()).toBe(first); // did not wait for the held refresh
    await settle();
    expect(source.waiting).toBe(4);
    source.release();
    await settle();

    expect((await service.snapshot()).app.label).toBe('Demo App v2');
    expect(service.ageMs()).toBe(0);
  });

  it('starts only one background refresh however many views arrive meanwhile', async () => {
    const { service, source, clock } = setup();
    await service.snapshot();
    clock.advance(TTL);
    source.hold();
    await Promise.all(Array.from({ length: 10 }, () => service.snapshot()));
    await settle();
    source.release();
    await settle();
    expect(source.calls).toBe(8);
  });

  it('keeps serving the last good snapshot, marked stale with its age, when refreshing fails', async () => {
    const { service, source, clock } = setup();
    const first = await service.snapshot();
    clock.advance(TTL + 500);
    source.failWith = new Error('connect ECONNREFUSED');

    expect(await service.snapshot()).toBe(first);
    await settle();

    expect(service.isStale()).toBe(true);
    expect(service.ageMs()).toBe(TTL + 500);
    expect(await service.snapshot()).toBe(first);
  });

  it('is not stale while the snapshot is within its TTL', async () => {
    const { service } = setup();
    await service.snapshot();
    expect(service.isStale()).toBe(false);
  });

  it('waits the retry delay after a failed refresh before asking Linode again', async () => {
    const { service, source, clock } = setup();
    await failRefreshAfterTtl({ service, source, clock });
    expect(source.calls).toBe(8);

    clock.advance(RETRY - 1);
    await service.snapshot();
    await settle();
    expect(source.calls).toBe(8);

    clock.advance(1);
    source.failWith = null;
    await service.snapshot();
    await settle();
    expect(source.calls).toBe(12);
    expect(service.isStale()).toBe(false);
  });

  it('throws CatalogUnavailableError when there is no snapshot and Linode fails', async () => {
    const { service, source } = setup();
    source.failWith = new Error('getaddrinfo ENOTFOUND api.linode.com');
    await expect(service.snapshot()).rejects.toBeInstanceOf(CatalogUnavailableError);
    await expect(service.snapshot()).rejects.toMatchObject({
      status: 503,
      detail: expect.stringMatching(/ENOTFOUND/),
      retryAfterSeconds: RETRY / 1000,
    });
  });

  it('does not ask Linode again within the retry delay of a failed cold load', async () => {
    const { service, source, clock } = setup();
    source.failWith = new Error('down');
    await expect(service.snapshot()).rejects.toBeInstanceOf(CatalogUnavailableError);
    source.failWith = null;
    await expect(service.snapshot()).rejects.toBeInstanceOf(CatalogUnavailableError);
    expect(source.calls).toBe(4);

    clock.advance(RETRY);
    await expect(service.snapshot()).resolves.toBeDefined();
    expect(source.calls).toBe(8);
  });

  it('fails a cold load when only the StackScript cannot be read', async () => {
    const { service } = setup({ stackScriptId: 999 });
    await expect(service.snapshot()).rejects.toMatchObject({ detail: expect.stringMatching(/StackScript 999 not found/) });
  });

  describe('when none of the StackScript’s images is offered', () => {
    const misconfigured = () => {
      const setUp = setup();
      setUp.source.data.stackScript = { ...setUp.source.data.stackScript, images: ['linode/debian10', 'linode/centos5'] };
      return setUp;
    };

    it('fails with a configuration error naming the StackScript and its images, not an empty image list', async () => {
      const { service } = misconfigured();
      const error = await service.snapshot().then(
        () => undefined,
        (caught: unknown) => caught as CatalogMisconfiguredError,
      );
      expect(error).toBeInstanceOf(CatalogMisconfiguredError);
      expect(error?.status).toBe(503);
      expect(error?.detail).toMatch(/StackScript \d+ lists only linode\/debian10, linode\/centos5/);
      expect(error?.details).toEqual([error?.detail]);
    });

    it('logs the configuration error at boot, and still starts', async () => {
      const errors = jest.spyOn(Logger.prototype, 'error');
      const { service } = misconfigured();
      await expect(service.warmUp()).resolves.toEqual([]);
      expect(errors).toHaveBeenCalledWith(expect.stringMatching(/^Configuration error: StackScript/));
    });

    it('answers the same configuration error within the retry delay, without asking Linode', async () => {
      const { service, source } = misconfigured();
      await expect(service.snapshot()).rejects.toBeInstanceOf(CatalogMisconfiguredError);
      await expect(service.snapshot()).rejects.toBeInstanceOf(CatalogMisconfiguredError);
      expect(source.calls).toBe(4);
    });
  });

  it('warms up at boot without throwing, when Linode cannot be reached too', async () => {
    const ok = setup();
    await expect(ok.service.warmUp()).resolves.toEqual([]);
    expect(ok.service.isLoaded()).toBe(true);

    const failing = setup();
    failing.source.failWith = new Error('down');
    await expect(failing.service.warmUp()).resolves.toEqual([]);
    expect(failing.service.isLoaded()).toBe(false);
    expect(failing.service.ageMs()).toBeNull();
  });

  it.each([404, 403, 401])('names a StackScript Linode refuses (%i) as a configuration problem at boot', async (status) => {
    const { service, source } = setup();
    source.failWith = new LinodeApiError({
      method: 'GET',
      path: '/linode/stackscripts/1234',
      status,
      errors: [{ field: null, reason: 'Not found' }],
    });
    await expect(service.warmUp()).resolves.toEqual([
      expect.stringMatching(
        new RegExp(
          `^StackScript \\d+ cannot be read \\(Linode API GET /linode/stackscripts/1234 answered ${status}: Not found\\): make it public`,
        ),
      ),
    ]);
  });

  describe('with several StackScripts', () => {
    function several() {
      const source = new FakeCatalogSource();
      const second = stackScript({ id: 77, label: 'Second App', user_defined_fields: [{ name: 'GREETING', label: 'Greeting' }] });
      source.otherStackScripts.set(77, second);
      const base = source.data.stackScript.id;
      let now = 1_000_000;
      const clock = { advance: (ms: number) => void (now += ms) };
      jest.spyOn(Date, 'now').mockImplementation(() => now);
      const service = new CatalogService(
        source,
        catalogConfig({ stackScriptId: base, stackScriptIds: [base, 77], planClasses: ['nanode'] }),
      );
      return { source, service, base, clock };
    }

    it('keeps one snapshot per StackScript, each with its own form', async () => {
      const { service, base } = several();
      const [first, second] = await Promise.all([service.snapshot(base), service.snapshot(77)]);
      expect(first.app.stackScriptId).toBe(base);
      expect(second.app).toMatchObject({ stackScriptId: 77, label: 'Second App' });
      expect(second.udfForm.fields.map((field) => field.name)).toEqual(['GREETING']);
      expect(await service.snapshot(77)).toBe(second);
      expect(await service.snapshot()).toBe(first); // no id: the default
    });

    it('loads each StackScript once for concurrent views (single flight per StackScript)', async () => {
      const { service, source } = several();
      await Promise.all(Array.from({ length: 5 }, () => service.snapshot(77)));
      expect(source.calls).toBe(4);
    });

    it('fetches the plans, regions and images once for every StackScript', async () => {
      const { service, source, base } = several();
      await service.snapshot(base);
      await service.snapshot(77);
      expect(source.calls).toBe(5);
    });

    it('refuses an id that is not allowed, without asking Linode', async () => {
      const { service, source } = several();
      expect(() => service.snapshot(999)).toThrow(StackScriptNotOfferedError);
      expect(service.isAllowed(999)).toBe(false);
      expect(service.allowedStackScriptIds()).toEqual([source.data.stackScript.id, 77]);
      expect(source.calls).toBe(0);
    });

    it('warms every allowed StackScript at boot, reading each StackScript once and the shared lists once', async () => {
      const { service, source, base } = several();
      await expect(service.warmUp()).resolves.toEqual([]);
      expect(source.calls).toBe(5);
      expect(service.isLoaded()).toBe(true);
      await expect(service.snapshot(77)).resolves.toMatchObject({ app: { stackScriptId: 77 } });
      await expect(service.snapshot(base)).resolves.toBeDefined();
      expect(source.calls).toBe(5);
    });

    it('fetches the shared lists again once they are past the TTL', async () => {
      const { service, source, base, clock } = several();
      await service.warmUp();
      clock.advance(TTL);
      await service.snapshot(base);
      await service.snapshot(77);
      await settle();
      expect(source.calls).toBe(10);
      await service.snapshot(base);
      await service.snapshot(77);
      await settle();
      expect(source.calls).toBe(10);
    });
  });
});
