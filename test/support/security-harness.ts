/**
 * Helpers shared by the security suites (test/security-*.e2e-spec.ts): a stack whose public URL
 * may be https, the sandbox's control plane, a browser that records every answer it saw, raw HTTP
 * for requests fetch refuses to send (a foreign Host, odd request targets), and the checks that
 * recur (no stack trace, a clear page).
 */
import type { NestExpressApplication } from '@nestjs/platform-express';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { join } from 'node:path';
import { createApp } from '../../src/app.setup';
import { loadAppConfig } from '../../src/config/load-app-config';
import type { SandboxOptions } from '../../src/sandbox/sandbox.options';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/start-sandbox';
import { SandboxTokenGrantService } from '../../src/sandbox/oauth/sandbox-token-grant.service';
import { TestBrowser, type Page } from './browser';
import { approve, consent, submitConfigure } from './journey';
import { freePort, NO_RATE_LIMITS, type Stack } from './stack';

export const SESSION_COOKIE_NAME = 'iol.sid';

export interface SecurityStack extends Stack {
  /** Where the app really listens (plain http on loopback), whatever PUBLIC_URL says. */
  listenUrl: string;
  port: number;
}

/**
 * Like `startStack`, but PUBLIC_URL may be https (the app still listens on plain http, as behind a
 * TLS-terminating proxy), and `prepareSandbox` runs before the app exists (the app loads the
 * catalog lazily, so sandbox data changed here is what its first page shows).
 */
