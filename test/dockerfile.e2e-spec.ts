/**
 * The production Dockerfile, read as a specification: what the image is built from, who it runs as,
 * where it listens, how it is probed and started. Static and fast; building and starting the image is
 * scripts/container-smoke.sh's job.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { envPairs, parseDockerfile, type Instruction } from './support/dockerfile';

const repoRoot = resolve(__dirname, '..');
/** The V8 heap flags production starts with (see the Dockerfile's comment). */
const PRODUCTION_NODE_FLAGS = ['--max-semi-space-size=16', '--no-allocation-site-pretenuring'];

/**
 * Whether the build context keeps a path, by .dockerignore's rules: the last pattern matching the path
 * or one of its parent folders wins, and `!` patterns put a path back.
 */
function dockerignoreKeeps(patterns: string[], path: string): boolean {
  const toRegExp = (glob: string): RegExp => {
    const source = glob
      .replace(/^\/+|\/+$/g, '')
      .split(/(\*\*\/|\*\*|\*|\?)/)
      .map((token) => {
        switch (token) {
          case '**/':
            return '(?:.*/)?';
          case '**':
            return '.*';
          case '*':
            return '[^/]*';
          case '?':
            return '[^/]';
          default:
            return token.replace(/[.+^${}()|[\]\\]/g, '\\$&');
        }
      })
      .join('');
    return new RegExp(`^${source}$`);
  };
  const segments = path.split('/');
  const selfAndParents = segments.map((_, i) => segments.slice(0, i + 1).join('/'));
  let kept = true;
  for (const pattern of patterns) {
    const negated = pattern.startsWith('!');
    const regExp = toRegExp(negated ? pattern.slice(1) : pattern);
    if (selfAndParents.some((candidate) => regExp.test(candidate))) kept = negated;
  }
  return kept;
}

const dockerfile = readFileSync(join(repoRoot, 'Dockerfile'), 'utf8');
const stages = parseDockerfile(dockerfile);
const runtime = stages[stages.length - 1];
const stageNames = new Set(stages.map((stage) => stage.name?.toLowerCase()));
const inRuntime = (keyword: string): Instruction[] => runtime.instructions.filter((instruction) => instruction.keyword === keyword);
const lastInRuntime = (keyword: string): Instruction | undefined => inRuntime(keyword).at(-1);
const runtimeEnv = (): Record<string, string> => Object.assign({}, ...inRuntime('ENV').map((instruction) => envPairs(instruction.args)));

/** Paths the Dockerfile COPYs or ADDs from the build context (not from another stage). */
const contextSources = stages
  .flatMap((stage) => stage.instructions)
  .filter((i) => (i.keyword === 'COPY' || i.keyword === 'ADD') && !/--from=/.test(i.args))
  .flatMap((copy) =>
    copy.args
      .split(/\s+/)
      .filter((word) => !word.startsWith('--'))
      .slice(0, -1),
  );
const isDirectory = (source: string): boolean => {
  const path = join(repoRoot, source);
  return existsSync(path) && statSync(path).isDirectory();
};

const holdsAFile = (folder: string): boolean =>
  readdirSync(folder, { withFileTypes: true }).some(
    (entry) => entry.isFile() || (entry.isDirectory() && holdsAFile(join(folder, entry.name))),
  );

const ignorePatterns = readFileSync(join(repoRoot, '.dockerignore'), 'utf8')
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line !== '' && !line.startsWith('#'));

// An official Node LTS image on Debian, in its slim variant; optionally fully qualified or pinned by digest.
const officialNodeSlim = /^(docker\.io\/(library\/)?)?node:(\d+)(\.\d+){0,2}-(bookworm|trixie)-slim(@sha256:[0-9a-f]{64})?$/;

