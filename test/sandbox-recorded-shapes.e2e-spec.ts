/**
 * Contract tests: every kind of object the sandbox answers has exactly the fields of a real
 * recorded Linode answer of its kind (test/fixtures/linode-recorded) — the same names, the same
 * nulls, the same nesting — and the catalogue carries the recorded values where it copies them.
 */
import type { Image, LinodeType, Page, Region, StackScript } from '../src/sandbox/contract/linode.contract';
import { RunningSandbox, startSandbox } from '../src/sandbox/start-sandbox';
import { SandboxTokenStore } from '../src/sandbox/tokens/sandbox-token.store';
import { recordedFixture, shapeDifferences, type ShapeOptions } from './support/recorded-shape';

let sandbox: RunningSandbox;
let token: string;

async function get<T = unknown>(path: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(`${sandbox.url}/v4${path}`, {
    ...init,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers },
  });
  expect(response.status).toBe(200);
  return (await response.json()) as T;
}

function createLinode(): Promise<{ id: number }> {
  return get<{ id: number }>('/linode/instances', {
    method: 'POST',
    body: JSON.stringify({
      type: 'g6-nanode-1',
      region: 'us-east',
      image: 'linode/debian12',
      root_pass: 'vK7#pQ2$wL9!mZ4@xR8&',
      booted: true,
    }),
  });
}

/** Every item of a sandbox page against the recorded page, the envelope included. */
function expectPageShape(page: Page<unknown>, recorded: Page<unknown>, options: ShapeOptions = {}): void {
  const prefixed: ShapeOptions = {
    nullable: options.nullable?.map((path) => `data[].${path}`),
    looseItems: Object.fromEntries(Object.entries(options.looseItems ?? {}).map(([path, keys]) => [`data[].${path}`, keys])),
  };
  expect(page.data.length).toBeGreaterThan(0);
  expect(shapeDifferences(page, recorded, prefixed)).toEqual([]);
}

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, host: '127.0.0.1', bootMs: 200, autoApprove: 'shapes' });
  const tokens = sandbox.app.get(SandboxTokenStore);
  token = tokens.issue({ clientId: sandbox.options.clientId, username: 'shapes', scopes: ['*'], codeId: null }).accessToken;
});

afterAll(() => sandbox.close());

