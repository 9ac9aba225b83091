/**
 * A hundred people deploying at the same moment against one app and one (emulated) Linode: every
 * journey completes, nobody sees anybody else's server or password, and the session store holds no
 * more than one session per browser afterwards. The figures (journeys/s, p50/p99, memory) are
 * printed for the issue note.
 */
import { TestBrowser } from './support/browser';
import { requiredUdfValues } from './support/journey';
import { h1Of, headingOf, runJourney, type JourneyOutcome } from './support/reliability-journey';
import { SandboxControl, type SandboxInstanceView, type SandboxTokenView } from './support/reliability-sandbox';
import { startStack, type Stack } from './support/stack';
import { KEY_VALUE_STORE, type KeyValueStore } from '../src/store/key-value.store';

const USERS = 100;

interface Person {
  username: string;
  browser: TestBrowser;
  outcome: JourneyOutcome;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

describe(`${USERS} people deploying at once`, () => {
  let stack: Stack;
  let control: SandboxControl;
  let people: Person[];
  let instances: SandboxInstanceView[];
  let tokens: SandboxTokenView[];
  let store: KeyValueStore;
  let figures: Record<string, string>;

  beforeAll(async () => {
    // Production mode, as deployed: compiled templates are cached (development recompiles per view).
    stack = await startStack({ sandbox: { bootMs: 500 }, env: { NODE_ENV: 'production' } });
    control = new SandboxControl(stack.sandbox.url);
    store = stack.app.get<KeyValueStore>(KEY_VALUE_STORE);
    const udfValues = await requiredUdfValues(stack);
    const warm = await new TestBrowser().get(`${stack.appUrl}/`); // the catalog is cached, as after boot
    if (warm.status !== 200) throw new Error(`configure page answered ${warm.status}`);

    const rssBefore = process.memoryUsage().rss;
    const started = performance.now();
    people = await Promise.all(
      Array.from({ length: USERS }, async (_, i): Promise<Person> => {
        const username = `load-user-${String(i).padStart(3, '0')}`;
        const browser = new TestBrowser();
        const outcome = await runJourney(browser, stack.appUrl, { udfValues, username, pollIntervalMs: 200, settleTimeoutMs: 30_000 });
        return { username, browser, outcome };
      }),
    );
    const wallMs = performance.now() - started;
    const rssAfter = process.memoryUsage().rss;
    instances = await control.instances();
    tokens = await control.tokensOnceSettled();

    const durations = people.map((p) => p.outcome.durationMs).sort((a, b) => a - b);
    figures = {
      journeys: String(USERS),
      'wall time': `${(wallMs / 1000).toFixed(2)} s`,
      'journeys/s': (USERS / (wallMs / 1000)).toFixed(1),
      'p50 journey': `${Math.round(percentile(durations, 50))} ms`,
      'p99 journey': `${Math.round(percentile(durations, 99))} ms`,
      'rss before': mb(rssBefore),
      'rss after': mb(rssAfter),
      'sessions stored': String(await store.count('sess:')),
      'drafts stored': String(await store.count('draft:')),
      'tokens held': String(await store.count('token:')),
      'deployments stored': String(await store.count('deployment:')),
    };
  }, 60_000);

  afterAll(async () => {
    if (figures)
      console.log(
        `Load (${USERS} concurrent journeys, one app + sandbox in one process, NODE_ENV=production, bootMs 500):\n${Object.entries(figures)
          .map(([k, v]) => `  ${k.padEnd(18)} ${v}`)
          .join('\n')}`,
      );
    await stack?.close();
  });

  it('completes every journey with a running server and no error on the way', () => {
    const failures = people
      .filter((p) => p.outcome.end !== 'settled' || headingOf(p.outcome.final.body) !== 'Your server is running')
      .map((p) => `${p.username}: ended at ${p.outcome.end} with ${p.outcome.final.status} “${headingOf(p.outcome.final.body)}”`);
    expect(failures).toEqual([]);
    expect(people.every((p) => p.outcome.polls.every((poll) => poll.status === 200 || poll.status === 286))).toBe(true);
  });

  it('creates exactly one server per person, in that person’s account', () => {
    expect(instances).toHaveLength(USERS);
    const perUser = new Map<string, number>();
    for (const instance of instances) perUser.set(instance.username, (perUser.get(instance.username) ?? 0) + 1);
    expect([...perUser.values()].every((n) => n === 1)).toBe(true);
    expect(perUser.size).toBe(USERS);
  });

  it('shows each person their own server on their deployment page', async () => {
    const mismatches: string[] = [];
    await Promise.all(
      people.map(async (p) => {
        const page = await p.browser.get(`${stack.appUrl}${p.outcome.deploymentPath}`);
        const own = instances.find((i) => i.username === p.username);
        if (page.status !== 200 || !own || h1Of(page.body) !== own.label || !page.body.includes(own.ipv4)) {
          mismatches.push(`${p.username}: ${page.status} “${h1Of(page.body)}”, own server ${own?.label}`);
        }
      }),
    );
    expect(mismatches).toEqual([]);
  });

  it('answers 404 when one person opens another person’s deployment', async () => {
    const leaks: string[] = [];
    await Promise.all(
      people.map(async (owner, i) => {
        const other = people[(i + 1) % people.length];
        const page = await other.browser.get(`${stack.appUrl}${owner.outcome.deploymentPath}`);
        const fragment = await other.browser.get(`${stack.appUrl}${owner.outcome.deploymentPath}`, { 'HX-Request': 'true' });
        if (page.status !== 404 || fragment.status !== 404)
          leaks.push(`${other.username} → ${owner.username}: ${page.status}/${fragment.status}`);
      }),
    );
    expect(leaks).toEqual([]);
  });

  it('gives every person a different root password, shown to them only', () => {
    const passwords = people.map((p) => p.outcome.rootPassword);
    expect(passwords.every((pw) => typeof pw === 'string' && pw.length >= 32)).toBe(true);
    expect(new Set(passwords).size).toBe(USERS);
  });

  it('revokes every token once the servers run', () => {
    expect(tokens).toHaveLength(USERS);
    expect(tokens.filter((t) => t.status === 'active')).toEqual([]);
    expect(figures['tokens held']).toBe('0');
  });

  it('keeps at most one session per browser, and no leftover drafts', () => {
    expect(Number(figures['sessions stored'])).toBeGreaterThan(0);
    expect(Number(figures['sessions stored'])).toBeLessThanOrEqual(USERS + 1); // +1: the warm-up view
    expect(figures['drafts stored']).toBe('0');
    expect(figures['deployments stored']).toBe(String(USERS));
  });
});
