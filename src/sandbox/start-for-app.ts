import { sandboxOptionsFromEnv } from './sandbox.options';
import { startSandbox } from './start-sandbox';

/** The app's sandbox could not start as configured: the process ends with these lines. */
export class SandboxSetupError extends Error {
  constructor(
    readonly lines: string[],
    /** SANDBOX_* itself is wrong, as opposed to what the app asks of the sandbox. */
    readonly invalidConfiguration: boolean,
  ) {
    super(lines.join('\n'));
  }
}

/** What the app running in sandbox mode needs of its sandbox. */
export interface AppOfSandbox {
  port: number;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  /** Where browsers sign in (through the app's own port). */
  authorizeUrl: string;
  /** Every StackScript the app deploys, with the variable that names it. */
  stackScripts: { id: number; variable: string }[];
}

/** Sandbox mode: the emulated Linode in this process, with every StackScript the app deploys (or its deployments would fail). */
export async function startSandboxForApp(app: AppOfSandbox, env: NodeJS.ProcessEnv): Promise<void> {
  let fromEnv;
  try {
    fromEnv = sandboxOptionsFromEnv(env);
  } catch (error) {
    throw new SandboxSetupError([error instanceof Error ? error.message : String(error)], true);
  }
  const sandbox = await startSandbox({
    ...fromEnv,
    port: app.port,
    clientId: app.clientId,
    clientSecret: app.clientSecret,
    redirectUri: app.redirectUri,
  });
  for (const { id, label, file } of sandbox.stackScripts) {
    process.stdout.write(`Sandbox: registered StackScript ${id} "${label}" from ${file}\n`);
  }
  const missing = app.stackScripts.filter(({ id }) => !sandbox.publicStackScript(id));
  if (missing.length > 0) {
    await sandbox.close();
    throw new SandboxSetupError(
      [
        ...missing.map(({ id, variable }) => `install-on-linode: ${variable}=${id} is not a public StackScript of the sandbox.`),
        'Use ones it has (320826 demo, 320827 hello world, or one SANDBOX_STACKSCRIPTS registered) or leave them unset.',
      ],
      false,
    );
  }
  process.stdout.write(
    `Sandbox mode: no LINODE_CLIENT_ID is set, so no real Linode account is used — the app talks to the built-in Linode sandbox at ${sandbox.url}. ` +
      `Browsers sign in through ${app.authorizeUrl}, so only the app's own port needs to be reachable.\n`,
  );
}