describe('the sandbox answers in the shape of real Linode answers', () => {
  it('plan types: same fields, and the recorded values for every recorded plan', async () => {
    const recorded = recordedFixture<Page<LinodeType>>('linode-types.list.json');
    const page = await get<Page<LinodeType>>('/linode/types');
    expectPageShape(page, recorded);
    expect(page.data.length).toBeGreaterThanOrEqual(12);
    for (const type of page.data) expect(type).toEqual(recorded.data.find((real) => real.id === type.id));
    expect(shapeDifferences(await get('/linode/types/g6-nanode-1'), recorded.data[0])).toEqual([]);
  });

  it('regions: same fields (monitors, the flexible placement group limit), real labels, and one distributed site', async () => {
    const recorded = recordedFixture<Page<Region>>('regions.list.json');
    const page = await get<Page<Region>>('/regions');
    expectPageShape(page, recorded);
    for (const region of page.data) {
      const real = recorded.data.find((candidate) => candidate.id === region.id);
      if (!real) continue;
      expect({ label: region.label, country: region.country, monitors: region.monitors }).toEqual({
        label: real.label,
        country: real.country,
        monitors: real.monitors,
      });
    }
    expect(page.data.filter((region) => region.site_type === 'distributed').map((region) => region.id)).toEqual(['us-den-1']);
    expect(
      shapeDifferences(
        await get('/regions/us-east'),
        recorded.data.find((region) => region.id === 'us-east'),
      ),
    ).toEqual([]);
  });

  it('public images: same fields (regions null, no total_size, is_shared, image_sharing) and the recorded public images', async () => {
    const recorded = recordedFixture<Page<Image>>('images.list.json');
    const page = await get<Page<Image>>('/images?page_size=500');
    // Rolling releases (Arch, Gentoo, Kali, Slackware) have no end of life.
    expectPageShape(page, recorded, { nullable: ['eol'] });
    expect(page.data).toEqual(recorded.data);
    expect(shapeDifferences(await get('/images/linode/debian12'), recorded.data[0])).toEqual([]);
  });

  it('StackScripts: same fields (ordinal, logo_url), UDFs with only the keys real UDFs have', async () => {
    const recorded = recordedFixture<Page<StackScript>>('stackscripts.list.json');
    // The UDF attributes the recorded StackScripts use, plus those real UDFs may also carry
    // (header, required, manyof: the recordings' README and Linode's clients).
    const recordedKeys = recorded.data.flatMap((stackScript) => stackScript.user_defined_fields.flatMap((udf) => Object.keys(udf)));
    const udfKeys = [...new Set([...recordedKeys, 'manyof', 'header', 'required'])];
    expect(new Set(recordedKeys)).toEqual(new Set(['name', 'label', 'default', 'oneof', 'example']));
    const options: ShapeOptions = { looseItems: { user_defined_fields: udfKeys } };
    expectPageShape(await get<Page<StackScript>>('/linode/stackscripts'), recorded, options);
    for (const id of [320826, 320827]) {
      expect(shapeDifferences(await get(`/linode/stackscripts/${id}`), recorded.data[0], options)).toEqual([]);
    }
  });

  it('instances: the create answer like a real create, the GET and the list like a real GET', async () => {
    const created = await createLinode();
    // Newer than the recordings, and required by Linode's SDK types: the recorded create predates
    // maintenance policies (its capabilities lack "Maintenance Policy"), both predate locks.
    const { maintenance_policy: policy, locks, ...createdAsRecorded } = created as Record<string, unknown>;
    expect({ policy, locks }).toEqual({ policy: 'linode/power_off_on', locks: [] });
    expect(shapeDifferences(createdAsRecorded, recordedFixture('instance.create.json'))).toEqual([]);
    const realGet = recordedFixture('instance.get.json');
    // The recorded GET is of a Linode created without an image.
    const options: ShapeOptions = { nullable: ['image'] };
    const withoutLocks = ({ locks: _locks, ...rest }: Record<string, unknown>) => rest;
    expect(shapeDifferences(withoutLocks(await get(`/linode/instances/${created.id}`)), realGet, options)).toEqual([]);
    const list = await get<Page<Record<string, unknown>>>('/linode/instances');
    for (const item of list.data) expect(shapeDifferences(withoutLocks(item), realGet, options)).toEqual([]);
  });

  it('profile: same fields (user_type)', async () => {
    expect(shapeDifferences(await get('/profile'), recordedFixture('profile.get.json'))).toEqual([]);
  });

  it('events: same fields (details), nulls where Linode sets them for some actions only', async () => {
    await createLinode();
    const events = await get<Page<unknown>>('/account/events');
    // The recorded event is a notification with a secondary entity; a create has none, and its progress is set.
    expectPageShape(events, recordedFixture('account-events.list.json'), {
      nullable: ['secondary_entity', 'percent_complete', 'duration', 'time_remaining', 'rate'],
    });
  });
});

describe('the login service answers in the shape of the real one', () => {
  it('token: access and refresh token, bearer, 7200 s, and the scopes space-separated under scope and scopes', async () => {
    const { clientId, clientSecret } = sandbox.options;
    const query = new URLSearchParams({ client_id: clientId, response_type: 'code', scope: 'linodes:read_write,events:read_only' });
    const authorize = await fetch(`${sandbox.url}/oauth/authorize?${query.toString()}`, { redirect: 'manual' });
    const code = new URL(authorize.headers.get('location')!).searchParams.get('code')!;
    const response = await fetch(`${sandbox.url}/oauth/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'authorization_code', client_id: clientId, client_secret: clientSecret, code }),
    });
    const answer = (await response.json()) as Record<string, unknown>;
    const recorded = recordedFixture<Record<string, unknown>>('oauth-token.json');
    expect(shapeDifferences(answer, recorded)).toEqual([]);
    expect({ ...answer, access_token: null, refresh_token: null }).toEqual({ ...recorded, access_token: null, refresh_token: null });
  });
});

describe('shapeDifferences can fail', () => {
  it('reports a missing field, an invented one, a wrong null and a wrong type, with their paths', () => {
    const real = { a: 1, b: { c: null, d: 'x' }, e: [{ f: 1 }] };
    const sandboxAnswer = { a: '1', b: { c: 2, extra: true }, e: [{ f: 1, g: 2 }] };
    expect(shapeDifferences(sandboxAnswer, real)).toEqual([
      'a: recorded number, sandbox string',
      'b.d: missing in the sandbox',
      'b.extra: not in the real answer',
      'b.c: recorded null, sandbox number',
      'e[].g: not in the real answer',
    ]);
  });
});
