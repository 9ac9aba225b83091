'use strict';
/**
 * Makes sure dist/ is a complete, current production build before anything is measured: a stale
 * or half-written build would give numbers for code that no longer exists.
 */
const { spawnSync } = require('node:child_process');
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join, relative } = require('node:path');

const ENTRY_POINTS = ['dist/main.js', 'dist/sandbox/main.js'];

function* builtSources(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* builtSources(path);
    else if (/\.ts$/.test(entry.name) && !/\.(spec|d)\.ts$/.test(entry.name)) yield path;
  }
}

/** Why dist/ must be rebuilt, or null when every source file has an output at least as new. */
function staleReason(root) {
  for (const entry of ENTRY_POINTS) {
    if (!existsSync(join(root, entry))) return `${entry} is missing`;
  }
  const src = join(root, 'src');
  for (const source of builtSources(src)) {
    const output = join(root, 'dist', relative(src, source).replace(/\.ts$/, '.js'));
    if (!existsSync(output)) return `${relative(root, output)} is missing`;
    if (statSync(source).mtimeMs > statSync(output).mtimeMs) return `${relative(root, source)} changed since the last build`;
  }
  return null;
}

/**
 * Runs `npm run build` when dist/ is missing or stale. A failed build stops the run: measuring
 * whatever the compiler managed to emit would be measuring a broken app.
 */
function ensureBuilt(root, log) {
  const reason = staleReason(root);
  if (reason === null) {
    log('dist/ is up to date');
    return;
  }
  log(`building (${reason}): npm run build`);
  const result = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    throw new Error(`npm run build failed (exit ${result.status}); fix the build before benchmarking`);
  }
  for (const entry of ENTRY_POINTS) {
    if (!existsSync(join(root, entry))) throw new Error(`the build finished but ${entry} is missing`);
  }
}

module.exports = { ensureBuilt, staleReason };
