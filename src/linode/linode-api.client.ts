import { Logger } from '@nestjs/common';
import { z } from 'zod';
import type { AppConfig } from '../config/app-config';
import { LinodeApiError, LinodeResponseError, linodeErrorsFromBody, parseJsonOrUndefined } from './linode-api.error';
import { LinodeHttp, USER_AGENT, type HttpRequest, type LinodeHttpOptions, type RetryMode } from './linode-http';
import {
  eventReader,
  imageReader,
  linodeInstanceReader,
  linodeTypeReader,
  pageEnvelopeReader,
  regionReader,
  stackScriptReader,
  type Image,
  type LinodeEvent,
  type LinodeInstance,
  type LinodeType,
  type Region,
  type StackScript,
} from './linode.readers';

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
  /** Called for each list item that could not be read and was left out (metrics). Must not throw. */
  onUnreadableItem?: (info: UnreadableItemInfo) => void;
}

/** A list item the client left out: where it came from, which one, and why. */
export interface UnreadableItemInfo {
  endpoint: string;
  /** Position in the whole collection (0-based). */
  index: number;
  /** The item's `id` when it had a readable one. */
  id: string | null;
  issues: string[];
}

const SERVICE = 'Linode API';
/** Linode allows 25–500 items a page. */
const PAGE_SIZE = 500;
/** A collection with more pages is refused rather than read without end. */
const MAX_PAGES = 50;
const EVENTS_PAGE_SIZE = '25';
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
  query?: Record<string, string>;
  body?: unknown;
  retry?: RetryMode;
  timeoutMs?: number;
}

/**
 * Linode API v4 over `fetch`. Every call that acts for a user takes that user's token as an
 * argument, so nothing is shared between users; public catalog calls send no token at all.
 */
export class LinodeApiClient {
  private readonly http: LinodeHttp;
  private readonly baseUrl: string;
  private readonly createTimeoutMs: number;
  private readonly onUnreadableItem: (info: UnreadableItemInfo) => void;
  private readonly logger = new Logger('LinodeApiClient');

  constructor(config: Pick<AppConfig, 'linode'>, options: LinodeApiClientOptions = {}) {
    this.baseUrl = config.linode.apiUrl.replace(/\/+$/, '');
    this.http = new LinodeHttp(SERVICE, options);
    this.createTimeoutMs = options.createTimeoutMs ?? 30_000;
    this.onUnreadableItem = options.onUnreadableItem ?? (() => undefined);
  }

  async listTypes(): Promise<LinodeType[]> {
    return this.listAll({ path: '/linode/types', endpoint: '/linode/types' }, linodeTypeReader);
  }

  async listRegions(): Promise<Region[]> {
    return this.listAll({ path: '/regions', endpoint: '/regions' }, regionReader);
  }

  /** Public images (no token: only public images are listed). */
  async listImages(): Promise<Image[]> {
    return this.listAll({ path: '/images', endpoint: '/images' }, imageReader);
  }

  /** A public StackScript (no token). */
  async getStackScript(id: number): Promise<StackScript> {
    return this.call(
      { method: 'GET', path: `/linode/stackscripts/${positiveId(id)}`, endpoint: '/linode/stackscripts/:id' },
      stackScriptReader,
    );
  }

  /** Creates an instance in the token owner's account (and charges it). */
  async createInstance(token: string, body: CreateInstanceRequest): Promise<LinodeInstance> {
    return this.call(
      {
        method: 'POST',
        path: '/linode/instances',
        endpoint: '/linode/instances',
        token: requireToken(token),
        body,
        retry: 'rate-limited',
        timeoutMs: this.createTimeoutMs,
      },
      linodeInstanceReader,
    );
  }

  async getInstance(token: string, id: number): Promise<LinodeInstance> {
    const path = `/linode/instances/${positiveId(id)}`;
    return this.call({ method: 'GET', path, endpoint: '/linode/instances/:id', token: requireToken(token) }, linodeInstanceReader);
  }

  async listInstances(token: string, filter?: LinodeFilter): Promise<LinodeInstance[]> {
    return this.listAll(
      { path: '/linode/instances', endpoint: '/linode/instances', token: requireToken(token), filter },
      linodeInstanceReader,
    );
  }

  async deleteInstance(token: string, id: number): Promise<void> {
    await this.call(
      {
        method: 'DELETE',
        path: `/linode/instances/${positiveId(id)}`,
        endpoint: '/linode/instances/:id',
        token: requireToken(token),
        retry: 'rate-limited',
      },
      null,
    );
  }

  /** The first page of the account's events; order them with `+order_by`/`+order` in the filter. */
  async listEvents(token: string, filter?: LinodeFilter): Promise<LinodeEvent[]> {
    const endpoint = '/account/events';
    const page = await this.call(
      {
        method: 'GET',
        path: endpoint,
        endpoint,
        token: requireToken(token),
        filter,
        query: { page: '1', page_size: EVENTS_PAGE_SIZE },
      },
      pageEnvelopeReader,
    );
    return this.readItems(endpoint, page.data, 0, eventReader);
  }

