'use strict';
/** The results as Markdown tables: printed by `npm run bench` and pasted into BENCHMARKS.md. */

function num(value, digits = 1) {
  if (value === null || value === undefined || Number.isNaN(value)) return '–';
  if (Math.abs(value) >= 100) return Math.round(value).toLocaleString('en-US');
  return Number(value.toFixed(digits)).toString();
}

function table(header, rows) {
  const lines = [`| ${header.join(' | ')} |`, `|${header.map((h, i) => (i === 0 ? '---' : '---:')).join('|')}|`];
  for (const row of rows) lines.push(`| ${row.join(' | ')} |`);
  return lines.join('\n');
}

function problems(cell) {
  const parts = [];
  if (cell.non2xx) parts.push(`${cell.non2xx} non-2xx`);
  if (cell.errors) parts.push(`${cell.errors} errors`);
  if (cell.timeouts) parts.push(`${cell.timeouts} timeouts`);
  return parts.join(', ') || '0';
}

/** CPU used by other processes on the machine during the cell, as a share of all cores. */
function load(cell) {
  return cell.otherLoadPercent === null || cell.otherLoadPercent === undefined ? '–' : `${cell.otherLoadPercent} %`;
}

function latencyLabel(ms) {
  return `+${ms} ms`;
}

function machineLine(m) {
  return `${m.cpuModel}, ${m.cores} cores, ${m.memoryGiB} GiB RAM, ${m.platform}, Node ${m.nodeVersion}; run ${m.date.slice(0, 16).replace('T', ' ')} UTC`;
}

const NOISY_LOAD_PERCENT = 25;

/** Every measured cell of a run: page, ceiling, other requests, journeys. */
function allCells(r) {
  const cells = [...(r.ceiling ? r.ceiling.cells : [])];
  for (const run of r.runs) {
    cells.push(...run.page.cells, ...(run.journeys || []));
    for (const cell of [
      run.healthz,
      run.pageWithSession,
      run.fragments && run.fragments.priceSummary,
      run.fragments && run.fragments.deploymentStatus,
    ]) {
      if (cell && cell.rps !== undefined) cells.push(cell);
    }
  }
  return cells;
}

