import { Inject, Injectable, Optional } from '@nestjs/common';
import { z } from 'zod';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { LinodeApiError, LinodeResponseError, parseJsonOrUndefined } from './linode-api.error';
import { CircuitState, HttpRequest, LinodeHttp, LinodeHttpOptions, RetryMode } from './linode-http';
import {
  eventSchema,
  imageSchema,
  linodeInstanceSchema,
  linodeStatusSchema,
  linodeTypeSchema,
  pageSchema,
  profileSchema,
  regionSchema,
  stackScriptSchema,
  type Image,
  type LinodeEvent,
  type LinodeInstance,
  type LinodeType,
  type Profile,
  type Region,
  type StackScript,
} from './linode.schemas';

/**
 * Instances as the client reads them: Linode adds statuses over time, and an unknown one must not
 * make a created instance unreadable (that would look like a failed create). It is read as `busy`,
 * a transient state, so the deployment page keeps following the instance.
 */
const instanceSchema = linodeInstanceSchema.extend({
  status: z.preprocess((value) => (linodeStatusSchema.safeParse(value).success ? value : 'busy'), linodeStatusSchema),
});

/** Linode's `X-Filter` JSON, e.g. `{"class": "standard"}` or `{"+or": [...]}`. */
export type LinodeFilter = Record<string, unknown>;

/** Body of `POST /linode/instances` as the app sends it. */
export interface CreateInstanceRequest {
  type: string;
  region: string;
  image: string;
  root_pass: string;
  stackscript_id: number;
  /** UDF name → value. */
  stackscript_data: Record<string, string>;
  authorized_keys?: string[];
  label?: string;
  tags?: string[];
  booted?: boolean;
}

export interface LinodeApiClientOptions extends LinodeHttpOptions {
  /** Longer than reads: a create that times out may still have created the instance. */
  createTimeoutMs?: number;
  /** Collections are read in pages of this size (Linode allows 25–500). */
  pageSize?: number;
  /** Refuses collections with more pages than this instead of reading without end. */
  maxPages?: number;
}

export const LINODE_API_CLIENT_OPTIONS = Symbol('LINODE_API_CLIENT_OPTIONS');

const SERVICE = 'Linode API';
const LIST_ATTEMPTS_WHEN_CHANGING = 3;

interface ApiCall {
  method: HttpRequest['method'];
  /** Concrete path below the API base, e.g. `/linode/instances/123`. */
  path: string;
  /** Templated path for metrics, e.g. `/linode/instances/:id`. */
  endpoint: string;
  /** Absent for public endpoints: no Authorization header at all is sent then. */
  token?: string;
  filter?: LinodeFilter;
  query?: Record<string, string | number>;
  body?: unknown;
  retry?: RetryMode;
  timeoutMs?: number;
}

/**
 * Linode API v4 over `fetch`. Every call that acts for a user takes that user's token as an
 * argument, so nothing is shared between users; public catalog calls send no token at all.
 * Responses are checked against `linode.schemas.ts`.
 */
@Injectable()
export class LinodeApiClient {
  private readonly http: LinodeHttp;
  private readonly baseUrl: string;
  private readonly createTimeoutMs: number;
  private readonly pageSize: number;
  private readonly maxPages: number;

  constructor(
    @Inject(APP_CONFIG) config: Pick<AppConfig, 'linode'>,
    @Optional() @Inject(LINODE_API_CLIENT_OPTIONS) options: LinodeApiClientOptions = {},
  ) {
    this.baseUrl = config.linode.apiUrl.replace(/\/+$/, '');
    this.http = new LinodeHttp(SERVICE, options);
    this.createTimeoutMs = options.createTimeoutMs ?? 30_000;
    this.pageSize = options.pageSize ?? 500;
    this.maxPages = options.maxPages ?? 50;
  }

  /** Whether the circuit breaker currently lets requests through (for readiness checks). */
  get circuitState(): CircuitState {
    return this.http.circuitState;
  }

  async listTypes(filter?: LinodeFilter): Promise<LinodeType[]> {
    return this.listAll({ path: '/linode/types', endpoint: '/linode/types', filter }, linodeTypeSchema);
  }

  async getType(id: string): Promise<LinodeType> {
    const path = `/linode/types/${encodeURIComponent(id)}`;
    return this.call({ method: 'GET', path, endpoint: '/linode/types/:id' }, linodeTypeSchema);
  }

  async listRegions(): Promise<Region[]> {
    return this.listAll({ path: '/regions', endpoint: '/regions' }, regionSchema);
  }

  /** Public images (no token: only public images are listed). */
  async listImages(filter?: LinodeFilter): Promise<Image[]> {
    return this.listAll({ path: '/images', endpoint: '/images', filter }, imageSchema);
  }

  /** A public StackScript (no token). */
  async getStackScript(id: number): Promise<StackScript> {
    return this.call(
      { method: 'GET', path: `/linode/stackscripts/${positiveId(id)}`, endpoint: '/linode/stackscripts/:id' },
      stackScriptSchema,
    );
  }

  /**
   * Creates an instance in the token owner's account (and charges it). Never retried, except on
   * 429 where Linode certainly did not accept the request.
   */
  async createInstance(token: string, body: CreateInstanceRequest): Promise<LinodeInstance> {
    return this.call(
      {
        method: 'POST',
        path: '/linode/instances',
        endpoint: '/linode/instances',
        token: requireToken(token),
        body,
        retry: 'rate-limited-only',
        timeoutMs: this.createTimeoutMs,
      },
      instanceSchema,
    );
  }

