/**
 * Linode misbehaving, one upstream route at a time: 5xx, 429, slow answers and answers that never
 * come. Whatever happens, the person's journey ends on a clear page (a status and a sentence, never
 * a 500 or a stack trace), no server is created twice, and every token the app was given ends up
 * revoked. Each case gets its own app + sandbox, so one case's open circuit breaker or stale
 * catalog cannot leak into the next; the cases run a few at a time.
 *
 * The app has no setting for its Linode timeouts (10 s per call, 30 s to create an instance), so
 * "no answer" is tested with `hang` on one request, where the call's retry recovers or the step
 * fails clearly after 10 s. A create that outlives its 30 s timeout is left as a todo until a
 * `LINODE_TIMEOUT_MS` setting exists.
 */
import { eventually, TestBrowser } from './support/browser';
import { requiredUdfValues } from './support/journey';
import { clearPageProblems, headingOf, runJourney, type JourneyEnd, type JourneyOutcome } from './support/reliability-journey';
import { SandboxControl, type FaultSpec } from './support/reliability-sandbox';
import { startStack, type Stack } from './support/stack';

/**
 * When the fault starts: before the first page view (no catalog cached yet), after it (the catalog
 * is cached), or after it with a catalog that has since gone past its TTL.
 */
type Moment = 'cold' | 'warm' | 'stale';

interface Expected {
  end: JourneyEnd;
  status: number;
  heading: string;
  /** Servers that exist on the account afterwards. */
  instances: 0 | 1;
  /** A message the status fragment shows while the fault lasts. */
  notice?: string;
}

interface FaultCase {
  route: string;
  fault: string;
  faults: FaultSpec[];
  moment: Moment;
  /** A lasting fault is lifted after this many status polls: an outage that passes. */
  liftAfterPolls?: number;
  expected: Expected;
}

const RUNNING: Expected = { end: 'settled', status: 286, heading: 'Your server is running', instances: 1 };
const SIGN_IN_FAILED: Expected = { end: 'callback', status: 502, heading: 'Linode did not complete the sign-in', instances: 0 };
const CREATE_FAILED: Expected = { end: 'callback', status: 502, heading: 'Linode had a problem creating the server', instances: 0 };
const CATALOG_DOWN: Expected = { end: 'configure', status: 503, heading: 'Linode is not reachable', instances: 0 };
const STALE_NOTICE = 'Linode could not be reached just now';

const LATENCY_MS = 2_000;
const always = (route: string, status: number): FaultSpec[] => [{ route, status, ...(status === 429 ? { retryAfter: 1 } : {}) }];
const times = (route: string, status: number, count: number): FaultSpec[] => [{ route, status, count }];
const slow = (route: string): FaultSpec[] => [{ route, latencyMs: LATENCY_MS }];
const hangOnce = (route: string): FaultSpec[] => [{ route, hang: true, count: 1 }];

const TOKEN = 'POST /oauth/token';
const REVOKE = 'POST /oauth/revoke';
const CREATE = 'POST /v4/linode/instances';
const LOOKUP = 'GET /v4/linode/instances';
const STATUS = 'GET /v4/linode/instances/*';
const CATALOG_ROUTES = ['GET /v4/linode/types', 'GET /v4/regions', 'GET /v4/images', 'GET /v4/linode/stackscripts/*'];
/** The label lookup only happens after a create that ended ambiguously. */
const AMBIGUOUS_CREATE: FaultSpec = { route: CREATE, status: 500, count: 1 };

