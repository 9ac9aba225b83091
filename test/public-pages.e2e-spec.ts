/**
 * The public pages (the configure page, its fragments, the button page and the badge): the same
 * bytes for every first visitor, each for its own path.
 */
import { useStack, type Stack } from './support/stack';

const formActionOf = (html: string) => /<form id="configure-form"[^>]*\saction="([^"]*)"/.exec(html)?.[1];
const priceSummaryPathOf = (html: string) => /hx-get="([^"?"]*price-summary)/.exec(html)?.[1];

describe('public pages', () => {
  let stack: Stack;
  useStack((started) => (stack = started));

  const page = async (path: string) => (await fetch(`${stack.appUrl}${path}`)).text();

  it.each([
    ['/s/320826 then /', '/s/320826', '/'],
    ['/ then /s/320826', '/', '/s/320826'],
  ])('answers each path with its own form, whichever was asked first with the same query (%s)', async (_order, first, second) => {
    const query = `?region=eu-west&order=${encodeURIComponent(first)}`;
    await page(`${first}${query}`);
    for (const path of [second, first]) {
      const html = await page(`${path}${query}`);
      const base = path === '/' ? '' : path;
      expect({ path, action: formActionOf(html), priceSummary: priceSummaryPathOf(html) }).toEqual({
        path,
        action: base || '/',
        priceSummary: `${base}/price-summary`,
      });
    }
  });
});
