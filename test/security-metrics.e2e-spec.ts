/** /metrics behind METRICS_TOKEN (issue 12): a scraper with the bearer token reads it, nobody else. */
import { startStack, type Stack } from './support/stack';

const METRICS_TOKEN = 'metrics-e2e-token-0123456789abcdef';

describe('/metrics with METRICS_TOKEN set', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ env: { METRICS_TOKEN } });
  });
  afterAll(async () => {
    await stack.close();
  });

  it('refuses a request without the token, saying how to authenticate and showing no metric', async () => {
    const res = await fetch(`${stack.appUrl}/metrics`);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(await res.text()).not.toMatch(/process_cpu/);
  });

  it('refuses a wrong token', async () => {
    const res = await fetch(`${stack.appUrl}/metrics`, { headers: { authorization: 'Bearer not-the-metrics-token-at-all' } });
    expect(res.status).toBe(401);
  });

  it('serves the metrics to a scraper with the token', async () => {
    const res = await fetch(`${stack.appUrl}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/process_cpu/);
  });
});

describe('/metrics without METRICS_TOKEN', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => {
    await stack.close();
  });

  it('stays open, as before (the operator keeps it private by other means)', async () => {
    expect((await fetch(`${stack.appUrl}/metrics`)).status).toBe(200);
  });
});
