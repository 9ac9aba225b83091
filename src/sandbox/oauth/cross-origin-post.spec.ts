import { isCrossOriginPost, type PostRequest } from './cross-origin-post';

function post(headers: Record<string, string>, protocol = 'http'): PostRequest {
  return { protocol, get: (name) => headers[name.toLowerCase()] };
}

const OWN = { host: '127.0.0.1:5001' };

describe('isCrossOriginPost', () => {
  it.each([
    ['Sec-Fetch-Site: same-origin', { ...OWN, 'sec-fetch-site': 'same-origin', origin: 'https://evil.example' }],
    ['Sec-Fetch-Site: none (typed or bookmarked)', { ...OWN, 'sec-fetch-site': 'none' }],
    ['no Sec-Fetch-Site and Origin is this origin', { ...OWN, origin: 'http://127.0.0.1:5001' }],
    ['neither header (not a browser)', OWN],
    [
      'Origin is the origin the app’s proxy forwards',
      { ...OWN, origin: 'https://app.example', 'x-forwarded-host': 'app.example', 'x-forwarded-proto': 'https' },
    ],
  ])('allows %s', (_case, headers) => {
    expect(isCrossOriginPost(post(headers))).toBe(false);
  });

  it.each([
    ['Sec-Fetch-Site: cross-site', { ...OWN, 'sec-fetch-site': 'cross-site', origin: 'http://127.0.0.1:5001' }],
    ['Sec-Fetch-Site: same-site', { ...OWN, 'sec-fetch-site': 'same-site' }],
    ['an unknown Sec-Fetch-Site', { ...OWN, 'sec-fetch-site': 'elsewhere' }],
    ['no Sec-Fetch-Site and a foreign Origin', { ...OWN, origin: 'https://evil.example' }],
    ['no Sec-Fetch-Site and Origin: null', { ...OWN, origin: 'null' }],
    ['another scheme', { ...OWN, origin: 'https://127.0.0.1:5001' }],
    ['another port', { ...OWN, origin: 'http://127.0.0.1:5002' }],
    ['this origin when the proxy forwards another', { ...OWN, origin: 'http://127.0.0.1:5001', 'x-forwarded-host': 'app.example' }],
  ])('refuses %s', (_case, headers) => {
    expect(isCrossOriginPost(post(headers))).toBe(true);
  });
});