  /**
   * Reads every page (`page=1..pages`). When the collection changes while it is read (`pages` or
   * `results` differ between pages), the items could be missing or doubled, so it starts over.
   */
  private async listAll<S extends z.ZodTypeAny>(
    call: Pick<ApiCall, 'path' | 'endpoint' | 'token' | 'filter'>,
    item: S,
  ): Promise<z.output<S>[]> {
    for (let attempt = 1; attempt <= LIST_ATTEMPTS_WHEN_CHANGING; attempt++) {
      const read = async (page: number) =>
        this.call({ ...call, method: 'GET', query: { page: String(page), page_size: String(PAGE_SIZE) } }, pageEnvelopeReader);
      const first = await read(1);
      if (first.pages > MAX_PAGES) {
        const issue = `${first.pages} pages is more than the limit of ${MAX_PAGES}`;
        throw this.responseError('GET', call.path, 200, [issue]);
      }
      const pages = [first.data];
      let changed = false;
      for (let page = 2; page <= first.pages && !changed; page++) {
        const next = await read(page);
        changed = next.pages !== first.pages || next.results !== first.results || next.page !== page;
        pages.push(next.data);
      }
      if (changed) continue;
      let offset = 0;
      return pages.flatMap((data) => {
        const items = this.readItems(call.endpoint, data, offset, item);
        offset += data.length;
        return items;
      });
    }
    throw this.responseError('GET', call.path, 200, [
      `the collection changed while it was read, ${LIST_ATTEMPTS_WHEN_CHANGING} times in a row`,
    ]);
  }

  /** Each item on its own: one that cannot be read is left out, logged and counted. */
  private readItems<S extends z.ZodTypeAny>(endpoint: string, data: unknown[], offset: number, item: S): z.output<S>[] {
    return data.flatMap((raw, position) => {
      const parsed = item.safeParse(raw);
      if (parsed.success) return [parsed.data as z.output<S>];
      const info: UnreadableItemInfo = {
        endpoint,
        index: offset + position,
        id: itemId(raw),
        issues: describeIssues(parsed.error),
      };
      this.logger.warn(
        `Left out an unreadable item of GET ${endpoint} (item ${info.index}${info.id === null ? '' : `, id ${info.id}`}): ${info.issues.join('; ')}`,
      );
      try {
        this.onUnreadableItem(info);
      } catch {
        // metrics must never break a read
      }
      return [];
    });
  }

  private async call<S extends z.ZodTypeAny>(call: ApiCall, schema: S): Promise<z.output<S>>;
  private async call(call: ApiCall, schema: null): Promise<void>;
  private async call<S extends z.ZodTypeAny>(call: ApiCall, schema: S | null): Promise<z.output<S> | void> {
    const headers: Record<string, string> = {
      Accept: 'application/json',
      'User-Agent': USER_AGENT,
    };
    if (call.token !== undefined) headers.Authorization = `Bearer ${call.token}`;
    if (call.filter !== undefined) headers['X-Filter'] = asciiJson(call.filter);
    if (call.body !== undefined) headers['Content-Type'] = 'application/json';
    const search = call.query ? `?${new URLSearchParams(call.query)}` : '';

    const response = await this.http.send({
      method: call.method,
      url: `${this.baseUrl}${call.path}${search}`,
      path: call.path,
      endpoint: call.endpoint,
      headers,
      body: call.body === undefined ? undefined : JSON.stringify(call.body),
      retry: call.retry ?? 'transient',
      timeoutMs: call.timeoutMs,
    });

    if (response.status < 200 || response.status > 299) {
      throw new LinodeApiError({
        method: call.method,
        path: call.path,
        status: response.status,
        errors: linodeErrorsFromBody(response.status, response.headers.get('content-type'), response.text),
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
      throw this.responseError(call.method, call.path, response.status, describeIssues(parsed.error));
    }
    return parsed.data;
  }

  private responseError(method: string, path: string, status: number, issues: string[]) {
    return new LinodeResponseError({ service: SERVICE, method, path, status, issues });
  }
}

/** At most five issues, by path: values are never quoted (they could be anything Linode sent). */
function describeIssues(error: z.ZodError): string[] {
  return error.issues.slice(0, 5).map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
}

/** The `id` of a raw item, for the log line, when it has a plain one. */
function itemId(raw: unknown): string | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const id = (raw as Record<string, unknown>).id;
  if (typeof id === 'number' && Number.isFinite(id)) return String(id);
  if (typeof id === 'string' && /^[\w./:-]{1,100}$/.test(id)) return id;
  return null;
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
