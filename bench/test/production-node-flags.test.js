'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { join } = require('node:path');
const { mallocEnvOfDockerfile, nodeFlagsOfDockerfile, productionNodeFlags } = require('../lib/production-node-flags');

test('takes the flags between node and the script from the last CMD', () => {
  const dockerfile = 'FROM x\nHEALTHCHECK CMD ["node", "-e", "1"]\nCMD ["node", "--a=1", "--b", "dist/main.js"]\n';
  assert.deepEqual(nodeFlagsOfDockerfile(dockerfile), ['--a=1', '--b']);
});

test('no flags when the CMD is plain node and the script', () => {
  assert.deepEqual(nodeFlagsOfDockerfile('CMD ["node", "dist/main.js"]\n'), []);
});

test('refuses a Dockerfile without an exec-form CMD', () => {
  assert.throws(() => nodeFlagsOfDockerfile('CMD node dist/main.js\n'), /no CMD/);
});

test("reads the project's own Dockerfile", () => {
  assert.ok(Array.isArray(productionNodeFlags(join(__dirname, '..', '..'))));
});

test("takes the Dockerfile's glibc malloc settings, and no other ENV", () => {
  const dockerfile = 'FROM x\nENV NODE_ENV=production \\\n    PORT=5000\nENV MALLOC_ARENA_MAX=2\nCMD ["node", "dist/main.js"]\n';
  assert.deepEqual(mallocEnvOfDockerfile(dockerfile), { MALLOC_ARENA_MAX: '2' });
  assert.deepEqual(mallocEnvOfDockerfile('FROM x\nCMD ["node", "dist/main.js"]\n'), {});
});
