'use strict';
/**
 * The framework's own floor for one page: a minimal NestJS app (the app's installed @nestjs/core
 * and platform-express, default wiring) whose one controller returns the page as a constant with
 * the app's Content-Type. The app's page view is judged against this: what it costs beyond it is
 * the app's own. Run as its own process, with the app's node flags, so it competes for the CPU as
 * the app does. Serves text only (a Nest handler's return value is sent as a string).
 *   PAGE_FILE=<file> PAGE_TYPE=<content-type> PORT=<port> node bench/lib/nest-ceiling-server.js
 * With BENCH_ROOT set, that checkout's Nest is used (the one the measured app runs on).
 */
const { join, resolve } = require('node:path');
const { readFileSync } = require('node:fs');

const root = resolve(process.env.BENCH_ROOT || join(__dirname, '..', '..'));
const fromRoot = (name) => require(require.resolve(name, { paths: [root] }));
fromRoot('reflect-metadata');
const { Controller, Get, Header, Module } = fromRoot('@nestjs/common');
const { NestFactory } = fromRoot('@nestjs/core');

const page = readFileSync(process.env.PAGE_FILE, 'utf8');
const type = process.env.PAGE_TYPE || 'text/html; charset=utf-8';

// Decorators applied by hand: this file runs as plain JavaScript, without a compiler.
class PageController {
  ready() {
    return 'ok';
  }

  page() {
    return page;
  }
}
const method = (name) => [PageController.prototype, name, Object.getOwnPropertyDescriptor(PageController.prototype, name)];
Get('readyz')(...method('ready'));
Header('Content-Type', type)(...method('page'));
Get('{*path}')(...method('page'));
Controller()(PageController);

class PageModule {}
Module({ controllers: [PageController] })(PageModule);

async function main() {
  const app = await NestFactory.create(PageModule, { logger: false });
  app.getHttpAdapter().getInstance().disable('x-powered-by');
  // As the other ceilings: no per-response hashing of the body.
  app.getHttpAdapter().getInstance().set('etag', false);
  await app.listen(Number(process.env.PORT), '127.0.0.1');
  app.getHttpServer().keepAliveTimeout = 30_000;
  process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
}

void main();
