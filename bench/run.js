'use strict';
/**
 * `npm run bench`: builds the app if dist/ is missing or stale, then measures the production build
 * on this machine, on loopback, against the Linode sandbox (each in its own process):
 *   - GET / at 1, 16 and 64 connections, with the sandbox at 0 ms and at 50 ms added latency
 *     (a fresh sandbox + app pair for each latency), and a returning visitor's GET / (with cookie);
 *   - the same page's bytes from a bare node:http server: the machine's ceiling for this page;
 *   - the htmx fragments: price summary, deployment status (while the server boots);
 *   - whole journeys (configure → submit → consent → callback → deployment page), app share vs sandbox share;
 *   - upstream Linode calls per 1,000 page views, counted by a proxy between app and sandbox;
 *   - app memory (VmRSS) idle and after load, and time from spawn to /readyz 200;
 *   - a CPU profile of GET / under load, from a separate app process (not the measured one);
 *   - the sandbox's own memory (VmRSS) after 1,000, 2,000 and 3,000 journeys, its Linodes expiring
 *     (SANDBOX_INSTANCE_TTL_MS): whether a long-running sandbox stays flat.
 * Prints the tables, writes bench/results/latest.json and refreshes the numbers in BENCHMARKS.md.
 *
 * First, the paired phase (lib/paired.js): each route beside bare node:http and bare Express
 * sending the same bytes, a first visit's GET / also beside a minimal NestJS app, a conditional
 * GET / (If-None-Match) beside the 200, ratios, event-loop delay, RSS per phase, two rounds with
 * 1,000 journeys each (the leak check).
 *
 * Options: --quick (2 s cells, one paired round of 100 journeys), --only-paired (just the paired
 * phase; writes bench/results/paired-latest.json and the paired section of BENCHMARKS.md),
 * --no-paired, --no-build, --no-profile, --no-report, --no-sandbox-memory,
 * --only-sandbox-memory (just that phase; writes bench/results/sandbox-memory.json, leaves
 * latest.json and BENCHMARKS.md alone); env BENCH_DURATION_S (seconds per cell), BENCH_ROOT (the
 * project to measure; default: this one).
 */
const os = require('node:os');
const { mkdirSync, rmSync, writeFileSync } = require('node:fs');
const { join, resolve } = require('node:path');
const { ensureBuilt } = require('./lib/build');
const { detailsBetween } = require('./lib/counting-proxy');
const { request } = require('./lib/http-client');
const { choicesFor, configureForm } = require('./lib/html-form');
const { requiredUdfValues, runJourney } = require('./lib/journey');
const { resetSandbox, runJourneys } = require('./lib/concurrent-journeys');
const { loadCell, perItem, round, summarize } = require('./lib/load');
const { probePage } = require('./lib/probes');
const { cpuTimeMs, freePort, machineBusyMs, stopAll } = require('./lib/processes');
const { startCeiling, startStack } = require('./lib/stack');
const { summarizeCpuProfile } = require('./lib/cpu-profile-summary');
const { deriveObservations } = require('./lib/observations');
const { renderMarkdown, renderSandboxMemory } = require('./lib/render');
const { MilestoneCounter, trendOf } = require('./lib/sandbox-memory');
const { pairedPhase } = require('./lib/paired');
const { renderPaired } = require('./lib/paired-summary');
const { updateBenchmarksMd } = require('./report');

// BENCH_ROOT: measure another checkout's build (e.g. a copy, so a build here cannot race a teammate's).
const ROOT = resolve(process.env.BENCH_ROOT || join(__dirname, '..'));
const RESULTS_DIR = join(__dirname, 'results');
const args = new Set(process.argv.slice(2));

const SETTINGS = {
  cellDurationS: Number(process.env.BENCH_DURATION_S) || (args.has('--quick') ? 2 : 5),
  pageConnections: [1, 16, 64],
  fragmentConnections: 16,
  journeyConcurrency: [1, 8],
  // All journeys sign in as one sandbox account; it is reset before each journey cell. The account
  // limit is raised above the cell's cap (Linodes live for the sandbox's default hour here).
  maxJourneysPerCell: 250,
  sandboxMaxInstancesPerAccount: 300,
  sandboxLatenciesMs: [0, 50],
  // Long enough that a deployment is still booting through the status-fragment cell (the polling case).
  sandboxBootMs: 20_000,
  warmupS: 1,
  sandboxMemory: {
    milestones: [1000, 2000, 3000],
    concurrency: 8,
    // Linodes expire quickly, so the few alive at any moment stay well within the sandbox's addresses.
    instanceTtlMs: 3000,
    maxInstancesPerAccount: 500,
    bootMs: 1000,
    // What the sandbox keeps is judged on its V8 heap after a full collection: RSS moves by tens of
    // MiB with the collector's timing alone. More than this over the last 1,000 journeys is growth.
    heapToleranceMiB: 1,
  },
};

