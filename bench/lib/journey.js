'use strict';
/**
 * One person's whole journey, as a browser would walk it, each hop timed on its own:
 * configure page → submit → Linode consent (sandbox) → callback → deployment page.
 * The sandbox's share is the consent hop plus the upstream calls the app waited for inside its own
 * hops (measured by the counting proxy); the rest is the app's.
 */
const { Visitor } = require('./http-client');
const { configureForm, successfulControls } = require('./html-form');
const { coveredMs } = require('./counting-proxy');

class JourneyError extends Error {}

/** What an error page says: its title and first heading, else the start of the body. */
function gist(body) {
  const text = (pattern) => (pattern.exec(body) || [])[1];
  const title = text(/<title[^>]*>([^<]*)</i);
  const heading = text(/<h1[^>]*>([^<]*)</i);
  const said = [title, heading].filter(Boolean).map((t) => t.trim());
  return said.length ? said.join(' — ') : body.slice(0, 160).replace(/\s+/g, ' ');
}

function expectStatus(res, expected, hop) {
  if (!expected.includes(res.status)) {
    const where = res.headers.location ? ` → ${new URL(res.headers.location, res.url).pathname}` : '';
    throw new JourneyError(`${hop}: expected ${expected.join('/')} but got ${res.status}${where}: ${gist(res.body)}`);
  }
  return res;
}

/**
 * A valid value for every UDF without a default, from the StackScript the sandbox serves (as a
 * person would fill the required fields; optional ones keep the page's defaults).
 */
function requiredUdfValues(stackScript) {
  const values = {};
  for (const udf of stackScript.user_defined_fields || []) {
    if (udf.default !== undefined && udf.default !== null) continue;
    const name = `udf_${udf.name}`;
    if (udf.oneof) values[name] = udf.oneof.split(',')[0];
    else if (udf.manyof) values[name] = [udf.manyof.split(',')[0]];
    else if (/pass/i.test(udf.name)) values[name] = 'Bench-Corr3ct-Horse-Battery-Staple-42';
    else if (/mail/i.test(udf.name)) values[name] = 'bench@example.com';
    else if (/domain|host/i.test(udf.name)) values[name] = 'bench.example.com';
    else values[name] = udf.example && !/\s/.test(udf.example) ? udf.example : 'bench-value';
  }
  return values;
}

/** From the sandbox's answer to the authorize redirect to the redirect back to the app. */
async function consent(visitor, authorizeUrl) {
  const hops = [await visitor.get(authorizeUrl)];
  if (hops[0].status === 200) {
    // No auto-approve: approve on the consent form, as the person would.
    const form = /<form\b[\s\S]*?<\/form>/i.exec(hops[0].body);
    const fields = { ...successfulControls(form ? form[0] : ''), decision: 'approve' };
    hops.push(await visitor.postForm(new URL('/oauth/authorize', authorizeUrl).toString(), fields));
  }
  return hops;
}

async function runJourney({ appUrl, proxy, journeyId, udfValues }) {
  const visitor = new Visitor();
  const started = process.hrtime.bigint();

  const configure = expectStatus(await visitor.get(`${appUrl}/`), [200], 'GET /');
  const form = configureForm(configure.body);
  if (!form) throw new JourneyError('GET /: no configure form on the page');
  const submit = expectStatus(
    await visitor.postForm(new URL(form.action || '/', appUrl).toString(), { ...form.fields, ...udfValues }, { origin: appUrl }),
    [302, 303],
    'POST /',
  );
  const consentHops = await consent(visitor, submit.headers.location);
  const approved = expectStatus(consentHops[consentHops.length - 1], [302, 303], 'consent');
  const callbackUrl = new URL(approved.headers.location, appUrl);
  const code = callbackUrl.searchParams.get('code');
  if (!code) throw new JourneyError(`consent: redirected without a code (${callbackUrl.searchParams.get('error') || 'no error'})`);
  proxy.expectCode(code, journeyId);
  const callback = expectStatus(await visitor.get(callbackUrl.toString()), [302, 303], 'GET /auth_callback');
  const deploymentPath = callback.headers.location;
  const deployment = expectStatus(await visitor.get(new URL(deploymentPath, appUrl).toString()), [200], 'GET /deployments/:id');
  const ended = process.hrtime.bigint();

  const upstream = proxy.takeIntervals(journeyId);
  const appHops = { configure, submit, callback, deployment };
  const waitedOnUpstream = Object.values(appHops).reduce((sum, hop) => sum + coveredMs(upstream, hop.startedNs, hop.endedNs), 0);
  const consentMs = consentHops.reduce((sum, hop) => sum + hop.ms, 0);
  const totalMs = Number(ended - started) / 1e6;
  return {
    totalMs,
    sandboxMs: consentMs + waitedOnUpstream,
    appMs: totalMs - consentMs - waitedOnUpstream,
    hopsMs: {
      configure: configure.ms,
      submit: submit.ms,
      consent: consentMs,
      callback: callback.ms,
      callbackUpstream: coveredMs(upstream, callback.startedNs, callback.endedNs),
      deployment: deployment.ms,
    },
    deploymentPath,
    cookie: visitor.jar.header(appUrl),
  };
}

module.exports = { JourneyError, requiredUdfValues, runJourney };
