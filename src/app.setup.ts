import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from '@nestjs/common';
import compression from 'compression';
import express, { type NextFunction, type Request, type Response } from 'express';
import session from 'express-session';
import helmet from 'helmet';
import { join } from 'node:path';
import type { AppConfig } from './config/app-config';
import { AppModule } from './app.module';
import { canonicalOrigin } from './common/canonical-origin';
import { sessionWhenNeeded } from './common/session-when-needed';
import { SANDBOX_LOGIN_PATH } from './config/load-app-config';
import { sandboxLoginProxy } from './sandbox-login/sandbox-login.proxy';
import { sessionCookieName } from './common/cookie-names';
import { renderError } from './common/page-exception.filter';
import { registerViews, useStaticAssets, VIEWS_DIR } from './views/view-registrar';
import { appStaticAssets, ASSETS_PATH } from './views/static-assets';
import { COMPRESSION_THRESHOLD_BYTES } from './views/public-page';
import { BytesExpressAdapter } from './views/bytes-express-adapter';
import { KEY_VALUE_STORE, type KeyValueStore } from './store/key-value.store';
import { KeyValueSessionStore } from './store/key-value.session-store';
import { installRateLimits } from './rate-limit/rate-limits';
import { QuietBootLogger } from './observability/quiet-boot-logger';
import { requestLogger } from './observability/logger-params';
import { HttpRequestMetrics } from './observability/http-request.metrics';

const ROOT = join(__dirname, '..');
const PUBLIC_DIR = join(ROOT, 'public');
const HTMX_DIR = join(ROOT, 'node_modules', 'htmx.org', 'dist');
const SESSION_TTL_MS = 60 * 60 * 1000;
/** GET/HEAD paths that never use req.session: the handlers that send through `PublicPageResponder`, and the probes. */
const PUBLIC_READS = /^\/(?:|price-summary|badge\.svg|healthz|readyz|metrics|s\/[^/]+(?:\/price-summary|\/button)?)$/;

/** `%zz` and the like: body-parser would keep them as literal text; a browser never sends them. */
function rejectMalformedUrlencoding(_req: unknown, _res: unknown, body: Buffer): void {
  try {
    decodeURIComponent(body.toString('utf8').replace(/\+/g, ' '));
  } catch {
    throw Object.assign(new Error('malformed urlencoded body'), { status: 400, expose: true });
  }
}

/** Creates the app with its real wiring around the Nest modules (not yet listening); e2e tests run it too. */
export async function createApp(config: AppConfig): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), new BytesExpressAdapter(), {
    bodyParser: false,
    bufferLogs: true,
  });
  app.useLogger(app.get(QuietBootLogger));
  // First, so requests answered ahead of Nest's router (redirects, static files, 429s, body errors) are logged and timed too.
  app.use(requestLogger(app), app.get(HttpRequestMetrics).observe);
  const logger = new Logger('Http');
  const loginOrigin = new URL(config.linode.authorizeUrl).origin;
  const formTargets = loginOrigin === config.publicUrl ? ["'self'"] : ["'self'", loginOrigin];
  app.set('trust proxy', config.trustProxy);
  app.use(
    helmet({
      // Helmet's defaults, tightened: no inline styles, no other origins, no <base>, no framing.
      contentSecurityPolicy: {
        directives: {
          styleSrc: ["'self'"],
          fontSrc: ["'self'"],
          baseUri: ["'none'"],
          formAction: formTargets,
          frameAncestors: ["'none'"],
          upgradeInsecureRequests: config.secureCookies ? [] : null,
        },
      },
      // same-origin, not no-referrer: with no-referrer, browsers without Fetch Metadata send
      // `Origin: null` on form posts, which the cross-origin check must refuse.
      referrerPolicy: { policy: 'same-origin' },
      // Helmet's HSTS (a year, subdomains included) only under https.
      strictTransportSecurity: config.secureCookies,
    }),
  );
  // After helmet, so its redirects carry the security headers too.
  app.use(canonicalOrigin(config.publicUrl));
  app.setLocal('sandboxMode', config.sandbox.enabled);
  app.setLocal('appName', config.appName);
  if (config.sandbox.enabled) {
    // Before compression and the body parser: the proxy streams the consent form's body as it came.
    app.use(SANDBOX_LOGIN_PATH, sandboxLoginProxy(config.linode.loginUrl, config.publicUrl, logger));
  }
  app.use(compression({ threshold: COMPRESSION_THRESHOLD_BYTES }));
  // The callback URL carries the code and state: never let it leak through a Referer.
  app.use('/auth_callback', helmet.referrerPolicy({ policy: 'no-referrer' }));
  // Content-hashed URLs, cached for a year; /static stays for direct links.
  const assets = appStaticAssets(PUBLIC_DIR, HTMX_DIR);
  useStaticAssets(assets);
  app.use(ASSETS_PATH, assets.middleware());
  app.use('/static/htmx', express.static(HTMX_DIR, { maxAge: '7d', index: false, fallthrough: false }));
  app.use('/static', express.static(PUBLIC_DIR, { maxAge: config.nodeEnv === 'production' ? '1d' : 0, index: false, fallthrough: false }));
  const store = app.get<KeyValueStore>(KEY_VALUE_STORE);
  // Before body parsing and sessions, so a limited request costs nothing and stores nothing but its counter.
  installRateLimits(app, config, store);

  app.use(express.urlencoded({ limit: '64kb', parameterLimit: 200, verify: rejectMalformedUrlencoding }));
  app.use(
    sessionWhenNeeded(
      session({
        name: sessionCookieName(config.secureCookies),
        secret: config.sessionSecret,
        store: new KeyValueSessionStore(store, SESSION_TTL_MS),
        resave: false,
        saveUninitialized: false,
        rolling: true,
        unset: 'destroy',
        cookie: { httpOnly: true, sameSite: 'lax', secure: config.secureCookies, maxAge: SESSION_TTL_MS },
      }),
      PUBLIC_READS,
    ),
  );
  // Errors raised by the middleware above (oversized or malformed bodies, static 404s, rate limits, a forged consent post).
  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => renderError(err, req, res, logger));

  registerViews();
  app.setBaseViewsDir(VIEWS_DIR);
  // Express loads the engine as require('hbs'): the same instance registerViews filled.
  app.setViewEngine('hbs');
  app.set('view options', { layout: 'layouts/main' });
  if (config.nodeEnv === 'production') app.enable('view cache');
  return app;
}
