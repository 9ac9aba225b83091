'use strict';
/**
 * Pure logic of the paired phase: one row per route (the app beside bare node:http and bare
 * Express sending the same bytes, in the same run, by the same load tool), the ratios, the goals
 * of issue 14, and the Markdown table. No I/O here, so it is unit-tested (bench/test/paired-summary.test.js).
 */
const { round } = require('./load');

/** Issue 14's goals, as ratios of the app's req/s to bare Express's on the same bytes. */
const GOALS = {
  pageRatioToExpress: 0.5,
  pageP99Ms: 25,
  fragmentRatioToExpress: 0.3,
  rssMiB: 150,
};

const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? round(a / b, 3) : null);

/**
 * One route's row. `kind`: 'page' (GET /) or 'fragment' (status poll, price summary): they have
 * different goals. `app`, `node`, `express`: load cells ({ rps, latencyMs: { p50, p99 } }).
 */
function pairedRow({ name, kind, app, node, express, loop = null, appCpuMsPerRequest = null, bytes = null }) {
  const ratioToExpress = ratio(app.rps, express.rps);
  const goalRatio = kind === 'page' ? GOALS.pageRatioToExpress : GOALS.fragmentRatioToExpress;
  const p99Ok = kind === 'page' ? app.latencyMs.p99 !== null && app.latencyMs.p99 <= GOALS.pageP99Ms : true;
  return {
    name,
    kind,
    bytes,
    app: { rps: app.rps, p50: app.latencyMs.p50, p99: app.latencyMs.p99, non2xx: app.non2xx || 0, errors: app.errors || 0 },
    express: { rps: express.rps, p50: express.latencyMs.p50, p99: express.latencyMs.p99 },
    node: { rps: node.rps, p50: node.latencyMs.p50, p99: node.latencyMs.p99 },
    ratioToExpress,
    ratioToNode: ratio(app.rps, node.rps),
    expressToNode: ratio(express.rps, node.rps),
    appCpuMsPerRequest,
    loop,
    meetsGoal: ratioToExpress !== null && ratioToExpress >= goalRatio && p99Ok && !app.non2xx && !app.errors,
  };
}

/** Growth of RSS between the end of two identical rounds: a leak shows as steady growth. */
function rssGrowth(rounds) {
  const ends = rounds.map((r) => r.memory && r.memory.afterJourneys && r.memory.afterJourneys.rssMiB).filter(Number.isFinite);
  if (ends.length < 2) return null;
  return round(ends[ends.length - 1] - ends[0], 1);
}

const fmt = (value, digits = 1) => {
  if (value === null || value === undefined || Number.isNaN(value)) return '–';
  if (Math.abs(value) >= 100) return Math.round(value).toLocaleString('en-US');
  return Number(value.toFixed(digits)).toString();
};

/**
 * What RSS is made of after each phase (from the preload's /memory): anonymous and file-backed
 * pages, the node binary's own, the V8 heap's spaces committed (in use), and memory outside the heap.
 */
function renderComposition(memory) {
  const phases = Object.entries(memory).filter(([, m]) => m && m.composition && m.composition.smaps);
  if (phases.length === 0) return null;
  const space = (c, name) => {
    const s = c.heapSpaces[name];
    return s ? `${fmt(s.committedMiB)} (${fmt(s.usedMiB)})` : '–';
  };
  const out = [
    '| after | RSS MiB | anon | file-backed | of which node binary | malloc brk heap | new space committed (used) | old space | large objects | code | heap total (used) | external / arrayBuffers |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const [phase, m] of phases) {
    const c = m.composition;
    const mapping = (name) => {
      const found = c.smaps.largest.find((l) => l.mapping === name);
      return found ? fmt(found.rssMiB) : '–';
    };
    out.push(
      `| ${phase} | ${fmt(c.smaps.rssMiB)} | ${fmt(c.smaps.anonMiB)} | ${fmt(c.smaps.fileMiB)} | ${mapping('node')} | ${mapping('[heap]')} | ` +
        `${space(c, 'new')} | ${space(c, 'old')} | ${space(c, 'large_object')} | ${space(c, 'code')} | ` +
        `${fmt(c.process.heapTotalMiB)} (${fmt(c.process.heapUsedMiB)}) | ${fmt(c.process.externalMiB)} / ${fmt(c.process.arrayBuffersMiB)} |`,
    );
  }
  return out.join('\n');
}

/** The paired table (one round), then memory per phase and the leak check, as Markdown. */
function renderPaired(paired) {
  const out = [];
  out.push(
    `Load tool: autocannon, ${paired.connections} keep-alive connections, ${paired.durationS} s per cell, Host \`127.0.0.1:PORT\` (the app's PUBLIC_URL), ` +
      `no cookies unless the row says so, LOG_LEVEL unset (info), production build, catalog warm. ` +
      `Load average at start ${paired.loadAverage.start.join(' / ')}, at end ${paired.loadAverage.end.join(' / ')}.`,
  );
  paired.rounds.forEach((r, i) => {
    out.push('');
    out.push(`Round ${i + 1}:`);
    out.push('');
    out.push(
      '| route | bytes | app req/s | app p50 / p99 ms | bare Express req/s | bare node:http req/s | app ÷ Express | app ÷ node | app CPU ms/req | event-loop delay p99 / max ms | GC pauses (n, total, max ms) | goal |',
    );
    out.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|');
    for (const row of r.rows) {
      const loop = row.loop ? `${fmt(row.loop.eventLoopDelayMs.p99)} / ${fmt(row.loop.eventLoopDelayMs.max)}` : '–';
      const gc = row.loop ? `${row.loop.gc.count}, ${fmt(row.loop.gc.totalMs)}, ${fmt(row.loop.gc.maxMs)}` : '–';
      out.push(
        `| ${row.name} | ${fmt(row.bytes, 0)} | ${fmt(row.app.rps)} | ${fmt(row.app.p50, 2)} / ${fmt(row.app.p99, 1)} | ${fmt(row.express.rps)} | ${fmt(row.node.rps)} | ` +
          `${fmt(row.ratioToExpress, 2)} | ${fmt(row.ratioToNode, 2)} | ${fmt(row.appCpuMsPerRequest, 3)} | ${loop} | ${gc} | ${row.meetsGoal ? 'met' : 'not met'} |`,
      );
    }
    out.push('');
    const mem = Object.entries(r.memory)
      .map(([phase, m]) => `${phase} ${m ? fmt(m.rssMiB) : '–'} MiB`)
      .join(', ');
    out.push(
      `RSS after each phase: ${mem}; ${fmt(r.journeys.count, 0)} journeys (${r.journeys.failures} failed) in ${fmt(r.journeys.seconds)} s.`,
    );
    const composition = renderComposition(r.memory);
    if (composition) out.push('', composition);
  });
  const growth = rssGrowth(paired.rounds);
  out.push('');
  out.push(
    `Ready (/readyz 200) ${paired.startup.readyMs} ms after spawn.` +
      (growth === null ? '' : ` RSS growth from round 1 to round ${paired.rounds.length}: ${fmt(growth)} MiB.`),
  );
  return out.join('\n');
}

module.exports = { GOALS, pairedRow, renderPaired, rssGrowth };
