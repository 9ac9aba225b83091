'use strict';
/**
 * Loaded into the measured app with `node --require` by the paired phase: the event loop's delay
 * (perf_hooks.monitorEventLoopDelay, 10 ms resolution) and the GC pauses (PerformanceObserver
 * 'gc'), per load cell, served on a loopback control port (BENCH_LOOP_PORT): POST /reset starts a
 * new cell, GET /read answers what was seen since. Both are cheap enough for a measured process
 * (a timer every 10 ms, one entry per GC); nothing else of the app changes.
 */
const http = require('node:http');
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
  } else {
    res.statusCode = 404;
    res.end();
  }
});
control.listen(Number(process.env.BENCH_LOOP_PORT), '127.0.0.1');
control.unref(); // never keep the app alive on its own