describe('Dockerfile', () => {
  it('builds in more than one stage, so compilers and dev dependencies stay out of the final image', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
  });

  it('starts every stage from the official Node slim image of an even-numbered (LTS) release', () => {
    const bases = stages.map((stage) => stage.from).filter((from) => !stageNames.has(from.toLowerCase()));
    expect(bases.length).toBeGreaterThan(0);
    for (const base of bases) {
      const match = officialNodeSlim.exec(base);
      expect(match).not.toBeNull();
      expect(Number(match?.[3]) % 2).toBe(0);
    }
  });

  it('runs on Node.js 24 LTS, the release the test suite runs on in CI', () => {
    for (const stage of stages.filter((stage) => !stageNames.has(stage.from.toLowerCase()))) {
      expect(stage.from).toMatch(/(^|\/)node:24-bookworm-slim(@sha256:[0-9a-f]{64})?$/);
    }
  });

  it('runs on the same base it builds on, so native modules match the runtime Node and libc', () => {
    expect(runtime.from).toBe(stages[0].from);
  });

  it('installs from the lockfile with npm ci', () => {
    const runs = stages.flatMap((stage) => stage.instructions.filter((i) => i.keyword === 'RUN'));
    expect(runs.some((run) => /\bnpm ci\b/.test(run.args))).toBe(true);
  });

  it('drops dev dependencies before node_modules reaches the final stage', () => {
    const builders = stages.slice(0, -1).flatMap((stage) => stage.instructions.filter((i) => i.keyword === 'RUN'));
    expect(builders.some((run) => /npm (prune|ci)\b.*--omit=dev/.test(run.args))).toBe(true);
    const copiesNodeModules = inRuntime('COPY').filter((copy) => copy.args.includes('node_modules'));
    expect(copiesNodeModules.every((copy) => /--from=/.test(copy.args))).toBe(true);
  });

  it('does not install dependencies in the final stage', () => {
    expect(inRuntime('RUN').filter((run) => /\bnpm (ci|install|i)\b/.test(run.args))).toEqual([]);
  });

  it('runs the app as a user other than root', () => {
    const user = lastInRuntime('USER')?.args.split(':')[0];
    expect(user).toBeDefined();
    expect(['root', '0']).not.toContain(user);
  });

  it('sets NODE_ENV=production', () => {
    expect(runtimeEnv().NODE_ENV).toBe('production');
  });

  it('listens on all interfaces inside the container (HOST=0.0.0.0), on PORT 5000', () => {
    expect(runtimeEnv()).toMatchObject({ HOST: '0.0.0.0', PORT: '5000' });
  });

  it('exposes port 5000', () => {
    const exposed = inRuntime('EXPOSE').flatMap((expose) => expose.args.split(/\s+/));
    expect(exposed.map((port) => port.replace(/\/tcp$/, ''))).toContain('5000');
  });

  it('declares a HEALTHCHECK that probes /healthz with node, since slim images have no curl or wget', () => {
    const healthcheck = lastInRuntime('HEALTHCHECK');
    expect(healthcheck?.args).toMatch(/\bCMD\b/);
    expect(healthcheck?.args).toContain('/healthz');
    expect(healthcheck?.args).toMatch(/\bnode\b/);
    expect(healthcheck?.args).not.toMatch(/\b(curl|wget)\b/);
  });

  it('starts with CMD ["node", <heap flags>, "dist/main.js"] in exec form, so node receives SIGTERM directly', () => {
    const cmd = lastInRuntime('CMD');
    expect(cmd).toBeDefined();
    expect(JSON.parse(cmd?.args ?? 'null')).toEqual(['node', ...PRODUCTION_NODE_FLAGS, 'dist/main.js']);
    expect(inRuntime('ENTRYPOINT')).toEqual([]);
  });

  it('runs node with the same flags under npm start as in the image', () => {
    const { scripts } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(scripts.start.split(/\s+/)).toEqual(['node', ...PRODUCTION_NODE_FLAGS, 'scripts/start.js']);
  });

  it('passes dockerfilelint', () => {
    const lint = spawnSync(join(repoRoot, 'node_modules', '.bin', 'dockerfilelint'), ['-o', 'json', 'Dockerfile'], {
      cwd: repoRoot,
      encoding: 'utf8',
      timeout: 20_000,
    });
    const report = JSON.parse(lint.stdout) as { totalIssues: number; files: { issues: unknown[] }[] };
    expect(report.files.flatMap((file) => file.issues)).toEqual([]);
    expect(lint.status).toBe(0);
  });
});

describe('.dockerignore', () => {
  it.each(['.env', '.git/HEAD', 'node_modules/zod/package.json', 'dist/main.js', 'test/journey.e2e-spec.ts'])(
    'keeps %s out of the build context',
    (path) => {
      expect(dockerignoreKeeps(ignorePatterns, path)).toBe(false);
    },
  );

  it('lets in every file the Dockerfile copies from the build context', () => {
    expect(contextSources.length).toBeGreaterThan(0);
    for (const source of contextSources) {
      const sample = isDirectory(source) ? `${source}/some-file` : source;
      expect({ source, kept: dockerignoreKeeps(ignorePatterns, sample) }).toEqual({ source, kept: true });
    }
  });

  // git keeps no folder without a file in it, so such a folder would be missing from a fresh clone and fail the COPY.
  it('has every file and folder the Dockerfile copies present, each folder holding at least one file', () => {
    for (const source of contextSources) {
      const path = join(repoRoot, source);
      const present = isDirectory(source) ? holdsAFile(path) : existsSync(path);
      expect({ source, present }).toEqual({ source, present: true });
    }
  });
});
