'use strict';
const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const http = require('node:http');
const { MAX_FAILURES, runJourneys } = require('../lib/concurrent-journeys');

describe('running journeys on parallel visitors', () => {
  let resets = 0;
  let server;
  let stack;

  before(async () => {
    server = http.createServer((req, res) => {
      if (req.method === 'POST' && req.url === '/__sandbox/reset') resets++;
      res.end('{}');
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    stack = { appUrl: 'http://app.invalid', proxy: {}, sandboxUrl: `http://127.0.0.1:${server.address().port}` };
  });

  after(() => new Promise((resolve) => server.close(resolve)));

  const pause = () => new Promise((resolve) => setImmediate(resolve));

  it('walks `count` journeys, never more than `concurrency` at once, with a unique id each', async () => {
    const ids = new Set();
    let walking = 0;
    let most = 0;
    const journey = async ({ journeyId }) => {
      ids.add(journeyId);
      most = Math.max(most, ++walking);
      await pause();
      walking--;
      return { totalMs: 1 };
    };
    const run = await runJourneys({ stack, udfValues: {}, prefix: 't', concurrency: 3, count: 10, journey });
    assert.equal(run.results.length, 10);
    assert.equal(ids.size, 10);
    assert.equal(most, 3);
    assert.equal(run.failures, 0);
  });

  it('empties the sandbox before every batch of `resetEvery`, and never without it', async () => {
    resets = 0;
    const journey = async () => ({});
    await runJourneys({ stack, udfValues: {}, prefix: 'a', concurrency: 2, count: 5, journey });
    assert.equal(resets, 0);
    await runJourneys({ stack, udfValues: {}, prefix: 'b', concurrency: 2, count: 5, resetEvery: 2, journey });
    assert.equal(resets, 3);
  });

  it('counts failures by message and gives up on a broken stack', async () => {
    const journey = async () => {
      await pause();
      throw new Error('GET /: expected 200 but got 500');
    };
    const run = await runJourneys({ stack, udfValues: {}, prefix: 'f', concurrency: 2, count: 1000, journey });
    assert.equal(run.results.length, 0);
    assert.ok(run.failures >= MAX_FAILURES && run.failures < MAX_FAILURES + 2);
    assert.deepEqual(Object.keys(run.errors), ['GET /: expected 200 but got 500']);
  });

  it('stops starting journeys once the deadline has passed', async () => {
    const run = await runJourneys({
      stack,
      udfValues: {},
      prefix: 'd',
      concurrency: 2,
      count: 1000,
      until: Date.now() - 1,
      journey: async () => ({}),
    });
    assert.equal(run.results.length, 0);
  });

  it('tells the caller of each finished journey, counting them', async () => {
    const told = [];
    await runJourneys({
      stack,
      udfValues: {},
      prefix: 'o',
      concurrency: 2,
      count: 4,
      journey: async () => ({}),
      onJourney: async (done) => told.push(done),
    });
    assert.deepEqual(told, [1, 2, 3, 4]);
  });
});
