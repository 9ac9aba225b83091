'use strict';
/**
 * Where the app spent its CPU in a .cpuprofile: self time by function and by origin (our dist/
 * files, each npm package, Node internals, GC), largest first.
 */
const { round } = require('./load');

/** `…/node_modules/express-session/index.js` → `express-session`; `…/dist/app.setup.js` → `dist/app.setup.js`. */
function originOf(url, functionName) {
  if (!url) {
    if (functionName === '(garbage collector)') return '(garbage collector)';
    if (functionName === '(idle)') return '(idle)';
    if (functionName === '(program)') return '(program: native/V8)';
    return '(native)';
  }
  const path = url.replace(/^file:\/\//, '');
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  if (pkg) return pkg[1];
  const dist = /\/(dist\/.+)$/.exec(path);
  if (dist) return dist[1];
  if (path.startsWith('node:')) return 'node: internals';
  return path;
}

function summarizeCpuProfile(profile, top = 15) {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map();
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i];
    selfUs.set(id, (selfUs.get(id) || 0) + (profile.timeDeltas[i] || 0));
  }
  const total = [...selfUs.values()].reduce((a, b) => a + b, 0) || 1;
  const idle = [...selfUs].filter(([id]) => nodes.get(id).callFrame.functionName === '(idle)').reduce((a, [, us]) => a + us, 0);
  const busy = total - idle || 1;

  const byFunction = new Map();
  const byOrigin = new Map();
  for (const [id, us] of selfUs) {
    const { functionName, url, lineNumber } = nodes.get(id).callFrame;
    if (functionName === '(idle)') continue;
    const origin = originOf(url, functionName);
    const key = `${functionName || '(anonymous)'} ${origin}${url ? `:${lineNumber + 1}` : ''}`;
    byFunction.set(key, (byFunction.get(key) || 0) + us);
    byOrigin.set(origin, (byOrigin.get(origin) || 0) + us);
  }
  const ranked = (map) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, percentOfBusy: round((100 * us) / busy, 1) }));
  return {
    sampledMs: round(total / 1000, 0),
    busyPercent: round((100 * busy) / total, 1),
    byOrigin: ranked(byOrigin),
    byFunction: ranked(byFunction),
  };
}

module.exports = { originOf, summarizeCpuProfile };
