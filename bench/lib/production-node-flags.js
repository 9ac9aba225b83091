'use strict';
/**
 * The node flags production starts the app with, read from the Dockerfile's CMD (exec form,
 * `["node", ...flags, "dist/main.js"]`), and its glibc malloc settings (`ENV MALLOC_…`), so the
 * bench measures the app as it ships. `npm start` carries the same flags (a test holds the two
 * together).
 */
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

/** The flags between `node` and the script in a Dockerfile's last CMD; [] when there are none. */
function nodeFlagsOfDockerfile(text) {
  const cmds = [...text.matchAll(/^CMD\s+(\[.*\])\s*$/gm)];
  if (cmds.length === 0) throw new Error('the Dockerfile has no CMD in exec form');
  const [command, ...args] = JSON.parse(cmds[cmds.length - 1][1]);
  if (command !== 'node') throw new Error(`the Dockerfile's CMD does not start node: ${command}`);
  return args.slice(0, -1);
}

function productionNodeFlags(root) {
  return nodeFlagsOfDockerfile(readFileSync(join(root, 'Dockerfile'), 'utf8'));
}

/** The glibc malloc tunables (`ENV MALLOC_…=value`) a Dockerfile sets: the app's memory depends on them too. */
function mallocEnvOfDockerfile(text) {
  return Object.fromEntries([...text.matchAll(/^ENV\s+(MALLOC_\w+)=(\S+)\s*$/gm)].map((m) => [m[1], m[2]]));
}

function productionMallocEnv(root) {
  return mallocEnvOfDockerfile(readFileSync(join(root, 'Dockerfile'), 'utf8'));
}

module.exports = { mallocEnvOfDockerfile, nodeFlagsOfDockerfile, productionMallocEnv, productionNodeFlags };
