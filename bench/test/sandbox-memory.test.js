'use strict';
const { describe, it } = require('node:test');
const assert = require('node:assert/strict');
const { MilestoneCounter, trendOf } = require('../lib/sandbox-memory');
const { renderSandboxMemory } = require('../lib/render');

describe('counting journeys up to milestones', () => {
  it('reports each milestone once, when the count reaches it', () => {
    const counter = new MilestoneCounter([2, 4]);
    const reached = Array.from({ length: 5 }, () => counter.journeyDone());
    assert.deepEqual(reached, [[], [2], [], [4], []]);
    assert.equal(counter.finished, true);
  });

  it('is not finished before the last milestone', () => {
    const counter = new MilestoneCounter([1000, 2000, 3000]);
    for (let i = 0; i < 2999; i += 1) counter.journeyDone();
    assert.equal(counter.finished, false);
    assert.deepEqual(counter.journeyDone(), [3000]);
  });

  it('takes the milestones in order whatever order they are given in', () => {
    const counter = new MilestoneCounter([3, 1]);
    assert.deepEqual([counter.journeyDone(), counter.journeyDone(), counter.journeyDone()], [[1], [], [3]]);
  });
});

describe('the trend over the last stretch', () => {
  const samples = (...heap) => heap.map((heapAfterGcMiB, i) => ({ journeys: (i + 1) * 1000, heapAfterGcMiB }));

  it('is flat when the last stretch grew by no more than the tolerance', () => {
    assert.deepEqual(trendOf(samples(20, 24, 24.5), { field: 'heapAfterGcMiB', toleranceMiB: 1 }), {
      field: 'heapAfterGcMiB',
      values: { 1000: 20, 2000: 24, 3000: 24.5 },
      lastStretch: { from: 2000, to: 3000 },
      changeMiB: 0.5,
      flat: true,
      toleranceMiB: 1,
    });
  });

  it('is flat when the measure went down', () => {
    assert.equal(trendOf(samples(20, 24, 22), { field: 'heapAfterGcMiB', toleranceMiB: 1 }).flat, true);
  });

  it('is not flat when the last stretch grew by more than the tolerance', () => {
    const trend = trendOf(samples(20, 24, 29), { field: 'heapAfterGcMiB', toleranceMiB: 1 });
    assert.equal(trend.changeMiB, 5);
    assert.equal(trend.flat, false);
  });

  it('only measures, with no verdict, without a tolerance', () => {
    const trend = trendOf(samples(20, 24, 29), { field: 'heapAfterGcMiB' });
    assert.equal(trend.changeMiB, 5);
    assert.equal(trend.flat, null);
  });

  it('has no verdict without two measured samples', () => {
    const trend = trendOf(
      [
        { journeys: 1000, heapAfterGcMiB: 20 },
        { journeys: 2000, heapAfterGcMiB: null },
      ],
      { field: 'heapAfterGcMiB', toleranceMiB: 1 },
    );
    assert.equal(trend.flat, null);
  });
});

describe('rendering the sandbox memory phase', () => {
  const samples = [
    { journeys: 1000, rssMiB: 265.1, peakRssMiB: 266, rssAfterGcMiB: 121, heapAfterGcMiB: 24.5, atS: 22 },
    { journeys: 2000, rssMiB: 273.3, peakRssMiB: 305, rssAfterGcMiB: 120.8, heapAfterGcMiB: 25, atS: 44 },
    { journeys: 3000, rssMiB: 277, peakRssMiB: 309, rssAfterGcMiB: 121.9, heapAfterGcMiB: 25.2, atS: 66 },
  ];
  const phase = (errors = {}, tolerance = 1) => ({
    journeys: 3000,
    concurrency: 8,
    perSecond: 45.2,
    instanceTtlMs: 3000,
    idle: { rssMiB: 70, peakRssMiB: 70 },
    samples,
    trends: {
      rss: trendOf(samples, { field: 'rssMiB' }),
      rssAfterGc: trendOf(samples, { field: 'rssAfterGcMiB' }),
      heapAfterGc: trendOf(samples, { field: 'heapAfterGcMiB', toleranceMiB: tolerance }),
    },
    atEnd: { liveInstances: 140, tokensRemembered: 1000 },
    errors,
  });

  it('shows each thousand’s RSS before and after a full collection, and the heap kept', () => {
    const text = renderSandboxMemory(phase());
    assert.match(text, /\| 2,000 \| 273 MiB \| 305 MiB \| 121 MiB \| 25 MiB \| 44 \|/);
    assert.match(
      text,
      /From 2,000 to 3,000 journeys: heap kept \+0\.2 MiB \(flat, tolerance 1 MiB\); RSS \+3\.7 MiB; RSS after a full collection \+1\.1 MiB/,
    );
    assert.match(text, /140 live Linodes, 1000 tokens remembered/);
  });

  it('says when the heap kept is still growing, and lists failed journeys', () => {
    const text = renderSandboxMemory(phase({ 'POST /: expected 302': 2 }, 0.1));
    assert.match(text, /heap kept \+0\.2 MiB \(still growing, tolerance 0\.1 MiB\)/);
    assert.match(text, /Failed journeys: 2 × POST \/: expected 302/);
  });
});
