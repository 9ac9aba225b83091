import type { IncomingMessage, ServerResponse } from 'node:http';
import { createMock } from '@golevelup/ts-jest';
import { assignRequestId } from './request-id';

/** The id given to a request with this `X-Request-Id`, checked to be echoed in the response. */
function requestIdFor(header: string | string[] | undefined): string {
  const response = createMock<ServerResponse>();
  const id = assignRequestId(createMock<IncomingMessage>({ headers: { 'x-request-id': header } }), response);
  expect(response.setHeader).toHaveBeenCalledWith('X-Request-Id', id);
  return id;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('assignRequestId', () => {
  it.each(['abc', 'lb-7f3a.91_x', 'A'.repeat(64), '0'])('keeps the sane incoming id %s', (incoming) => {
    expect(requestIdFor(incoming)).toBe(incoming);
  });

  it.each([
    ['longer than 64 characters', 'a'.repeat(65)],
    ['with spaces', 'a b'],
    ['with a line break', 'a\nb'],
    ['with JSON characters', '"}{'],
    ['with non-ASCII letters', 'café'],
    ['empty', ''],
  ])('replaces an id %s with a UUID', (_case, incoming) => {
    expect(requestIdFor(incoming)).toMatch(UUID);
  });

  it('generates a UUID when there is no id', () => {
    expect(requestIdFor(undefined)).toMatch(UUID);
  });

  it('uses the first of repeated headers', () => {
    expect(requestIdFor(['first', 'second'])).toBe('first');
  });
});
