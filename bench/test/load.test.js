'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { mergeCells } = require('../lib/load');

const cell = (latencies, { seconds = 1, statuses = { 200: latencies.length }, errors = 0 } = {}) =>
  Object.defineProperty(
    { connections: 16, durationS: 1, seconds, requests: latencies.length, bytesPerResponse: 100, statuses, non2xx: 0, errors, timeouts: 0 },
    'latencies',
    { value: Float64Array.from(latencies).sort() },
  );

test('merges cells against one server: requests, statuses and errors summed, rate over their time', () => {
  const merged = mergeCells([cell([1, 2, 3], { seconds: 1.5 }), cell([4, 5], { seconds: 0.5, statuses: { 200: 1, 304: 1 }, errors: 2 })]);
  assert.equal(merged.requests, 5);
  assert.equal(merged.rps, 2.5);
  assert.deepEqual(merged.statuses, { 200: 4, 304: 1 });
  assert.equal(merged.errors, 2);
  assert.equal(merged.durationS, 2);
});

test('takes the percentiles over every response of every cell, not an average of the cells', () => {
  const fast = cell(Array.from({ length: 99 }, () => 1));
  const slow = cell([100]);
  const merged = mergeCells([fast, slow]);
  assert.equal(merged.latencyMs.p50, 1);
  assert.equal(merged.latencyMs.p99, 1);
  assert.equal(merged.latencyMs.max, 100);
});

test('keeps the latencies out of what is written to the results', () => {
  const merged = mergeCells([cell([1, 2])]);
  assert.equal(merged.latencies.length, 2);
  assert.equal('latencies' in JSON.parse(JSON.stringify(merged)), false);
});
