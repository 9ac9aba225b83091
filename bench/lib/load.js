'use strict';
/** Load cells (autocannon) and the small statistics the journey needs. */
const autocannon = require('autocannon');

/** Every latency of a cell, for merging cells (mergeCells); not enumerable, so never written to the results. */
const withLatencies = (cell, latencies) => Object.defineProperty(cell, 'latencies', { value: latencies });

const round = (n, digits = 2) => (Number.isFinite(n) ? Math.round(n * 10 ** digits) / 10 ** digits : null);
/** `total` per item (e.g. CPU ms per request), rounded; null without items. */
const perItem = (total, n, digits) => (Number.isFinite(total) && n > 0 ? round(total / n, digits) : null);

/**
 * `connections` keep-alive connections hammer one request for `durationS` seconds.
 * Returns throughput (responses/s over the whole cell), latency percentiles in ms and what went
 * wrong. Latencies are taken from autocannon's per-response timings (fractional ms): its own
 * histogram keeps whole milliseconds only, too coarse for sub-millisecond pages.
 */
function loadCell({ url, connections, durationS, headers = {}, method = 'GET' }) {
  return new Promise((resolve, reject) => {
    const latencies = [];
    const statuses = {};
    const instance = autocannon({ url, connections, duration: durationS, headers, method, timeout: 10 }, (error, result) => {
      if (error) return reject(error);
      const responses = result['1xx'] + result['2xx'] + result['3xx'] + result['4xx'] + result['5xx'];
      const sorted = Float64Array.from(latencies).sort();
      resolve(
        withLatencies(
          {
            connections,
            durationS,
            seconds: result.duration || durationS,
            requests: responses,
            rps: round(responses / (result.duration || durationS), 1),
            latencyMs: latencySummary(sorted),
            bytesPerResponse: responses > 0 ? Math.round(result.throughput.total / responses) : null,
            statuses,
            non2xx: result.non2xx,
            errors: result.errors,
            timeouts: result.timeouts,
          },
          sorted,
        ),
      );
    });
    instance.on('response', (_client, statusCode, _bytes, responseTimeMs) => {
      latencies.push(responseTimeMs);
      statuses[statusCode] = (statuses[statusCode] || 0) + 1;
    });
  });
}

function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))];
}

/** p50, p90, p99 and max of sorted latencies, in ms to the µs. */
function latencySummary(sorted) {
  const at = (p) => round(percentile(sorted, p), 3);
  return { p50: at(50), p90: at(90), p99: at(99), max: at(100) };
}

/**
 * Several cells against one server as one: requests and statuses summed, throughput over their
 * summed duration, percentiles over all their responses.
 */
function mergeCells(cells) {
  const latencies = Float64Array.from(cells.flatMap((cell) => Array.from(cell.latencies))).sort();
  const requests = cells.reduce((sum, cell) => sum + cell.requests, 0);
  const durationS = cells.reduce((sum, cell) => sum + cell.durationS, 0);
  const seconds = cells.reduce((sum, cell) => sum + cell.seconds, 0);
  const statuses = {};
  for (const cell of cells) for (const [status, n] of Object.entries(cell.statuses)) statuses[status] = (statuses[status] || 0) + n;
  const sum = (key) => cells.reduce((total, cell) => total + (cell[key] || 0), 0);
  return withLatencies(
    {
      connections: cells[0].connections,
      durationS,
      seconds,
      requests,
      rps: round(requests / seconds, 1),
      latencyMs: latencySummary(latencies),
      bytesPerResponse:
        requests > 0 ? Math.round(cells.reduce((total, cell) => total + (cell.bytesPerResponse || 0) * cell.requests, 0) / requests) : null,
      statuses,
      non2xx: sum('non2xx'),
      errors: sum('errors'),
      timeouts: sum('timeouts'),
    },
    latencies,
  );
}

/** p50/p99/mean of a list of milliseconds, rounded for reading. */
function summarize(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mean = sorted.reduce((sum, v) => sum + v, 0) / (sorted.length || 1);
  return { n: sorted.length, p50: round(percentile(sorted, 50)), p99: round(percentile(sorted, 99)), mean: round(mean) };
}

module.exports = { loadCell, mergeCells, perItem, percentile, round, summarize };
