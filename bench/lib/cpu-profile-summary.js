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

const GROUPS = [
  ['templates: compiling', (o, path) => /\/handlebars\/dist\/cjs\/handlebars\/compiler\//.test(path)],
  ['templates: rendering', (o) => o === 'handlebars' || o === 'hbs'],
  [
    'sessions, cookies, CSRF',
    (o) =>
      /^(express-session|cookie|cookie-signature|uid-safe|random-bytes|lru-cache|on-headers)$/.test(o) ||
      /^dist\/(store|common\/csrf)/.test(o),
  ],
  [
    'logging and metrics',
    (o) =>
      /^(pino.*|@pinojs\/.*|sonic-boom|thread-stream|fast-redact|prom-client|nestjs-pino|tdigest|bintrees)$/.test(o) ||
      o.startsWith('dist/observability/'),
  ],
  ['our code (dist/): page model, controllers, middleware', (o) => o.startsWith('dist/')],
  ['framework (Nest, Express, helmet, …)', (o) => !o.startsWith('(') && o !== 'node: internals' && !o.startsWith('/')],
  ['garbage collection', (o) => o === '(garbage collector)'],
  ['outbound HTTP calls (fetch / undici)', (o, path) => /undici/.test(path)],
  ['Node internals, native code (HTTP, sockets, crypto)', () => true],
];

const NODE_GROUP = GROUPS[GROUPS.length - 1][0];
const FETCH_GROUP = 'outbound HTTP calls (fetch / undici)';

/** Which part of the work a function belongs to (first matching group). */
function groupOf(url, functionName) {
  const origin = originOf(url, functionName);
  const path = (url || '').replace(/^file:\/\//, '');
  return GROUPS.find(([, matches]) => matches(origin, path))[0];
}

const SPECIAL = new Set(['(root)', '(program)', '(idle)', '(garbage collector)']);

function summarizeCpuProfile(profile, top = 15) {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parents = new Map();
  for (const node of profile.nodes) for (const child of node.children || []) parents.set(child, node.id);
  /** Native frames say little alone: name them after the nearest JavaScript caller. */
  const onBehalfOfUndici = (id) => {
    for (let at = id; at !== undefined; at = parents.get(at)) {
      if (/undici/.test(nodes.get(at).callFrame.url)) return true;
    }
    return false;
  };
  const nativeCaller = (id) => {
    for (let at = parents.get(id); at !== undefined; at = parents.get(at)) {
      const frame = nodes.get(at).callFrame;
      if (frame.url) return `${frame.functionName || '(anonymous)'} ${originOf(frame.url, frame.functionName)}:${frame.lineNumber + 1}`;
    }
    return null;
  };
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
  const byGroup = new Map(GROUPS.map(([name]) => [name, 0]));
  for (const [id, us] of selfUs) {
    const { functionName, url, lineNumber } = nodes.get(id).callFrame;
    if (functionName === '(idle)') continue;
    let group = groupOf(url, functionName);
    // Node-internal and native work done for an outbound fetch belongs to the fetch.
    if (group === NODE_GROUP && onBehalfOfUndici(id)) group = FETCH_GROUP;
    byGroup.set(group, byGroup.get(group) + us);
    const origin = originOf(url, functionName);
    const caller = !url && !SPECIAL.has(functionName) ? nativeCaller(id) : null;
    const key = caller
      ? `${functionName || '(anonymous)'} (native, called from ${caller})`
      : `${functionName || '(anonymous)'} ${origin}${url ? `:${lineNumber + 1}` : ''}`;
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
    byGroup: [...byGroup].map(([name, us]) => ({ name, percentOfBusy: round((100 * us) / busy, 1) })),
    byOrigin: ranked(byOrigin),
    byFunction: ranked(byFunction),
  };
}

module.exports = { groupOf, originOf, summarizeCpuProfile };
