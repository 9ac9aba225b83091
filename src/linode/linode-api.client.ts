import { Logger } from '@nestjs/common';
import { z } from 'zod/v4';
import type { AppConfig } from '../config/app-config';
import { LinodeApiError, LinodeResponseError, linodeErrorsFromBody, parseJsonOrUndefined } from './linode-api.error';
import { LinodeHttp, type HttpRequest, type HttpResponse, type LinodeHttpOptions } from './linode-http';
import {
  eventReader,
  imageReader,
  linodeInstanceReader,
  linodeTypeReader,
  listOf,
  pageReader,
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
  /** Only ever `true`: sent when the person chose backups. */
  backups_enabled?: true;
  label: string;
  booted?: boolean;
}

export interface LinodeApiClientOptions extends LinodeHttpOptions {
  /** Longer than reads: a create that times out may still have created the instance. */
  createTimeoutMs?: number;
  /** Called for each list item that could not be read and was left out (metrics); what it throws is ignored. */
  onUnreadableItem?: (info: UnreadableItemInfo) => void;
}

/** A list item the client left out: where it came from, which one, and why. */
export interface UnreadableItemInfo {
  endpoint: string;
  /** Position in the whole collection (0-based). */
  index: number;
  id: string | null;
  issues: string[];
}

/** Linode allows 25–500 items a page. */
const PAGE_SIZE = '500';
/** A collection with more pages is refused rather than read without end. */
const MAX_PAGES = 50;
const EVENTS_PAGE_SIZE = '25';
const LIST_ATTEMPTS_WHEN_CHANGING = 3;

/** `endpoint` is templated below the API base, e.g. `/linode/instances/:id`; `:id` is replaced by `id`. */
interface ApiCall extends Omit<HttpRequest, 'method' | 'path' | 'headers' | 'body'> {
  method?: HttpRequest['method'];
  id?: number;
  /** Absent for public endpoints: no Authorization header at all is sent then. */
  token?: string;
  filter?: LinodeFilter;
  body?: unknown;
}

/**
 * Linode API v4. Every call that acts for a user takes that user's token as an argument, so nothing
 * is shared between users; public catalog calls send no token at all.
 */
export class LinodeApiClient {
  private readonly http: LinodeHttp;
  private readonly logger = new Logger(LinodeApiClient.name);

  constructor(
    config: Pick<AppConfig, 'linode'>,
    private readonly options: LinodeApiClientOptions,
  ) {
    this.http = new LinodeHttp('Linode API', config.linode.apiUrl, options);
  }

  listTypes(): Promise<LinodeType[]> {
    return this.listAll({ endpoint: '/linode/types' }, linodeTypeReader);
  }

  listRegions(): Promise<Region[]> {
    return this.listAll({ endpoint: '/regions' }, regionReader);
  }

  /** Without a token only public images are listed. */
  listImages(): Promise<Image[]> {
    return this.listAll({ endpoint: '/images' }, imageReader);
  }

  getStackScript(id: number): Promise<StackScript> {
    return this.read({ endpoint: '/linode/stackscripts/:id', id }, stackScriptReader);
  }

  /** Creates an instance in the token owner's account (and charges it). */
  createInstance(token: string, body: CreateInstanceRequest): Promise<LinodeInstance> {
    const timeoutMs = this.options.createTimeoutMs ?? 30_000;
    return this.read(
      { method: 'POST', endpoint: '/linode/instances', token, body, retry: 'rate-limited', timeoutMs },
      linodeInstanceReader,
    );
  }

  getInstance(token: string, id: number): Promise<LinodeInstance> {
    return this.read({ endpoint: '/linode/instances/:id', id, token }, linodeInstanceReader);
  }

  listInstances(token: string, filter?: LinodeFilter): Promise<LinodeInstance[]> {
    return this.listAll({ endpoint: '/linode/instances', token, filter }, linodeInstanceReader);
  }

  async deleteInstance(token: string, id: number): Promise<void> {
    await this.send({ method: 'DELETE', endpoint: '/linode/instances/:id', id, token, retry: 'rate-limited' });
  }

  /** The first page of the account's events; order them with `+order_by`/`+order` in the filter. */
  async listEvents(token: string, filter?: LinodeFilter): Promise<LinodeEvent[]> {
    const query = { page: '1', page_size: EVENTS_PAGE_SIZE };
    const page = await this.read({ endpoint: '/account/events', token, filter, query }, pageReader);
    return this.readItems('/account/events', page.data, eventReader);
  }

