'use strict';
const { describe, it } = require('node:test');
const assert = require('node:assert/strict');
const { renderMarkdown } = require('../lib/render');
const { deriveObservations } = require('../lib/observations');

const cell = (overrides = {}) => ({
  connections: 16,
  requests: 5000,
  rps: 1000,
  latencyMs: { p50: 12.5, p90: 20, p99: 40, max: 80 },
  appCpuMsPerRequest: 0.9,
  upstreamCallsPer1000: 0,
  upstreamByRoute: {},
  otherLoadPercent: 2,
  non2xx: 0,
  errors: 0,
  timeouts: 0,
  ...overrides,
});

/** A run's results with one of everything, as bench/run.js writes them. */
function results() {
  return {
    machine: {
      cpuModel: 'Test CPU',
      cores: 2,
      memoryGiB: 4,
      platform: 'Linux x64',
      nodeVersion: 'v20.0.0',
      date: '2026-01-02T03:04:05.000Z',
      loadAverageAtStart: [0.1, 0.1, 0.1],
    },
    settings: { cellDurationS: 5, fragmentConnections: 16 },
    runSeconds: 120,
    ceiling: { pageBytes: 20000, cells: [cell({ rps: 10000, appCpuMsPerRequest: 0.09 })] },
    runs: [
      {
        sandboxLatencyMs: 0,
        startup: { listeningMs: 300, readyMs: 450 },
        memory: {
          idle: { rssMiB: 100, peakRssMiB: 100, heapUsedMiB: 25 },
          afterPageLoad: { rssMiB: 180, peakRssMiB: 190 },
          afterAllLoad: { rssMiB: 190, peakRssMiB: 200 },
        },
        page: {
          probe: {
            bytes: 20000,
            gzipBytes: 4000,
            headerBytes: 900,
            contentEncodingForBrowser: null,
            bytesForBrowser: 20000,
            cacheControl: 'no-store',
            etag: true,
            anonymousViewSetsCookie: true,
            anonymousViewsGetDistinctSessions: true,
            returningViewSetsCookieAgain: true,
            staticAssets: [
              {
                path: '/static/app.css',
                bytes: 12000,
                gzipBytes: 3000,
                contentEncoding: null,
                cacheControl: 'public, max-age=86400',
                etag: true,
                conditionalGetStatus: 304,
              },
            ],
          },
          cells: [cell({ ratioToCeiling: 0.1 })],
        },
        healthz: cell({ rps: 2500 }),
        fragments: {
          priceSummary: { path: '/price-summary?type=a&region=b', status: 200, ...cell({ rps: 2000 }) },
          deploymentStatus: {
            path: '/deployments/:id (HX-Request)',
            status: 200,
            ...cell({ rps: 800, upstreamCallsPer1000: 1000, upstreamByRoute: { 'GET /v4/linode/instances/:id': 4000 } }),
          },
        },
        journeys: [
          {
            concurrency: 1,
            journeys: 100,
            perSecond: 20,
            totalMs: { p50: 40, p99: 90 },
            appMs: { p50: 12, p99: 30 },
            sandboxMs: { p50: 28, p99: 60 },
            hopsMsP50: { configure: 1.5, submit: 1.2, consent: 1.1, callback: 25, callbackUpstream: 21, deployment: 3 },
            appCpuMsPerJourney: 9,
            sandboxCpuMsPerJourney: 25,
            upstreamCallsPerJourney: 3,
            upstreamByRoute: { 'POST /oauth/token': 100 },
            otherLoadPercent: 1,
            errors: {},
          },
        ],
      },
    ],
  };
}

describe('the results as Markdown', () => {
  it('shows GET / per connection count with its share of the bare-server ceiling', () => {
    const md = renderMarkdown(results());
    assert.match(md, /\| sandbox \+0 ms \| 16 \| 1,000 \| 12\.5 \| 40 \| 10 % \| 0\.9 \| 0 \| 2 % \| 0 \|/);
    assert.match(md, /\| bare node:http, same bytes \| 16 \| 10,000 \|/);
  });

  it('shows the journey split into the app’s and the sandbox’s share', () => {
    assert.match(renderMarkdown(results()), /\| \+0 ms \| 1 \| 20 \| 40 \/ 90 \| 12 \/ 30 \| 28 \/ 60 \| 9 \/ 25 \| 3 \| 1 % \| 0 \|/);
  });

  it('names the machine the numbers came from', () => {
    assert.match(renderMarkdown(results()), /Machine: Test CPU, 2 cores, 4 GiB RAM, Linux x64, Node v20\.0\.0; run 2026-01-02 03:04 UTC\./);
  });

  it('says how many cells ran while other processes kept the machine busy', () => {
    const busy = results();
    busy.runs[0].page.cells[0].otherLoadPercent = 40;
    busy.runs[0].journeys[0].otherLoadPercent = 25;
    assert.match(renderMarkdown(busy), /Note:\*\* 2 of 6 cells ran while other processes used ≥ 25 %/);
    assert.doesNotMatch(renderMarkdown(results()), /Note:/);
  });
});

describe('observations drawn from the results', () => {
  const notes = () => deriveObservations(results()).join('\n');

  it('says when every anonymous view creates a session', () => {
    assert.match(notes(), /Every anonymous GET \/ creates and stores a new session.*5,000 sessions.*80 MiB/);
  });

  it('says when the page and static files go uncompressed, with their gzipped sizes', () => {
    assert.match(notes(), /GET \/ is sent uncompressed.*20,000 bytes \(gzip would make it 4,000\)/);
    assert.match(notes(), /\/static\/app\.css \(12,000 bytes, 3,000 gzipped\)/);
  });

  it('says when status polls call Linode, and which route', () => {
    assert.match(notes(), /Deployment-status polls call Linode.*1,000 calls per 1,000 polls \(GET \/v4\/linode\/instances\/:id ×4000\)/);
  });

  it('says that page views made no Linode calls when none were counted', () => {
    assert.match(notes(), /GET \/ made no Linode calls under load/);
  });

  it('says how much heap each anonymous view keeps, when it keeps some', () => {
    const kept = results();
    kept.retainedHeap = { views: 4000, totalKiB: 2000, bytesPerView: 512 };
    assert.match(deriveObservations(kept).join('\n'), /about 512 bytes each on the heap.*2 MiB for 4,000 views/);
    assert.doesNotMatch(notes(), /on the heap after garbage collection/);
  });

  it('puts the middleware floor against the page’s CPU cost', () => {
    const floor = results();
    floor.runs[0].healthz.appCpuMsPerRequest = 0.3;
    assert.match(deriveObservations(floor).join('\n'), /GET \/healthz.*takes 0\.3 ms of CPU: about 33 % of GET \/'s 0\.9 ms/);
  });

  it('compares the page’s CPU per request with the bare server’s', () => {
    assert.match(notes(), /GET \/ takes 0\.9 ms of the app's CPU, the bare server 0\.09 ms for the same bytes \(10×\)/);
  });
});
