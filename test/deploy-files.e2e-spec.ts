/**
 * compose.yaml and the kustomize base (deploy/kubernetes/) checked against the app itself: every
 * variable they set is one the app reads (or its *_FILE form), the values pass the app's own
 * config validation, the probe paths answer on the real app, and the ports agree from the
 * proxy or Service down to the container.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { CatalogService } from '../src/catalog/catalog.service';
import { appEnvSchemas } from '../src/config/app-env.schema';
import { loadAppConfig } from '../src/config/load-app-config';
import { SECRET_VARIABLES } from '../src/config/secret-files';
import { parseDockerfile } from './support/dockerfile';
import { startStack, type Stack } from './support/stack';

const ROOT = join(__dirname, '..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

type Yaml = Record<string, unknown>;
const obj = (value: unknown): Yaml => (typeof value === 'object' && value !== null ? (value as Yaml) : {});
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** What an operator would put in each secret file: a valid value of the variable it feeds. */
const SAMPLE_SECRETS: Record<string, string> = {
  LINODE_CLIENT_ID: 'a1b2c3d4e5f6a7b8c9d0',
  LINODE_CLIENT_SECRET: 'client-secret-0123456789abcdef0123456789abcdef',
  SESSION_SECRET: 'Qm9vdHN0cmFwLXNlc3Npb24tc2VjcmV0LWZvci10ZXN0cy0wMTIz',
  REDIS_URL: 'rediss://default:pa55w0rd-with-enough-entropy@redis.example.net:6380',
  METRICS_TOKEN: 'metrics-token-0123456789abcdef',
};

/** The variables a deploy file may set: the app's own, and `<SECRET>_FILE` for each secret. */
const KNOWN = new Set<string>([...Object.keys(appEnvSchemas), ...SECRET_VARIABLES.map((name) => `${name}_FILE`)]);

/**
 * Validates an environment as the app would at boot, with each *_FILE read as the matching sample
 * secret (and the path checked against `mountedFile`, which says whether the file is provided).
 */
function validate(env: Record<string, string>, mountedFile: (path: string) => boolean): void {
  const byPath = new Map<string, string>();
  for (const name of SECRET_VARIABLES) {
    const path = env[`${name}_FILE`];
    if (path !== undefined) byPath.set(path, SAMPLE_SECRETS[name]);
  }
  loadAppConfig(env, {
    readFile: (path) => {
      if (!mountedFile(path)) throw new Error(`${path} is not provided to the container`);
      const value = byPath.get(path);
      if (value === undefined) throw new Error(`no sample for ${path}`);
      return `${value}\n`;
    },
  });
}

/** Compose's `${NAME:-default}` and `${NAME:?message}` with the values an operator passes. */
function interpolate(value: string, given: Record<string, string>): string {
  return value.replace(/\$\{([A-Z_][A-Z0-9_]*)(?::([-?])([^}]*))?\}/g, (_m, name: string, kind?: string, rest?: string) => {
    if (given[name] !== undefined) return given[name];
    if (kind === '-') return rest ?? '';
    throw new Error(`compose.yaml needs ${name}: ${rest ?? ''}`);
  });
}

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
  // As main.ts does before the first probe: the catalog loaded, so the app is ready.
  await stack.app.get(CatalogService).warmUp();
});
afterAll(async () => {
  await stack.close();
});

async function answers(path: string): Promise<number> {
  return (await fetch(`${stack.appUrl}${path}`)).status;
}

const exposedPort = (() => {
  const stages = parseDockerfile(read('Dockerfile'));
  const expose = stages[stages.length - 1].instructions.find((i) => i.keyword === 'EXPOSE');
  return Number(expose?.args.trim());
})();