const log = (line) => process.stderr.write(`[bench] ${line}\n`);
const total = (counts) => Object.values(counts).reduce((a, b) => a + b, 0);

function machineFacts() {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0] ? cpus[0].model.trim() : 'unknown',
    cores: cpus.length,
    memoryGiB: round(os.totalmem() / 2 ** 30, 1),
    nodeVersion: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    // Other work on the machine skews every number; the run says how busy it was.
    loadAverageAtStart: os.loadavg().map((n) => round(n, 2)),
    date: new Date().toISOString(),
  };
}

/**
 * How much of the machine's CPU went to processes other than ours (app, sandbox, this process)
 * while a cell ran, as a share of all cores: the noise behind that cell's numbers.
 */
function otherLoadMeter(stack, extraPids = []) {
  const ours = () => {
    const { app, sandbox } = stack ? stack.cpu() : { app: 0, sandbox: 0 };
    const self = process.cpuUsage();
    return app + sandbox + (self.user + self.system) / 1000 + extraPids.reduce((sum, pid) => sum + (cpuTimeMs(pid) || 0), 0);
  };
  const machineBefore = machineBusyMs();
  const oursBefore = ours();
  const started = Date.now();
  return {
    percent() {
      const machine = machineBusyMs();
      if (machine === null || machineBefore === null) return null;
      const other = machine - machineBefore - (ours() - oursBefore);
      return round(Math.max(0, (100 * other) / ((Date.now() - started) * os.cpus().length)), 0);
    },
  };
}

/** One autocannon cell plus the upstream calls the app made, and what it logged, meanwhile. */
async function measuredCell(stack, cell) {
  const before = stack.proxy.detailedSnapshot();
  const logBytesBefore = stack.app.outputBytes();
  const cpuBefore = stack.cpu();
  const meter = otherLoadMeter(stack);
  const result = await loadCell({ durationS: SETTINGS.cellDurationS, ...cell });
  const cpuAfter = stack.cpu();
  const upstream = detailsBetween(before, stack.proxy.detailedSnapshot());
  const upstreamByRoute = Object.fromEntries(Object.entries(upstream).map(([label, d]) => [label, d.calls]));
  const upstreamCalls = total(upstreamByRoute);
  return {
    ...result,
    appLogBytes: stack.app.outputBytes() - logBytesBefore,
    appCpuMsPerRequest: perItem(cpuAfter.app - cpuBefore.app, result.requests, 3),
    otherLoadPercent: meter.percent(),
    upstreamCalls,
    upstreamCallsPer1000: result.requests > 0 ? round((1000 * upstreamCalls) / result.requests, 1) : null,
    upstreamByRoute,
    upstream,
  };
}

/**
 * Journeys back to back on `concurrency` parallel visitors for one cell's duration, on an emptied
 * sandbox, and at most `maxJourneysPerCell` of them: the sandbox hands out IPv4s from one /24.
 */
