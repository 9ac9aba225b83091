import { createMock } from '@golevelup/ts-jest';
import { BadRequestException, HttpException, Logger, NotFoundException, PayloadTooLargeException } from '@nestjs/common';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import express, { type NextFunction, type Request, type Response } from 'express';
import { join, relative } from 'node:path';
import request from 'supertest';
import { toUserFacingError, PageExceptionFilter, renderError } from './page-exception.filter';
import { UserFacingError } from './user-facing.error';

const VIEWS_DIR = join(__dirname, '..', '..', 'views');

describe('toUserFacingError', () => {
  it('shows a UserFacingError as it is', () => {
    const view = {
      status: 429,
      title: 'Slow down',
      message: 'Try again in 20 seconds.',
      actionLabel: 'Back',
      actionHref: '/configure',
      details: ['Region: full'],
      retryAfterSeconds: 20,
    };
    expect(toUserFacingError(new UserFacingError(view))).toMatchObject(view);
  });

  it('fills in the defaults of a UserFacingError', () => {
    expect(toUserFacingError(new UserFacingError({ status: 400, title: 't', message: 'm' }))).toMatchObject({
      actionLabel: 'Start again',
      actionHref: '/',
      details: [],
      retryAfterSeconds: null,
    });
  });

  it('turns a 404 into “Page not found”', () => {
    expect(toUserFacingError(new NotFoundException())).toMatchObject({ status: 404, title: 'Page not found', actionHref: '/' });
  });

  it('turns a 413 into “Too much data”', () => {
    expect(toUserFacingError(new PayloadTooLargeException())).toMatchObject({ status: 413, title: 'Too much data' });
  });

  it('does not show the message of an HttpException (it may be technical)', () => {
    const view = toUserFacingError(new BadRequestException('Unexpected token < in JSON at position 0'));
    expect(view).toMatchObject({ status: 400, title: 'That request could not be understood' });
    expect(view.message).not.toContain('Unexpected token');
  });

  it('reads the status of a body-parser style error ({ status: 413 })', () => {
    const tooLarge = Object.assign(new Error('request entity too large'), { status: 413, type: 'entity.too.large' });
    expect(toUserFacingError(tooLarge)).toMatchObject({ status: 413, title: 'Too much data' });
  });

  it('reads the status of an error that has only statusCode', () => {
    expect(toUserFacingError({ statusCode: 415 })).toMatchObject({ status: 415, title: 'Unsupported form encoding' });
  });

  it('gives an uncommon 4xx status the generic 400 words, keeping its status', () => {
    expect(toUserFacingError(new HttpException('teapot', 418))).toMatchObject({
      status: 418,
      title: 'That request could not be understood',
    });
  });

  it('gives an uncommon 5xx status the generic 500 words, keeping its status', () => {
    expect(toUserFacingError({ status: 507 })).toMatchObject({ status: 507, title: 'Something went wrong on our side' });
  });

  it.each([
    ['an Error', new Error('connect ECONNREFUSED 10.0.0.5:6379 password=hunter2')],
    ['a string', 'boom'],
    ['null', null],
    ['an object with a success status', { status: 200 }],
    ['an object with a status that is not a number', { status: '404' }],
  ])('turns %s into a generic 500', (_name, error) => {
    const view = toUserFacingError(error);
    expect(view).toMatchObject({ status: 500, title: 'Something went wrong on our side', details: [], retryAfterSeconds: null });
    const shown = JSON.stringify({ ...view, message: view.message });
    expect(shown).not.toContain('hunter2');
    expect(shown).not.toContain('ECONNREFUSED');
  });
});

