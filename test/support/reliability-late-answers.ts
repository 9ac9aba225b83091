/**
 * A pass-through between the app and the sandbox's API that can hold Linode's *answer* back: the
 * request reaches the sandbox at once and is handled (a server is created), but the app hears
 * about it only later, or never if it has stopped waiting. The sandbox's own `latencyMs` fault
 * delays the request before it is handled, which is a different failure.
 */
import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LateAnswer {
  /** `"<METHOD> <path>"`, matched exactly, e.g. `"POST /v4/linode/instances"`. */
  route: string;
  delayMs: number;
  /** How many answers to hold back; later ones pass at once. */
  count: number;
}

export interface LateAnswerProxy {
  /** Origin of the proxy, e.g. `http://127.0.0.1:40123`. */
  url: string;
  close(): Promise<void>;
}

/** Forwards everything to `127.0.0.1:targetPort`, holding back the answers `lateAnswers` name. */
export async function startLateAnswerProxy(targetPort: number, lateAnswers: LateAnswer[]): Promise<LateAnswerProxy> {
  const remaining = lateAnswers.map((late) => ({ ...late }));
  const timers = new Set<NodeJS.Timeout>();

  const holdFor = (incoming: IncomingMessage): number => {
    const route = `${incoming.method} ${(incoming.url ?? '').split('?')[0]}`;
    const late = remaining.find((candidate) => candidate.route === route && candidate.count > 0);
    if (!late) return 0;
    late.count -= 1;
    return late.delayMs;
  };

  const server: Server = createServer((incoming, outgoing) => {
    const delayMs = holdFor(incoming);
    const upstream = request(
      { host: '127.0.0.1', port: targetPort, method: incoming.method, path: incoming.url, headers: incoming.headers },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('end', () => {
          const deliver = () => {
            if (outgoing.destroyed) return;
            outgoing.writeHead(answer.statusCode ?? 502, answer.headers).end(Buffer.concat(chunks));
          };
          if (delayMs === 0) return deliver();
          const timer = setTimeout(() => {
            timers.delete(timer);
            deliver();
          }, delayMs);
          timers.add(timer);
        });
      },
    );
    upstream.on('error', () => outgoing.destroy());
    incoming.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
