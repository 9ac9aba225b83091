'use strict';
const { describe, it } = require('node:test');
const assert = require('node:assert/strict');
const { MilestoneSampler, rssTrend } = require('../lib/sandbox-memory');

describe('sampling at journey milestones', () => {
  it('samples once when each milestone is reached, with the milestone’s count', () => {
    let rss = 100;
    const sampler = new MilestoneSampler([2, 4], () => ({ rssMiB: rss++ }));
    for (let i = 0; i < 5; i += 1) sampler.journeyDone();
    assert.deepEqual(sampler.samples, [
      { journeys: 2, rssMiB: 100 },
      { journeys: 4, rssMiB: 101 },
    ]);
    assert.equal(sampler.finished, true);
  });

  it('is not finished before the last milestone', () => {
    const sampler = new MilestoneSampler([1000, 2000, 3000], () => ({ rssMiB: 1 }));
    for (let i = 0; i < 2999; i += 1) sampler.journeyDone();
    assert.equal(sampler.samples.length, 2);
    assert.equal(sampler.finished, false);
  });

  it('takes the milestones in order whatever order they are given in', () => {
    const sampler = new MilestoneSampler([3, 1], () => ({}));
    for (let i = 0; i < 3; i += 1) sampler.journeyDone();
    assert.deepEqual(sampler.samples.map((s) => s.journeys), [1, 3]);
  });
});

describe('RSS trend over the last stretch', () => {
  const samples = (...rss) => rss.map((rssMiB, i) => ({ journeys: (i + 1) * 1000, rssMiB }));

  it('is flat when the last stretch grew by no more than the tolerance', () => {
    assert.deepEqual(rssTrend(samples(80, 90, 91.5), { toleranceMiB: 2 }), {
      rssMiB: { 1000: 80, 2000: 90, 3000: 91.5 },
      lastStretch: { from: 2000, to: 3000 },
      growthMiB: 1.5,
      flat: true,
      toleranceMiB: 2,
    });
  });

  it('is flat when RSS went down', () => {
    assert.equal(rssTrend(samples(80, 90, 85), { toleranceMiB: 2 }).flat, true);
  });

  it('is not flat when the last stretch grew by more than the tolerance', () => {
    const trend = rssTrend(samples(80, 90, 99), { toleranceMiB: 2 });
    assert.equal(trend.growthMiB, 9);
    assert.equal(trend.flat, false);
  });

  it('has no verdict without two measured samples', () => {
    assert.equal(rssTrend([{ journeys: 1000, rssMiB: 80 }, { journeys: 2000, rssMiB: null }], { toleranceMiB: 2 }).flat, null);
  });
});

describe('rendering the sandbox memory phase', () => {
  const { renderSandboxMemory } = require('../lib/render');
  const phase = (trend, errors = {}) => ({
    journeys: 3000,
    concurrency: 8,
    perSecond: 45.2,
    instanceTtlMs: 3000,
    idle: { rssMiB: 70, peakRssMiB: 70 },
    samples: [
      { journeys: 1000, rssMiB: 95.1, peakRssMiB: 96, atS: 22 },
      { journeys: 2000, rssMiB: 97.3, peakRssMiB: 99, atS: 44 },
      { journeys: 3000, rssMiB: 96.8, peakRssMiB: 99, atS: 66 },
    ],
    trend,
    atEnd: { liveInstances: 140, tokensRemembered: 1000 },
    errors,
  });

  it('shows the RSS after each thousand and calls a last stretch within tolerance flat', () => {
    const text = renderSandboxMemory(phase(rssTrend(phase().samples, { toleranceMiB: 4 })));
    assert.match(text, /\| 2,000 +\| 97\.3 MiB/);
    assert.match(text, /From 2,000 to 3,000 journeys the sandbox's RSS changed by -0\.5 MiB: flat \(tolerance 4 MiB\)/);
    assert.match(text, /140 live Linodes, 1000 tokens remembered/);
  });

  it('says when it is still growing, and lists failed journeys', () => {
    const growing = [{ journeys: 2000, rssMiB: 90 }, { journeys: 3000, rssMiB: 110 }];
    const text = renderSandboxMemory(phase(rssTrend(growing, { toleranceMiB: 4 }), { 'POST /: expected 302': 2 }));
    assert.match(text, /changed by \+20 MiB: still growing/);
    assert.match(text, /Failed journeys: 2 × POST \/: expected 302/);
  });
});
