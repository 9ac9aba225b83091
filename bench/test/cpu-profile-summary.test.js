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
    assert.deepEqual(summary.byOrigin.map((o) => [o.name, o.percentOfBusy]), [
      ['handlebars', 60],
      ['dist/catalog/configure.controller.js', 20],
      ['(garbage collector)', 20],
    ]);
    assert.equal(summary.byFunction[0].name, 'render handlebars:10');
  });

  it('names origins by npm package (scoped too), by our dist file, or as Node internals', () => {
    assert.equal(originOf('file:///x/node_modules/@nestjs/core/router/router-proxy.js', 'f'), '@nestjs/core');
    assert.equal(originOf('file:///x/dist/app.setup.js', 'f'), 'dist/app.setup.js');
    assert.equal(originOf('node:internal/streams/writable', 'f'), 'node: internals');
    assert.equal(originOf('', '(program)'), '(program: native/V8)');
  });
});
