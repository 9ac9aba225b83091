'use strict';
/**
 * Plain sentences about what the numbers show, written from the results alone (so they stay true
 * when the numbers change): ceilings, sessions, compression, upstream calls, hot spots.
 */
const { num } = require('./render');

const pct = (ratio) => `${num(ratio * 100, 1)} %`;

function deriveObservations(r) {
  const notes = [];
  const base = r.runs.find((run) => run.sandboxLatencyMs === 0) || r.runs[0];
  const slow = r.runs.find((run) => run !== base);
  if (!base) return notes;
  const cellAt = (run, connections) => run.page.cells.find((c) => c.connections === connections);

  const busiest = cellAt(base, 16) || base.page.cells[0];
  if (busiest && busiest.ratioToCeiling) {
    notes.push(
      `GET / at ${busiest.connections} connections: ${num(busiest.rps)} req/s, ${pct(busiest.ratioToCeiling)} of what a bare node:http server does with the same bytes on this machine.`,
    );
  }

  const bare = r.ceiling && r.ceiling.cells.find((c) => busiest && c.connections === busiest.connections);
  if (busiest && busiest.appCpuMsPerRequest && bare && bare.appCpuMsPerRequest) {
    notes.push(
      `CPU per request, which a busy machine distorts far less than req/s: GET / takes ${num(busiest.appCpuMsPerRequest, 2)} ms of the app's CPU, the bare server ${num(bare.appCpuMsPerRequest, 3)} ms for the same bytes (${num(busiest.appCpuMsPerRequest / bare.appCpuMsPerRequest, 0)}×).`,
    );
  }
  if (base.healthz && base.healthz.appCpuMsPerRequest && busiest && busiest.appCpuMsPerRequest) {
    const floorMs = base.healthz.appCpuMsPerRequest;
    const pageMs = busiest.appCpuMsPerRequest;
    notes.push(
      `GET /healthz, which passes every middleware but renders nothing and creates no session, takes ${num(floorMs, 2)} ms of CPU: about ${num((100 * floorMs) / pageMs, 0)} % of GET /'s ${num(pageMs, 2)} ms is the per-request middleware; the rest is the page model, the templates and the session.`,
    );
  }

  const probe = base.page.probe;
  if (probe.anonymousViewsGetDistinctSessions) {
    const views = base.page.cells.reduce((n, c) => n + c.requests, 0);
    const grew = base.memory.idle && base.memory.afterPageLoad ? base.memory.afterPageLoad.rssMiB - base.memory.idle.rssMiB : null;
    notes.push(
      `Every anonymous GET / creates and stores a new session (a fresh Set-Cookie each time): the page cells alone created about ${views.toLocaleString('en-US')} sessions` +
        (grew !== null
          ? `; the app's RSS grew by ${num(grew)} MiB meanwhile (most of it heap not yet given back; what the sessions themselves keep is the heap-per-view figure).`
          : '.'),
    );
  }
  if (probe.returningViewSetsCookieAgain) {
    notes.push(
      "A returning visitor's GET / re-sends Set-Cookie (rolling session): the session is written back to the store on every view.",
    );
  }
  if (base.pageWithSession && busiest) {
    notes.push(
      `GET / with a session cookie: ${num(base.pageWithSession.rps)} req/s vs ${num(busiest.rps)} req/s for anonymous views at ${base.pageWithSession.connections} connections.`,
    );
  }
  if (!probe.contentEncodingForBrowser) {
    notes.push(
      `GET / is sent uncompressed even when the browser accepts gzip/br: ${probe.bytes.toLocaleString('en-US')} bytes` +
        (probe.gzipBytes ? ` (gzip would make it ${probe.gzipBytes.toLocaleString('en-US')}).` : '.'),
    );
  }
  const uncompressed = probe.staticAssets.filter((a) => !a.contentEncoding && a.bytes > 1024);
  if (uncompressed.length) {
    notes.push(
      `Static files sent uncompressed: ${uncompressed.map((a) => `${a.path} (${a.bytes.toLocaleString('en-US')} bytes${a.gzipBytes ? `, ${a.gzipBytes.toLocaleString('en-US')} gzipped` : ''})`).join(', ')}.`,
    );
  }

  const logging = base.page.cells.filter((c) => c.appLogBytes > 0);
  if (logging.length) {
    notes.push(
      `The app writes to stdout/stderr while serving GET / (LOG_LEVEL=warn): ${logging.map((c) => `${num(c.appLogBytes / c.requests)} bytes per request at ${c.connections} connections`).join(', ')}.`,
    );
  }

  for (const run of r.runs) {
    const calling = run.page.cells.filter((c) => c.upstreamCallsPer1000 > 0);
    if (calling.length) {
      notes.push(
        `With the sandbox at +${run.sandboxLatencyMs} ms, GET / made Linode calls during load: ${calling.map((c) => `${num(c.upstreamCallsPer1000)} per 1,000 views at ${c.connections} connections (${Object.keys(c.upstreamByRoute).join(', ')})`).join('; ')}.`,
      );
    }
  }
  if (base.page.cells.every((c) => c.upstreamCallsPer1000 === 0)) {
    notes.push('GET / made no Linode calls under load: the catalog is served from the cache.');
  }
  if (slow) {
    const a = cellAt(base, 1);
    const b = cellAt(slow, 1);
    if (a && b && b.latencyMs.p50 - a.latencyMs.p50 > Math.max(5, slow.sandboxLatencyMs / 2)) {
      notes.push(
        `GET / is slower with the sandbox at +${slow.sandboxLatencyMs} ms (p50 ${num(a.latencyMs.p50, 2)} → ${num(b.latencyMs.p50, 2)} ms at 1 connection): a page view waits on Linode.`,
      );
    }
  }

  for (const run of r.runs) {
    const status = run.fragments.deploymentStatus;
    if (status && status.upstreamCallsPer1000 > 0) {
      notes.push(
        `Deployment-status polls call Linode (sandbox +${run.sandboxLatencyMs} ms): ${num(status.upstreamCallsPer1000)} calls per 1,000 polls (${Object.entries(
          status.upstreamByRoute,
        )
          .map(([k, v]) => `${k} ×${v}`)
          .join(', ')}); p50 ${num(status.latencyMs.p50, 2)} ms.`,
      );
    }
    const price = run.fragments.priceSummary;
    if (status && status.appCpuMsPerRequest && price && price.appCpuMsPerRequest) {
      notes.push(
        `App CPU per request (sandbox +${run.sandboxLatencyMs} ms): a deployment-status poll ${num(status.appCpuMsPerRequest, 2)} ms, the price fragment ${num(price.appCpuMsPerRequest, 2)} ms, GET /healthz ${run.healthz ? num(run.healthz.appCpuMsPerRequest, 2) : '–'} ms.`,
      );
    }
    if (price && price.rps === undefined) notes.push(`The price-summary fragment answered ${price.status} (not measured).`);
  }

  for (const run of r.runs) {
    for (const cell of run.journeys || []) {
      if (cell.journeys === 0) continue;
      notes.push(
        `Journeys, sandbox +${run.sandboxLatencyMs} ms, ${cell.concurrency} at a time: ${num(cell.perSecond)}/s; of a median ${num(cell.totalMs.p50)} ms, the app's own share is ${num(cell.appMs.p50)} ms and the sandbox's ${num(cell.sandboxMs.p50)} ms; ${num(cell.upstreamCallsPerJourney)} Linode calls per journey (${Object.entries(
          cell.upstreamByRoute,
        )
          .map(([k, v]) => `${k} ×${v}`)
          .join(', ')}).`,
      );
      const failures = Object.entries(cell.errors);
      if (failures.length)
        notes.push(
          `Journey failures (sandbox +${run.sandboxLatencyMs} ms, ${cell.concurrency} at a time): ${failures.map(([m, n]) => `${n}× ${m}`).join('; ')}.`,
        );
    }
  }

  for (const [name, profile] of Object.entries(r.profile || {})) {
    if (!profile.byGroup) continue;
    const parts = [...profile.byGroup].sort((a, b) => b.percentOfBusy - a.percentOfBusy).filter((g) => g.percentOfBusy >= 3);
    notes.push(`App CPU for ${name}, by kind of work: ${parts.map((g) => `${g.name} ${num(g.percentOfBusy)} %`).join(', ')}.`);
  }
  const pageProfile = r.profile && (r.profile['GET / at 16 connections'] || r.profile['GET /']);
  const compiling = pageProfile && pageProfile.byGroup && pageProfile.byGroup.find((g) => g.name === 'templates: compiling');
  const kept = r.retainedHeap;
  if (kept && kept.bytesPerView > 100) {
    notes.push(
      `Anonymous GET / views leave about ${num(kept.bytesPerView)} bytes each on the heap after garbage collection (${num(kept.totalKiB / 1024)} MiB for ${kept.views.toLocaleString('en-US')} views)` +
        (probe.anonymousViewsGetDistinctSessions
          ? ': the sessions they create stay until they expire or are evicted.'
          : '; no session is created for them.'),
    );
  } else if (kept && !probe.anonymousViewsGetDistinctSessions) {
    notes.push(
      `Anonymous GET / views create no session and keep nothing measurable on the heap (${num(kept.bytesPerView)} bytes per view after garbage collection).`,
    );
  }
  if (compiling) {
    notes.push(
      compiling.percentOfBusy < 0.5
        ? "Templates are not recompiled per request (the Handlebars compiler takes < 0.5 % of GET /'s CPU): the view cache works."
        : `The Handlebars compiler takes ${num(compiling.percentOfBusy)} % of GET /'s CPU: templates are being compiled per request.`,
    );
  }
  return notes;
}

module.exports = { deriveObservations };
