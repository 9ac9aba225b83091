'use strict';
/**
 * Pure logic of the paired phase: one row per route (the app beside a minimal NestJS app, bare
 * Express and bare node:http sending the same bytes, in the same run, by the same load tool), the
 * ratios, the goals, and the Markdown table. No I/O here, so it is unit-tested
 * (bench/test/paired-summary.test.js).
 */
const { perItem, round } = require('./load');

/**
 * A first visit's GET / against the minimal NestJS app sending its bytes, with its tail at 16
 * connections; the fragments against bare Express; RSS of the app once the phase is over.
 */
const GOALS = {
  pageRatioToNest: 0.8,
  pageP99Ms: 25,
  fragmentRatioToExpress: 0.3,
  rssMiB: 180,
};

const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? round(a / b, 3) : null);
const baseline = (cell) => (cell ? { rps: cell.rps, p50: cell.latencyMs.p50, p99: cell.latencyMs.p99 } : null);

/**
 * The row's verdict: true, false, or null when the row has no goal (a page measured without the
 * minimal Nest app beside it).
 */
function verdict({ kind, app, ratioToNest, ratioToExpress }) {
  if (app.non2xx || app.errors) return false;
  if (kind === 'fragment') return ratioToExpress !== null && ratioToExpress >= GOALS.fragmentRatioToExpress;
  if (ratioToNest === null) return null;
  return ratioToNest >= GOALS.pageRatioToNest && app.latencyMs.p99 !== null && app.latencyMs.p99 <= GOALS.pageP99Ms;
}

/**
 * The event-loop monitor's readings over several cells as one: the worst delay percentiles, the
 * collections summed (with the longest pause).
 */
function mergeLoopStats(readings) {
  const worst = (key) => Math.max(...readings.map((r) => r.eventLoopDelayMs[key]));
  return {
    eventLoopDelayMs: { p50: worst('p50'), p99: worst('p99'), max: worst('max') },
    gc: {
      count: readings.reduce((sum, r) => sum + r.gc.count, 0),
      totalMs: round(
        readings.reduce((sum, r) => sum + r.gc.totalMs, 0),
        1,
      ),
      maxMs: Math.max(...readings.map((r) => r.gc.maxMs)),
    },
  };
}

/**
 * One route's row. `kind`: 'page' (GET /) or 'fragment' (status poll, price summary): they have
 * different goals. `app`, `node`, `express` and, for a page, `nest`: load cells
 * ({ rps, latencyMs: { p50, p99 } }).
 */
function pairedRow({
  name,
  kind,
  app,
  node,
  express,
  nest = null,
  loop = null,
  appCpuMsPerRequest = null,
  nestCpuMsPerRequest = null,
  bytes = null,
}) {
  const ratioToExpress = ratio(app.rps, express.rps);
  const ratioToNest = nest ? ratio(app.rps, nest.rps) : null;
  return {
    name,
    kind,
    bytes,
    app: { rps: app.rps, p50: app.latencyMs.p50, p99: app.latencyMs.p99, non2xx: app.non2xx || 0, errors: app.errors || 0 },
    nest: baseline(nest),
    express: baseline(express),
    node: baseline(node),
    ratioToNest,
    ratioToExpress,
    ratioToNode: ratio(app.rps, node.rps),
    expressToNode: ratio(express.rps, node.rps),
    appCpuMsPerRequest,
    nestCpuMsPerRequest,
    // The minimal Nest app's CPU per request over the app's: the req/s ratio's counterpart that a busy machine hardly moves.
    nestCpuOverAppCpu: ratio(nestCpuMsPerRequest, appCpuMsPerRequest),
    loop,
    meetsGoal: verdict({ kind, app, ratioToNest, ratioToExpress }),
  };
}

/** The sustained cell: what a steady load costs once V8 has settled on how it allocates (no goal of its own). */
function sustainedRow({ durationS, connections, cell, cpuMs, loop }) {
  return {
    durationS,
    connections,
    app: { rps: cell.rps, p50: cell.latencyMs.p50, p99: cell.latencyMs.p99, errors: (cell.errors || 0) + (cell.non2xx || 0) },
    appCpuMsPerRequest: perItem(cpuMs, cell.requests, 3),
    gc: loop.gc,
  };
}

