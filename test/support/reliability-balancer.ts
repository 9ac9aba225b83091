/**
 * A load balancer in front of several app instances: one public origin (PUBLIC_URL), and the test
 * decides which instance answers each request. The request reaches the instance unchanged (same
 * Host, same cookies), as behind a real balancer; each answer says which instance gave it.
 */
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export const SERVED_BY_HEADER = 'x-served-by';

export interface Balancer {
  /** Port the public origin listens on (127.0.0.1). */
  port: number;
  /** Names the instance that answers from now on. */
  routeTo(name: string): void;
  /** Adds or replaces an instance. */
  setBackend(name: string, port: number): void;
  close(): Promise<void>;
}

export async function startBalancer(): Promise<Balancer> {
  const backends = new Map<string, number>();
  let current: string | null = null;

  const server: Server = createServer((incoming, outgoing) => {
    const name = current;
    const port = name === null ? undefined : backends.get(name);
    if (name === null || port === undefined) {
      outgoing.writeHead(503, { 'content-type': 'text/plain' }).end('no backend selected\n');
      return;
    }
    const upstream = request(
      { host: '127.0.0.1', port, method: incoming.method, path: incoming.url, headers: incoming.headers },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, { ...answer.headers, [SERVED_BY_HEADER]: name });
        answer.pipe(outgoing);
      },
    );
    upstream.on('error', () => {
      if (!outgoing.headersSent) outgoing.writeHead(502, { 'content-type': 'text/plain', [SERVED_BY_HEADER]: name });
      outgoing.end(`backend ${name} is down\n`);
    });
    incoming.pipe(upstream);
  });
  server.keepAliveTimeout = 1_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

  return {
    port: (server.address() as AddressInfo).port,
    routeTo: (name) => {
      if (!backends.has(name)) throw new Error(`no backend named ${name}`);
      current = name;
    },
    setBackend: (name, port) => void backends.set(name, port),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