describe('renderError', () => {
  let logged: string[];
  const logger = new Logger('Errors');

  /** Real express views, with an engine that shows which view was rendered with which model. */
  function appThrowing(error: unknown, options: { brokenTemplates?: boolean; headersSent?: boolean } = {}) {
    const app = express();
    app.set('views', VIEWS_DIR);
    app.set('view engine', 'hbs');
    app.engine('hbs', (file: string, model: object, callback: (err: unknown, html?: string) => void) => {
      if (options.brokenTemplates) return callback(new Error('Parse error on line 3'));
      const { status, title, message, details, pageTitle, layout } = model as Record<string, unknown>;
      const view = relative(VIEWS_DIR, file).replace(/\.hbs$/, '');
      callback(null, JSON.stringify({ view, status, title, message, details, pageTitle, layout: layout ?? null }));
    });
    app.get('/boom', (req, res, next) => {
      if (options.headersSent) res.write('partial page');
      next(error);
    });
    app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => renderError(err, req, res, logger));
    return app;
  }

  beforeEach(() => {
    logged = [];
    jest.spyOn(logger, 'error').mockImplementation((...args: unknown[]) => void logged.push(String(args[0])));
  });
  afterEach(() => jest.restoreAllMocks());

  const refused = () => new UserFacingError({ status: 403, title: 'Request refused', message: 'Reload and try again.' });

  it('answers with the error’s status, never cached, varying on HX-Request', async () => {
    const response = await request(appThrowing(refused())).get('/boom').expect(403);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers.vary).toMatch(/HX-Request/i);
  });

  it('renders the error page with the view model', async () => {
    const response = await request(appThrowing(refused())).get('/boom').expect(403);
    expect(response.headers['content-type']).toMatch(/text\/html/);
    expect(JSON.parse(response.text)).toEqual({
      view: 'pages/error',
      status: 403,
      title: 'Request refused',
      message: 'Reload and try again.',
      details: [],
      pageTitle: 'Request refused',
      layout: null,
    });
  });

  it('renders only the fragment for htmx, and tells htmx where to put it', async () => {
    const response = await request(appThrowing(refused())).get('/boom').set('HX-Request', 'true').expect(403);
    expect(JSON.parse(response.text)).toMatchObject({ view: 'partials/_error', layout: false });
    expect(response.headers['hx-retarget']).toBe('#flash');
    expect(response.headers['hx-reswap']).toBe('innerHTML');
  });

  it('does not retarget a full-page answer', async () => {
    const response = await request(appThrowing(refused())).get('/boom').expect(403);
    expect(response.headers['hx-retarget']).toBeUndefined();
  });

  it('sends Retry-After when the error says when to retry', async () => {
    const limited = new UserFacingError({ status: 429, title: 't', message: 'm', retryAfterSeconds: 20 });
    const response = await request(appThrowing(limited)).get('/boom').expect(429);
    expect(response.headers['retry-after']).toBe('20');
  });

  it('sends no Retry-After otherwise', async () => {
    const response = await request(appThrowing(refused())).get('/boom').expect(403);
    expect(response.headers['retry-after']).toBeUndefined();
  });

  it('answers in plain text, and logs why, when the page cannot be rendered', async () => {
    const response = await request(appThrowing(refused(), { brokenTemplates: true }))
      .get('/boom')
      .expect(403);
    expect(response.headers['content-type']).toMatch(/text\/plain/);
    expect(response.text).toBe('Request refused\n\nReload and try again.\n');
    expect(logged.join('\n')).toContain('Parse error');
  });

  it('logs an unexpected error, and shows a generic page without its message', async () => {
    const response = await request(appThrowing(new Error('secret detail')))
      .get('/boom')
      .expect(500);
    expect(response.text).not.toContain('secret detail');
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain('GET /boom');
  });

  it('does not log errors meant for the person (4xx)', async () => {
    await request(appThrowing(refused())).get('/boom').expect(403);
    expect(logged).toEqual([]);
  });

  it('only ends a response whose headers were already sent', async () => {
    const response = await request(appThrowing(new Error('late'), { headersSent: true })).get('/boom');
    expect(response.status).toBe(200);
    expect(response.text).toBe('partial page');
  });
});

describe('PageExceptionFilter', () => {
  it('renders the error for the HTTP request in hand', () => {
    const req = createMock<Request>({ method: 'GET', path: '/x', get: () => undefined });
    const res = createMock<Response>({ headersSent: false, locals: {} });
    new PageExceptionFilter().catch(new NotFoundException(), new ExecutionContextHost([req, res, () => undefined]));
    expect(res.status).toHaveBeenCalledWith(404);
    expect(res.render).toHaveBeenCalledWith('pages/error', expect.objectContaining({ title: 'Page not found' }), expect.any(Function));
  });
});
