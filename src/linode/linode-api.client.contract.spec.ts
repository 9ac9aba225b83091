/**
 * Contract tests of the client's tolerant reader against real Linode answers (recorded by Linode's
 * Go client, linodego, against the live API; see test/fixtures/linode-recorded/README.md), and against
 * variants of them that an older or newer Linode may send: a field removed, an unknown enum value,
 * null where a value was, an extra field, and one list item that cannot be read.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { LinodeApiClient, type UnreadableItemInfo } from './linode-api.client';
import { LinodeResponseError } from './linode-api.error';
import { readTokenAnswer } from './linode-oauth-answers';
import { FakeLinode, json } from './fake-linode.test-helper';

type Json = Record<string, unknown>;
interface PageBody {
  data: Json[];
  page: number;
  pages: number;
  results: number;
}

const FIXTURES = join(__dirname, '..', '..', 'test', 'fixtures', 'linode-recorded');
const real = <T = Json>(name: string): T => JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')) as T;
const TOKEN = 'user-access-token-0123456789';

/** A deep copy with `change` applied: every variant starts from the real answer. */
function variant<T>(value: T, change: (copy: T) => void): T {
  const copy = structuredClone(value);
  change(copy);
  return copy;
}

describe('LinodeApiClient reading real Linode answers', () => {
  let fake: FakeLinode;
  let unreadable: UnreadableItemInfo[];
  let warnings: string[];
  let client: LinodeApiClient;

  beforeEach(async () => {
    fake = await FakeLinode.start();
    unreadable = [];
    warnings = [];
    jest.spyOn(Logger.prototype, 'warn').mockImplementation((message: unknown) => {
      warnings.push(String(message));
    });
    client = new LinodeApiClient(fake.config(), {
      timeoutMs: 1_000,
      onUnreadableItem: (info) => unreadable.push(info),
    });
  });

  afterEach(async () => {
    jest.restoreAllMocks();
    await fake.close();
  });

  const answer = (body: unknown) => fake.handle((_request, response) => json(response, 200, body));

  describe('GET /linode/types', () => {
    const types = real<PageBody>('linode-types.list.json');

    it('reads every plan of the real answer with the fields the page shows', async () => {
      answer(types);
      const read = await client.listTypes();
      expect(read).toHaveLength(types.results);
      expect(read[0]).toEqual({
        id: 'g6-nanode-1',
        label: 'Nanode 1GB',
        class: 'nanode',
        disk: 25600,
        memory: 1024,
        vcpus: 1,
        transfer: 1000,
        price: { hourly: 0.0075, monthly: 5 },
        region_prices: [
          { id: 'id-cgk', hourly: 0.009, monthly: 6 },
          { id: 'br-gru', hourly: 0.0105, monthly: 7 },
        ],
        addons: {
          backups: {
            price: { hourly: 0.003, monthly: 2 },
            region_prices: [
              { id: 'id-cgk', hourly: 0.0036, monthly: 2.4 },
              { id: 'br-gru', hourly: 0.004, monthly: 2.8 },
            ],
          },
        },
      });
      expect(unreadable).toEqual([]);
    });

    it('keeps a plan whose optional fields are missing (region_prices, transfer, addons, successor)', async () => {
      answer(
        variant(types, (body) => {
          for (const field of ['region_prices', 'transfer', 'addons', 'successor']) delete body.data[0][field];
        }),
      );
      const [nanode] = await client.listTypes();
      expect(nanode).toMatchObject({ id: 'g6-nanode-1', region_prices: [], transfer: 0, addons: { backups: null } });
    });

    it('keeps a plan of a class it does not know, as that class', async () => {
      answer(variant(types, (body) => (body.data[1].class = 'quantum')));
      expect((await client.listTypes())[1].class).toBe('quantum');
    });

    it('reads a null price as no price instead of failing', async () => {
      answer(variant(types, (body) => (body.data[0].price = { hourly: null, monthly: null })));
      expect((await client.listTypes())[0].price).toEqual({ hourly: null, monthly: null });
    });

    it('ignores fields it does not use, new ones included', async () => {
      answer(variant(types, (body) => (body.data[0].carbon_footprint = { grams: 3 })));
      expect((await client.listTypes())[0]).not.toHaveProperty('carbon_footprint');
    });

    it('drops one plan it cannot read, names it in one warning and one count, and keeps the others', async () => {
      answer(variant(types, (body) => (body.data[2].memory = 'lots')));
      const read = await client.listTypes();
      expect(read).toHaveLength(types.results - 1);
      expect(read.map((type) => type.id)).not.toContain('g6-standard-2');
      expect(unreadable).toEqual([
        { endpoint: '/linode/types', index: 2, id: 'g6-standard-2', issues: [expect.stringMatching(/^memory: /)] },
      ]);
      expect(warnings.filter((line) => line.includes('/linode/types'))).toHaveLength(1);
      expect(warnings[0]).toContain('g6-standard-2');
    });

    it('reads every page when Linode answers more than one', async () => {
      const half = Math.ceil(types.data.length / 2);
      fake.handle((request, response) => {
        const pageNumber = Number(request.query.get('page'));
        const data = pageNumber === 1 ? types.data.slice(0, half) : types.data.slice(half);
        json(response, 200, { data, page: pageNumber, pages: 2, results: types.results });
      });
      expect(await client.listTypes()).toHaveLength(types.results);
      expect(fake.requests.map((request) => request.query.get('page'))).toEqual(['1', '2']);
    });
  });

  describe('GET /regions', () => {
    const regions = real<PageBody>('regions.list.json');

    it('reads every region of the real answer (monitors and flexible placement-group limits included)', async () => {
      answer(regions);
      const read = await client.listRegions();
      expect(read).toHaveLength(regions.results);
      expect(read[0]).toEqual({
        id: 'au-mel',
        label: 'Melbourne, AU',
        capabilities: expect.arrayContaining(['Linodes', 'StackScripts']),
        status: 'ok',
        site_type: 'core',
      });
    });

    it('reads a region without site_type, as older answers have it, as a core site', async () => {
      answer(variant(regions, (body) => delete body.data[0].site_type));
      expect((await client.listRegions())[0].site_type).toBe('core');
    });

    it('reads a status it does not know as not ok, so the region is not offered', async () => {
      answer(variant(regions, (body) => (body.data[0].status = 'limited')));
      expect((await client.listRegions())[0].status).toBe('outage');
    });

    it('reads null capabilities as none', async () => {
      answer(variant(regions, (body) => (body.data[0].capabilities = null)));
      expect((await client.listRegions())[0].capabilities).toEqual([]);
    });

    it('drops one region without an id and keeps the others', async () => {
      answer(variant(regions, (body) => delete body.data[5].id));
      expect(await client.listRegions()).toHaveLength(regions.results - 1);
      expect(unreadable).toEqual([{ endpoint: '/regions', index: 5, id: null, issues: [expect.stringMatching(/^id: /)] }]);
    });
  });

  describe('GET /images', () => {
    const images = real<PageBody>('images.list.json');

    it('reads the real public images: no total_size, regions null, image_sharing null', async () => {
      answer(images);
      const read = await client.listImages();
      expect(read).toHaveLength(images.results);
      expect(read.find((image) => image.id === 'linode/debian12')).toEqual({
        id: 'linode/debian12',
        label: 'Debian 12',
        is_public: true,
        deprecated: false,
        status: 'available',
      });
      expect(read.filter((image) => image.deprecated).map((image) => image.id)).toContain('linode/ubuntu20.04');
      expect(unreadable).toEqual([]);
    });

    it('reads an image without status, deprecated or is_public as an available public image', async () => {
      answer(
        variant(images, (body) => {
          for (const field of ['status', 'deprecated', 'is_public']) delete body.data[0][field];
        }),
      );
      expect((await client.listImages())[0]).toEqual({
        id: 'linode/almalinux10',
        label: 'AlmaLinux 10',
        is_public: true,
        deprecated: false,
        status: 'available',
      });
    });

    it('keeps a status it does not know as it is (such an image is not offered)', async () => {
      answer(variant(images, (body) => (body.data[0].status = 'replicating')));
      expect((await client.listImages())[0].status).toBe('replicating');
    });

    it('drops one image whose label is null and keeps the others', async () => {
      answer(variant(images, (body) => (body.data[3].label = null)));
      const read = await client.listImages();
      expect(read).toHaveLength(images.results - 1);
      expect(unreadable).toEqual([{ endpoint: '/images', index: 3, id: 'linode/alpine3.21', issues: [expect.stringMatching(/^label: /)] }]);
    });

    it('drops an item that is not an object at all', async () => {
      answer(variant(images, (body) => ((body.data as unknown[])[0] = 'linode/debian12')));
      expect(await client.listImages()).toHaveLength(images.results - 1);
      expect(unreadable).toEqual([{ endpoint: '/images', index: 0, id: null, issues: [expect.stringMatching(/^\(root\): /)] }]);
    });
  });

  describe('GET /linode/stackscripts/:id', () => {
    const [postgres, nomad, jetBackup, joomla] = real<PageBody>('stackscripts.list.json').data;

    it('reads a real Marketplace StackScript: lowercase oneof, defaults, no example', async () => {
      answer(nomad);
      const read = await client.getStackScript(1193795);
      expect(read).toMatchObject({
        id: 1193795,
        label: 'HashiCorp Nomad One-Click',
        description: 'HashiCorp Nomad One Click App',
        images: ['linode/debian11', 'linode/ubuntu22.04'],
        username: 'jrzavaschi1992',
        deployments_total: 0,
      });
      expect(read.script).toMatch(/^#!\/usr\/bin\/env bash/);
      expect(read.user_defined_fields).toEqual([
        { name: 'username', label: 'The limited sudo user to be created for the Linode', default: '' },
        { name: 'password', label: 'The password for the limited sudo user', default: '' },
        { name: 'pubkey', label: 'The SSH Public Key that will be used to access the Linode', default: '' },
        { name: 'disable_root', label: 'Disable root access over SSH?', oneof: 'Yes,No', default: 'No' },
      ]);
    });

    it('reads the UDFs of every recorded StackScript', async () => {
      for (const script of [postgres, jetBackup, joomla]) {
        answer(script);
        const read = await client.getStackScript(script.id as number);
        expect(read.user_defined_fields).toHaveLength((script.user_defined_fields as unknown[]).length);
      }
    });

    it('keeps `required` and `header` on a UDF, and the spec’s camel-case oneOf/manyOf', async () => {
      answer(
        variant(joomla, (body) => {
          const udfs = body.user_defined_fields as Json[];
          udfs[0].required = 'true';
          udfs.unshift({ name: 'section', label: 'Database', header: 'Yes', default: '' });
          udfs.push({ name: 'stack', label: 'Stack', oneOf: 'a,b', manyOf: 'c,d', default: 'a' });
        }),
      );
      const udfs = (await client.getStackScript(1193815)).user_defined_fields;
      expect(udfs[0]).toMatchObject({ name: 'section', header: 'Yes' });
      expect(udfs[1]).toMatchObject({ name: 'soa_email_address', required: 'true' });
      expect(udfs.at(-1)).toMatchObject({ oneOf: 'a,b', manyOf: 'c,d' });
    });

    it('drops a UDF without a name, keeps the others, and reads a null description as empty', async () => {
      answer(
        variant(joomla, (body) => {
          (body.user_defined_fields as Json[]).splice(1, 0, { label: 'no name' });
          body.description = null;
        }),
      );
      const read = await client.getStackScript(1193815);
      expect(read.description).toBe('');
      expect(read.user_defined_fields.map((udf) => udf.name)).toEqual((joomla.user_defined_fields as Json[]).map((udf) => udf.name));
    });

    it('reads the `any/all` image list and a missing images list as empty', async () => {
      answer(variant(postgres, (body) => (body.images = ['any/all'])));
      expect((await client.getStackScript(1193792)).images).toEqual(['any/all']);
      answer(variant(postgres, (body) => delete body.images));
      expect((await client.getStackScript(1193792)).images).toEqual([]);
    });

    it('fails a StackScript without an id: it cannot be deployed', async () => {
      answer(variant(postgres, (body) => delete body.id));
      await expect(client.getStackScript(1193792)).rejects.toBeInstanceOf(LinodeResponseError);
    });
  });

  describe('POST /linode/instances and GET /linode/instances/:id', () => {
    const created = real('instance.create.json');
    const fetched = real('instance.get.json');
    const request = {
      type: 'g6-nanode-1',
      region: 'ap-west',
      image: 'linode/debian12',
      root_pass: 'a-strong-generated-root-password-!9',
      stackscript_id: 1193795,
      stackscript_data: {},
      label: 'go-test-ins-2l8j52re0tn2',
      booted: true,
    };

    it('reads the real create answer', async () => {
      answer(created);
      expect(await client.createInstance(TOKEN, request)).toEqual({
        id: 82372997,
        label: 'go-test-ins-2l8j52re0tn2',
        status: 'provisioning',
        region: 'ap-west',
        type: 'g6-nanode-1',
        image: 'linode/debian12',
        ipv4: ['192.0.2.0'],
        ipv6: '1234::5678/128',
        created: '2018-01-02T03:04:05',
      });
    });

    it('reads the real get answer (image null, maintenance_policy present)', async () => {
      answer(fetched);
      expect(await client.getInstance(TOKEN, 82372947)).toMatchObject({ id: 82372947, image: null, status: 'provisioning' });
    });

    it('reads an answer of an older API version that lacks half the optional fields', async () => {
      answer(
        variant(fetched, (body) => {
          for (const field of [
            'lke_cluster_id',
            'placement_group',
            'capabilities',
            'disk_encryption',
            'interface_generation',
            'maintenance_policy',
            'site_type',
            'has_user_data',
            'host_uuid',
            'ipv6',
            'specs',
            'alerts',
            'backups',
            'watchdog_enabled',
            'created',
          ])
            delete body[field];
        }),
      );
      expect(await client.getInstance(TOKEN, 82372947)).toEqual({
        id: 82372947,
        label: 'go-test-ins-wo-disk-4ho09p1n0kd5',
        status: 'provisioning',
        region: 'us-sea',
        type: 'g6-nanode-1',
        image: null,
        ipv4: ['192.0.2.0'],
        ipv6: null,
        created: null,
      });
    });

    it('reads a status Linode added later as busy, and a missing one too', async () => {
      answer(variant(fetched, (body) => (body.status = 'resizing_disk')));
      expect((await client.getInstance(TOKEN, 82372947)).status).toBe('busy');
      answer(variant(fetched, (body) => delete body.status));
      expect((await client.getInstance(TOKEN, 82372947)).status).toBe('busy');
    });

    it('reads null addresses as none yet, and ignores unknown extra fields', async () => {
      answer(
        variant(created, (body) => {
          body.ipv4 = null;
          body.interfaces = [{ purpose: 'public' }];
        }),
      );
      const read = await client.createInstance(TOKEN, request);
      expect(read.ipv4).toEqual([]);
      expect(read).not.toHaveProperty('interfaces');
    });

    it('fails a create answer without an id (the caller then looks the instance up by label)', async () => {
      answer(variant(created, (body) => delete body.id));
      const error = await client.createInstance(TOKEN, request).then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(LinodeResponseError);
      expect((error as LinodeResponseError).status).toBe(200);
    });

    it('lists instances, leaving out the one it cannot read', async () => {
      answer({ data: [created, variant(fetched, (body) => delete body.id), fetched], page: 1, pages: 1, results: 3 });
      expect((await client.listInstances(TOKEN, { label: 'x' })).map((instance) => instance.id)).toEqual([82372997, 82372947]);
      expect(unreadable).toEqual([{ endpoint: '/linode/instances', index: 1, id: null, issues: [expect.stringMatching(/^id: /)] }]);
    });
  });

  describe('GET /account/events', () => {
    const events = real<PageBody>('account-events.list.json');

    it('reads the real events page: the progress figure, null here', async () => {
      answer(events);
      expect(await client.listEvents(TOKEN)).toEqual([{ id: 1586006701, percent_complete: null }]);
    });

    it('reads a progress figure of another type as none, and drops an event without an id', async () => {
      answer(
        variant(events, (body) => {
          body.data[0].percent_complete = '50%';
          body.data.push({ action: 'linode_boot', percent_complete: 40 });
          body.results = 2;
        }),
      );
      expect(await client.listEvents(TOKEN)).toEqual([{ id: 1586006701, percent_complete: null }]);
      expect(unreadable).toHaveLength(1);
    });
  });
});

describe('readTokenAnswer reading the real token answer (what the linode strategy gets from passport-oauth2)', () => {
  const token = real('oauth-token.json');
  /** What LinodeStrategy.validate hands over: node-oauth's parse of the answer. */
  let answer: Record<string, unknown>;
  const exchange = async () => readTokenAnswer(answer);
  const answerWith = (body: Record<string, unknown>) => void (answer = body);

  it('reads the real answer: bearer token, 7200 s, refresh token, scopes', async () => {
    answerWith(token);
    expect(await exchange()).toEqual({
      accessToken: token.access_token,
      refreshToken: token.refresh_token,
      expiresIn: 7200,
      scopes: ['linodes:read_write', 'events:read_only'],
    });
  });

  it('reads `scope` alone, `scopes` alone, and space- or comma-separated lists', async () => {
    answerWith(variant(token, (body) => delete body.scopes));
    expect((await exchange()).scopes).toEqual(['linodes:read_write', 'events:read_only']);
    answerWith(
      variant(token, (body) => {
        delete body.scope;
        body.scopes = 'linodes:read_write,events:read_only';
      }),
    );
    expect((await exchange()).scopes).toEqual(['linodes:read_write', 'events:read_only']);
  });

  it('reads an answer without expires_in or refresh_token, with another token_type casing and an extra field', async () => {
    answerWith(
      variant(token, (body) => {
        delete body.expires_in;
        body.refresh_token = null;
        body.token_type = 'Bearer';
        body.id_token = 'x';
      }),
    );
    expect(await exchange()).toMatchObject({ expiresIn: null, refreshToken: null, scopes: ['linodes:read_write', 'events:read_only'] });
  });

  it('fails an answer without an access token, without quoting the body', async () => {
    answerWith(variant(token, (body) => delete body.access_token));
    const error = await exchange().then(
      () => undefined,
      (caught: unknown) => caught as Error,
    );
    expect(error).toBeInstanceOf(LinodeResponseError);
    expect(error?.message).not.toContain(token.refresh_token as string);
  });
});
