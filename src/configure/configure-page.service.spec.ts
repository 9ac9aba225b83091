import type { CatalogService } from '../catalog/catalog.service';
import { ConfigurePageService } from './configure-page.service';

function pageService(options: { fetchedAt?: number; stale?: boolean } = {}) {
  const catalog = {
    snapshot: async (stackScriptId = 1) => ({ fetchedAt: options.fetchedAt ?? 1_000, app: { stackScriptId } }),
    isStale: () => options.stale ?? false,
  } as unknown as CatalogService;
  return new ConfigurePageService(catalog);
}

describe('ConfigurePageService.pageCacheKey', () => {
  it('keys a plain view by the catalog snapshot it was built from', async () => {
    expect(await pageService({ fetchedAt: 1_000 }).pageCacheKey({})).toBe('1|1000|');
    expect(await pageService({ fetchedAt: 2_000 }).pageCacheKey({})).toBe('1|2000|');
  });

  it('keys each StackScript’s page apart', async () => {
    const service = pageService();
    expect(await service.pageCacheKey({}, 2)).toBe('2|1000|');
    expect(await service.pageCacheKey({}, 2)).not.toBe(await service.pageCacheKey({}));
  });

  it('keys a preselection by its query, in a fixed order', async () => {
    const service = pageService();
    const a = await service.pageCacheKey({ region: 'us-east', type: 'g6-nanode-1' });
    const b = await service.pageCacheKey({ type: 'g6-nanode-1', region: 'us-east' });
    expect(a).toBe(b);
    expect(a).not.toBe(await service.pageCacheKey({ region: 'eu-west', type: 'g6-nanode-1' }));
  });

  it('does not cache a page built from a stale catalog (its notice tells an age)', async () => {
    expect(await pageService({ stale: true }).pageCacheKey({})).toBeNull();
  });

  it.each([
    ['a repeated field', { region: ['a', 'b'] }],
    ['a long value', { region: 'x'.repeat(101) }],
    ['many fields', { a: '1', b: '2', c: '3', d: '4', e: '5', f: '6', g: '7' }],
  ])('does not cache a page for %s', async (_what, query) => {
    expect(await pageService().pageCacheKey(query as Record<string, string>)).toBeNull();
  });
});
