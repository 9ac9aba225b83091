'use strict';
/**
 * The paired phase: every route the app serves under load is measured beside the same bytes sent
 * by bare node:http, bare Express and (for a first visit's GET /) a minimal NestJS app, in the
 * same run, by the same load tool, in short cells taken in turn (five per server and route), so
 * a busy machine skews them all alike and the ratios hold. The measured app runs with LOG_LEVEL
 * unset (its default), carries only the event-loop monitor (event-loop-preload.js), and is driven
 * through whole rounds (routes, a conditional GET /, then 1,000 journeys) twice, with RSS read
 * after each phase: growth from round to round is a leak.
 */
const os = require('node:os');
const { rmSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { brotliCompressSync, constants: zlib } = require('node:zlib');
const { request } = require('./http-client');
const { choicesFor, configureForm } = require('./html-form');
const { requiredUdfValues, runJourney } = require('./journey');
const { resetSandbox, runJourneys } = require('./concurrent-journeys');
const { loadCell, mergeCells, perItem, round } = require('./load');
const { cpuTimeMs, freePort } = require('./processes');
const { startCeiling, startStack } = require('./stack');
const { conditionalRow, headline, mergeLoopStats, pairedRow, sustainedRow } = require('./paired-summary');

/** Fresh sandbox IPv4s come from one /24: journeys go in batches with a sandbox reset between. */
const JOURNEYS_PER_BATCH = 250;
/** Seconds the app is left idle after the last round before the last memory reading. */
const SETTLE_S = 30;
/** One unbroken cell of GET /: short cells with pauses between them hide what V8 does under a steady load. */
const SUSTAINED_S = 15;

/** `count` journeys, `concurrency` at a time. */
async function journeys(stack, udfValues, count, concurrency, prefix) {
  const run = await runJourneys({ stack, udfValues, prefix, concurrency, count, resetEvery: JOURNEYS_PER_BATCH });
  return { count: run.results.length, failures: run.failures, errors: run.errors, seconds: round(run.seconds, 1) };
}

/** The bytes the app answers for `path` with `headers`, compressed as sent when `encoding` is asked. */
async function appAnswer(appUrl, path, headers) {
  const plain = await request(`${appUrl}${path}`, { headers: { ...headers, 'accept-encoding': 'identity' } });
  if (plain.status !== 200) throw new Error(`GET ${path} answered ${plain.status}`);
  const wantsBr = /\bbr\b/.test(headers['accept-encoding'] || '');
  // The app's compression middleware uses brotli quality 4 unless told otherwise; the ceiling sends the same size.
  const bytes = wantsBr ? brotliCompressSync(plain.raw, { params: { [zlib.BROTLI_PARAM_QUALITY]: 4 } }) : plain.raw;
  return { bytes, contentType: plain.headers['content-type'], encoding: wantsBr ? 'br' : undefined };
}

/** Cells per server in one route, taken in turn: the machine's drift over a route's seconds hits every server alike. */
const SLICES = 5;

/**
 * One route: the app, then (with `nest`) the minimal NestJS app, bare Express and bare node:http,
 * each warmed, then measured in turn, `SLICES` short cells each, so that their ratios hold on a
 * shared machine whose speed drifts from one cell to the next.
 */
async function pairedRoute(stack, loop, { name, kind, path, headers, durationS, connections, warmupS, root, nest = false }) {
  const answer = await appAnswer(stack.appUrl, path, headers);
  const file = join(os.tmpdir(), `bench-paired-${process.pid}.bin`);
  writeFileSync(file, answer.bytes);
  const options = { encoding: answer.encoding, root };
  const kinds = nest ? ['nest', 'express', 'node'] : ['express', 'node'];
  const ceilings = {};
  try {
    for (const ceilingKind of kinds)
      ceilings[ceilingKind] = await startCeiling(file, answer.contentType, { ...options, kind: ceilingKind });
    const cell = (url) => loadCell({ url, connections, durationS: durationS / SLICES, headers });
    const appUrl = `${stack.appUrl}${path}`;
    for (const url of [appUrl, ...kinds.map((k) => ceilings[k].url)]) await loadCell({ url, connections, durationS: warmupS, headers });
    const cells = { app: [], ...Object.fromEntries(kinds.map((k) => [k, []])) };
    const loopReadings = [];
    const cpu = { app: 0, ...Object.fromEntries(kinds.map((k) => [k, 0])) };
    // A cell of `server`, with the CPU its process used meanwhile.
    const measure = async (server, url, pid) => {
      const cpuBefore = cpuTimeMs(pid);
      cells[server].push(await cell(url));
      cpu[server] += cpuTimeMs(pid) - cpuBefore;
    };
    for (let slice = 0; slice < SLICES; slice++) {
      await loop('/reset', 'POST');
      await measure('app', appUrl, stack.app.pid);
      loopReadings.push(JSON.parse((await loop('/read', 'GET')).body));
      for (const ceilingKind of kinds) await measure(ceilingKind, ceilings[ceilingKind].url, ceilings[ceilingKind].pid);
    }
    const measured = Object.fromEntries(Object.entries(cells).map(([server, list]) => [server, mergeCells(list)]));
    const cpuPerRequest = (server) => perItem(cpu[server], measured[server].requests, 3);
    return pairedRow({
      name,
      kind,
      bytes: answer.bytes.length,
      ...measured,
      loop: mergeLoopStats(loopReadings),
      appCpuMsPerRequest: cpuPerRequest('app'),
      nestCpuMsPerRequest: nest ? cpuPerRequest('nest') : null,
    });
  } finally {
    await Promise.all(Object.values(ceilings).map((ceiling) => ceiling.close()));
    rmSync(file, { force: true });
  }
}

/** GET / again with the ETag a first visit got, beside that first visit's row; says so when there is no ETag. */
async function conditionalRoute(stack, { connections, durationS, warmupS }, full) {
  const name = 'GET / first visit, If-None-Match (304)';
  const first = await request(`${stack.appUrl}/`);
  const etag = first.headers.etag;
  if (!etag) return conditionalRow({ name, etag: null, full });
  const url = `${stack.appUrl}/`;
  const headers = { 'if-none-match': etag };
  await loadCell({ url, connections, durationS: warmupS, headers });
  return conditionalRow({ name, etag, full, app: await loadCell({ url, connections, durationS, headers }) });
}

/** A first visit's GET / without a pause for `durationS`: req/s, tail, the app's CPU and its collections. */
async function sustainedFirstVisit(stack, loop, { connections, durationS }) {
  await loop('/reset', 'POST');
  const cpuBefore = cpuTimeMs(stack.app.pid);
  const cell = await loadCell({ url: `${stack.appUrl}/`, connections, durationS });
  const cpuMs = cpuTimeMs(stack.app.pid) - cpuBefore;
  return sustainedRow({ durationS, connections, cell, cpuMs, loop: JSON.parse((await loop('/read', 'GET')).body) });
}

/** The price fragment's path for the page's preselected (else first) plan and region; null without a form. */
async function pricePathOf(appUrl) {
  const page = await request(`${appUrl}/`);
  const form = configureForm(page.body);
  if (!form) return null;
  const type = [].concat(form.fields.type || choicesFor(page.body, 'type')[0])[0];
  const region = [].concat(form.fields.region || choicesFor(page.body, 'region')[0])[0];
  if (!type || !region) return null;
  return `/price-summary?type=${encodeURIComponent(type)}&region=${encodeURIComponent(region)}`;
}

/** One round: every route paired, then `journeyCount` journeys; RSS after each. */
async function pairedRound(stack, memoryNow, loop, settings, roundNo, udfValues, log) {
  const memory = { before: await memoryNow() };
  const rows = [];
  const route = async (spec) => {
    log(`paired round ${roundNo}: ${spec.name}`);
    rows.push(await pairedRoute(stack, loop, { ...settings, ...spec }));
    memory[spec.key] = await memoryNow();
  };
  // A returning visitor: signed in, with a deployment still booting.
  await resetSandbox(stack);
  const visit = await runJourney({ appUrl: stack.appUrl, proxy: stack.proxy, journeyId: `paired-${roundNo}`, udfValues });
  await route({ key: 'afterFirstVisit', name: 'GET / first visit (no cookie)', kind: 'page', path: '/', headers: {}, nest: true });
  log(`paired round ${roundNo}: conditional GET /`);
  rows.push(await conditionalRoute(stack, settings, rows[0]));
  memory.afterConditional = await memoryNow();
  await route({
    key: 'afterFirstVisitBr',
    name: 'GET / first visit (no cookie), br',
    kind: 'page',
    path: '/',
    headers: { 'accept-encoding': 'br' },
  });
  await route({
    key: 'afterReturning',
    name: 'GET / returning (session cookie)',
    kind: 'page',
    path: '/',
    headers: { cookie: visit.cookie },
  });
  await route({
    key: 'afterStatusPoll',
    name: 'GET /deployments/:id (HX-Request, booting)',
    kind: 'fragment',
    path: new URL(visit.deploymentPath, stack.appUrl).pathname,
    headers: { 'hx-request': 'true', cookie: visit.cookie },
  });
  if (settings.pricePath) {
    await route({
      key: 'afterPriceSummary',
      name: 'GET /price-summary (HX-Request)',
      kind: 'fragment',
      path: settings.pricePath,
      headers: { 'hx-request': 'true' },
    });
  }
  log(`paired round ${roundNo}: ${settings.journeys} journeys`);
  const journeyResult = await journeys(stack, udfValues, settings.journeys, 8, `paired-${roundNo}`);
  memory.afterJourneys = await memoryNow();
  return { rows, memory, journeys: journeyResult };
}

/**
 * The whole paired phase on its own sandbox + app pair: `rounds` rounds of every route and
 * `journeyCount` journeys.
 */
async function pairedPhase({ root, durationS, warmupS, connections = 16, rounds = 2, journeyCount = 1000, log }) {
  const loopPort = await freePort();
  const loadAverageStart = os.loadavg().map((n) => round(n, 2));
  const stack = await startStack(root, {
    latencyMs: 0,
    bootMs: 10 * 60_000, // the status poll must find a deployment still booting
    nodeArgs: ['--require', join(__dirname, 'event-loop-preload.js')],
    env: { BENCH_LOOP_PORT: String(loopPort), LOG_LEVEL: undefined },
  });
  const loop = (path, method) => request(`http://127.0.0.1:${loopPort}${path}`, { method });
  /** RSS and heap in use as before, plus what RSS is made of, from the preload. */
  const memoryNow = async () => ({ ...(await stack.memory()), composition: JSON.parse((await loop('/memory', 'GET')).body) });
  try {
    await new Promise((r) => setTimeout(r, 500));
    const idle = await memoryNow();
    const stackScript = await request(`${stack.sandboxUrl}/v4/linode/stackscripts/320826`).then((res) => JSON.parse(res.body));
    const udfValues = requiredUdfValues(stackScript);
    const settings = { durationS, warmupS, connections, root, journeys: journeyCount, pricePath: await pricePathOf(stack.appUrl) };
    const results = [];
    for (let i = 1; i <= rounds; i++) results.push(await pairedRound(stack, memoryNow, loop, settings, i, udfValues, log));
    results[0].memory = { idle, ...results[0].memory };
    log(`paired: GET / for ${SUSTAINED_S} s without a pause`);
    const sustained = await sustainedFirstVisit(stack, loop, { connections, durationS: SUSTAINED_S });
    // What stays once the load has gone: the same reading after the app has been idle a while.
    log(`paired: idle ${SETTLE_S} s after the last round`);
    await new Promise((r) => setTimeout(r, SETTLE_S * 1000));
    results[results.length - 1].memory.settled = await memoryNow();
    const paired = {
      connections,
      durationS,
      startup: stack.startup,
      loadAverage: { start: loadAverageStart, end: os.loadavg().map((n) => round(n, 2)) },
      rounds: results,
      sustained,
    };
    return { ...paired, headline: headline(paired) };
  } finally {
    await stack.close();
  }
}

module.exports = { pairedPhase };
