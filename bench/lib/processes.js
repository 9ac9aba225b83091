'use strict';
/** Child processes under test: free ports, start, wait until ready, read memory, stop. */
const { spawn } = require('node:child_process');
const { readFileSync } = require('node:fs');
const http = require('node:http');
const net = require('node:net');

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** One GET without keep-alive; resolves with the status (or 0 when nothing answers yet). */
function probe(url) {
  return new Promise((resolve) => {
    const req = http.get(url, { agent: false, timeout: 2000 }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(0));
  });
}

/** Processes started and not yet exited, so an interrupted run can stop them. */
const live = new Set();

/**
 * Starts `node <script>` with `env` (on top of PATH/HOME only, so the caller's environment cannot
 * change what is measured). Output is kept (the last 200 lines) to explain a failed start.
 */
function startNode(name, script, env, { cwd, nodeArgs = [] } = {}) {
  const startedAt = process.hrtime.bigint();
  const child = spawn(process.execPath, [...nodeArgs, script], {
    cwd,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines = [];
  let outputBytes = 0;
  const keep = (chunk) => {
    outputBytes += chunk.length;
    for (const line of chunk.toString().split('\n')) if (line) lines.push(line);
    if (lines.length > 200) lines.splice(0, lines.length - 200);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let exit = null;
  const exited = new Promise((resolve) =>
    child.once('exit', (code, signal) => {
      exit = { code, signal };
      live.delete(proc);
      resolve(exit);
    }),
  );
  const proc = {
    name,
    child,
    pid: child.pid,
    startedAt,
    output: () => lines.join('\n'),
    outputBytes: () => outputBytes,
    exitStatus: () => exit,
    exited,
  };
  live.add(proc);
  return proc;
}

/**
 * Polls `url` until it answers `status` (`'any'`: any HTTP answer at all); returns ms since the
 * process was spawned. Fails at the deadline or as soon as the process exits, with its output.
 */
async function waitForStatus(proc, url, status = 200, deadlineMs = 30_000) {
  const deadline = Date.now() + deadlineMs;
  let last = 0;
  while (Date.now() < deadline) {
    if (proc.exitStatus()) break;
    last = await probe(url);
    if (status === 'any' ? last !== 0 : last === status) return Number(process.hrtime.bigint() - proc.startedAt) / 1e6;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const why = proc.exitStatus()
    ? `exited (${JSON.stringify(proc.exitStatus())})`
    : `did not answer ${status} within ${deadlineMs} ms (last answer: ${last || 'none'})`;
  throw new Error(`${proc.name} ${why} at ${url}\n--- its output ---\n${proc.output()}`);
}

/** Resident and peak memory in MiB from /proc (Linux); null elsewhere. */
function memoryOf(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field) => Number((status.match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm')) || [])[1]);
    return { rssMiB: round1(kb('VmRSS') / 1024), peakRssMiB: round1(kb('VmHWM') / 1024) };
  } catch {
    return null;
  }
}

const round1 = (n) => Math.round(n * 10) / 10;

let clockTicks = null;
function ticksPerSecond() {
  if (clockTicks === null) {
    try {
      clockTicks = Number(require('node:child_process').execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
    } catch {
      clockTicks = 100;
    }
  }
  return clockTicks;
}

/** CPU time (user + system) the process has used so far, in ms, from /proc (Linux); null elsewhere. */
function cpuTimeMs(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces) start with the state, field 3.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return (ticks * 1000) / ticksPerSecond();
  } catch {
    return null;
  }
}

/** SIGTERM, then SIGKILL after a grace period; resolves once the process has gone. */
async function stop(proc, graceMs = 5000) {
  if (proc.exitStatus()) return;
  proc.child.kill('SIGTERM');
  const timer = setTimeout(() => proc.child.kill('SIGKILL'), graceMs);
  await proc.exited;
  clearTimeout(timer);
}

/** Busy CPU time of the whole machine (all cores) so far, in ms, from /proc/stat; null elsewhere. */
function machineBusyMs() {
  try {
    const [, ...ticks] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
    const [user, nice, system, , , irq, softirq, steal] = ticks.map(Number);
    return ((user + nice + system + irq + softirq + (steal || 0)) * 1000) / ticksPerSecond();
  } catch {
    return null;
  }
}

/** Stops every process this run started that is still running. */
function stopAll() {
  return Promise.all([...live].map((proc) => stop(proc)));
}

module.exports = { machineBusyMs, cpuTimeMs, freePort, probe, startNode, stopAll, waitForStatus, memoryOf, stop };
