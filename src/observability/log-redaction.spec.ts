import { loggableUrl, REDACTED } from './log-redaction';

describe('loggableUrl', () => {
  it('keeps a URL without a query string as it is', () => {
    expect(loggableUrl('/deployments/abc')).toBe('/deployments/abc');
  });

  it('keeps query parameters that are not secrets', () => {
    expect(loggableUrl('/?region=us-east&type=g6-nanode-1')).toBe('/?region=us-east&type=g6-nanode-1');
  });

  it('replaces the values of secret-named query parameters', () => {
    expect(loggableUrl('/x?a=1&token=t&password=p&client_secret=s&b=2')).toBe(
      `/x?a=1&token=${REDACTED}&password=${REDACTED}&client_secret=${REDACTED}&b=2`,
    );
  });

  it('recognises secret names whatever their case, encoding or array brackets', () => {
    expect(loggableUrl('/x?CODE=1&st%61te=2&token[]=3&access_token[0]=4')).toBe(
      `/x?CODE=${REDACTED}&st%61te=${REDACTED}&token[]=${REDACTED}&access_token[0]=${REDACTED}`,
    );
  });

  it('redacts a secret-named parameter given without a value', () => {
    expect(loggableUrl('/x?code')).toBe(`/x?code=${REDACTED}`);
  });

  it.each(['/auth_callback', '/auth_callback/', '/AUTH_CALLBACK', '/auth%5Fcallback'])(
    'drops the whole query string of the OAuth callback (%s)',
    (path) => {
      expect(loggableUrl(`${path}?code=c&state=s&error=access_denied`)).toBe(path);
    },
  );

  it('cuts very long URLs short', () => {
    const logged = loggableUrl(`/${'a'.repeat(5000)}?q=1`);
    expect(logged.length).toBeLessThanOrEqual(2049);
    expect(logged.endsWith('…')).toBe(true);
  });
});
