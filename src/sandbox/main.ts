/** `npm run sandbox`: the Linode sandbox alone, configured from the environment. */
import 'reflect-metadata';
import { DEMO_STACKSCRIPT_ID, HELLO_STACKSCRIPT_ID } from './api/seed/stackscripts.seed';
import { sandboxOptionsFromEnv } from './sandbox.options';
import { startSandbox } from './start-sandbox';

async function main(): Promise<void> {
  const sandbox = await startSandbox(sandboxOptionsFromEnv());
  const { options, url } = sandbox;
  const lines = [
    `Linode sandbox listening on ${url} (an offline stand-in for Linode; no real account is used)`,
    `  login service: ${url}/oauth/authorize   API: ${url}/v4   control plane: ${url}/__sandbox/`,
    `  OAuth client it accepts: client_id=${options.clientId} client_secret=${options.clientSecret}`,
    `  registered redirect URI: ${options.redirectUri}`,
    `  StackScripts: ${DEMO_STACKSCRIPT_ID} (demo, with UDFs)   ${HELLO_STACKSCRIPT_ID} (hello world, no UDFs)`,
    ...sandbox.stackScripts.map(({ id, label, file }) => `  registered StackScript ${id}: "${label}" from ${file}`),
    `  boot time: ${options.bootMs} ms   added latency: ${options.latencyMs} ms` +
      (options.autoApprove ? `   auto-approve as: ${options.autoApprove}` : ''),
    `  instances expire after: ${options.instanceTtlMs > 0 ? `${options.instanceTtlMs} ms` : 'never'}   ` +
      `active instances per account: at most ${options.maxInstancesPerAccount}`,
  ];
  process.stdout.write(lines.join('\n') + '\n');
  const stop = () => void sandbox.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`sandbox: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
