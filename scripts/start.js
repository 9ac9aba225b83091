'use strict';
/**
 * `npm start`: reads `.env` when there is one, then runs the built app. Variables already set in
 * the environment win over the file (process.loadEnvFile never overwrites them), as with Node's
 * --env-file. A plain script instead of `node --env-file-if-exists` so that an older Node still
 * starts, with a clear word about the supported versions instead of "bad option". The node flags
 * that size the heap are on the npm script itself (package.json), the same as the Dockerfile's CMD.
 */
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  process.stderr.write(
    `Warning: Node.js ${process.version} is end-of-life and not supported; install-on-linode supports Node.js 24 LTS (and 22).\n`,
  );
}
const envFile = join(process.cwd(), '.env');
if (existsSync(envFile)) process.loadEnvFile(envFile);
require(join(__dirname, '..', 'dist', 'main.js'));
