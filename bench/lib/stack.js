'use strict';
/**
 * The system under test for one run: the sandbox as its own process, a counting proxy in front of
 * it, and the production build of the app in real mode pointed at the proxy. Also the ceiling
 * servers it is measured against.
 */
const { join } = require('node:path');
const { CountingProxy } = require('./counting-proxy');
const { request } = require('./http-client');
const { cpuTimeMs, freePort, memoryOf, startNode, stop, waitForStatus } = require('./processes');
const { productionMallocEnv, productionNodeFlags } = require('./production-node-flags');

const SESSION_SECRET = 'bench-session-secret-7f3a9c2e5b1d8f4a6c0e2b9d7f1a3c5e';

/**
 * Starts sandbox → proxy → app and waits until the app is ready (/readyz 200, i.e. the catalog
 * is loaded). Times: from spawning the app to its first HTTP answer (listening) and to /readyz 200 (ready).
 */
async function startStack(root, { latencyMs, bootMs, nodeArgs = [], env = {}, sandboxEnv = {}, sandboxNodeArgs = [] }) {
  const [sandboxPort, appPort] = [await freePort(), await freePort()];
  const sandboxUrl = `http://127.0.0.1:${sandboxPort}`;
  const appUrl = `http://127.0.0.1:${appPort}`;
  const running = [];
  let proxy;
  try {
    const sandbox = startNode(
      'sandbox',
      join(root, 'dist/sandbox/main.js'),
      {
        NODE_ENV: 'production',
        SANDBOX_PORT: String(sandboxPort),
        SANDBOX_LATENCY_MS: String(latencyMs),
        SANDBOX_BOOT_MS: String(bootMs),
        SANDBOX_AUTO_APPROVE: 'bench-user',
        SANDBOX_REDIRECT_URI: `${appUrl}/auth_callback`,
        ...sandboxEnv,
      },
      { cwd: root, nodeArgs: sandboxNodeArgs },
    );
    running.push(sandbox);
    await waitForStatus(sandbox, `${sandboxUrl}/v4/linode/stackscripts/320826`);

    proxy = new CountingProxy(sandboxUrl);
    const proxyUrl = await proxy.listen();

    const app = startNode(
      'app',
      join(root, 'dist/main.js'),
      {
        NODE_ENV: 'production',
        PORT: String(appPort),
        HOST: '127.0.0.1',
        PUBLIC_URL: appUrl,
        LINODE_CLIENT_ID: 'sandbox-client-id',
        LINODE_CLIENT_SECRET: 'sandbox-client-secret',
        LINODE_LOGIN_URL: proxyUrl,
        LINODE_API_URL: `${proxyUrl}/v4`,
        LINODE_STACKSCRIPT_ID: '320826',
        SESSION_SECRET,
        ...productionMallocEnv(root),
        LOG_LEVEL: 'warn',
        // The bench measures the app under load from one address, not its abuse limits.
        RATE_LIMIT_SIGN_IN: '0',
        RATE_LIMIT_VALIDATE: '0',
        RATE_LIMIT_CALLBACK: '0',
        RATE_LIMIT_DELETE: '0',
        ...env,
      },
      // The flags the image and `npm start` run node with, then the bench's own.
      { cwd: root, nodeArgs: [...productionNodeFlags(root), ...nodeArgs] },
    );
    running.push(app);
    const listeningMs = await waitForStatus(app, `${appUrl}/healthz`, 'any');
    const readyMs = await waitForStatus(app, `${appUrl}/readyz`);

    return {
      appUrl,
      sandboxUrl,
      proxy,
      app,
      sandbox,
      startup: { listeningMs: Math.round(listeningMs), readyMs: Math.round(readyMs) },
      /** CPU ms used so far by the app and by the sandbox. */
      cpu: () => ({ app: cpuTimeMs(app.pid), sandbox: cpuTimeMs(sandbox.pid) }),
      /** RSS from /proc, plus the V8 heap in use from the app's /metrics when it has prom-client's default metrics. */
      memory: async () => ({ ...memoryOf(app.pid), heapUsedMiB: await heapUsedMiB(appUrl) }),
      /** The sandbox process's RSS and peak RSS, from /proc. */
      sandboxMemory: () => memoryOf(sandbox.pid),
      async close() {
        await Promise.all(running.map((proc) => stop(proc)));
        await proxy.close();
      },
    };
  } catch (error) {
    await Promise.all(running.map((proc) => stop(proc)));
    if (proxy) await proxy.close();
    throw error;
  }
}

async function heapUsedMiB(appUrl) {
  try {
    const res = await request(`${appUrl}/metrics`);
    const match = /^nodejs_heap_size_used_bytes\s+(\d+(?:\.\d+)?)/m.exec(res.body);
    return res.status === 200 && match ? Math.round((Number(match[1]) / 2 ** 20) * 10) / 10 : null;
  } catch {
    return null;
  }
}

const CEILING_SCRIPTS = { node: 'ceiling-server.js', express: 'express-ceiling-server.js', nest: 'nest-ceiling-server.js' };

/**
 * A ceiling server serving `pageFile`; resolves with its URL and a stop function. `kind`: 'node'
 * (bare node:http, the machine's ceiling), 'express' (bare Express) or 'nest' (a minimal NestJS
 * app, started with the app's production node flags and malloc settings: the framework's floor for the app);
 * `encoding`: the Content-Encoding of the file's bytes (e.g. 'br'), if any.
 */
async function startCeiling(pageFile, contentType, { kind = 'node', encoding, root } = {}) {
  const port = await freePort();
  const project = root || join(__dirname, '..', '..');
  const nodeArgs = kind === 'nest' ? productionNodeFlags(project) : [];
  const proc = startNode(
    `${kind} ceiling server`,
    join(__dirname, CEILING_SCRIPTS[kind]),
    {
      PAGE_FILE: pageFile,
      PAGE_TYPE: contentType,
      PORT: String(port),
      ...(encoding ? { PAGE_ENCODING: encoding } : {}),
      ...(root ? { BENCH_ROOT: root } : {}),
      ...(kind === 'nest' ? productionMallocEnv(project) : {}),
    },
    { nodeArgs },
  );
  try {
    await waitForStatus(proc, `http://127.0.0.1:${port}/readyz`);
  } catch (error) {
    await stop(proc);
    throw error;
  }
  return { url: `http://127.0.0.1:${port}/`, pid: proc.pid, close: () => stop(proc) };
}

module.exports = { startStack, startCeiling };
