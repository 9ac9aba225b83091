import { SandboxApiError } from './sandbox-api.error';
import { paginate, parsePageRequest } from './pagination';

function errorsOf(query: Record<string, unknown>) {
  try {
    parsePageRequest(query);
  } catch (error) {
    if (error instanceof SandboxApiError) return { status: error.status, errors: error.errors };
    throw error;
  }
  throw new Error('expected a 400');
}

const items = Array.from({ length: 60 }, (_, i) => i + 1);

describe('parsePageRequest', () => {
  it('defaults to page 1 of 100', () => {
    expect(parsePageRequest({})).toEqual({ page: 1, pageSize: 100 });
  });

  it('reads page and page_size', () => {
    expect(parsePageRequest({ page: '3', page_size: '25' })).toEqual({ page: 3, pageSize: 25 });
  });

  it('accepts the page size bounds 25 and 500', () => {
    expect(parsePageRequest({ page_size: '25' }).pageSize).toBe(25);
    expect(parsePageRequest({ page_size: '500' }).pageSize).toBe(500);
  });

  it.each(['24', '501', '0', 'abc', '-30', '30.5'])('rejects page_size=%s with field page_size', (value) => {
    expect(errorsOf({ page_size: value })).toEqual({
      status: 400,
      errors: [{ field: 'page_size', reason: 'Must be a whole number from 25 to 500' }],
    });
  });

  it.each(['0', '-1', 'two', '1.5', ''])('rejects page=%s with field page', (value) => {
    expect(errorsOf({ page: value })).toEqual({
      status: 400,
      errors: [{ field: 'page', reason: 'Must be a whole number of at least 1' }],
    });
  });

  it('reports both fields at once', () => {
    expect(errorsOf({ page: 'x', page_size: '1' }).errors.map((e) => e.field)).toEqual(['page', 'page_size']);
  });

  it('uses the first value of a repeated parameter', () => {
    expect(parsePageRequest({ page: ['2', '5'] }).page).toBe(2);
  });
});

describe('paginate', () => {
  it('returns one page with the envelope counts', () => {
    expect(paginate(items, { page: 2, pageSize: 25 })).toEqual({
      data: items.slice(25, 50),
      page: 2,
      pages: 3,
      results: 60,
    });
  });

  it('answers a page beyond the last with the last page', () => {
    const page = paginate(items, { page: 99, pageSize: 25 });
    expect(page.page).toBe(3);
    expect(page.data).toEqual(items.slice(50));
  });

  it('reports one empty page for an empty collection', () => {
    expect(paginate([], { page: 4, pageSize: 100 })).toEqual({ data: [], page: 1, pages: 1, results: 0 });
  });
});
