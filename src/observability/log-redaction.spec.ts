import { loggableUrl } from './log-redaction';

describe('loggableUrl', () => {
  it('keeps a URL without a query string as it is', () => {
    expect(loggableUrl('/deployments/abc')).toBe('/deployments/abc');
  });

  it.each(['/?region=us-east&udf_DB_PASSWORD=p', '/?udf_pubkey=ssh-ed25519%20AAAA', '/?token=t&code=c'])(
    'drops the query string of the configure page (%s)',
    (url) => {
      expect(loggableUrl(url)).toBe('/');
    },
  );

  it('drops the query string of every other path too', () => {
    expect(loggableUrl('/s/320826/price-summary?region=us-east&udf_db_pass=p')).toBe('/s/320826/price-summary');
    expect(loggableUrl('/auth_callback?code=c&state=s')).toBe('/auth_callback');
  });

  it('cuts very long paths short', () => {
    const logged = loggableUrl(`/${'a'.repeat(5000)}?q=1`);
    expect(logged.length).toBeLessThanOrEqual(2049);
    expect(logged.endsWith('…')).toBe(true);
  });
});
