/** Bootstrap only: read the config, start the sandbox in sandbox mode, start the app. */
import 'reflect-metadata';
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
    const { startSandbox } = await import('./sandbox/start-sandbox');
    const { sandboxOptionsFromEnv } = await import('./sandbox/sandbox.options');
    const sandbox = await startSandbox({
      // SANDBOX_* read and checked as `npm run sandbox` does; the app's own config decides the rest.
      ...configOrExit(() => sandboxOptionsFromEnv(process.env)),
      port: config.sandbox.port,
      clientId: config.linode.clientId,
      clientSecret: config.linode.clientSecret,
      redirectUri: config.callbackUrl,
    });
    for (const { id, label, file } of sandbox.stackScripts) {
      process.stdout.write(`Sandbox: registered StackScript ${id} "${label}" from ${file}\n`);
    }
    // Every StackScript the app deploys must exist in the sandbox, or its deployments would fail.
    const missing = config.linode.stackScriptIds.filter((id) => !sandbox.publicStackScript(id));
    if (missing.length > 0) {
      for (const id of missing) {
        const variable = id === config.linode.stackScriptId ? 'LINODE_STACKSCRIPT_ID' : 'LINODE_STACKSCRIPT_IDS';
        process.stderr.write(`install-on-linode: ${variable}=${id} is not a public StackScript of the sandbox.\n`);
      }
      process.stderr.write(
        `Use ones it has (320826 demo, 320827 hello world, or one SANDBOX_STACKSCRIPTS registered) or leave them unset.\n`,
      );
      await sandbox.close();
      process.exit(1);
    }
    process.stdout.write(
      `Sandbox mode: no LINODE_CLIENT_ID is set, so no real Linode account is used — the app talks to the built-in Linode sandbox at ${sandbox.url}. ` +
        `Browsers sign in through ${config.linode.authorizeUrl}, so only the app's own port needs to be reachable.\n`,
    );
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
  process.stdout.write(`install-on-linode is ready at ${config.publicUrl} (${describeConfig(config)})\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`install-on-linode failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