function renderMarkdown(r) {
  const out = [];
  out.push(`Machine: ${machineLine(r.machine)}.`);
  out.push(
    `Each load cell runs ${r.settings.cellDurationS} s (autocannon, keep-alive); the whole run took ${r.runSeconds ?? '?'} s. ` +
      '"other load" is the CPU that processes other than the benchmark, the app and the sandbox used meanwhile, as a share of all cores: where it is high, the row measured a shared machine.',
  );
  const cells = allCells(r).filter((c) => c.otherLoadPercent !== null && c.otherLoadPercent !== undefined);
  const noisy = cells.filter((c) => c.otherLoadPercent >= NOISY_LOAD_PERCENT);
  if (noisy.length) {
    out.push(
      `\n> **Note:** ${noisy.length} of ${cells.length} cells ran while other processes used ≥ ${NOISY_LOAD_PERCENT} % of the machine's CPU (see "other load"): their req/s and latencies understate the app; CPU ms per request is the steadier figure.`,
    );
  }
  out.push('\n### GET / (the configure page)\n');
  const pageRows = [];
  for (const run of r.runs) {
    for (const cell of run.page.cells) {
      pageRows.push([
        `sandbox ${latencyLabel(run.sandboxLatencyMs)}`,
        cell.connections,
        num(cell.rps),
        num(cell.latencyMs.p50, 2),
        num(cell.latencyMs.p99, 2),
        cell.ratioToCeiling === null || cell.ratioToCeiling === undefined ? '–' : `${num(cell.ratioToCeiling * 100, 1)} %`,
        num(cell.appCpuMsPerRequest, 3),
        num(cell.upstreamCallsPer1000),
        load(cell),
        problems(cell),
      ]);
    }
  }
  for (const cell of r.ceiling ? r.ceiling.cells : []) {
    pageRows.push([
      'bare node:http, same bytes',
      cell.connections,
      num(cell.rps),
      num(cell.latencyMs.p50, 2),
      num(cell.latencyMs.p99, 2),
      '100 %',
      num(cell.appCpuMsPerRequest, 3),
      '–',
      load(cell),
      problems(cell),
    ]);
  }
  out.push(
    table(
      [
        'server',
        'connections',
        'req/s',
        'p50 ms',
        'p99 ms',
        'of ceiling',
        'server CPU ms / req',
        'Linode calls / 1,000 views',
        'other load',
        'failures',
      ],
      pageRows,
    ),
  );

  const withSession = r.runs.filter((run) => run.pageWithSession);
  const fragmentRows = [];
  for (const run of r.runs) {
    const cells = [
      ['GET /healthz (the middleware floor: no template, no session)', run.healthz],
      ['GET / with a session cookie (returning visitor)', run.pageWithSession],
      [`GET ${run.fragments.priceSummary.path} (HX-Request)`, run.fragments.priceSummary],
      [`GET ${run.fragments.deploymentStatus.path}, server booting`, run.fragments.deploymentStatus],
    ];
    for (const [name, cell] of cells) {
      if (!cell) continue;
      if (cell.rps === undefined) {
        fragmentRows.push([
          name,
          latencyLabel(run.sandboxLatencyMs),
          '–',
          '–',
          '–',
          '–',
          '–',
          '–',
          `answered ${cell.status}, not measured`,
        ]);
        continue;
      }
      fragmentRows.push([
        name,
        latencyLabel(run.sandboxLatencyMs),
        num(cell.rps),
        num(cell.latencyMs.p50, 2),
        num(cell.latencyMs.p99, 2),
        num(cell.appCpuMsPerRequest, 3),
        num(cell.upstreamCallsPer1000),
        load(cell),
        problems(cell),
      ]);
    }
  }
  if (fragmentRows.length || withSession.length) {
    out.push(
      `\n### Other requests: the middleware floor, a returning visitor, the htmx fragments (${r.settings.fragmentConnections} connections)\n`,
    );
    out.push(
      table(
        ['request', 'sandbox', 'req/s', 'p50 ms', 'p99 ms', 'app CPU ms / req', 'Linode calls / 1,000', 'other load', 'failures'],
        fragmentRows,
      ),
    );
  }

  out.push('\n### Whole journey (configure → submit → consent → callback → deployment page)\n');
  const journeyRows = [];
  const hopRows = [];
  for (const run of r.runs) {
    for (const cell of run.journeys || []) {
      const failures = Object.values(cell.errors).reduce((a, b) => a + b, 0);
      journeyRows.push([
        latencyLabel(run.sandboxLatencyMs),
        cell.concurrency,
        num(cell.perSecond),
        `${num(cell.totalMs.p50)} / ${num(cell.totalMs.p99)}`,
        `${num(cell.appMs.p50)} / ${num(cell.appMs.p99)}`,
        `${num(cell.sandboxMs.p50)} / ${num(cell.sandboxMs.p99)}`,
        `${num(cell.appCpuMsPerJourney)} / ${num(cell.sandboxCpuMsPerJourney)}`,
        num(cell.upstreamCallsPerJourney),
        load(cell),
        failures ? `${failures} of ${cell.journeys + failures}` : '0',
      ]);
      const h = cell.hopsMsP50;
      if (h.configure !== undefined) {
        hopRows.push([
          latencyLabel(run.sandboxLatencyMs),
          cell.concurrency,
          num(h.configure, 2),
          num(h.submit, 2),
          num(h.consent, 2),
          `${num(h.callback, 2)} (${num(h.callbackUpstream, 2)})`,
          num(h.deployment, 2),
        ]);
      }
    }
  }
  out.push(
    table(
      [
        'sandbox',
        'at a time',
        'journeys/s',
        'total p50 / p99 ms',
        'app share p50 / p99 ms',
        'sandbox share p50 / p99 ms',
        'CPU ms / journey: app / sandbox',
        'Linode calls / journey',
        'other load',
        'failures',
      ],
      journeyRows,
    ),
  );
  if (hopRows.length) {
    out.push("\nMedian time per hop (ms); the callback's time waiting on Linode in brackets:\n");
    out.push(
      table(['sandbox', 'at a time', 'GET /', 'POST /', 'consent (sandbox)', 'GET /auth_callback', 'GET /deployments/:id'], hopRows),
    );
  }

  out.push('\n### Start-up and memory (app process)\n');
  out.push(
    table(
      [
        'sandbox',
        'spawn → listening',
        'spawn → ready (/readyz 200)',
        'RSS (V8 heap used) idle',
        'after GET / load',
        'after all load',
        'peak RSS',
      ],
      r.runs.map((run) => [
        latencyLabel(run.sandboxLatencyMs),
        `${run.startup.listeningMs} ms`,
        `${run.startup.readyMs} ms`,
        mib(run.memory.idle),
        mib(run.memory.afterPageLoad),
        mib(run.memory.afterAllLoad),
        run.memory.afterAllLoad ? `${num(run.memory.afterAllLoad.peakRssMiB)} MiB` : '–',
      ]),
    ),
  );

  if (r.sandboxMemory) out.push(`\n${renderSandboxMemory(r.sandboxMemory)}`);

  if (r.retainedHeap && r.retainedHeap.views) {
    const kept = r.retainedHeap;
    out.push(
      `\nHeap kept by anonymous GET / views (measured in the profiled process, after full garbage collections): ${num(kept.totalKiB)} KiB for ${kept.views.toLocaleString('en-US')} views, about ${num(kept.bytesPerView)} bytes per view.`,
    );
  }

  const probe = r.runs[0] && r.runs[0].page.probe;
  if (probe) {
    out.push('\n### What GET / sends\n');
    const facts = [
      `${probe.bytes.toLocaleString('en-US')} bytes of HTML (${probe.headerBytes.toLocaleString('en-US')} bytes of headers); to a browser (Accept-Encoding: gzip, deflate, br): ${probe.contentEncodingForBrowser ? `${probe.contentEncodingForBrowser}, ${probe.bytesForBrowser.toLocaleString('en-US')} bytes` : 'not compressed'}`,
      `Cache-Control: ${probe.cacheControl || '(none)'}; ETag: ${probe.etag ? 'yes' : 'no'}`,
      `anonymous view sets a cookie: ${probe.anonymousViewSetsCookie ? 'yes' : 'no'}${probe.anonymousViewsGetDistinctSessions ? ' (a new session for every anonymous view)' : ''}; returning view re-sends it: ${probe.returningViewSetsCookieAgain ? 'yes' : 'no'}`,
    ];
    for (const asset of probe.staticAssets) {
      facts.push(
        `${asset.path}: ${asset.bytes.toLocaleString('en-US')} bytes, ${asset.contentEncoding || 'not compressed'}, Cache-Control: ${asset.cacheControl || '(none)'}, ETag: ${asset.etag ? `yes (conditional GET → ${asset.conditionalGetStatus})` : 'no'}`,
      );
    }
    out.push(facts.map((f) => `- ${f}`).join('\n'));
  }

  if (r.profile) {
    for (const [name, profile] of Object.entries(r.profile)) {
      out.push(`\n### Where the app's CPU goes: ${name} (separate profiled process, ${profile.busyPercent} % busy)\n`);

      if (profile.byGroup) {
        const groups = [...profile.byGroup].sort((a, b) => b.percentOfBusy - a.percentOfBusy);
        out.push(
          table(
            ['part of the work (self time)', '% of busy'],
            groups.map((g) => [g.name, num(g.percentOfBusy)]),
          ),
        );
        out.push('');
      }
      out.push(
        table(
          ['origin (self time)', '% of busy', 'function (self time)', '% of busy'],
          Array.from({ length: Math.max(profile.byOrigin.length, profile.byFunction.length) }, (_, i) => [
            profile.byOrigin[i] ? `\`${profile.byOrigin[i].name}\`` : '',
            profile.byOrigin[i] ? num(profile.byOrigin[i].percentOfBusy) : '',
            profile.byFunction[i] ? `\`${profile.byFunction[i].name}\`` : '',
            profile.byFunction[i] ? num(profile.byFunction[i].percentOfBusy) : '',
          ]),
        ),
      );
    }
  }

  if (r.observations && r.observations.length) {
    out.push('\n### Observations (derived from these numbers)\n');
    out.push(r.observations.map((o) => `- ${o}`).join('\n'));
  }
  return out.join('\n');
}

