import { eventually } from '../common/testing/eventually';
import { Controller, Get, INestApplication, Injectable, LoggerService, OnApplicationShutdown } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { installGracefulShutdown, type GracefulShutdownOptions } from './graceful-shutdown';

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

/** A request the test holds open: `entered` once the handler runs, answered once `release` is called. */
class Gate {
  private readonly enteredSignal = deferred();
  private readonly releaseSignal = deferred();
  readonly entered = this.enteredSignal.promise;
  readonly released = this.releaseSignal.promise;
  enter = () => this.enteredSignal.resolve();
  release = () => this.releaseSignal.resolve();
}

let gate: Gate;

@Controller()
class SlowController {
  @Get('slow')
  async slow(): Promise<string> {
    gate.enter();
    await gate.released;
    return 'done';
  }

  @Get('fast')
  fast(): string {
    return 'fast';
  }
}

@Injectable()
class ShutdownProbe implements OnApplicationShutdown {
  closed = false;
  hang = false;

  onApplicationShutdown(): Promise<void> {
    if (this.hang) return new Promise(() => undefined);
    this.closed = true;
    return Promise.resolve();
  }
}

class RecordingLogger implements LoggerService {
  readonly lines: { level: string; message: string }[] = [];
  log = (message: unknown) => void this.lines.push({ level: 'log', message: String(message) });
  warn = (message: unknown) => void this.lines.push({ level: 'warn', message: String(message) });
  error = (message: unknown) => void this.lines.push({ level: 'error', message: String(message) });
}

interface Answer {
  status: number;
  body: string;
}

function get(url: string, agent?: http.Agent): Promise<Answer> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

describe('installGracefulShutdown', () => {
  let app: INestApplication;
  let url: string;
  let probe: ShutdownProbe;
  let logger: RecordingLogger;
  let exit: jest.Mock<void, [number]>;
  let agent: http.Agent;
  const disposers: (() => void)[] = [];

  const install = (options: GracefulShutdownOptions = {}) => {
    const handle = installGracefulShutdown(app, logger, { exit, signals: [], ...options });
    disposers.push(handle.dispose);
    return handle;
  };

  beforeEach(async () => {
    gate = new Gate();
    logger = new RecordingLogger();
    exit = jest.fn<void, [number]>();
    agent = new http.Agent({ keepAlive: true });
    const moduleRef = await Test.createTestingModule({ controllers: [SlowController], providers: [ShutdownProbe] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    probe = app.get(ShutdownProbe);
  });

  afterEach(async () => {
    gate.release();
    disposers.splice(0).forEach((dispose) => dispose());
    agent.destroy();
    if (!probe.closed && !probe.hang) await app.close();
  });

  it('lets a request in flight finish, then closes the app and exits 0', async () => {
    const slow = get(`${url}/slow`, agent);
    await gate.entered;

    const shutdown = install().shutdown('SIGTERM');
    expect(app.getHttpServer().listening).toBe(false);
    expect(probe.closed).toBe(false);
    expect(exit).not.toHaveBeenCalled();

    gate.release();
    await expect(slow).resolves.toEqual({ status: 200, body: 'done' });
    await shutdown;
    expect(probe.closed).toBe(true);
    expect(exit).toHaveBeenCalledWith(0);
  });

  it('refuses new connections while requests in flight finish', async () => {
    const slow = get(`${url}/slow`, agent);
    await gate.entered;
    const shutdown = install().shutdown('SIGTERM');

    await expect(get(`${url}/fast`)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    gate.release();
    await slow;
    await shutdown;
  });

  it('does not wait for idle keep-alive connections to be closed by their clients', async () => {
    await expect(get(`${url}/fast`, agent)).resolves.toEqual({ status: 200, body: 'fast' });
    const slow = get(`${url}/slow`, agent);
    await gate.entered;
    const shutdown = install({ drainTimeoutMs: 60_000 }).shutdown('SIGTERM');
    gate.release();
    await slow;

    const started = Date.now();
    await shutdown;
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(exit).toHaveBeenCalledWith(0);
  });

  it('cuts off requests still running after the drain timeout, then closes as usual', async () => {
    const slow = get(`${url}/slow`, agent);
    await gate.entered;

    await install({ drainTimeoutMs: 100 }).shutdown('SIGTERM');
    await expect(slow).rejects.toThrow();
    expect(probe.closed).toBe(true);
    expect(exit).toHaveBeenCalledWith(0);
    expect(logger.lines).toContainEqual({ level: 'warn', message: 'requests still running after 100 ms were cut off' });
  });

  it('exits 1 when the app does not close in time', async () => {
    probe.hang = true;
    await install({ closeTimeoutMs: 50 }).shutdown('SIGTERM');
    expect(exit).toHaveBeenCalledWith(1);
    expect(logger.lines).toContainEqual({ level: 'error', message: 'shutting down failed: the app did not close within 50 ms' });
  });

  it('shuts down once however often it is asked', async () => {
    const handle = install();
    await Promise.all([handle.shutdown('SIGTERM'), handle.shutdown('SIGTERM')]);
    expect(exit).toHaveBeenCalledTimes(1);
  });

  it('starts on a signal', async () => {
    install({ signals: ['SIGUSR2'] });
    process.emit('SIGUSR2', 'SIGUSR2');
    await eventually(
      () => exit.mock.calls.length,
      (calls) => calls > 0,
      { timeoutMs: 2_000, intervalMs: 5 },
    );
    expect(exit).toHaveBeenCalledWith(0);
    expect(probe.closed).toBe(true);
  });

  it('exits 1 at once on a second signal during the shutdown', async () => {
    const slow = get(`${url}/slow`, agent).catch(() => undefined);
    await gate.entered;
    const handle = install({ signals: ['SIGUSR2'] });
    process.emit('SIGUSR2', 'SIGUSR2');
    process.emit('SIGUSR2', 'SIGUSR2');
    expect(exit).toHaveBeenCalledWith(1);
    gate.release();
    await slow;
    await handle.shutdown('SIGUSR2'); // the first shutdown, still running
  });

  it('listens to SIGTERM and SIGINT by default, until disposed', () => {
    const before = { term: process.listenerCount('SIGTERM'), int: process.listenerCount('SIGINT') };
    const handle = installGracefulShutdown(app, logger, { exit });
    expect(process.listenerCount('SIGTERM')).toBe(before.term + 1);
    expect(process.listenerCount('SIGINT')).toBe(before.int + 1);
    handle.dispose();
    expect(process.listenerCount('SIGTERM')).toBe(before.term);
    expect(process.listenerCount('SIGINT')).toBe(before.int);
  });
});
