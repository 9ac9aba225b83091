/**
 * The built app as `dist/main.js` starts it, minus the catalog load at start-up: its first page view
 * finds no catalog, as with the in-process app of test/support/stack.ts. Real mode only; a signal
 * ends it at once (no graceful shutdown).
 */
require('reflect-metadata');
const { join } = require('node:path');

const DIST = join(__dirname, '..', '..', 'dist');
const { createApp } = require(join(DIST, 'app.setup'));
const { loadAppConfig } = require(join(DIST, 'config', 'load-app-config'));

async function main() {
  const config = loadAppConfig(process.env);
  const app = await createApp(config);
  await app.listen(config.port, config.host);
  process.stdout.write(`install-on-linode is ready at ${config.publicUrl}\n`);
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