async function journeyCell(stack, udfValues, concurrency, prefix) {
  const before = stack.proxy.detailedSnapshot();
  const cpuBefore = stack.cpu();
  const meter = otherLoadMeter(stack);
  const started = process.hrtime.bigint();
  const { results, errors } = await runJourneys({
    stack,
    udfValues,
    prefix,
    concurrency,
    count: SETTINGS.maxJourneysPerCell,
    resetEvery: SETTINGS.maxJourneysPerCell,
    until: Date.now() + SETTINGS.cellDurationS * 1000,
  });
  const elapsedS = Number(process.hrtime.bigint() - started) / 1e9;
  const cpuAfter = stack.cpu();
  const upstream = detailsBetween(before, stack.proxy.detailedSnapshot());
  const upstreamByRoute = Object.fromEntries(Object.entries(upstream).map(([label, d]) => [label, d.calls]));
  const hopNames = results.length ? Object.keys(results[0].hopsMs) : [];
  return {
    concurrency,
    durationS: round(elapsedS, 2),
    journeys: results.length,
    perSecond: round(results.length / elapsedS, 1),
    totalMs: summarize(results.map((r) => r.totalMs)),
    appMs: summarize(results.map((r) => r.appMs)),
    sandboxMs: summarize(results.map((r) => r.sandboxMs)),
    hopsMsP50: Object.fromEntries(hopNames.map((hop) => [hop, summarize(results.map((r) => r.hopsMs[hop])).p50])),
    upstreamCallsPerJourney: results.length ? round(total(upstreamByRoute) / results.length, 2) : null,
    otherLoadPercent: meter.percent(),
    appCpuMsPerJourney: perItem(cpuAfter.app - cpuBefore.app, results.length, 2),
    sandboxCpuMsPerJourney: perItem(cpuAfter.sandbox - cpuBefore.sandbox, results.length, 2),
    upstreamByRoute,
    upstream,
    errors,
  };
}

async function benchPair(latencyMs) {
  log(`starting sandbox (+${latencyMs} ms) and app`);
  const stack = await startStack(ROOT, {
    latencyMs,
    bootMs: SETTINGS.sandboxBootMs,
    sandboxEnv: { SANDBOX_MAX_INSTANCES_PER_ACCOUNT: String(SETTINGS.sandboxMaxInstancesPerAccount) },
  });
  try {
    const run = { sandboxLatencyMs: latencyMs, startup: stack.startup, memory: {} };
    await new Promise((r) => setTimeout(r, 1000));
    run.memory.idle = await stack.memory();

    const probe = await probePage(stack.appUrl, stack.proxy);
    if (probe.status !== 200) throw new Error(`GET / answered ${probe.status}`);
    const form = configureForm(probe.body);
    if (!form) throw new Error('GET /: no configure form (post form) on the page');
    const { body, ...probeFacts } = probe;
    run.page = { probe: probeFacts, cells: [] };

    log('warm-up');
    await loadCell({ url: `${stack.appUrl}/`, connections: 16, durationS: SETTINGS.warmupS });
    for (const connections of SETTINGS.pageConnections) {
      log(`GET / at ${connections} connections`);
      run.page.cells.push(await measuredCell(stack, { url: `${stack.appUrl}/`, connections }));
    }
    run.memory.afterPageLoad = await stack.memory();

    // The fixed cost of any request through the app's middleware (no template, no session).
    log('GET /healthz (the middleware floor)');
    run.healthz = await measuredCell(stack, { url: `${stack.appUrl}/healthz`, connections: SETTINGS.fragmentConnections });

    // A returning visitor: the session cookie is sent, so the session is loaded (and, if rolling, saved).
    const visitorCookie = await request(`${stack.appUrl}/`).then((res) => [].concat(res.headers['set-cookie'] || [])[0]);
    if (visitorCookie) {
      log('GET / with a session cookie');
      run.pageWithSession = await measuredCell(stack, {
        url: `${stack.appUrl}/`,
        connections: SETTINGS.fragmentConnections,
        headers: { cookie: visitorCookie.split(';')[0] },
      });
    }

    const type = [].concat(form.fields.type || choicesFor(body, 'type')[0])[0];
    const region = [].concat(form.fields.region || choicesFor(body, 'region')[0])[0];
    const pricePath = `/price-summary?type=${encodeURIComponent(type)}&region=${encodeURIComponent(region)}`;
    const priceUrl = `${stack.appUrl}${pricePath}`;
    const priceCheck = await request(priceUrl, { headers: { 'hx-request': 'true' } });
    run.fragments = { priceSummary: { path: pricePath, status: priceCheck.status, bytes: priceCheck.bytes } };
    if (priceCheck.status === 200) {
      log('price-summary fragment');
      Object.assign(
        run.fragments.priceSummary,
        await measuredCell(stack, {
          url: priceUrl,
          connections: SETTINGS.fragmentConnections,
          headers: { 'hx-request': 'true', ...(visitorCookie ? { cookie: visitorCookie.split(';')[0] } : {}) },
        }),
      );
    }

    const stackScript = await request(`${stack.sandboxUrl}/v4/linode/stackscripts/320826`).then((res) => JSON.parse(res.body));
    const udfValues = requiredUdfValues(stackScript);
    log('one journey, then the deployment-status fragment while its server boots');
    await resetSandbox(stack);
    const first = await runJourney({ appUrl: stack.appUrl, proxy: stack.proxy, journeyId: `probe-${latencyMs}`, udfValues });
    const statusUrl = new URL(first.deploymentPath, stack.appUrl).toString();
    const statusHeaders = { 'hx-request': 'true', cookie: first.cookie };
    const statusCheck = await request(statusUrl, { headers: statusHeaders });
    run.fragments.deploymentStatus = {
      path: '/deployments/:id (HX-Request)',
      status: statusCheck.status,
      bytes: statusCheck.bytes,
      ...(await measuredCell(stack, { url: statusUrl, connections: SETTINGS.fragmentConnections, headers: statusHeaders })),
    };

    run.journeys = [];
    for (const concurrency of SETTINGS.journeyConcurrency) {
      log(`journeys, ${concurrency} at a time`);
      run.journeys.push(await journeyCell(stack, udfValues, concurrency, `j${latencyMs}-${concurrency}`));
    }
    run.memory.afterAllLoad = await stack.memory();
    run.upstreamErrors = stack.proxy.errors();
    return { run, pageBody: body, pageType: probe.contentType };
  } finally {
    await stack.close();
  }
}