export async function startSecurityStack(
  options: {
    scheme?: 'http' | 'https';
    sandbox?: Partial<SandboxOptions>;
    env?: NodeJS.ProcessEnv;
    prepareSandbox?: (sandbox: RunningSandbox) => void;
  } = {},
): Promise<SecurityStack> {
  const port = await freePort();
  const publicUrl = `${options.scheme ?? 'http'}://localhost:${port}`;
  const sandbox = await startSandbox({ port: 0, bootMs: 600, redirectUri: `${publicUrl}/auth_callback`, ...options.sandbox });
  options.prepareSandbox?.(sandbox);
  const config = loadAppConfig({
    NODE_ENV: 'test',
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: publicUrl,
    LINODE_CLIENT_ID: sandbox.options.clientId,
    LINODE_CLIENT_SECRET: sandbox.options.clientSecret,
    LINODE_LOGIN_URL: sandbox.url,
    LINODE_API_URL: `${sandbox.url}/v4`,
    LINODE_STACKSCRIPT_ID: '320826',
    SESSION_SECRET: 'security-e2e-session-secret-0123456789abcdefXYZ',
    LOG_LEVEL: 'silent',
    // These suites run many sign-ins from 127.0.0.1; the abuse limits have their own suite
    // (security-rate-limit.e2e-spec.ts), which sets them low.
    ...NO_RATE_LIMITS,
    ...options.env,
  });
  const app: NestExpressApplication = await createApp(config);
  await app.listen(port, '127.0.0.1');
  return {
    app,
    config,
    sandbox,
    appUrl: publicUrl,
    listenUrl: `http://localhost:${port}`,
    port,
    close: async () => {
      await app.close();
      await sandbox.close();
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The sandbox's control plane

export interface SandboxTokenView {
  status: 'active' | 'revoked' | 'expired';
  scopes: string[];
  fingerprint: string;
}

export interface SandboxInstanceView {
  id: number;
  label: string;
  status: string;
}

async function control<T>(stack: Stack, path: string, init?: RequestInit): Promise<T> {
  const res = await fetch(`${stack.sandbox.url}/__sandbox${path}`, init);
  if (!res.ok) throw new Error(`sandbox control ${path} answered ${res.status}: ${await res.text()}`);
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const sandboxTokens = (stack: Stack) => control<SandboxTokenView[]>(stack, '/tokens');
export const sandboxInstances = (stack: Stack) => control<SandboxInstanceView[]>(stack, '/instances');
export const resetSandbox = (stack: Stack) => control<unknown>(stack, '/reset', { method: 'POST' });
export const addFault = (stack: Stack, fault: Record<string, unknown>) =>
  control<unknown>(stack, '/faults', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(fault) });

/**
 * Every token request the sandbox's login service receives (code exchange and refresh), with the
 * form as it arrived: the proof of what the app sends, and a counter for "no token request".
 */
export function recordTokenRequests(stack: Stack): { forms: Record<string, unknown>[]; stop(): void } {
  const grants = stack.sandbox.app.get(SandboxTokenGrantService);
  const forms: Record<string, unknown>[] = [];
  const original = grants.grant.bind(grants);
  const spy = jest.spyOn(grants, 'grant').mockImplementation((form) => {
    forms.push({ ...form });
    return original(form);
  });
  return { forms, stop: () => spy.mockRestore() };
}

// ---------------------------------------------------------------------------------------------
// Browsing

/** A TestBrowser that keeps every answer it received (to grep a whole journey). */
export class RecordingBrowser extends TestBrowser {
  readonly pages: Page[] = [];

  override async request(
    url: string,
    init: { method?: string; form?: Record<string, string | string[]>; headers?: Record<string, string> } = {},
  ): Promise<Page> {
    const page = await super.request(url, init);
    this.pages.push(page);
    return page;
  }
}

export interface PendingSignIn {
  /** Linode's authorize URL the app sent the browser to. */
  authorize: URL;
  /** Where Linode sends the browser back (code + state), not yet visited. */
  callback: URL;
}

/** Configure form → authorize redirect → consent approved; stops before the callback. */
export async function signInUntilCallback(
  browser: TestBrowser,
  stack: Stack,
  overrides: Record<string, string | string[]> = {},
): Promise<PendingSignIn> {
  const submitted = await submitConfigure(browser, stack, overrides);
  if (submitted.status !== 302) throw new Error(`configure form answered ${submitted.status}: ${submitted.body.slice(0, 300)}`);
  const authorize = new URL(submitted.headers.get('location')!);
  const consented = await consent(browser, submitted, approve);
  if (consented.status !== 302) throw new Error(`consent answered ${consented.status}: ${consented.body.slice(0, 300)}`);
  return { authorize, callback: new URL(consented.headers.get('location')!) };
}

/** The whole sign-in: returns the deployment page's path (`/deployments/:id`). */
export async function deploy(browser: TestBrowser, stack: Stack, overrides: Record<string, string | string[]> = {}): Promise<string> {
  const { callback } = await signInUntilCallback(browser, stack, overrides);
  const answered = await browser.get(callback.toString());
  if (answered.status !== 303) throw new Error(`callback answered ${answered.status}: ${answered.body.slice(0, 300)}`);
  return answered.headers.get('location')!;
}

/** The browser's session cookie for the app, as sent back (signed, URL-encoded). */
export function sessionCookie(browser: TestBrowser, stack: Stack): string | undefined {
  return browser.cookies(new URL(stack.appUrl).host).get(SESSION_COOKIE_NAME);
}

/** The session id inside a signed cookie value (`s:<id>.<signature>`). */
export function sessionIdOf(cookieValue: string): string {
  const decoded = decodeURIComponent(cookieValue);
  return decoded.replace(/^s:/, '').replace(/\.[^.]*$/, '');
}

// ---------------------------------------------------------------------------------------------
// Raw HTTP

export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** node:http, so that Host and other headers go out exactly as given. */
export function rawRequest(
  port: number,
  options: { method?: string; path?: string; headers?: Record<string, string>; body?: string | Buffer },
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method: options.method ?? 'GET',
        path: options.path ?? '/',
        headers: options.headers,
        setHost: !options.headers?.host && !options.headers?.Host,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

/** Writes `head` (a whole request, CRLFs included) on a socket and parses the answer's status and headers. */
export function rawSocket(port: number, head: string): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.setTimeout(5000, () => socket.destroy(new Error('raw socket timed out')));
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [headText, ...rest] = text.split('\r\n\r\n');
      const [statusLine, ...headerLines] = headText.split('\r\n');
      const headers: Record<string, string> = {};
      for (const line of headerLines) {
        const colon = line.indexOf(':');
        if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      resolve({ status: Number(statusLine.split(' ')[1] ?? 0), headers, body: rest.join('\r\n\r\n') });
    });
    socket.write(head);
  });
}

export function header(answer: RawAnswer, name: string): string | undefined {
  const value = answer.headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(', ') : value;
}

// ---------------------------------------------------------------------------------------------
// Checks

const PROJECT_ROOT = join(__dirname, '..', '..').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A Node/TypeScript stack trace, or a server path (the project's directory, node_modules), in a body. */
export const STACK_TRACE = new RegExp(`^\\s+at\\s.+:\\d+:\\d+\\)?$|${PROJECT_ROOT}|node_modules|\\.ts:\\d+|\\bError: .*\\n\\s+at `, 'm');

/** A page or fragment a person can read: an app page with a heading, or the htmx error flash. */
export function isClearPage(body: string): boolean {
  return /<h1[\s>]/.test(body) || /class="flash flash-error"/.test(body) || /role="alert"/.test(body);
}
