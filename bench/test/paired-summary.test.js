'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { conditionalRow, headline, mergeLoopStats, pairedRow, renderPaired, rssGrowth, sustainedRow } = require('../lib/paired-summary');

const cell = (rps, p50, p99, extra = {}) => ({ rps, latencyMs: { p50, p99 }, ...extra });

test('a page row: ratios to minimal Nest, bare Express and node:http; goal met only with 0.8× Nest and a p99 within 25 ms', () => {
  const page = (app, extra = {}) =>
    pairedRow({ name: 'GET /', kind: 'page', app, nest: cell(2400, 4, 8), express: cell(3000, 4, 10), node: cell(10000, 1, 3), ...extra });
  const row = page(cell(2000, 5, 20));
  assert.equal(row.ratioToNest, 0.833);
  assert.equal(row.ratioToExpress, 0.667);
  assert.equal(row.ratioToNode, 0.2);
  assert.equal(row.expressToNode, 0.3);
  assert.deepEqual(row.nest, { rps: 2400, p50: 4, p99: 8 });
  assert.equal(row.meetsGoal, true);
  assert.equal(row.nestCpuOverAppCpu, null, 'no CPU measured, no CPU ratio');
  assert.equal(page(cell(2000, 5, 20), { appCpuMsPerRequest: 0.2, nestCpuMsPerRequest: 0.15 }).nestCpuOverAppCpu, 0.75);
  assert.equal(page(cell(2000, 5, 26)).meetsGoal, false);
  assert.equal(page(cell(1900, 5, 20)).meetsGoal, false);
});

test('a page row measured without the minimal Nest app beside it has no goal', () => {
  const row = pairedRow({ name: 'GET /, br', kind: 'page', app: cell(2000, 5, 20), express: cell(3000, 4, 10), node: cell(10000, 1, 3) });
  assert.equal(row.nest, null);
  assert.equal(row.ratioToNest, null);
  assert.equal(row.meetsGoal, null);
});

test('a conditional GET /: the 304s beside the 200 they revalidate, goal met only when every answer is a faster 304', () => {
  const full = pairedRow({
    name: 'GET /',
    kind: 'page',
    app: cell(2000, 5, 20),
    nest: cell(2400, 4, 8),
    express: cell(3000, 4, 10),
    node: cell(10000, 1, 3),
  });
  const row = conditionalRow({
    name: 'GET / (304)',
    etag: 'W/"abc"',
    full,
    app: cell(5000, 2, 6, { requests: 25000, statuses: { 304: 25000 } }),
  });
  assert.equal(row.ratioTo200, 2.5);
  assert.equal(row.app.notModified, 25000);
  assert.equal(row.meetsGoal, true);
  const full200s = conditionalRow({
    name: 'GET / (304)',
    etag: 'W/"abc"',
    full,
    app: cell(5000, 2, 6, { requests: 25000, statuses: { 200: 25000 } }),
  });
  assert.equal(full200s.meetsGoal, false);
  const slower = conditionalRow({
    name: 'GET / (304)',
    etag: 'W/"abc"',
    full,
    app: cell(1500, 2, 6, { requests: 7500, statuses: { 304: 7500 } }),
  });
  assert.equal(slower.meetsGoal, false);
});

test('a conditional GET / without an ETag says so instead of failing', () => {
  const row = conditionalRow({ name: 'GET / (304)', etag: undefined, full: null });
  assert.deepEqual(row, { name: 'GET / (304)', kind: 'conditional', etag: null, meetsGoal: null });
});

test('the headline: the last round’s first visit against Nest, its p99, the 304, and RSS once the phase is over', () => {
  const full = pairedRow({
    name: 'GET /',
    kind: 'page',
    app: cell(2000, 5, 20),
    nest: cell(2400, 4, 8),
    express: cell(3000, 4, 10),
    node: cell(10000, 1, 3),
  });
  const conditional = conditionalRow({ name: 'c', etag: '"e"', full, app: cell(5000, 2, 6, { requests: 10, statuses: { 304: 10 } }) });
  const roundWith = (rows, memory) => ({ rows, memory, journeys: { count: 0, failures: 0, seconds: 0 } });
  const figures = headline({
    rounds: [
      roundWith([], { afterJourneys: { rssMiB: 150 } }),
      roundWith([full, conditional], { afterJourneys: { rssMiB: 170 }, settled: { rssMiB: 181 } }),
    ],
  });
  assert.deepEqual(figures, {
    pageRatioToNest: 0.833,
    pageCpu: { app: null, nest: null, ratio: null },
    pageP99Ms: 20,
    pageMeetsGoal: true,
    conditional: { ratioTo200: 2.5, meetsGoal: true },
    rssAfterMiB: 181,
    rssMeetsGoal: false,
  });
  const noEtag = headline({ rounds: [roundWith([full, conditionalRow({ name: 'c', full })], { afterJourneys: { rssMiB: 170 } })] });
  assert.equal(noEtag.conditional, 'no ETag');
  assert.equal(noEtag.rssMeetsGoal, true);
});

