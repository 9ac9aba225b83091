'use strict';
/** Load cells (autocannon) and the small statistics the journey needs. */
const autocannon = require('autocannon');

const round = (n, digits = 2) => (Number.isFinite(n) ? Math.round(n * 10 ** digits) / 10 ** digits : null);

/**
 * `connections` keep-alive connections hammer one request for `durationS` seconds.
 * Returns throughput (req/s over the whole cell), latency percentiles (ms) and what went wrong.
 */
function loadCell({ url, connections, durationS, headers = {}, method = 'GET' }) {
  return new Promise((resolve, reject) => {
    autocannon({ url, connections, duration: durationS, headers, method, timeout: 10 }, (error, result) => {
      if (error) return reject(error);
      const responses = result['1xx'] + result['2xx'] + result['3xx'] + result['4xx'] + result['5xx'];
      resolve({
        connections,
        durationS,
        requests: responses,
        rps: round(responses / (result.duration || durationS), 1),
        latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
        bytesPerResponse: responses > 0 ? Math.round(result.throughput.total / responses) : null,
        non2xx: result.non2xx,
        errors: result.errors,
        timeouts: result.timeouts,
      });
    });
  });
}

function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))];
}

/** p50/p99/mean of a list of milliseconds, rounded for reading. */
function summarize(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mean = sorted.reduce((sum, v) => sum + v, 0) / (sorted.length || 1);
  return { n: sorted.length, p50: round(percentile(sorted, 50)), p99: round(percentile(sorted, 99)), mean: round(mean) };
}

module.exports = { loadCell, percentile, round, summarize };