describe('compose.yaml', () => {
  const compose = obj(parse(read('compose.yaml')));
  const services = obj(compose.services);
  const app = obj(services.app);
  const operator = { PUBLIC_URL: 'https://deploy.example.com', LINODE_STACKSCRIPT_ID: '123456' };
  const env = Object.fromEntries(Object.entries(obj(app.environment)).map(([name, value]) => [name, interpolate(String(value), operator)]));

  it('runs Redis, two app replicas, an HTTP cache and a reverse proxy', () => {
    expect(Object.keys(services).sort()).toEqual(['app', 'cache', 'proxy', 'redis']);
    expect(obj(app.deploy).replicas).toBe(2);
    expect(String(obj(services.cache).image)).toMatch(/^nginx:/);
    expect(String(obj(services.proxy).image)).toMatch(/^caddy:/);
  });

  it('sets only variables the app reads', () => {
    expect(Object.keys(env).filter((name) => !KNOWN.has(name))).toEqual([]);
  });

  it('gives the app a valid configuration, with every secret from a file it mounts', () => {
    const mounted = list(app.secrets).map((name) => `/run/secrets/${String(name)}`);
    expect(() => validate(env, (path) => mounted.includes(path))).not.toThrow();
    for (const name of SECRET_VARIABLES) expect(env[name]).toBeUndefined();
    expect(env.TRUST_PROXY).toBe('2');
  });

  it('defines every secret it mounts, from a file under secrets/ (which git ignores)', () => {
    const defined = obj(compose.secrets);
    for (const service of Object.values(services)) {
      for (const name of list(obj(service).secrets)) {
        expect(String(obj(defined[String(name)]).file)).toMatch(/^\.\/secrets\//);
      }
    }
    expect(read('.gitignore')).toMatch(/^secrets\/$/m);
  });

  it('has the proxy forward to the cache, and the cache to the port the app listens on, which the image exposes', () => {
    const caddyfile = read('deploy/compose/Caddyfile');
    const proxyEnv = obj(obj(services.proxy).environment);
    expect(caddyfile).toContain('reverse_proxy cache:{$CACHE_PORT}');
    const cacheConfig = read('deploy/compose/nginx-cache.conf.template');
    expect(cacheConfig).toContain(`listen ${String(proxyEnv.CACHE_PORT)};`);
    expect(cacheConfig).toContain('set $app http://app:${APP_PORT};');
    expect(String(obj(obj(services.cache).environment).APP_PORT)).toBe(env.PORT);
    expect(Number(env.PORT)).toBe(exposedPort);
    expect(list(obj(services.proxy).volumes).map(String)).toContain('./deploy/compose/Caddyfile:/etc/caddy/Caddyfile:ro');
    expect(list(obj(services.cache).volumes).map(String)).toContain(
      './deploy/compose/nginx-cache.conf.template:/etc/nginx/templates/default.conf.template:ro',
    );
  });

  it('has the cache keep only what the app marks public (no override of Cache-Control or Set-Cookie)', () => {
    const cacheConfig = read('deploy/compose/nginx-cache.conf.template');
    expect(cacheConfig).toMatch(/^\s*proxy_cache pages;/m);
    expect(cacheConfig).not.toMatch(/proxy_ignore_headers|proxy_cache_valid|proxy_hide_header\s+Set-Cookie/i);
  });
});

describe('deploy/kubernetes (kustomize base)', () => {
  const dir = 'deploy/kubernetes';
  const kustomization = obj(parse(read(`${dir}/kustomization.yaml`)));
  const resources = list(kustomization.resources).map(String);
  const documents = resources.flatMap((file) => parseAllDocuments(read(`${dir}/${file}`)).map((doc) => obj(doc.toJS())));
  const ofKind = (kind: string) => documents.filter((doc) => doc.kind === kind);
  const deployment = ofKind('Deployment').find((doc) => obj(doc.metadata).name === 'install-on-linode')!;
  const podSpec = obj(obj(deployment.spec).template).spec;
  const container = obj(list(obj(podSpec).containers)[0]);
  const podLabels = obj(obj(obj(obj(deployment.spec).template).metadata).labels);
  const env: Record<string, string> = Object.fromEntries(
    list(container.env).map((entry) => [String(obj(entry).name), String(obj(entry).value)]),
  );
  const ports = list(container.ports).map(obj);

  it('lists only files that exist', () => {
    for (const file of resources) expect(existsSync(join(ROOT, dir, file))).toBe(true);
  });

  it('runs two replicas, with a Service, a PodDisruptionBudget and Redis', () => {
    expect(obj(deployment.spec).replicas).toBe(2);
    expect(
      ofKind('Service')
        .map((doc) => obj(doc.metadata).name)
        .sort(),
    ).toEqual(['install-on-linode', 'install-on-linode-redis']);
    expect(ofKind('PodDisruptionBudget')).toHaveLength(1);
    expect(ofKind('Deployment').map((doc) => obj(doc.metadata).name)).toContain('install-on-linode-redis');
  });

  it('sets only variables the app reads, with plain values (secrets come as files)', () => {
    expect(Object.keys(env).filter((name) => !KNOWN.has(name))).toEqual([]);
    expect(list(container.env).every((entry) => typeof obj(entry).value === 'string')).toBe(true);
    for (const name of SECRET_VARIABLES) expect(env[name]).toBeUndefined();
  });

  it('gives the app a valid configuration, every *_FILE being a key of the mounted Secret', () => {
    const mount = obj(list(container.volumeMounts).find((m) => obj(m).name === 'secrets'));
    const volume = obj(list(obj(podSpec).volumes).find((v) => obj(v).name === 'secrets'));
    const secret = obj(volume.secret);
    expect(secret.secretName).toBe('install-on-linode');
    const files = list(secret.items).map((item) => `${String(mount.mountPath)}/${String(obj(item).path)}`);
    expect(() => validate(env, (path) => files.includes(path))).not.toThrow();
  });

  it('probes readiness on /readyz and liveness on /healthz, and both answer 200 on the app', async () => {
    const readiness = obj(obj(container.readinessProbe).httpGet);
    const liveness = obj(obj(container.livenessProbe).httpGet);
    expect([readiness.path, liveness.path]).toEqual(['/readyz', '/healthz']);
    expect(await answers(String(readiness.path))).toBe(200);
    expect(await answers(String(liveness.path))).toBe(200);
    for (const probe of [readiness, liveness]) expect(ports.map((p) => p.name)).toContain(probe.port);
  });

  it('agrees on the port: PORT, the container port, the image’s EXPOSE and the Service target', () => {
    const http = ports.find((p) => p.name === 'http')!;
    expect(http.containerPort).toBe(Number(env.PORT));
    expect(http.containerPort).toBe(exposedPort);
    const service = ofKind('Service').find((doc) => obj(doc.metadata).name === 'install-on-linode')!;
    expect(list(obj(service.spec).ports).map((p) => obj(p).targetPort)).toEqual(['http']);
  });

  it('selects the app’s pods from the Service and the PodDisruptionBudget', () => {
    const service = ofKind('Service').find((doc) => obj(doc.metadata).name === 'install-on-linode')!;
    const pdb = ofKind('PodDisruptionBudget')[0];
    const selects = (selector: Yaml) => Object.entries(selector).every(([key, value]) => podLabels[key] === value);
    expect(selects(obj(obj(service.spec).selector))).toBe(true);
    expect(selects(obj(obj(obj(pdb.spec).selector).matchLabels))).toBe(true);
    expect(obj(pdb.spec).minAvailable).toBe(1);
  });

  it('points the in-cluster Redis Service at the Redis pods', () => {
    const redis = ofKind('Deployment').find((doc) => obj(doc.metadata).name === 'install-on-linode-redis')!;
    const labels = obj(obj(obj(obj(redis.spec).template).metadata).labels);
    const service = ofKind('Service').find((doc) => obj(doc.metadata).name === 'install-on-linode-redis')!;
    expect(Object.entries(obj(obj(service.spec).selector)).every(([key, value]) => labels[key] === value)).toBe(true);
  });
});