test('a fragment row: goal is 0.3× Express, no p99 bound; errors never meet a goal', () => {
  const ok = pairedRow({ name: 'status', kind: 'fragment', app: cell(1000, 5, 90), express: cell(3000, 4, 10), node: cell(9000, 1, 3) });
  assert.equal(ok.meetsGoal, true);
  const failing = pairedRow({
    name: 'status',
    kind: 'fragment',
    app: cell(1000, 5, 9, { non2xx: 3 }),
    express: cell(3000, 4, 10),
    node: cell(9000, 1, 3),
  });
  assert.equal(failing.meetsGoal, false);
  const nothing = pairedRow({
    name: 'status',
    kind: 'fragment',
    app: cell(1000, 5, 9),
    express: cell(0, null, null),
    node: cell(0, null, null),
  });
  assert.equal(nothing.ratioToExpress, null);
  assert.equal(nothing.meetsGoal, false);
});

test('RSS growth compares the end of the first and the last round', () => {
  const round = (rss) => ({ memory: { afterJourneys: { rssMiB: rss } } });
  assert.equal(rssGrowth([round(120), round(123.44)]), 3.4);
  assert.equal(rssGrowth([round(120)]), null);
  assert.equal(rssGrowth([]), null);
});

test('the Markdown names the tool, the host, the headline, the ratios, the loop delay and RSS per phase', () => {
  const row = pairedRow({
    name: 'GET / first visit',
    kind: 'page',
    bytes: 21800,
    app: cell(2000, 5, 20),
    nest: cell(2500, 4, 9),
    express: cell(3000, 4, 10),
    node: cell(10000, 1, 3),
    loop: { eventLoopDelayMs: { p50: 10.1, p99: 12.5, max: 30 }, gc: { count: 40, totalMs: 80, maxMs: 4 } },
    appCpuMsPerRequest: 0.41,
    nestCpuMsPerRequest: 0.328,
  });
  const noEtag = conditionalRow({ name: 'GET / first visit, If-None-Match (304)', full: row });
  const md = renderPaired({
    connections: 16,
    durationS: 5,
    loadAverage: { start: [1, 2, 3], end: [1, 2, 3] },
    startup: { readyMs: 700 },
    rounds: [
      {
        rows: [row],
        memory: { idle: { rssMiB: 90 }, afterJourneys: { rssMiB: 120 } },
        journeys: { count: 1000, failures: 0, seconds: 20 },
      },
      {
        rows: [row, noEtag],
        memory: { idle: { rssMiB: 90 }, afterJourneys: { rssMiB: 121 } },
        journeys: { count: 1000, failures: 0, seconds: 20 },
      },
    ],
  });
  assert.match(
    md,
    /autocannon, 16 keep-alive connections, 5 s per server and route \(five cells, taken in turn with the other servers'\), Host `127\.0\.0\.1:PORT`/,
  );
  assert.match(
    md,
    /\| GET \/ first visit \| 21,800 \| 2,000 \| 5 \/ 20 \| 2,500 \| 3,000 \| 10,000 \| 0\.8 \| 0\.67 \| 0\.2 \| 0\.41 \| 12\.5 \/ 30 \| 40, 80, 4 \| met \|/,
  );
  assert.match(md, /\| GET \/ first visit, If-None-Match \(304\) \| – \| no ETag: nothing to revalidate \|/);
  assert.match(
    md,
    /minimal NestJS 0\.8 \(≥ 0\.8\) with p99 20 ms at 16 connections \(≤ 25 ms\): met; conditional GET \/ \(If-None-Match\): no ETag/,
  );
  assert.match(md, /RSS after the phase 121 MiB \(≤ 180 MiB\): met\./);
  assert.match(
    md,
    /CPU per GET \/ first visit, same cells: the app 0\.41 ms, the minimal NestJS app 0\.328 ms; the minimal app's ÷ the app's 0\.8 /,
  );
  assert.match(md, /RSS after each phase: idle 90 MiB, afterJourneys 120 MiB; 1,000 journeys/);
  assert.match(md, /RSS growth from round 1 to round 2: 1 MiB/);
});

test('the Markdown shows a measured 304 row with its share of 304s and its speed against the 200', () => {
  const full = pairedRow({
    name: 'GET /',
    kind: 'page',
    app: cell(2000, 5, 20),
    nest: cell(2400, 4, 8),
    express: cell(3000, 4, 10),
    node: cell(10000, 1, 3),
  });
  const row = conditionalRow({
    name: 'GET / (304)',
    etag: '"e"',
    full,
    app: cell(5000, 2, 6, { requests: 25000, statuses: { 304: 25000 } }),
  });
  const md = renderPaired({
    connections: 16,
    durationS: 5,
    loadAverage: { start: [1], end: [1] },
    startup: { readyMs: 700 },
    rounds: [{ rows: [full, row], memory: {}, journeys: { count: 0, failures: 0, seconds: 0 } }],
  });
  assert.match(md, /\| GET \/ \(304\) \| 0 \| 5,000 \(25,000 × 304\) \| 2 \/ 6 \|.*\| met \(2\.5× the 200\) \|/);
  assert.match(md, /conditional GET \/ \(If-None-Match\): 2\.5× the 200's req\/s \(met\)/);
  assert.doesNotMatch(md, /CPU per GET \//, 'no CPU line without CPU figures');
});

test('renderPaired shows what RSS is made of after each phase, when the preload reported it', () => {
  const composition = {
    smaps: {
      rssMiB: 160,
      anonMiB: 98,
      fileMiB: 62,
      largest: [
        { mapping: 'anon', rssMiB: 70 },
        { mapping: 'node', rssMiB: 58.8 },
        { mapping: '[heap]', rssMiB: 24.6 },
      ],
    },
    process: { rssMiB: 160, heapTotalMiB: 50, heapUsedMiB: 40, externalMiB: 6.2, arrayBuffersMiB: 2.3 },
    heapSpaces: {
      new: { committedMiB: 2, usedMiB: 0.5 },
      old: { committedMiB: 31.7, usedMiB: 28 },
      large_object: { committedMiB: 9, usedMiB: 9 },
      code: { committedMiB: 4.8, usedMiB: 4.3 },
    },
  };
  const md = renderPaired({
    connections: 16,
    durationS: 5,
    loadAverage: { start: [1, 2, 3], end: [1, 2, 3] },
    startup: { readyMs: 700 },
    rounds: [{ rows: [], memory: { settled: { rssMiB: 160, composition } }, journeys: { count: 0, failures: 0, seconds: 0 } }],
  });
  assert.match(
    md,
    /\| settled \| 160 \| 98 \| 62 \| 58\.8 \| 24\.6 \| 2 \(0\.5\) \| 31\.7 \(28\) \| 9 \(9\) \| 4\.8 \(4\.3\) \| 50 \(40\) \| 6\.2 \/ 2\.3 \|/,
  );
});

test('merges the event-loop readings of several cells: worst delays, collections summed', () => {
  const reading = (p99, max, count, totalMs, maxMs) => ({ eventLoopDelayMs: { p50: 1, p99, max }, gc: { count, totalMs, maxMs } });
  assert.deepEqual(mergeLoopStats([reading(12, 20, 3, 4.5, 2), reading(15, 18, 2, 1.25, 3)]), {
    eventLoopDelayMs: { p50: 1, p99: 15, max: 20 },
    gc: { count: 5, totalMs: 5.8, maxMs: 3 },
  });
});

test('the sustained cell: req/s, tail, CPU per request and collections, said after the rounds only when measured', () => {
  const sustained = sustainedRow({
    durationS: 15,
    connections: 16,
    cell: cell(7000, 2.1, 5.4, { requests: 105000, errors: 0, non2xx: 2 }),
    cpuMs: 14700,
    loop: { gc: { count: 500, totalMs: 260.4, maxMs: 3.2 } },
  });
  assert.equal(sustained.appCpuMsPerRequest, 0.14);
  assert.equal(sustained.app.errors, 2);
  const paired = (extra) => ({
    connections: 16,
    durationS: 5,
    loadAverage: { start: [1, 2, 3], end: [1, 2, 3] },
    startup: { readyMs: 700 },
    rounds: [{ rows: [], memory: { afterJourneys: { rssMiB: 120 } }, journeys: { count: 0, failures: 0, seconds: 0 } }],
    ...extra,
  });
  assert.match(
    renderPaired(paired({ sustained })),
    /GET \/ first visit for 15 s without a pause, 16 connections, after the rounds: 7,000 req\/s, p50 \/ p99 2\.1 \/ 5\.4 ms, app CPU 0\.14 ms per request, GC pauses 500 totalling 260 ms \(longest 3\.2 ms\), 2 errors\./,
  );
  assert.doesNotMatch(renderPaired(paired({})), /without a pause/);
});
