'use strict';
/**
 * The sandbox's memory over a long stream of journeys: sampled when the count of finished
 * journeys reaches each milestone (1,000, 2,000, 3,000), and whether it still grew over the last
 * stretch. Pure logic; bench/run.js drives the journeys, reads /proc and asks the sandbox for a
 * full garbage collection.
 */

/** Counts finished journeys and says when a milestone is reached (once per milestone). */
class MilestoneCounter {
  constructor(milestones) {
    this.milestones = [...milestones].sort((a, b) => a - b);
    this.done = 0;
    this.reached = 0;
  }

  /** One more journey finished: the milestones it reached (usually none). */
  journeyDone() {
    this.done += 1;
    const reached = [];
    while (this.reached < this.milestones.length && this.milestones[this.reached] <= this.done) {
      reached.push(this.milestones[this.reached]);
      this.reached += 1;
    }
    return reached;
  }

  get finished() {
    return this.reached === this.milestones.length;
  }
}

/**
 * One measure (`field`, in MiB) at each milestone and its change over the last stretch (between
 * the last two samples). Flat: the last stretch added at most `toleranceMiB`. Null change and
 * verdict when fewer than two samples have the measure; no verdict without a tolerance (a measure
 * only shown).
 */
function trendOf(samples, { field, toleranceMiB = null }) {
  const measured = samples.filter((s) => typeof s[field] === 'number' && Number.isFinite(s[field])).sort((a, b) => a.journeys - b.journeys);
  const values = Object.fromEntries(measured.map((s) => [s.journeys, s[field]]));
  if (measured.length < 2) return { field, values, lastStretch: null, changeMiB: null, flat: null, toleranceMiB };
  const [before, after] = measured.slice(-2);
  const changeMiB = Math.round((after[field] - before[field]) * 10) / 10;
  return {
    field,
    values,
    lastStretch: { from: before.journeys, to: after.journeys },
    changeMiB,
    flat: toleranceMiB === null ? null : changeMiB <= toleranceMiB,
    toleranceMiB,
  };
}

module.exports = { MilestoneCounter, trendOf };