  async getInstance(token: string, id: number): Promise<LinodeInstance> {
    const path = `/linode/instances/${positiveId(id)}`;
    return this.call(
      { method: 'GET', path, endpoint: '/linode/instances/:id', token: requireToken(token) },
      instanceSchema,
    );
  }

  async listInstances(token: string, filter?: LinodeFilter): Promise<LinodeInstance[]> {
    return this.listAll(
      { path: '/linode/instances', endpoint: '/linode/instances', token: requireToken(token), filter },
      instanceSchema,
    );
  }

  /** Deletes an instance. Retried only on 429: a repeat after a lost answer would report a false 404. */
  async deleteInstance(token: string, id: number): Promise<void> {
    await this.call(
      {
        method: 'DELETE',
        path: `/linode/instances/${positiveId(id)}`,
        endpoint: '/linode/instances/:id',
        token: requireToken(token),
        retry: 'rate-limited-only',
      },
      null,
    );
  }

  /** The first page of the account's events; order them with `+order_by`/`+order` in the filter. */
  async listEvents(token: string, filter?: LinodeFilter, pageSize = 25): Promise<LinodeEvent[]> {
    const page = await this.call(
      {
        method: 'GET',
        path: '/account/events',
        endpoint: '/account/events',
        token: requireToken(token),
        filter,
        query: { page: 1, page_size: pageSize },
      },
      pageSchema(eventSchema),
    );
    return page.data;
  }

  /** The token owner's profile; works with any scope. */
  async getProfile(token: string): Promise<Profile> {
    return this.call(
      { method: 'GET', path: '/profile', endpoint: '/profile', token: requireToken(token) },
      profileSchema,
    );
  }

  /**
   * Reads every page (`page=1..pages`). When the collection changes while it is read (`pages` or
   * `results` differ between pages), the items could be missing or doubled, so it starts over.
   */
  private async listAll<S extends z.ZodTypeAny>(
    call: Pick<ApiCall, 'path' | 'endpoint' | 'token' | 'filter'>,
    item: S,
  ): Promise<z.output<S>[]> {
    const schema = pageSchema(item);
    for (let attempt = 1; attempt <= LIST_ATTEMPTS_WHEN_CHANGING; attempt++) {
      const read = async (page: number) =>
        this.call({ ...call, method: 'GET', query: { page, page_size: this.pageSize } }, schema);
      const first = await read(1);
      if (first.pages > this.maxPages) {
        const issue = `${first.pages} pages is more than the limit of ${this.maxPages}`;
        throw this.responseError('GET', call.path, 200, [issue]);
      }
      const items: z.output<S>[] = [...first.data];
      let changed = false;
      for (let page = 2; page <= first.pages && !changed; page++) {
        const next = await read(page);
        changed = next.pages !== first.pages || next.results !== first.results || next.page !== page;
        items.push(...next.data);
      }
      if (!changed) return items;
    }
    throw this.responseError('GET', call.path, 200, [
      `the collection changed while it was read, ${LIST_ATTEMPTS_WHEN_CHANGING} times in a row`,
    ]);
  }

  private async call<S extends z.ZodTypeAny>(call: ApiCall, schema: S): Promise<z.output<S>>;
  private async call(call: ApiCall, schema: null): Promise<void>;
  private async call<S extends z.ZodTypeAny>(call: ApiCall, schema: S | null): Promise<z.output<S> | void> {
    const headers: Record<string, string> = {
      Accept: 'application/json',
      'User-Agent': this.http.userAgent,
    };
    if (call.token !== undefined) headers.Authorization = `Bearer ${call.token}`;
    if (call.filter !== undefined) headers['X-Filter'] = asciiJson(call.filter);
    if (call.body !== undefined) headers['Content-Type'] = 'application/json';
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(call.query ?? {})) query.set(key, String(value));
    const search = call.query ? `?${query}` : '';

    const response = await this.http.send({
      method: call.method,
      url: `${this.baseUrl}${call.path}${search}`,
      path: call.path,
      endpoint: call.endpoint,
      headers,
      body: call.body === undefined ? undefined : JSON.stringify(call.body),
      retry: call.retry ?? (call.method === 'GET' ? 'idempotent' : 'never'),
      timeoutMs: call.timeoutMs,
    });

    if (response.status < 200 || response.status > 299) {
      throw LinodeApiError.fromResponse({
        method: call.method,
        path: call.path,
        status: response.status,
        body: response.text,
        contentType: response.headers.get('content-type'),
        retryAfterSeconds: response.retryAfterSeconds,
      });
    }
    if (schema === null) return;
    const json = parseJsonOrUndefined(response.text);
    if (json === undefined) {
      throw this.responseError(call.method, call.path, response.status, ['the body is not JSON']);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const issues = parsed.error.issues
        .slice(0, 5)
        .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
      throw this.responseError(call.method, call.path, response.status, issues);
    }
    return parsed.data;
  }

  private responseError(method: string, path: string, status: number, issues: string[]) {
    return new LinodeResponseError({ service: SERVICE, method, path, status, issues });
  }
}

/** JSON with non-ASCII escaped: header values must be bytes, and a label filter may hold any text. */
function asciiJson(value: unknown): string {
  const escape = (unit: string) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`;
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, escape);
}

function requireToken(token: string): string {
  // An empty or malformed token would be sent as a broken header, or as none at all.
  if (typeof token !== 'string' || !/^[\x21-\x7e]+$/.test(token)) {
    throw new TypeError('A Linode access token is required for this call');
  }
  return token;
}

function positiveId(id: number): number {
  if (!Number.isSafeInteger(id) || id <= 0) throw new TypeError(`Not a Linode id: ${String(id)}`);
  return id;
}
