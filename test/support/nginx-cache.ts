/**
 * A throwaway nginx with `proxy_cache` in front of the app, on its own loopback port, its config,
 * cache and logs in a temporary directory, stopped by the test that started it. It reports each
 * answer's cache status in `X-Cache-Status`. Where nginx is not installed the suite is skipped with
 * one loud line, except under CI=true, where a missing nginx is a failure.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const NGINX_PATH = '/usr/sbin/nginx';
const INSTALL_HINT = 'install it with: apt-get install nginx';

export interface RunningNginxCache {
  /** e.g. http://localhost:20123 */
  url: string;
  /** The cache keys of every answer nginx stored, and whether the stored answer carries a Set-Cookie. */
  stored(): Array<{ key: string; setsCookie: boolean }>;
  stop(): Promise<void>;
}

export function nginxInstalled(): boolean {
  try {
    accessSync(NGINX_PATH, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** `describe` when nginx can run here, `describe.skip` (said loudly) when not; under CI=true a missing nginx throws. */
export function describeWithNginx(suite: string): jest.Describe {
  if (nginxInstalled()) return describe;
  if (process.env.CI === 'true') throw new Error(`${suite} needs nginx at ${NGINX_PATH}, and CI=true forbids skipping: ${INSTALL_HINT}`);
  process.stderr.write(`\n*** SKIPPED ${suite}: nginx not found at ${NGINX_PATH} — ${INSTALL_HINT} ***\n\n`);
  return describe.skip;
}

/** The cache in front of the app as compose.yaml's `cache` service configures it, on loopback. */
function config(dir: string, port: number, upstream: string): string {
  return `daemon off;
master_process off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 128; }
http {
  access_log off;
  client_body_temp_path ${dir}/client-body;
  proxy_temp_path ${dir}/proxy-temp;
  fastcgi_temp_path ${dir}/fastcgi-temp;
  uwsgi_temp_path ${dir}/uwsgi-temp;
  scgi_temp_path ${dir}/scgi-temp;
  proxy_cache_path ${dir}/cache levels=1:2 keys_zone=pages:1m max_size=16m inactive=10m use_temp_path=off;
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass ${upstream};
      proxy_http_version 1.1;
      proxy_set_header Host $http_host;
      proxy_cache pages;
      proxy_cache_revalidate on;
      proxy_cache_lock on;
      proxy_cache_use_stale error timeout updating;
      proxy_cache_background_update on;
      add_header X-Cache-Status $upstream_cache_status always;
    }
  }
}
`;
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.end();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** nginx on `port` (127.0.0.1), caching what `upstream` (e.g. http://127.0.0.1:5000) lets it. */
export async function startNginxCache(port: number, upstream: string, timeoutMs = 10_000): Promise<RunningNginxCache> {
  const dir = mkdtempSync(join(tmpdir(), 'nginx-cache-'));
  const file = join(dir, 'nginx.conf');
  writeFileSync(file, config(dir, port, upstream));
  const child = spawn(NGINX_PATH, ['-p', dir, '-c', file, '-e', join(dir, 'error.log')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let output = '';
  child.stderr?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));

  const deadline = Date.now() + timeoutMs;
  while (!(await listening(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      const log = readFileSync(join(dir, 'error.log'), { encoding: 'utf8', flag: 'a+' });
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`nginx did not start on port ${port}:\n${output}\n${log}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    url: `http://localhost:${port}`,
    stored: () =>
      filesUnder(join(dir, 'cache')).map((path) => {
        const entry = readFileSync(path, 'latin1');
        return { key: /\nKEY: ([^\n]*)\n/.exec(entry)?.[1] ?? '', setsCookie: /\r\nset-cookie:/i.test(entry) };
      }),
    stop: async () => {
      child.kill('SIGQUIT');
      await exited(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