async function benchCeiling(pageBody, contentType) {
  const pageFile = join(os.tmpdir(), `bench-page-${process.pid}.html`);
  writeFileSync(pageFile, pageBody);
  const ceiling = await startCeiling(pageFile, contentType || 'text/html; charset=utf-8');
  try {
    const result = { pageBytes: Buffer.byteLength(pageBody), cells: [] };
    await loadCell({ url: ceiling.url, connections: 16, durationS: SETTINGS.warmupS });
    for (const connections of SETTINGS.pageConnections) {
      log(`bare node:http ceiling at ${connections} connections`);
      const meter = otherLoadMeter(null, [ceiling.pid]);
      const cpuBefore = cpuTimeMs(ceiling.pid);
      const cell = await loadCell({ url: ceiling.url, connections, durationS: SETTINGS.cellDurationS });
      cell.appCpuMsPerRequest = perItem(cpuTimeMs(ceiling.pid) - cpuBefore, cell.requests, 3);
      cell.otherLoadPercent = meter.percent();
      result.cells.push(cell);
    }
    return result;
  } finally {
    await ceiling.close();
    rmSync(pageFile, { force: true });
  }
}

/**
 * GET /, the price fragment and the deployment-status poll under load, each profiled, in a
 * separate app process (the measured ones never carry the profiler).
 */
async function profileHotPaths(priceQuery) {
  const profilePort = await freePort();
  const stack = await startStack(ROOT, {
    latencyMs: 0,
    bootMs: SETTINGS.sandboxBootMs,
    sandboxEnv: { SANDBOX_MAX_INSTANCES_PER_ACCOUNT: String(SETTINGS.sandboxMaxInstancesPerAccount) },
    nodeArgs: ['--require', join(__dirname, 'lib/cpu-profile-preload.js')],
    env: { BENCH_PROFILE_PORT: String(profilePort) },
  });
  const control = (path) => request(`http://127.0.0.1:${profilePort}${path}`, { method: 'POST' });
  const heapUsed = async () => JSON.parse((await control('/gc')).body).heapUsed;
  try {
    await loadCell({ url: `${stack.appUrl}/`, connections: 16, durationS: SETTINGS.warmupS });
    const underLoad =
      (url, headers = {}) =>
      () =>
        loadCell({ url, connections: 16, durationS: SETTINGS.cellDurationS, headers });
    // What anonymous page views leave on the heap after full collections: first, while nothing else
    // is in flight (the warm-up made the one-time allocations: code, pools, the store's arrays).
    log('heap kept by anonymous GET / views');
    const heapBefore = await heapUsed();
    const views = await underLoad(`${stack.appUrl}/`)();
    const kept = (await heapUsed()) - heapBefore;
    const retainedHeap = { views: views.requests, totalKiB: round(kept / 1024, 0), bytesPerView: round(kept / views.requests, 0) };
    const stackScript = await request(`${stack.sandboxUrl}/v4/linode/stackscripts/320826`).then((res) => JSON.parse(res.body));
    const udfValues = requiredUdfValues(stackScript);
    const journey = await runJourney({ appUrl: stack.appUrl, proxy: stack.proxy, journeyId: 'profile', udfValues });
    const targets = [['GET / at 16 connections', underLoad(`${stack.appUrl}/`)]];
    if (priceQuery)
      targets.push([
        `GET ${priceQuery} (HX-Request) at 16 connections`,
        underLoad(`${stack.appUrl}${priceQuery}`, { 'hx-request': 'true' }),
      ]);
    targets.push([
      'GET /deployments/:id (HX-Request), server booting, at 16 connections',
      underLoad(new URL(journey.deploymentPath, stack.appUrl).toString(), { 'hx-request': 'true', cookie: journey.cookie }),
    ]);
    targets.push(['whole journeys, 1 at a time', () => journeyCell(stack, udfValues, 1, 'profile')]);
    const profiles = {};
    for (const [name, run] of targets) {
      log(`CPU profile: ${name}`);
      await control('/start');
      await run();
      const stopped = await control('/stop');
      if (stopped.status !== 200) throw new Error(`profiler: ${stopped.body}`);
      profiles[name] = summarizeCpuProfile(JSON.parse(stopped.body));
    }

    return { profiles, retainedHeap };
  } finally {
    await stack.close();
  }
}

