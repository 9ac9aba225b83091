'use strict';
const { describe, it } = require('node:test');
const assert = require('node:assert/strict');
const { originOf, summarizeCpuProfile } = require('../lib/cpu-profile-summary');

describe('summarizing a CPU profile', () => {
  const frame = (functionName, url = '', lineNumber = 0) => ({ functionName, url, lineNumber, columnNumber: 0, scriptId: '0' });
  const profile = {
    nodes: [
      { id: 1, callFrame: frame('(root)') },
      { id: 2, callFrame: frame('(idle)') },
      { id: 3, callFrame: frame('render', 'file:///app/node_modules/handlebars/dist/cjs/handlebars/runtime.js', 9) },
      { id: 4, callFrame: frame('configure', 'file:///app/dist/catalog/configure.controller.js', 19) },
      { id: 5, callFrame: frame('(garbage collector)') },
    ],
    samples: [2, 3, 3, 4, 5, 2],
    timeDeltas: [500, 100, 200, 100, 100, 500],
  };

  it('reports self time as a share of busy (non-idle) time, largest first', () => {
    const summary = summarizeCpuProfile(profile);
    assert.equal(summary.busyPercent, 33.3);
    assert.deepEqual(
      summary.byOrigin.map((o) => [o.name, o.percentOfBusy]),
      [
        ['handlebars', 60],
        ['dist/catalog/configure.controller.js', 20],
        ['(garbage collector)', 20],
      ],
    );
    assert.equal(summary.byFunction[0].name, 'render handlebars:10');
  });

  it('sorts the work into groups, telling template compilation apart from rendering', () => {
    const { groupOf } = require('../lib/cpu-profile-summary');
    const hbs = 'file:///app/node_modules/handlebars/dist/cjs/handlebars';
    assert.equal(groupOf(`${hbs}/compiler/parser.js`, 'parse'), 'templates: compiling');
    assert.equal(groupOf(`${hbs}/runtime.js`, 'invokePartial'), 'templates: rendering');
    assert.equal(groupOf('file:///app/node_modules/express-session/index.js', 'session'), 'sessions, cookies, CSRF');
    assert.equal(groupOf('file:///app/node_modules/pino-http/logger.js', 'loggingMiddleware'), 'logging and metrics');
    assert.equal(groupOf('file:///app/dist/catalog/pricing.js', 'price'), 'our code (dist/): page model, controllers, middleware');
    assert.equal(groupOf('file:///app/node_modules/@nestjs/core/router/router-proxy.js', 'f'), 'framework (Nest, Express, helmet, …)');
    assert.equal(groupOf('', '(garbage collector)'), 'garbage collection');
    assert.equal(groupOf('node:_http_server', 'f'), 'Node internals, native code (HTTP, sockets, crypto)');
  });

  it('names a native function after its nearest JavaScript caller', () => {
    const withNative = {
      nodes: [
        { id: 1, callFrame: frame('(root)'), children: [2] },
        { id: 2, callFrame: frame('writeHead', 'node:_http_server', 40), children: [3] },
        { id: 3, callFrame: frame('writev') },
      ],
      samples: [3],
      timeDeltas: [100],
    };
    assert.equal(summarizeCpuProfile(withNative).byFunction[0].name, 'writev (native, called from writeHead node: internals:41)');
  });

  it('names origins by npm package (scoped too), by our dist file, or as Node internals', () => {
    assert.equal(originOf('file:///x/node_modules/@nestjs/core/router/router-proxy.js', 'f'), '@nestjs/core');
    assert.equal(originOf('file:///x/dist/app.setup.js', 'f'), 'dist/app.setup.js');
    assert.equal(originOf('node:internal/streams/writable', 'f'), 'node: internals');
    assert.equal(originOf('', '(program)'), '(program: native/V8)');
  });
});

describe('work done for outbound calls', () => {
  it('counts Node-internal and native work under a fetch as outbound HTTP', () => {
    const frame = (functionName, url = '') => ({ functionName, url, lineNumber: 0, columnNumber: 0, scriptId: '0' });
    const profile = {
      nodes: [
        { id: 1, callFrame: frame('(root)'), children: [2, 4] },
        { id: 2, callFrame: frame('fetch', 'node:internal/deps/undici/undici'), children: [3] },
        { id: 3, callFrame: frame('writeLatin1String') },
        { id: 4, callFrame: frame('parserOnHeadersComplete', 'node:_http_common') },
      ],
      samples: [3, 4],
      timeDeltas: [100, 100],
    };
    const groups = Object.fromEntries(summarizeCpuProfile(profile).byGroup.map((g) => [g.name, g.percentOfBusy]));
    assert.equal(groups['outbound HTTP calls (fetch / undici)'], 50);
    assert.equal(groups['Node internals, native code (HTTP, sockets, crypto)'], 50);
  });
});
