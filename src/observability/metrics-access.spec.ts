import { mayReadMetrics } from './metrics-access';

const TOKEN = 'scrape-token-0123456789abcdef';

describe('mayReadMetrics', () => {
  it('lets everyone read when no METRICS_TOKEN is set', () => {
    expect(mayReadMetrics(null, undefined)).toBe(true);
  });

  it('lets a scraper with the right bearer token read', () => {
    expect(mayReadMetrics(TOKEN, `Bearer ${TOKEN}`)).toBe(true);
    expect(mayReadMetrics(TOKEN, `bearer ${TOKEN}`)).toBe(true);
  });

  it.each([
    ['no header', undefined],
    ['an empty header', ''],
    ['a wrong token', 'Bearer scrape-token-0123456789abcdeX'],
    ['a prefix of the token', `Bearer ${TOKEN.slice(0, 10)}`],
    ['the token without the Bearer scheme', TOKEN],
    ['Basic credentials', `Basic ${Buffer.from(`user:${TOKEN}`).toString('base64')}`],
  ])('refuses %s', (_name, header) => {
    expect(mayReadMetrics(TOKEN, header)).toBe(false);
  });
});
