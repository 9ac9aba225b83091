'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { pairedRow, renderPaired, rssGrowth } = require('../lib/paired-summary');

const cell = (rps, p50, p99, extra = {}) => ({ rps, latencyMs: { p50, p99 }, ...extra });

test('a page row: ratios to bare Express and node:http, goal met only with the ratio and the p99', () => {
  const row = pairedRow({ name: 'GET /', kind: 'page', app: cell(2000, 5, 20), express: cell(3000, 4, 10), node: cell(10000, 1, 3) });
  assert.equal(row.ratioToExpress, 0.667);
  assert.equal(row.ratioToNode, 0.2);
  assert.equal(row.expressToNode, 0.3);
  assert.equal(row.meetsGoal, true);
  const slowTail = pairedRow({ name: 'GET /', kind: 'page', app: cell(2000, 5, 90), express: cell(3000, 4, 10), node: cell(10000, 1, 3) });
  assert.equal(slowTail.meetsGoal, false);
  const slow = pairedRow({ name: 'GET /', kind: 'page', app: cell(1400, 5, 20), express: cell(3000, 4, 10), node: cell(10000, 1, 3) });
  assert.equal(slow.meetsGoal, false);
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

test('the Markdown names the tool, the host, the ratios, the loop delay and RSS per phase', () => {
  const row = pairedRow({
    name: 'GET / first visit',
    kind: 'page',
    bytes: 21800,
    app: cell(2000, 5, 20),
    express: cell(3000, 4, 10),
    node: cell(10000, 1, 3),
    loop: { eventLoopDelayMs: { p50: 10.1, p99: 12.5, max: 30 }, gc: { count: 40, totalMs: 80, maxMs: 4 } },
    appCpuMsPerRequest: 0.41,
  });
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
        rows: [row],
        memory: { idle: { rssMiB: 90 }, afterJourneys: { rssMiB: 121 } },
        journeys: { count: 1000, failures: 0, seconds: 20 },
      },
    ],
  });
  assert.match(md, /autocannon, 16 keep-alive connections, 5 s per cell, Host `127\.0\.0\.1:PORT`/);
  assert.match(
    md,
    /\| GET \/ first visit \| 21,800 \| 2,000 \| 5 \/ 20 \| 3,000 \| 10,000 \| 0\.67 \| 0\.2 \| 0\.41 \| 12\.5 \/ 30 \| 40, 80, 4 \| met \|/,
  );
  assert.match(md, /RSS after each phase: idle 90 MiB, afterJourneys 120 MiB; 1,000 journeys/);
  assert.match(md, /RSS growth from round 1 to round 2: 1 MiB/);
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