const CASES: FaultCase[] = [
  { route: TOKEN, fault: '500 always', faults: always(TOKEN, 500), moment: 'warm', expected: SIGN_IN_FAILED },
  { route: TOKEN, fault: '429 always', faults: always(TOKEN, 429), moment: 'warm', expected: SIGN_IN_FAILED },
  { route: TOKEN, fault: `latency ${LATENCY_MS} ms`, faults: slow(TOKEN), moment: 'warm', expected: RUNNING },
  { route: TOKEN, fault: 'no answer once', faults: hangOnce(TOKEN), moment: 'warm', expected: SIGN_IN_FAILED },

  { route: REVOKE, fault: '500 once', faults: times(REVOKE, 500, 1), moment: 'warm', expected: RUNNING },
  { route: REVOKE, fault: '429 once', faults: [{ route: REVOKE, status: 429, retryAfter: 1, count: 1 }], moment: 'warm', expected: RUNNING },
  { route: REVOKE, fault: `latency ${LATENCY_MS} ms`, faults: slow(REVOKE), moment: 'warm', expected: RUNNING },
  { route: REVOKE, fault: 'no answer once', faults: hangOnce(REVOKE), moment: 'warm', expected: RUNNING },

  { route: CREATE, fault: '500 always', faults: always(CREATE, 500), moment: 'warm', expected: CREATE_FAILED },
  { route: CREATE, fault: '429 once', faults: [{ route: CREATE, status: 429, retryAfter: 1, count: 1 }], moment: 'warm', expected: RUNNING },
  {
    route: CREATE,
    fault: '429 always',
    faults: always(CREATE, 429),
    moment: 'warm',
    expected: { end: 'callback', status: 429, heading: 'Linode is limiting how fast servers can be created', instances: 0 },
  },
  { route: CREATE, fault: `latency ${LATENCY_MS} ms`, faults: slow(CREATE), moment: 'warm', expected: RUNNING },

  { route: LOOKUP, fault: '500 always', faults: [AMBIGUOUS_CREATE, ...always(LOOKUP, 500)], moment: 'warm', expected: CREATE_FAILED },
  { route: LOOKUP, fault: '429 always', faults: [AMBIGUOUS_CREATE, ...always(LOOKUP, 429)], moment: 'warm', expected: CREATE_FAILED },
  { route: LOOKUP, fault: `latency ${LATENCY_MS} ms`, faults: [AMBIGUOUS_CREATE, ...slow(LOOKUP)], moment: 'warm', expected: CREATE_FAILED },
  { route: LOOKUP, fault: 'no answer once', faults: [AMBIGUOUS_CREATE, ...hangOnce(LOOKUP)], moment: 'warm', expected: CREATE_FAILED },

  { route: STATUS, fault: '500 twice', faults: times(STATUS, 500, 2), moment: 'warm', expected: RUNNING },
  {
    route: STATUS,
    fault: '500 for 3 polls',
    faults: always(STATUS, 500),
    moment: 'warm',
    liftAfterPolls: 3,
    expected: { ...RUNNING, notice: 'Linode did not answer the last status check' },
  },
  {
    route: STATUS,
    fault: '429 for 3 polls',
    faults: always(STATUS, 429),
    moment: 'warm',
    liftAfterPolls: 3,
    expected: { ...RUNNING, notice: 'Linode asked us to slow down' },
  },
  { route: STATUS, fault: `latency ${LATENCY_MS} ms`, faults: slow(STATUS), moment: 'warm', expected: RUNNING },
  { route: STATUS, fault: 'no answer once', faults: hangOnce(STATUS), moment: 'warm', expected: RUNNING },

  ...CATALOG_ROUTES.flatMap((route): FaultCase[] => [
    { route, fault: '500 always', faults: always(route, 500), moment: 'warm', expected: RUNNING },
    { route, fault: '500 always', faults: always(route, 500), moment: 'stale', expected: RUNNING },
    { route, fault: '500 always', faults: always(route, 500), moment: 'cold', expected: CATALOG_DOWN },
    { route, fault: '429 always', faults: always(route, 429), moment: 'cold', expected: CATALOG_DOWN },
    { route, fault: `latency ${LATENCY_MS} ms`, faults: slow(route), moment: 'cold', expected: RUNNING },
    { route, fault: 'no answer once', faults: hangOnce(route), moment: 'cold', expected: RUNNING },
  ]),
];

interface MatrixRow {
  route: string;
  fault: string;
  moment: Moment;
  end: string;
  status: number;
  heading: string;
  instances: number;
  tokens: string;
}

const matrix: (MatrixRow | undefined)[] = CASES.map(() => undefined);

async function startCaseStack(moment: Moment): Promise<Stack> {
  // A 1 s catalog TTL (the least allowed) lets the cached catalog go stale within the test.
  return startStack({ sandbox: { bootMs: 300 }, env: moment === 'stale' ? { CATALOG_TTL_MS: '1000' } : {} });
}