/**
 * The sandbox's memory after each thousand journeys: RSS as it was, then RSS and V8 heap after a
 * full garbage collection (what the sandbox really keeps), and whether that still grew.
 */
function renderSandboxMemory(m) {
  const out = ['### Sandbox memory over a long run (sandbox process)\n'];
  out.push(
    `${m.journeys.toLocaleString('en-US')} journeys, ${m.concurrency} at a time (${num(m.perSecond)}/s), Linodes expiring after ${m.instanceTtlMs} ms; sandbox RSS idle before: ${m.idle ? `${num(m.idle.rssMiB)} MiB` : '–'}.\n`,
  );
  const mibOf = (value) => (value === null || value === undefined ? '–' : `${num(value)} MiB`);
  out.push(
    table(
      ['after journeys', 'sandbox RSS', 'peak RSS so far', 'RSS after a full GC', 'V8 heap kept (after a full GC)', 'seconds in'],
      m.samples.map((s) => [
        s.journeys.toLocaleString('en-US'),
        mibOf(s.rssMiB),
        mibOf(s.peakRssMiB),
        mibOf(s.rssAfterGcMiB),
        mibOf(s.heapAfterGcMiB),
        num(s.atS),
      ]),
    ),
  );
  const { rss, rssAfterGc, heapAfterGc } = m.trends || {};
  const signed = (value) => (value === null ? '–' : `${value > 0 ? '+' : ''}${num(value)} MiB`);
  if (heapAfterGc && heapAfterGc.lastStretch) {
    const { from, to } = heapAfterGc.lastStretch;
    out.push(
      `\nFrom ${from.toLocaleString('en-US')} to ${to.toLocaleString('en-US')} journeys: heap kept ${signed(heapAfterGc.changeMiB)} (${heapAfterGc.flat ? 'flat' : 'still growing'}, tolerance ${num(heapAfterGc.toleranceMiB)} MiB); ` +
        `RSS ${signed(rss ? rss.changeMiB : null)}; RSS after a full collection ${signed(rssAfterGc ? rssAfterGc.changeMiB : null)}. ` +
        `At the end: ${m.atEnd.liveInstances} live Linodes, ${m.atEnd.tokensRemembered} tokens remembered.`,
    );
  }
  const failures = Object.entries(m.errors || {});
  if (failures.length) out.push(`\nFailed journeys: ${failures.map(([why, n]) => `${n} × ${why}`).join('; ')}`);
  return out.join('\n');
}

function mib(memory) {
  if (!memory || memory.rssMiB === undefined) return '–';
  return `${num(memory.rssMiB)} MiB` + (memory.heapUsedMiB ? ` (${num(memory.heapUsedMiB)})` : '');
}

module.exports = { renderMarkdown, renderSandboxMemory, table, num };
