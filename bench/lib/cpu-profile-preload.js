'use strict';
/**
 * Loaded with `node --require` into the app for the profiling pass only (never for the measured
 * runs), and into the sandbox for the sandbox-memory phase: a loopback control endpoint on BENCH_PROFILE_PORT that starts the V8 CPU profiler
 * (POST /start) and stops it, answering with the .cpuprofile JSON (POST /stop); POST /gc collects
 * garbage and answers process.memoryUsage(), so what stays on the heap can be told from what is
 * merely not collected yet. Signals are no use here: Nest's shutdown hooks treat SIGUSR2 as a
 * request to stop.
 */
const http = require('node:http');
const inspector = require('node:inspector');

const session = new inspector.Session();
session.connect();
const post = (method, params = {}) =>
  new Promise((resolve, reject) => session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))));

const control = http.createServer(async (req, res) => {
  try {
    if (req.method === 'POST' && req.url === '/start') {
      await post('Profiler.enable');
      await post('Profiler.setSamplingInterval', { interval: 200 });
      await post('Profiler.start');
      res.end('started');
    } else if (req.method === 'POST' && req.url === '/stop') {
      const { profile } = await post('Profiler.stop');
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(profile));
    } else if (req.method === 'POST' && req.url === '/gc') {
      await post('HeapProfiler.collectGarbage');
      await post('HeapProfiler.collectGarbage');
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(process.memoryUsage()));
    } else {
      res.statusCode = 404;
      res.end();
    }
  } catch (error) {
    res.statusCode = 500;
    res.end(String(error));
  }
});
control.listen(Number(process.env.BENCH_PROFILE_PORT), '127.0.0.1');
// Never keep the app alive on its own.
control.unref();