/**
 * Journeys back to back, `concurrency` at a time, against a sandbox in its own process whose
 * Linodes expire. As the count of finished journeys reaches each milestone, the sandbox's RSS is
 * read, then the sandbox is asked for a full garbage collection (through the profiling preload's
 * control endpoint) and its RSS and V8 heap are read again: what it really keeps. A sandbox that
 * forgets nothing grows with every journey; a bounded one levels off.
 */
async function sandboxMemoryPhase() {
  const phase = SETTINGS.sandboxMemory;
  log(
    `sandbox memory: ${phase.milestones.at(-1)} journeys, ${phase.concurrency} at a time, Linodes expiring after ${phase.instanceTtlMs} ms`,
  );
  const controlPort = await freePort();
  const stack = await startStack(ROOT, {
    latencyMs: 0,
    bootMs: phase.bootMs,
    sandboxEnv: {
      SANDBOX_INSTANCE_TTL_MS: String(phase.instanceTtlMs),
      SANDBOX_MAX_INSTANCES_PER_ACCOUNT: String(phase.maxInstancesPerAccount),
      BENCH_PROFILE_PORT: String(controlPort),
    },
    sandboxNodeArgs: ['--require', join(__dirname, 'lib/cpu-profile-preload.js')],
  });
  const mib = (bytes) => round(bytes / 2 ** 20, 1);
  const started = Date.now();
  const sample = async () => {
    const asItWas = stack.sandboxMemory() || {};
    const collected = await request(`http://127.0.0.1:${controlPort}/gc`, { method: 'POST' }).then((res) =>
      res.status === 200 ? JSON.parse(res.body) : null,
    );
    return {
      rssMiB: asItWas.rssMiB ?? null,
      peakRssMiB: asItWas.peakRssMiB ?? null,
      rssAfterGcMiB: collected ? mib(collected.rss) : null,
      heapAfterGcMiB: collected ? mib(collected.heapUsed) : null,
      atS: round((Date.now() - started) / 1000, 1),
    };
  };
  try {
    const stackScript = await request(`${stack.sandboxUrl}/v4/linode/stackscripts/320826`).then((res) => JSON.parse(res.body));
    const udfValues = requiredUdfValues(stackScript);
    const idle = stack.sandboxMemory();
    const counter = new MilestoneCounter(phase.milestones);
    const samples = [];
    const { errors } = await runJourneys({
      stack,
      udfValues,
      prefix: 'mem',
      concurrency: phase.concurrency,
      count: phase.milestones.at(-1),
      onJourney: async () => {
        for (const journeys of counter.journeyDone()) {
          samples.push({ journeys, ...(await sample()) });
          log(`sandbox memory: ${journeys} journeys`);
        }
      },
    });
    const elapsedS = (Date.now() - started) / 1000;
    const liveInstances = await request(`${stack.sandboxUrl}/__sandbox/instances`).then((res) => JSON.parse(res.body).length);
    const tokensRemembered = await request(`${stack.sandboxUrl}/__sandbox/tokens`).then((res) => JSON.parse(res.body).length);
    return {
      journeys: counter.done,
      concurrency: phase.concurrency,
      durationS: round(elapsedS, 1),
      perSecond: round(counter.done / elapsedS, 1),
      instanceTtlMs: phase.instanceTtlMs,
      idle,
      samples,
      trends: {
        rss: trendOf(samples, { field: 'rssMiB' }),
        rssAfterGc: trendOf(samples, { field: 'rssAfterGcMiB' }),
        heapAfterGc: trendOf(samples, { field: 'heapAfterGcMiB', toleranceMiB: phase.heapToleranceMiB }),
      },
      atEnd: { liveInstances, tokensRemembered },
      errors,
    };
  } finally {
    await stack.close();
  }
}

