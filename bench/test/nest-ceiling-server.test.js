'use strict';
const { describe, it, after } = require('node:test');
const assert = require('node:assert/strict');
const { mkdtempSync, rmSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { request } = require('../lib/http-client');
const { startCeiling } = require('../lib/stack');

describe('the minimal NestJS baseline', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nest-ceiling-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('answers every path with the page’s bytes and the app’s Content-Type, and no ETag', async () => {
    const file = join(dir, 'page.html');
    const page = '<!doctype html><title>Déploy</title><form method="post"></form>';
    writeFileSync(file, page);
    const nest = await startCeiling(file, 'text/html; charset=utf-8', { kind: 'nest' });
    try {
      for (const path of ['', 's/abc', 'price-summary?type=x']) {
        const res = await request(`${nest.url}${path}`);
        assert.equal(res.status, 200);
        assert.equal(res.headers['content-type'], 'text/html; charset=utf-8');
        assert.equal(res.headers.etag, undefined);
        assert.deepEqual(res.raw, Buffer.from(page));
      }
    } finally {
      await nest.close();
    }
  });
});
