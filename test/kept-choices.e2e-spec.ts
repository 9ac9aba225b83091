/**
 * Failures keep choices: when Linode refuses the create after sign-in (a 4xx) or the catalog
 * changed while the person was at Linode, "Try again" brings back the configure page with their
 * non-secret choices filled in and the field Linode named marked. Secrets are never kept.
 */
import { formFields, single, TestBrowser, type Page } from './support/browser';
import { approve, consent, followToSignIn, requiredUdfValues } from './support/journey';
import { useStack, type Stack } from './support/stack';

const PASSWORD = 'Corr3ct-Horse-Battery-Staple-42';

describe('a refused create keeps the person’s choices', () => {
  let stack: Stack;
  useStack((started) => (stack = started));

  async function fault(body: object): Promise<void> {
    const res = await fetch(`${stack.sandbox.url}/__sandbox/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(res.status).toBeLessThan(300);
  }

  /** Fills the form with choices other than the defaults, signs in, and returns Linode's answer page. */
  async function deployRefused(browser: TestBrowser): Promise<{ refusal: Page; chosen: Record<string, string | string[]> }> {
    const page = await browser.get(`${stack.appUrl}/`);
    const fields = single(formFields(page.body));
    const chosen = {
      ...fields,
      ...(await requiredUdfValues(stack)),
      region: 'eu-west',
      image: 'linode/ubuntu24.04',
      label: 'my-kept-server',
      udf_APP_DOMAIN: 'kept.example.com',
      udf_ADMIN_EMAIL: 'kept@example.com',
      udf_DB_PASSWORD: PASSWORD,
      udf_WEB_SERVER: 'caddy',
      udf_EXTRA_PACKAGES: ['git', 'htop'],
    };
    const submitted = await followToSignIn(browser, await browser.post(`${stack.appUrl}/`, chosen, { origin: stack.appUrl }));
    expect(submitted.status).toBe(302);
    const refusal = await browser.follow(await consent(browser, submitted, approve));
    return { refusal, chosen };
  }

  function tryAgainHref(page: Page): string {
    const match = /<a class="button" href="(\/again\/[A-Za-z0-9_-]{22})">Try again<\/a>/.exec(page.body);
    if (!match) throw new Error(`no "Try again" link in:\n${page.body.slice(0, 2000)}`);
    return match[1];
  }

  it('brings back the form with non-secret choices filled in and the field Linode named marked', async () => {
    await fault({ route: 'POST /v4/linode/instances', status: 400, reason: 'Region is at capacity', field: 'region', count: 1 });
    const browser = new TestBrowser();
    const { refusal, chosen } = await deployRefused(browser);
    expect(refusal.status).toBe(400);
    expect(refusal.body).toContain('Region is at capacity');
    expect(refusal.body).not.toContain('>Start again<');

    const again = await browser.get(`${stack.appUrl}${tryAgainHref(refusal)}`);
    expect(again.status).toBe(400);
    expect(again.headers.get('cache-control')).toContain('no-store');
    const shown = formFields(again.body);
    expect(single(shown)).toMatchObject({
      region: 'eu-west',
      image: 'linode/ubuntu24.04',
      type: chosen.type,
      label: 'my-kept-server',
      udf_APP_DOMAIN: 'kept.example.com',
      udf_ADMIN_EMAIL: 'kept@example.com',
      udf_WEB_SERVER: 'caddy',
    });
    expect(shown.udf_EXTRA_PACKAGES).toEqual(['git', 'htop']);
    // The password is never kept: empty, and marked to be entered again.
    expect(shown.udf_DB_PASSWORD).toEqual(['']);
    expect(again.body).not.toContain(PASSWORD);
    // The field Linode named is marked: its error, aria-invalid and the error summary.
    expect(again.body).toMatch(/id="region-error"[^>]*>\s*Linode: Region is at capacity/);
    expect(again.body).toMatch(/<select[^>]*id="region"[^>]*aria-invalid="true"|<select[^>]*aria-invalid="true"[^>]*id="region"/);
    expect(again.body).toContain('href="#region"');
    expect(again.body).toContain('Linode could not create the server with these choices');

    // Deploying again from the kept page works once the password is typed again.
    const retried = await followToSignIn(
      browser,
      await browser.post(`${stack.appUrl}/`, { ...single(shown), udf_DB_PASSWORD: PASSWORD, region: 'us-east' }, { origin: stack.appUrl }),
    );
    expect(retried.status).toBe(302);
    const callback = await browser.follow(await consent(browser, retried, approve));
    expect(callback.status).toBe(303);
  });

  it('keeps the choices for their browser only, and says when they are gone', async () => {
    await fault({ route: 'POST /v4/linode/instances', status: 400, reason: 'Region is at capacity', field: 'region', count: 1 });
    const browser = new TestBrowser();
    const { refusal } = await deployRefused(browser);
    const href = tryAgainHref(refusal);
    const stranger = await new TestBrowser().get(`${stack.appUrl}${href}`);
    expect(stranger.status).toBe(404);
    expect(stranger.body).toContain('Your choices are no longer kept');
    expect(stranger.body).not.toContain('kept.example.com');
    const forged = await browser.get(`${stack.appUrl}/again/AAAAAAAAAAAAAAAAAAAAAA`);
    expect(forged.status).toBe(404);
  });

  it('shows a refusal that names no field of the form as a notice above the kept choices', async () => {
    await fault({ route: 'POST /v4/linode/instances', status: 400, reason: 'Account is on hold', count: 1 });
    const browser = new TestBrowser();
    const { refusal } = await deployRefused(browser);
    const again = await browser.get(`${stack.appUrl}${tryAgainHref(refusal)}`);
    expect(again.body).toMatch(/id="kept-notice"[^>]*>[^<]*Linode said: Account is on hold/);
    expect(single(formFields(again.body))).toMatchObject({ udf_APP_DOMAIN: 'kept.example.com' });
  });
});
