import { readFileSync } from 'node:fs';
import { isNativeError } from 'node:util/types';

/** Variables that may also come from a file named by `<NAME>_FILE` (Docker/Kubernetes secrets). */
export const SECRET_VARIABLES = ['LINODE_CLIENT_ID', 'LINODE_CLIENT_SECRET', 'SESSION_SECRET', 'REDIS_URL', 'METRICS_TOKEN'] as const;
type SecretVariable = (typeof SECRET_VARIABLES)[number];

export type ReadTextFile = (path: string) => string;

/**
 * Reads every `<NAME>_FILE` of `SECRET_VARIABLES` into `env.<NAME>`. Setting both `NAME` and
 * `NAME_FILE` is a mistake (which one wins would be a guess), and so is a file that cannot be read
 * or is empty. An empty variable counts as unset, as with `docker run -e NAME=`. `failed` lists
 * the variables whose file could not be used: already reported, so not "missing" as well.
 */
export function resolveSecretFiles(env: NodeJS.ProcessEnv, readFile: ReadTextFile = (path) => readFileSync(path, 'utf8')) {
  const resolved: Record<string, string | undefined> = { ...env };
  const problems: string[] = [];
  const failed: SecretVariable[] = [];
  for (const name of SECRET_VARIABLES) {
    const fileVariable = `${name}_FILE`;
    const path = env[fileVariable];
    delete resolved[fileVariable];
    if (!path) continue;
    if (env[name]) {
      problems.push(`${name} and ${fileVariable} are both set; set only one of them`);
      continue;
    }
    let content: string;
    try {
      content = readFile(path);
    } catch (error) {
      problems.push(`${fileVariable} names a file that cannot be read: ${path} (${describeFsError(error)})`);
      failed.push(name);
      continue;
    }
    const value = content.replace(/[\r\n]+$/, '');
    if (value === '') {
      problems.push(`${fileVariable} names an empty file: ${path}`);
      failed.push(name);
      continue;
    }
    resolved[name] = value;
  }
  return { env: resolved, problems, failed };
}

function describeFsError(error: unknown): string {
  // isNativeError: fs errors may come from another realm (e.g. under Jest), failing `instanceof Error`.
  if (!isNativeError(error)) return String(error);
  return 'code' in error && typeof error.code === 'string' ? error.code : error.message;
}
