import { SandboxApiError } from './sandbox-api.error';
import type { Page } from '../../contract/linode.contract';

export const PAGE_SIZE_DEFAULT = 100;
export const PAGE_SIZE_MIN = 25;
export const PAGE_SIZE_MAX = 500;

export interface PageRequest {
  page: number;
  pageSize: number;
}

function firstValue(value: unknown): string | undefined {
  if (Array.isArray(value)) return firstValue(value[0]);
  return typeof value === 'string' ? value : undefined;
}

/** Reads `?page` and `?page_size` like Linode: page ≥ 1 (default 1), page size 25–500 (default 100). */
export function parsePageRequest(query: Record<string, unknown>): PageRequest {
  const rawPage = firstValue(query.page);
  const rawSize = firstValue(query.page_size);
  const errors = [];
  let page = 1;
  let pageSize = PAGE_SIZE_DEFAULT;
  if (rawPage !== undefined) {
    page = /^\d+$/.test(rawPage) ? Number(rawPage) : NaN;
    if (!Number.isSafeInteger(page) || page < 1) {
      errors.push({ field: 'page', reason: 'Must be a whole number of at least 1' });
    }
  }
  if (rawSize !== undefined) {
    pageSize = /^\d+$/.test(rawSize) ? Number(rawSize) : NaN;
    if (!Number.isSafeInteger(pageSize) || pageSize < PAGE_SIZE_MIN || pageSize > PAGE_SIZE_MAX) {
      errors.push({ field: 'page_size', reason: `Must be a whole number from ${PAGE_SIZE_MIN} to ${PAGE_SIZE_MAX}` });
    }
  }
  if (errors.length > 0) throw SandboxApiError.badRequest(errors);
  return { page, pageSize };
}

/** Linode's envelope around one page; a page beyond the last answers with the last page. */
export function paginate<T>(items: readonly T[], request: PageRequest): Page<T> {
  const pages = Math.max(1, Math.ceil(items.length / request.pageSize));
  const page = Math.min(request.page, pages);
  const start = (page - 1) * request.pageSize;
  return { data: items.slice(start, start + request.pageSize), page, pages, results: items.length };
}
