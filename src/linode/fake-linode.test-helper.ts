/** A real HTTP server on 127.0.0.1:0 standing in for Linode, recording every request, and minimal valid resources. */
import { createServer, IncomingHttpHeaders, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AppConfig } from '../config/app-config';
import recordedEvents from '../../test/fixtures/linode-recorded/account-events.list.json';
import recordedInstance from '../../test/fixtures/linode-recorded/instance.get.json';
import {
  eventSchema,
  linodeInstanceSchema,
  type Image,
  type LinodeEvent,
  type LinodeInstance,
  type LinodeType,
  type Region,
  type StackScript,
} from '../sandbox/contract/linode.contract';
import { image, linodeType, region, stackScript } from './testing/linode-resources.fixture';

export interface RecordedRequest {
  method: string;
  /** Path and query, e.g. `/v4/regions?page=1&page_size=500`. */
  url: string;
  pathname: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
  /** `performance.now()` when the request arrived, to measure the waits between retries. */
  receivedAt: number;
}

export type FakeHandler = (request: RecordedRequest, response: ServerResponse) => void;

export class FakeLinode {
  readonly requests: RecordedRequest[] = [];
  private handler: FakeHandler = (_request, response) => json(response, 404, { errors: [{ reason: 'Not found' }] });

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<FakeLinode> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const fake = new FakeLinode(server, `http://127.0.0.1:${port}`);
    server.on('request', (request, response) => {
      const receivedAt = performance.now();
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const url = new URL(request.url ?? '/', fake.url);
        const recorded: RecordedRequest = {
          method: request.method ?? '',
          url: request.url ?? '',
          pathname: url.pathname,
          query: url.searchParams,
          headers: request.headers,
          body: Buffer.concat(chunks).toString('utf8'),
          receivedAt,
        };
        fake.requests.push(recorded);
        fake.handler(recorded, response);
      });
    });
    return fake;
  }

  /** Answers every request with `handler` from now on. */
  handle(handler: FakeHandler): void {
    this.handler = handler;
  }

  /** Answers the n-th request from now with the n-th handler, and repeats the last one after. */
  handleInOrder(...handlers: FakeHandler[]): void {
    let index = 0;
    this.handler = (request, response) => handlers[Math.min(index++, handlers.length - 1)](request, response);
  }

  config(): Pick<AppConfig, 'linode'> {
    return {
      linode: {
        clientId: 'test-client-id',
        clientSecret: 'test-client-secret',
        loginUrl: this.url,
        authorizeUrl: `${this.url}/oauth/authorize`,
        apiUrl: `${this.url}/v4`,
        stackScriptId: 7,
        stackScriptIds: [7],
        scopes: 'linodes:read_write',
        pkce: true,
      },
    };
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

export function json(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  response.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}

export function page<T>(data: T[], pageNumber = 1, pages = 1, results = data.length) {
  return { data, page: pageNumber, pages, results };
}

const DATE = '2024-10-01T12:00:00';

export function aType(id = 'g6-standard-1'): LinodeType {
  return linodeType({ id, label: `Linode ${id}` });
}

export function aRegion(id = 'us-east'): Region {
  return region({ id, label: `Region ${id}`, capabilities: ['Linodes'] });
}

export function anImage(id = 'linode/debian12'): Image {
  return image({ id, created: DATE, updated: DATE });
}

export function aStackScript(id = 7): StackScript {
  return stackScript({
    id,
    label: 'demo',
    description: 'A demo',
    images: ['linode/debian12'],
    created: DATE,
    updated: DATE,
    username: 'someone',
    user_defined_fields: [{ name: 'APP_DOMAIN', label: 'Domain' }],
  });
}

/** An instance as Linode really answers it (recorded), with the details the specs read. */
export function anInstance(id = 123): LinodeInstance {
  return linodeInstanceSchema.parse({
    ...recordedInstance,
    id,
    label: `my-application-${id}`,
    created: DATE,
    updated: DATE,
    region: 'us-east',
    type: 'g6-standard-1',
    image: 'linode/debian12',
    ipv4: ['192.0.2.10'],
    ipv6: null,
  });
}

/** A `linode_create` event as Linode really answers it (recorded), half done. */
export function anEvent(id = 1, overrides: Partial<LinodeEvent> = {}): LinodeEvent {
  const [recorded] = recordedEvents.data;
  return eventSchema.parse({ ...recorded, id, action: 'linode_create', status: 'started', percent_complete: 50, ...overrides });
}
