/** Bootstrap only: read the config, start the sandbox in sandbox mode, start the app. */
import 'reflect-metadata';
import { Script } from 'node:vm';
import { loadAppConfig } from './config/load-app-config';
import { describeConfig } from './config/describe-config';
import { Logger } from 'nestjs-pino';
import { createApp } from './app.setup';
import { CatalogService } from './catalog/catalog.service';
import { installGracefulShutdown } from './health/graceful-shutdown';

function exitOnInvalidConfiguration(message: string): never {
  process.stderr.write(`install-on-linode: invalid configuration\n${message}\n`);
  process.exit(1);
}

/** The environment's settings, or the process ends listing every problem with them. */
function configOrExit<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    return exitOnInvalidConfiguration(error instanceof Error ? error.message : String(error));
  }
}

async function main(): Promise<void> {
  const config = configOrExit(() => loadAppConfig(process.env));

  if (config.sandbox.enabled) {
    // Loaded only in sandbox mode: with real credentials nothing of the sandbox is loaded.
    const { startSandboxForApp, SandboxSetupError } = await import('./sandbox/start-for-app');
    const { linode } = config;
    const app = {
      port: config.sandbox.port,
      clientId: linode.clientId,
      clientSecret: linode.clientSecret,
      redirectUri: config.callbackUrl,
      authorizeUrl: linode.authorizeUrl,
      stackScripts: linode.stackScriptIds.map((id) => ({
        id,
        variable: id === linode.stackScriptId ? 'LINODE_STACKSCRIPT_ID' : 'LINODE_STACKSCRIPT_IDS',
      })),
    };
    await startSandboxForApp(app, process.env).catch((error: unknown) => {
      if (!(error instanceof SandboxSetupError)) throw error;
      if (error.invalidConfiguration) exitOnInvalidConfiguration(error.message);
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    });
  }

  if (config.secureCookies && config.trustProxy === false) {
    process.stderr.write(
      'Warning: PUBLIC_URL is https but TRUST_PROXY is not set. The app itself speaks plain HTTP, so it sits behind a TLS proxy; ' +
        'until TRUST_PROXY names it, requests look insecure and the Secure session cookie is never set (sign-in cannot work).\n',
    );
  }
  const app = await createApp(config);
  // Load the catalog now, so the first page view does not wait; a StackScript Linode refuses stops the start.
  const problems = await app.get(CatalogService).warmUp();
  if (problems.length > 0) {
    await app.close();
    exitOnInvalidConfiguration(problems.map((problem) => `  - ${problem}`).join('\n'));
  }
  await app.listen(config.port, config.host);
  installGracefulShutdown(app, app.get(Logger));
  // Node 24's V8 reads no allocation on its C++ heap as a high rate, so its memory reducer never returns
  // the heap once load ends (a V8 bug; BENCHMARKS.md has the trace); a vm.Script is such an allocation.
  setInterval(() => new Script('0'), 10_000).unref();
  process.stdout.write(`install-on-linode is ready at ${config.publicUrl} (${describeConfig(config)})\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`install-on-linode failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
