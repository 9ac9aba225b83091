'use strict';
/**
 * The sandbox's memory over a long stream of journeys: its RSS sampled when the count of finished
 * journeys reaches each milestone (1,000, 2,000, 3,000), and whether it still grew over the last
 * stretch. Pure logic; bench/run.js drives the journeys and reads /proc.
 */

/** Calls `sample()` once for each milestone as the count of finished journeys reaches it. */
class MilestoneSampler {
  constructor(milestones, sample) {
    this.milestones = [...milestones].sort((a, b) => a - b);
    this.sample = sample;
    this.done = 0;
    this.samples = [];
  }

  /** One more journey finished. */
  journeyDone() {
    this.done += 1;
    while (this.samples.length < this.milestones.length && this.milestones[this.samples.length] <= this.done) {
      this.samples.push({ journeys: this.milestones[this.samples.length], ...this.sample() });
    }
  }

  get finished() {
    return this.samples.length === this.milestones.length;
  }
}

/**
 * RSS at each milestone and its growth over the last stretch (between the last two milestones).
 * Flat: the last stretch added at most `toleranceMiB` (RSS moves a little with garbage collection
 * even when nothing is retained). Null growth when fewer than two samples have an RSS.
 */
function rssTrend(samples, { toleranceMiB }) {
  const measured = samples.filter((s) => typeof s.rssMiB === 'number' && Number.isFinite(s.rssMiB));
  const rssMiB = Object.fromEntries(measured.map((s) => [s.journeys, s.rssMiB]));
  if (measured.length < 2) return { rssMiB, lastStretch: null, growthMiB: null, flat: null, toleranceMiB };
  const [before, after] = measured.slice(-2);
  const growthMiB = Math.round((after.rssMiB - before.rssMiB) * 10) / 10;
  return {
    rssMiB,
    lastStretch: { from: before.journeys, to: after.journeys },
    growthMiB,
    flat: growthMiB <= toleranceMiB,
    toleranceMiB,
  };
}

module.exports = { MilestoneSampler, rssTrend };