async function onlySandboxMemory() {
  if (!args.has('--no-build')) ensureBuilt(ROOT, log);
  const results = {
    machine: machineFacts(),
    settings: { sandboxMemory: SETTINGS.sandboxMemory },
    sandboxMemory: await sandboxMemoryPhase(),
  };
  results.machine.loadAverageAtEnd = os.loadavg().map((n) => round(n, 2));
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(join(RESULTS_DIR, 'sandbox-memory.json'), JSON.stringify(results, null, 2) + '\n');
  process.stdout.write(renderSandboxMemory(results.sandboxMemory) + '\n');
  log('wrote bench/results/sandbox-memory.json');
}

async function main() {
  if (args.has('--only-sandbox-memory')) return onlySandboxMemory();
  const startedAt = Date.now();
  if (!args.has('--no-build')) ensureBuilt(ROOT, log);
  const results = { machine: machineFacts(), settings: SETTINGS, runs: [] };
  if (!args.has('--no-paired')) {
    results.paired = await pairedPhase({
      root: ROOT,
      durationS: SETTINGS.cellDurationS,
      warmupS: SETTINGS.warmupS,
      rounds: args.has('--quick') ? 1 : 2,
      journeyCount: args.has('--quick') ? 100 : 1000,
      log,
    });
    process.stdout.write(renderPaired(results.paired) + '\n\n');
  }
  if (args.has('--only-paired')) {
    mkdirSync(RESULTS_DIR, { recursive: true });
    writeFileSync(join(RESULTS_DIR, 'paired-latest.json'), JSON.stringify(results, null, 2) + '\n');
    log('wrote bench/results/paired-latest.json');
    if (!args.has('--no-report')) {
      updateBenchmarksMd(join(__dirname, '..'), results);
      log('updated the paired section of BENCHMARKS.md');
    }
    return;
  }

  let page = null;
  for (const latencyMs of SETTINGS.sandboxLatenciesMs) {
    const pair = await benchPair(latencyMs);
    results.runs.push(pair.run);
    page = page || pair;
  }
  results.ceiling = await benchCeiling(page.pageBody, page.pageType);
  for (const run of results.runs) {
    for (const cell of run.page.cells) {
      const bare = results.ceiling.cells.find((c) => c.connections === cell.connections);
      cell.ratioToCeiling = bare && bare.rps ? round(cell.rps / bare.rps, 3) : null;
    }
  }
  if (!args.has('--no-profile')) {
    try {
      const price = results.runs[0].fragments.priceSummary;
      const { profiles, retainedHeap } = await profileHotPaths(price.rps !== undefined ? price.path : null);
      results.profile = profiles;
      results.retainedHeap = retainedHeap;
    } catch (error) {
      log(`profiling skipped: ${error.message}`);
    }
  }
  if (!args.has('--no-sandbox-memory')) results.sandboxMemory = await sandboxMemoryPhase();
  results.machine.loadAverageAtEnd = os.loadavg().map((n) => round(n, 2));
  results.observations = deriveObservations(results);
  results.runSeconds = round((Date.now() - startedAt) / 1000, 0);

  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(join(RESULTS_DIR, 'latest.json'), JSON.stringify(results, null, 2) + '\n');
  process.stdout.write(renderMarkdown(results) + '\n');
  log(`wrote bench/results/latest.json (${results.runSeconds} s)`);
  if (!args.has('--no-report')) {
    updateBenchmarksMd(join(__dirname, '..'), results);
    log('updated the numbers in BENCHMARKS.md');
  }
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    log(`${signal}: stopping the app and sandbox processes`);
    void stopAll().then(() => process.exit(130));
  });
}

main().catch((error) => {
  process.stderr.write(`[bench] failed: ${error.stack || error.message}\n`);
  process.exit(1);
});