/** Page views until the configure page says its data is old (the background refresh failed). */
async function waitForStaleCatalog(stack: Stack): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 1_100)); // past the 1 s TTL
  await eventually(
    async () => {
      const page = await new TestBrowser().get(`${stack.appUrl}/`);
      return page.status === 200 && page.body.includes(STALE_NOTICE) ? page : undefined;
    },
    { timeoutMs: 8_000, intervalMs: 200 },
  );
}

async function runCase(stack: Stack, control: SandboxControl, testCase: FaultCase): Promise<JourneyOutcome> {
  // Read before any fault: the test's own look at the StackScript would hit a catalog fault.
  const udfValues = await requiredUdfValues(stack);
  if (testCase.moment !== 'cold') {
    const warm = await new TestBrowser().get(`${stack.appUrl}/`);
    if (warm.status !== 200) throw new Error(`the catalog did not load before the fault: ${warm.status}`);
  }
  for (const fault of testCase.faults) await control.addFault(fault);
  if (testCase.moment === 'stale') await waitForStaleCatalog(stack);

  return runJourney(new TestBrowser(), stack.appUrl, {
    udfValues,
    settleTimeoutMs: 25_000,
    onPoll: async (_fragment, index) => {
      if (testCase.liftAfterPolls !== undefined && index + 1 === testCase.liftAfterPolls) await control.clearFaults();
    },
  });
}

describe('the journey when Linode misbehaves (route × fault)', () => {
  afterAll(() => {
    const rows = matrix.filter((row): row is MatrixRow => row !== undefined);
    const header = ['upstream route', 'fault', 'when', 'journey ends at', 'status', 'page heading', 'servers', 'tokens'];
    const cells = rows.map((r) => [r.route, r.fault, r.moment, r.end, String(r.status), r.heading, String(r.instances), r.tokens]);
    const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
    const line = (c: string[]) => `| ${c.map((v, i) => v.padEnd(widths[i])).join(' | ')} |`;
    const table = [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.map(line)].join('\n');
    console.log(`Fault matrix (${rows.length} of ${CASES.length} cases ran):\n${table}`);
  });

  it.concurrent.each(CASES.map((c, index) => [`${c.route} — ${c.fault} (${c.moment} catalog)`, c, index] as const))(
    '%s ends on a clear page, creates at most one server and leaves no token active',
    async (_name, testCase, index) => {
      const stack = await startCaseStack(testCase.moment);
      const control = new SandboxControl(stack.sandbox.url);
      try {
        const outcome = await runCase(stack, control, testCase);
        const instances = await control.instances();
        const tokens = await control.tokensOnceSettled();
        const active = tokens.filter((token) => token.status === 'active').length;
        matrix[index] = {
          route: testCase.route,
          fault: testCase.fault,
          moment: testCase.moment,
          end: outcome.end,
          status: outcome.final.status,
          heading: headingOf(outcome.final.body),
          instances: instances.length,
          tokens: tokens.length === 0 ? 'none issued' : active === 0 ? `${tokens.length} revoked` : `${active} of ${tokens.length} ACTIVE`,
        };

        expect(clearPageProblems(outcome.final)).toEqual([]);
        expect({ end: outcome.end, status: outcome.final.status, heading: headingOf(outcome.final.body) }).toEqual({
          end: testCase.expected.end,
          status: testCase.expected.status,
          heading: testCase.expected.heading,
        });
        expect(instances).toHaveLength(testCase.expected.instances);
        expect(tokens.length).toBeLessThanOrEqual(1);
        expect(tokens.filter((token) => token.status === 'active')).toEqual([]);
        if (testCase.expected.status === 503 || testCase.expected.status === 429) {
          expect(Number(outcome.final.headers.get('retry-after'))).toBeGreaterThan(0);
        }
        if (testCase.expected.notice) {
          expect(outcome.polls.some((poll) => poll.status === 200 && poll.body.includes(testCase.expected.notice!))).toBe(true);
        }
        if (testCase.moment === 'stale') expect(outcome.configurePage?.body).toContain(STALE_NOTICE);
      } finally {
        await stack.close();
      }
    },
    60_000,
  );

  it.todo(`${CREATE} — no answer within the 30 s create timeout: the label lookup finds the server and the journey deploys once (needs a LINODE_TIMEOUT_MS setting to run fast)`);
  it.todo(`${CREATE} — latency beyond the create timeout, request still handled: exactly one server, shown to the person (needs LINODE_TIMEOUT_MS)`);
});
