/**
 * Memory given back once the load has gone (`node dist/main.js` with the Dockerfile's flags, sandbox
 * mode). Node 24's V8 starts its memory reducer only when every allocation rate it samples is low, and
 * reads "nothing allocated on the C++ heap" as the highest rate; main.ts allocates there every 10 s.
 * Without that, only the reducer's 100 s watchdog would collect, after this test's deadline.
 */
import { join } from 'node:path';
import { productionNodeFlags } from '../bench/lib/production-node-flags';
import { eventually } from '../src/common/testing/eventually';
import { buildIfNeeded, MAIN_SCRIPT, startAppProcess } from './support/reliability-app-process';
import { freePort } from './support/stack';

const REDUCER_GC = /Memory reducer: started GC/g;
const productionFlags = productionNodeFlags(join(__dirname, '..'));

describe('V8 memory reducer once idle', () => {
  beforeAll(() => buildIfNeeded(), 180_000);

  it('collects the heap a burst of page views grew, within seconds of the burst', async () => {
    const port = await freePort();
    const env = { PUBLIC_URL: `http://localhost:${port}`, SANDBOX_PORT: String(await freePort()), NODE_ENV: 'test', LOG_LEVEL: 'silent' };
    const app = await startAppProcess('idle-memory', port, env, 30_000, MAIN_SCRIPT, [...productionFlags, '--trace-memory-reducer']);
    const reducerGcs = () => app.output().match(REDUCER_GC)?.length ?? 0;
    try {
      // Garbage enough for major collections, which arm the reducer.
      for (let i = 0; i < 500; i++) {
        const res = await fetch(`http://127.0.0.1:${port}/?region=us-east&n=${i}`, { headers: { host: `localhost:${port}` } });
        expect(res.status).toBe(200);
        await res.arrayBuffer();
      }
      const afterBurst = reducerGcs();
      await eventually(reducerGcs, (count) => count > afterBurst, { timeoutMs: 60_000, intervalMs: 500 }).catch((error: Error) => {
        throw new Error(`${error.message}\napp output:\n${app.output()}`);
      });
    } finally {
      await app.stop();
    }
  }, 180_000);
});
