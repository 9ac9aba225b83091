'use strict';
/** Many journeys on parallel visitors: the one runner every bench phase drives its journeys with. */
const { request } = require('./http-client');
const { round } = require('./load');
const { runJourney } = require('./journey');

/** A broken stack fails every journey: stop after this many instead of hammering it. */
const MAX_FAILURES = 20;

/** Empties the sandbox (instances, tokens), asked directly rather than through the counting proxy. */
async function resetSandbox(stack) {
  const res = await request(`${stack.sandboxUrl}/__sandbox/reset`, { method: 'POST' });
  if (res.status >= 300) throw new Error(`POST /__sandbox/reset answered ${res.status}`);
}

/**
 * Up to `count` journeys, `concurrency` at a time, until `until` (a Date.now() deadline) passes.
 * With `resetEvery`, the sandbox is emptied before every batch of that many: it hands out IPv4s
 * from one /24, so a sandbox whose Linodes never expire runs out. `onJourney(done)` is awaited
 * after each finished journey (it holds up only the visitor that finished it). `journey` walks
 * one journey (the real one unless a test gives its own).
 * Resolves with every journey's result, the failures counted by message, and the seconds taken.
 */
async function runJourneys({
  stack,
  udfValues,
  prefix,
  concurrency,
  count,
  until = Infinity,
  resetEvery = Infinity,
  onJourney,
  journey = runJourney,
}) {
  const started = Date.now();
  const results = [];
  const errors = {};
  let failures = 0;
  let attempts = 0;
  const going = (end) => attempts < end && failures < MAX_FAILURES && Date.now() < until;
  while (going(count)) {
    if (Number.isFinite(resetEvery)) await resetSandbox(stack);
    const batchEnd = Math.min(count, attempts + resetEvery);
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (going(batchEnd)) {
          const journeyId = `${prefix}-${attempts++}`;
          let result;
          try {
            result = await journey({ appUrl: stack.appUrl, proxy: stack.proxy, journeyId, udfValues });
          } catch (error) {
            failures++;
            const key = String(error.message).slice(0, 200);
            errors[key] = (errors[key] || 0) + 1;
            continue;
          }
          results.push(result);
          if (onJourney) await onJourney(results.length);
        }
      }),
    );
  }
  return { results, failures, errors, seconds: round((Date.now() - started) / 1000, 2) };
}

module.exports = { MAX_FAILURES, resetSandbox, runJourneys };
