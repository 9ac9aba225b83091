'use strict';
/**
 * Loaded into the measured app with `node --require` by the paired phase: the event loop's delay
 * (perf_hooks.monitorEventLoopDelay, 10 ms resolution) and the GC pauses (PerformanceObserver
 * 'gc'), per load cell, served on a loopback control port (BENCH_LOOP_PORT): POST /reset starts a
 * new cell, GET /read answers what was seen since. Both are cheap enough for a measured process
 * (a timer every 10 ms, one entry per GC); nothing else of the app changes.
 * GET /memory answers what the process's RSS is made of (read only between cells, never under load):
 * anonymous vs file-backed pages and the largest mappings (/proc/self/smaps), process.memoryUsage()
 * and the V8 heap's spaces, committed and in use.
 */
const http = require('node:http');
const { readFileSync } = require('node:fs');
const v8 = require('node:v8');
const { monitorEventLoopDelay, PerformanceObserver } = require('node:perf_hooks');

const delay = monitorEventLoopDelay({ resolution: 10 });
delay.enable();
let gc = { count: 0, totalMs: 0, maxMs: 0 };
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    gc.count++;
    gc.totalMs += entry.duration;
    gc.maxMs = Math.max(gc.maxMs, entry.duration);
  }
}).observe({ entryTypes: ['gc'] });

const ms = (ns) => Math.round(ns / 1e4) / 100;
const mib = (bytes) => Math.round((bytes / 2 ** 20) * 10) / 10;

/**
 * RSS by kind from /proc/self/smaps: anonymous (JS heap, malloc, thread stacks) against file-backed
 * (the node binary, shared libraries), and RSS grouped by mapping — by file name, `[heap]` (brk
 * malloc), or `anon` for unnamed anonymous mappings (V8's heap pages, malloc arenas, mmap'd
 * buffers) — largest first. Linux only; null elsewhere.
 */
function smapsSummary() {
  let text;
  try {
    text = readFileSync('/proc/self/smaps', 'utf8');
  } catch {
    return null;
  }
  let rssKb = 0;
  let anonKb = 0;
  const byMapping = new Map();
  let name = null;
  for (const line of text.split('\n')) {
    const header = /^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (header) {
      name = header[1].trim() || 'anon';
      continue;
    }
    const field = /^(Rss|Anonymous):\s+(\d+) kB/.exec(line);
    if (!field) continue;
    const kb = Number(field[2]);
    if (field[1] === 'Rss') {
      rssKb += kb;
      const key = name.startsWith('/') ? name.slice(name.lastIndexOf('/') + 1) : name;
      byMapping.set(key, (byMapping.get(key) || 0) + kb);
    } else {
      anonKb += kb;
    }
  }
  const largest = [...byMapping]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 6)
    .map(([mapping, kb]) => ({ mapping, rssMiB: mib(kb * 1024) }));
  return { rssMiB: mib(rssKb * 1024), anonMiB: mib(anonKb * 1024), fileMiB: mib((rssKb - anonKb) * 1024), largest };
}

function memoryReport() {
  const usage = process.memoryUsage();
  const spaces = {};
  for (const space of v8.getHeapSpaceStatistics()) {
    spaces[space.space_name.replace(/_space$/, '')] = { committedMiB: mib(space.physical_space_size), usedMiB: mib(space.space_used_size) };
  }
  return {
    smaps: smapsSummary(),
    process: {
      rssMiB: mib(usage.rss),
      heapTotalMiB: mib(usage.heapTotal),
      heapUsedMiB: mib(usage.heapUsed),
      externalMiB: mib(usage.external),
      arrayBuffersMiB: mib(usage.arrayBuffers),
    },
    heapSpaces: spaces,
  };
}
const control = http.createServer((req, res) => {
  if (req.method === 'POST' && req.url === '/reset') {
    delay.reset();
    gc = { count: 0, totalMs: 0, maxMs: 0 };
    res.end('reset');
  } else if (req.method === 'GET' && req.url === '/read') {
    res.setHeader('content-type', 'application/json');
    res.end(
      JSON.stringify({
        // The timer fires every 10 ms: these are the delays beyond that.
        eventLoopDelayMs: { p50: ms(delay.percentile(50)), p99: ms(delay.percentile(99)), max: ms(delay.max) },
        gc: { count: gc.count, totalMs: Math.round(gc.totalMs * 10) / 10, maxMs: Math.round(gc.maxMs * 10) / 10 },
      }),
    );
  } else if (req.method === 'GET' && req.url === '/memory') {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(memoryReport()));
  } else {
    res.statusCode = 404;
    res.end();
  }
});
control.listen(Number(process.env.BENCH_LOOP_PORT), '127.0.0.1');
control.unref(); // never keep the app alive on its own
