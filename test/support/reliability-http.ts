/**
 * A raw HTTP client for hostile requests: unlike fetch it sends any Host header, any method and
 * any path the HTTP grammar allows, and repeated headers as given.
 */
import { Agent, request } from 'node:http';

export interface RawRequest {
  method: string;
  /** Path and query exactly as sent on the request line. */
  path: string;
  headers?: Record<string, string | string[]>;
  body?: string | Buffer;
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export class RawHttpClient {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 16 });

  constructor(
    private readonly host: string,
    private readonly port: number,
  ) {}

  send(req: RawRequest): Promise<RawResponse> {
    return new Promise((resolve, reject) => {
      const headers = { ...req.headers };
      if (req.body !== undefined) headers['content-length'] = String(Buffer.byteLength(req.body));
      const outgoing = request(
        { host: this.host, port: this.port, method: req.method, path: req.path, headers, agent: this.agent, setHost: !('host' in headers) },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        },
      );
      outgoing.setTimeout(15_000, () => outgoing.destroy(new Error(`no answer within 15 s to ${req.method} ${req.path}`)));
      outgoing.on('error', reject);
      outgoing.end(req.body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/** The first value of a cookie from Set-Cookie headers, or undefined. */
export function setCookieValue(res: RawResponse, name: string): string | undefined {
  const lines = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  for (const line of lines) {
    const [pair] = line.split(';');
    const eq = pair.indexOf('=');
    if (pair.slice(0, eq).trim() === name) return pair.slice(eq + 1).trim();
  }
  return undefined;
}