  /**
   * Reads every page. When the collection changes while it is read (`pages` or `results` differ
   * between pages), items could be missing or doubled, so it starts over.
   */
  private async listAll<T extends z.ZodTypeAny>(call: ApiCall, item: T): Promise<z.infer<T>[]> {
    const readPage = (page: number) => this.read({ ...call, query: { page: String(page), page_size: PAGE_SIZE } }, pageReader);
    for (let attempt = 1; attempt <= LIST_ATTEMPTS_WHEN_CHANGING; attempt++) {
      const first = await readPage(1);
      if (first.pages > MAX_PAGES) {
        throw this.responseError(call, 200, [`${first.pages} pages is more than the limit of ${MAX_PAGES}`]);
      }
      const items = [...first.data];
      let changed = false;
      for (let page = 2; page <= first.pages && !changed; page++) {
        const next = await readPage(page);
        changed = next.pages !== first.pages || next.results !== first.results || next.page !== page;
        items.push(...next.data);
      }
      if (!changed) return this.readItems(call.endpoint, items, item);
    }
    throw this.responseError(call, 200, [`the collection changed while it was read, ${LIST_ATTEMPTS_WHEN_CHANGING} times in a row`]);
  }

  /** Each item on its own: one that cannot be read is left out, logged and counted. */
  private readItems<T extends z.ZodTypeAny>(endpoint: string, items: unknown[], item: T): z.infer<T>[] {
    return listOf(item, (raw, index, error) => {
      const info: UnreadableItemInfo = { endpoint, index, id: loggableId.safeParse(raw).data ?? null, issues: describeIssues(error) };
      this.logger.warn(
        `Left out an unreadable item of GET ${endpoint} (item ${index}, id ${info.id ?? 'none'}): ${info.issues.join('; ')}`,
      );
      try {
        this.options.onUnreadableItem?.(info);
      } catch {
        // Metrics must never break a read.
      }
    }).parse(items);
  }

  private async read<T extends z.ZodTypeAny>(call: ApiCall, schema: T): Promise<z.infer<T>> {
    const response = await this.send(call);
    const json = parseJsonOrUndefined(response.text);
    if (json === undefined) throw this.responseError(call, response.status, ['the body is not JSON']);
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw this.responseError(call, response.status, describeIssues(parsed.error));
    return parsed.data;
  }

  /** The one request path: headers, the resilience policies, and Linode's errors as `LinodeApiError`. */
  private async send({ id, token, filter, body, ...request }: ApiCall): Promise<HttpResponse> {
    const method = request.method ?? 'GET';
    const path = pathOf(request.endpoint, id);
    const headers: Record<string, string> = {};
    if (token !== undefined) {
      // An empty or malformed token would be sent as a broken header, or as none at all.
      if (!/^[\x21-\x7e]+$/.test(token)) throw new TypeError('A Linode access token is required for this call');
      headers.Authorization = `Bearer ${token}`;
    }
    if (filter !== undefined) headers['X-Filter'] = asciiJson(filter);
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await this.http.send({
      ...request,
      method,
      path,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (response.ok) return response;
    throw new LinodeApiError({
      method,
      path,
      status: response.status,
      errors: linodeErrorsFromBody(response),
      retryAfterSeconds: response.retryAfterSeconds,
    });
  }

  private responseError(call: ApiCall, status: number, issues: string[]): LinodeResponseError {
    return new LinodeResponseError({
      service: 'Linode API',
      method: call.method ?? 'GET',
      path: pathOf(call.endpoint, call.id),
      status,
      issues,
    });
  }
}

/** At most five issues, by path: values are never quoted (they could be anything Linode sent). */
function describeIssues(error: z.ZodError): string[] {
  return error.issues.slice(0, 5).map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
}

/** An item's `id` for the log line, only when it is a plain one. */
const loggableId = z.object({ id: z.union([z.number(), z.string().regex(/^[\w./:-]{1,100}$/)]) }).transform(({ id }) => String(id));

/** JSON with non-ASCII escaped: header values must be bytes, and a label filter may hold any text. */
function asciiJson(value: unknown): string {
  const escape = (unit: string) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`;
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, escape);
}

function pathOf(endpoint: string, id?: number): string {
  if (id === undefined) return endpoint;
  if (!Number.isSafeInteger(id) || id <= 0) throw new TypeError(`Not a Linode id: ${String(id)}`);
  return endpoint.replace(':id', String(id));
}
