'use strict';
const { describe, it } = require('node:test');
const assert = require('node:assert/strict');
const { mkdtempSync, mkdirSync, writeFileSync, utimesSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { staleReason } = require('../lib/build');

/** A project with src/main.ts, src/sandbox/main.ts and (optionally) their outputs, files dated `at` seconds. */
function project({ built = true, sourceAt = 1_000, outputAt = 2_000 } = {}) {
  const root = mkdtempSync(join(tmpdir(), 'bench-build-'));
  const write = (path, at) => {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), '');
    utimesSync(join(root, path), at, at);
  };
  for (const file of ['tsconfig.json', 'tsconfig.build.json']) write(file, sourceAt);
  write('src/main.ts', sourceAt);
  write('src/main.spec.ts', outputAt + 1_000);
  write('src/sandbox/main.ts', sourceAt);
  if (built) {
    write('dist/main.js', outputAt);
    write('dist/sandbox/main.js', outputAt);
  }
  return { root, write };
}

describe('deciding whether dist/ must be rebuilt', () => {
  it('needs no build when every source has a newer output (specs do not count)', () => {
    assert.equal(staleReason(project().root), null);
  });

  it('builds when dist/ has no entry point', () => {
    assert.match(staleReason(project({ built: false }).root), /dist\/main\.js is missing/);
  });

  it('builds when a source file is newer than its output', () => {
    const { root, write } = project();
    write('src/sandbox/main.ts', 3_000);
    assert.match(staleReason(root), /src\/sandbox\/main\.ts changed/);
  });

  it('builds when a source file without an output appeared after the last build', () => {
    const { root, write } = project();
    write('src/catalog/new.service.ts', 3_000);
    assert.match(staleReason(root), /src\/catalog\/new\.service\.ts is new/);
  });

  it('ignores sources the build leaves out (no output, older than the build)', () => {
    const { root, write } = project();
    write('src/catalog/testing/fixtures.ts', 1_000);
    assert.equal(staleReason(root), null);
  });
});
