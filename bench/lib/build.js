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

/**
 * Why dist/ must be rebuilt, or null when it is current: a source newer than its output, or a
 * source without an output that appeared after the last build (files the build config excludes,
 * e.g. test helpers, have no output and are older than the build, so they do not count).
 */
function staleReason(root) {
  for (const entry of ENTRY_POINTS) {
    if (!existsSync(join(root, entry))) return `${entry} is missing`;
  }
  const src = join(root, 'src');
  const lastBuild = Math.max(...ENTRY_POINTS.map((entry) => statSync(join(root, entry)).mtimeMs), newestOutput(join(root, 'dist')));
  for (const source of builtSources(src)) {
    const output = join(root, 'dist', relative(src, source).replace(/\.ts$/, '.js'));
    const sourceTime = statSync(source).mtimeMs;
    if (existsSync(output)) {
      if (sourceTime > statSync(output).mtimeMs) return `${relative(root, source)} changed since the last build`;
    } else if (sourceTime > lastBuild) {
      return `${relative(root, source)} is new since the last build`;
    }
  }
  return null;
}

function newestOutput(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestOutput(path));
    else if (entry.name.endsWith('.js')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
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
