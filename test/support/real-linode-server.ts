/**
 * A small stand-in for login.linode.com and api.linode.com that answers with the shapes of REAL
 * recorded Linode answers (test/fixtures/linode-recorded/), not with our sandbox. The app runs against
 * it in real mode, so no sandbox code is involved: what passes here passes on Linode's own shapes.
 *
 * It is deliberately dumb: authorize redirects straight back with a code, the token answer is the
 * recorded one, a create answers the recorded create shape for the requested label, and an
 * instance goes provisioning → booting → running over a few reads. Each behaviour can be replaced
 * per test (`answers`), and every request is recorded.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

type Json = Record<string, unknown>;
export interface PageBody {
  data: Json[];
  page: number;
  pages: number;
  results: number;
}

const FIXTURES = join(__dirname, '..', 'fixtures', 'linode-recorded');
export function realAnswer<T = Json>(name: string): T {
  return JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')) as T;
}

export interface SeenRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  /** Parsed form (login service) or JSON (API) body. */
  form: URLSearchParams;
  json: unknown;
}

export interface Reply {
  status: number;
  body: unknown;
  contentType?: string;
  headers?: Record<string, string>;
}

/** What the stand-in answers; every entry may be replaced by a test. */
export interface RealLinodeAnswers {
  types: () => Reply;
  regions: () => Reply;
  images: () => Reply;
  stackScript: (id: number) => Reply;
  token: (form: URLSearchParams) => Reply;
  /** The create; `label` etc. from the request body. */
  create: (body: Json) => Reply;
  /** The n-th read (0-based) of an instance this stand-in created. */
  instance: (instance: Json, read: number) => Reply;
  list: (query: URLSearchParams, filter: Json) => Reply;
}

export class RealLinodeServer {
  readonly requests: SeenRequest[] = [];
  /** Instances created so far, by id, in the recorded get shape. */
  readonly instances = new Map<number, Json>();
  readonly revoked: string[] = [];
  private readonly reads = new Map<number, number>();
  private nextId = 82_400_000;
  answers: RealLinodeAnswers;

  private constructor(
    private readonly server: Server,
    readonly url: string,
    readonly stackScript: Json,
  ) {
    this.answers = defaultAnswers(this);
  }

  /** `stackScript`: the StackScript the app is configured with (one of the recorded ones). */
  static async start(stackScript: Json): Promise<RealLinodeServer> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const fake = new RealLinodeServer(server, `http://127.0.0.1:${port}`, stackScript);
    server.on('request', (request: IncomingMessage, response: ServerResponse) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const url = new URL(request.url ?? '/', fake.url);
        const seen: SeenRequest = {
          method: request.method ?? 'GET',
          path: url.pathname,
          query: url.searchParams,
          headers: request.headers,
          form: new URLSearchParams(request.headers['content-type']?.includes('form') ? text : ''),
          json: request.headers['content-type']?.includes('json') ? safeJson(text) : undefined,
        };
        fake.requests.push(seen);
        const reply = fake.route(seen);
        const body = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
        response.writeHead(reply.status, { 'Content-Type': reply.contentType ?? 'application/json', ...reply.headers });
        response.end(body);
      });
    });
    return fake;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  /** The requests to one path, e.g. `POST /oauth/token`. */
  seen(method: string, path: string): SeenRequest[] {
    return this.requests.filter((request) => request.method === method && request.path === path);
  }

  private route(request: SeenRequest): Reply {
    const { method, path } = request;
    if (method === 'GET' && path === '/oauth/authorize') return this.authorize(request);
    if (method === 'POST' && path === '/oauth/token') return this.answers.token(request.form);
    if (method === 'POST' && path === '/oauth/revoke') {
      this.revoked.push(request.form.get('token') ?? '');
      return { status: 200, body: {} };
    }
    if (method === 'GET' && path === '/v4/linode/types') return this.answers.types();
    if (method === 'GET' && path === '/v4/regions') return this.answers.regions();
    if (method === 'GET' && path === '/v4/images') return this.answers.images();
    const script = /^\/v4\/linode\/stackscripts\/(\d+)$/.exec(path);
    if (method === 'GET' && script) return this.answers.stackScript(Number(script[1]));
    if (method === 'POST' && path === '/v4/linode/instances') return this.answers.create((request.json ?? {}) as Json);
    if (method === 'GET' && path === '/v4/linode/instances') {
      return this.answers.list(request.query, (safeJson(String(request.headers['x-filter'] ?? '{}')) ?? {}) as Json);
    }
    const instance = /^\/v4\/linode\/instances\/(\d+)$/.exec(path);
    if (method === 'GET' && instance) {
      const id = Number(instance[1]);
      const found = this.instances.get(id);
      if (!found) return notFound();
      const read = this.reads.get(id) ?? 0;
      this.reads.set(id, read + 1);
      return this.answers.instance(found, read);
    }
    return notFound();
  }

  /** Linode's consent is a person's click; here the person always approves what was asked. */
  private authorize(request: SeenRequest): Reply {
    const redirect = new URL(request.query.get('redirect_uri') ?? 'http://invalid/');
    redirect.searchParams.set('code', randomBytes(10).toString('hex'));
    const state = request.query.get('state');
    if (state !== null) redirect.searchParams.set('state', state);
    return { status: 302, body: '', contentType: 'text/html', headers: { Location: redirect.toString() } };
  }

  /** The recorded get shape for a new instance with the request's choices. */
  recordCreated(body: Json): Json {
    const id = this.nextId++;
    const instance: Json = {
      ...realAnswer('instance.get.json'),
      id,
      label: body.label,
      region: body.region,
      type: body.type,
      image: body.image,
      status: 'provisioning',
      ipv4: [`203.0.113.${(id % 250) + 1}`],
      created: new Date().toISOString().slice(0, 19),
    };
    this.instances.set(id, instance);
    return instance;
  }
}

/** Linode's answers as recorded: whole catalogs, the recorded token answer, the recorded instance shape. */
function defaultAnswers(fake: RealLinodeServer): RealLinodeAnswers {
  return {
    types: () => ({ status: 200, body: realAnswer('linode-types.list.json') }),
    regions: () => ({ status: 200, body: realAnswer('regions.list.json') }),
    images: () => ({ status: 200, body: realAnswer('images.list.json') }),
    stackScript: (id) => (id === fake.stackScript.id ? { status: 200, body: fake.stackScript } : notFound()),
    token: () => ({ status: 200, body: { ...realAnswer<Json>('oauth-token.json'), access_token: randomBytes(32).toString('hex') } }),
    create: (body) => {
      const instance = fake.recordCreated(body);
      // The create answer has the recorded create shape (it lacks maintenance_policy).
      const { maintenance_policy: _dropped, ...created } = instance;
      return { status: 200, body: created };
    },
    instance: (instance, read) => ({ status: 200, body: { ...instance, status: lifecycle(read) } }),
    list: (_query, filter) => {
      const data = [...fake.instances.values()].filter((instance) => filter.label === undefined || instance.label === filter.label);
      return { status: 200, body: { data, page: 1, pages: 1, results: data.length } };
    },
  };
}

/** provisioning, provisioning, booting, then running: a real boot, compressed. */
export function lifecycle(read: number): string {
  if (read < 2) return 'provisioning';
  if (read < 3) return 'booting';
  return 'running';
}

function notFound(): Reply {
  return { status: 404, body: { errors: [{ reason: 'Not found' }] } };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
