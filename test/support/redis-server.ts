/**
 * A throwaway redis-server for tests: its own free port on 127.0.0.1, nothing written to disk,
 * stopped by the test that started it. Where redis-server is not installed the suite is skipped
 * with one loud line, except under CI=true, where a missing server is a failure.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { freePort } from './stack';

export interface RunningRedis {
  url: string;
  port: number;
  stop(): Promise<void>;
}

const INSTALL_HINT = 'install redis-server with: apt-get install redis-server';

export function redisServerInstalled(): boolean {
  const probe = spawnSync('redis-server', ['--version'], { stdio: 'ignore' });
  return probe.error === undefined && probe.status === 0;
}

/**
 * `describe` when redis-server can run here, `describe.skip` (after saying so loudly) when it
 * cannot; under CI=true a missing redis-server throws, so CI never passes by skipping.
 */
export function describeWithRedis(suite: string): jest.Describe {
  if (redisServerInstalled()) return describe;
  if (process.env.CI === 'true') throw new Error(`${suite} needs redis-server, and CI=true forbids skipping: ${INSTALL_HINT}`);
  process.stderr.write(`\n*** SKIPPED ${suite}: redis-server is not installed — ${INSTALL_HINT} ***\n\n`);
  return describe.skip;
}

function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    let answer = '';
    socket.setTimeout(500, () => socket.destroy());
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      answer += chunk.toString();
      if (answer.includes('\r\n')) {
        socket.end();
        resolve(answer.startsWith('+PONG'));
      }
    });
    socket.on('error', () => resolve(false));
    socket.on('close', () => resolve(answer.startsWith('+PONG')));
  });
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

export async function startRedisServer(timeoutMs = 10_000): Promise<RunningRedis> {
  const port = await freePort();
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
  child.stderr?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));

  const deadline = Date.now() + timeoutMs;
  while (!(await ping(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`redis-server did not start on port ${port}:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stop: async () => {
      child.kill('SIGTERM');
      await exited(child);
    },
  };
}