/**
 * A revalidation: GET / with `If-None-Match` set to the ETag the app sent, beside the 200 it
 * revalidates (`full`: that route's row). Without an ETag there is nothing to revalidate: the row
 * says so. The goal: the 304 answers faster than the 200.
 */
function conditionalRow({ name, etag, app = null, full }) {
  if (!etag) return { name, kind: 'conditional', etag: null, meetsGoal: null };
  const statuses = app.statuses || {};
  const notModified = statuses[304] || 0;
  const ratioTo200 = ratio(app.rps, full.app.rps);
  return {
    name,
    kind: 'conditional',
    etag,
    app: {
      rps: app.rps,
      p50: app.latencyMs.p50,
      p99: app.latencyMs.p99,
      notModified,
      others: app.requests - notModified,
      errors: app.errors || 0,
    },
    full: { rps: full.app.rps, p50: full.app.p50, p99: full.app.p99 },
    ratioTo200,
    meetsGoal: notModified === app.requests && app.requests > 0 && !app.errors && ratioTo200 !== null && ratioTo200 > 1,
  };
}

/**
 * The figures the phase is judged by, from its last round: a first visit's GET / against the
 * minimal Nest app and its p99, the 304 against the 200, and RSS when the phase is over.
 */
function headline(paired) {
  const last = paired.rounds[paired.rounds.length - 1];
  const firstVisit = last.rows.find((row) => row.kind === 'page' && row.nest);
  const conditional = last.rows.find((row) => row.kind === 'conditional');
  const memory = last.memory.settled || last.memory.afterJourneys || null;
  const rssMiB = memory ? memory.rssMiB : null;
  return {
    pageRatioToNest: firstVisit ? firstVisit.ratioToNest : null,
    pageCpu: firstVisit
      ? { app: firstVisit.appCpuMsPerRequest, nest: firstVisit.nestCpuMsPerRequest, ratio: firstVisit.nestCpuOverAppCpu }
      : null,
    pageP99Ms: firstVisit ? firstVisit.app.p99 : null,
    pageMeetsGoal: firstVisit ? firstVisit.meetsGoal : null,
    conditional: !conditional
      ? null
      : conditional.etag
        ? { ratioTo200: conditional.ratioTo200, meetsGoal: conditional.meetsGoal }
        : 'no ETag',
    rssAfterMiB: rssMiB,
    rssMeetsGoal: Number.isFinite(rssMiB) ? rssMiB <= GOALS.rssMiB : null,
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

const goalCell = (meetsGoal) => (meetsGoal === null ? '–' : meetsGoal ? 'met' : 'not met');

function routeLine(row) {
  if (row.kind === 'conditional') {
    if (!row.etag) return `| ${row.name} | – | no ETag: nothing to revalidate | – | – | – | – | – | – | – | – | – | – | – |`;
    return (
      `| ${row.name} | 0 | ${fmt(row.app.rps)} (${fmt(row.app.notModified, 0)} × 304) | ${fmt(row.app.p50, 2)} / ${fmt(row.app.p99, 1)} | ` +
      `– | – | – | – | – | – | – | – | – | ${goalCell(row.meetsGoal)} (${fmt(row.ratioTo200, 2)}× the 200) |`
    );
  }
  const loop = row.loop ? `${fmt(row.loop.eventLoopDelayMs.p99)} / ${fmt(row.loop.eventLoopDelayMs.max)}` : '–';
  const gc = row.loop ? `${row.loop.gc.count}, ${fmt(row.loop.gc.totalMs)}, ${fmt(row.loop.gc.maxMs)}` : '–';
  return (
    `| ${row.name} | ${fmt(row.bytes, 0)} | ${fmt(row.app.rps)} | ${fmt(row.app.p50, 2)} / ${fmt(row.app.p99, 1)} | ` +
    `${row.nest ? fmt(row.nest.rps) : '–'} | ${fmt(row.express.rps)} | ${fmt(row.node.rps)} | ` +
    `${fmt(row.ratioToNest, 2)} | ${fmt(row.ratioToExpress, 2)} | ${fmt(row.ratioToNode, 2)} | ${fmt(row.appCpuMsPerRequest, 3)} | ${loop} | ${gc} | ${goalCell(row.meetsGoal)} |`
  );
}

function renderHeadline(figures) {
  const conditional =
    figures.conditional === null
      ? 'not measured'
      : figures.conditional === 'no ETag'
        ? 'no ETag (the app sent none)'
        : `${fmt(figures.conditional.ratioTo200, 2)}× the 200's req/s (${goalCell(figures.conditional.meetsGoal)})`;
  const lines = [
    `Goals, last round: GET / first visit ÷ minimal NestJS ${fmt(figures.pageRatioToNest, 2)} (≥ ${GOALS.pageRatioToNest}) ` +
      `with p99 ${fmt(figures.pageP99Ms, 1)} ms at 16 connections (≤ ${GOALS.pageP99Ms} ms): ${goalCell(figures.pageMeetsGoal)}; ` +
      `conditional GET / (If-None-Match): ${conditional}; ` +
      `RSS after the phase ${fmt(figures.rssAfterMiB)} MiB (≤ ${GOALS.rssMiB} MiB): ${goalCell(figures.rssMeetsGoal)}.`,
  ];
  const cpu = figures.pageCpu;
  if (cpu && cpu.ratio !== null) {
    lines.push(
      '',
      `CPU per GET / first visit, same cells: the app ${fmt(cpu.app, 3)} ms, the minimal NestJS app ${fmt(cpu.nest, 3)} ms; ` +
        `the minimal app's ÷ the app's ${fmt(cpu.ratio, 2)} (a figure for reading the req/s ratio, which a busy machine moves more, not a goal of its own).`,
    );
  }
  return lines;
}

/** The paired table (one round), then memory per phase and the leak check, as Markdown. */
function renderPaired(paired) {
  const out = [];
  out.push(
    `Load tool: autocannon, ${paired.connections} keep-alive connections, ${paired.durationS} s per server and route (five cells, taken in turn with the other servers'), Host \`127.0.0.1:PORT\` (the app's PUBLIC_URL), ` +
      `no cookies unless the row says so, LOG_LEVEL unset (info), production build, catalog warm. ` +
      `Load average at start ${paired.loadAverage.start.join(' / ')}, at end ${paired.loadAverage.end.join(' / ')}.`,
  );
  out.push('', ...renderHeadline(headline(paired)));
  paired.rounds.forEach((r, i) => {
    out.push('');
    out.push(`Round ${i + 1}:`);
    out.push('');
    out.push(
      '| route | bytes | app req/s | app p50 / p99 ms | minimal NestJS req/s | bare Express req/s | bare node:http req/s | app ÷ Nest | app ÷ Express | app ÷ node | app CPU ms/req | event-loop delay p99 / max ms | GC pauses (n, total, max ms) | goal |',
    );
    out.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|');
    for (const row of r.rows) out.push(routeLine(row));
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
  if (paired.sustained) {
    const { durationS, connections, app, appCpuMsPerRequest, gc } = paired.sustained;
    out.push(
      '',
      `GET / first visit for ${durationS} s without a pause, ${connections} connections, after the rounds: ${fmt(app.rps)} req/s, ` +
        `p50 / p99 ${fmt(app.p50, 2)} / ${fmt(app.p99, 1)} ms, app CPU ${fmt(appCpuMsPerRequest, 3)} ms per request, ` +
        `GC pauses ${gc.count} totalling ${fmt(gc.totalMs)} ms (longest ${fmt(gc.maxMs)} ms)${app.errors ? `, ${app.errors} errors` : ''}.`,
    );
  }
  const growth = rssGrowth(paired.rounds);
  out.push('');
  out.push(
    `Ready (/readyz 200) ${paired.startup.readyMs} ms after spawn.` +
      (growth === null ? '' : ` RSS growth from round 1 to round ${paired.rounds.length}: ${fmt(growth)} MiB.`),
  );
  return out.join('\n');
}

module.exports = { GOALS, conditionalRow, headline, mergeLoopStats, pairedRow, renderPaired, rssGrowth, sustainedRow };
