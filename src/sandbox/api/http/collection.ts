import type { Request } from 'express';
import type { Page } from '../../contract/linode.contract';
import { SandboxApiError } from './sandbox-api.error';
import { paginate, parsePageRequest } from './pagination';
import { applyXFilter, CompiledXFilter, parseXFilter, XFilterError, XFilterSpec } from './x-filter';

/** One page of a collection, filtered and ordered by the request's `X-Filter`, like every Linode list. */
export function collectionPage<T extends object>(items: readonly T[], request: Request, spec: XFilterSpec): Page<T> {
  const pageRequest = parsePageRequest(request.query);
  let filter: CompiledXFilter;
  try {
    filter = parseXFilter(request.header('x-filter'), spec);
  } catch (error) {
    if (error instanceof XFilterError) throw SandboxApiError.badRequest([{ field: 'X-Filter', reason: error.reason }]);
    throw error;
  }
  return paginate(applyXFilter(items, filter, spec), pageRequest);
}
