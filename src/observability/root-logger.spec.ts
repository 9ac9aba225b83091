import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { wantsPrettyLogs } from './root-logger';

describe('wantsPrettyLogs', () => {
  it('gives readable lines to a person at a terminal', () => {
    expect(wantsPrettyLogs('development', true)).toBe(true);
  });

  it('keeps JSON in production, even at a terminal', () => {
    expect(wantsPrettyLogs('production', true)).toBe(false);
  });

  it('keeps JSON when stdout is a pipe or a file (log collectors, containers)', () => {
    expect(wantsPrettyLogs('development', false)).toBe(false);
  });
});

describe('createRootLogger on stdout', () => {
  // Writes are asynchronous (a full pipe must not stop the event loop); lines logged just before
  // process.exit must still all arrive.
  it('loses no line logged just before process.exit, with stdout a pipe', () => {
    const script = [
      "const { createRootLogger } = require('./src/observability/root-logger');",
      "const log = createRootLogger('info');",
      "for (let i = 0; i < 5000; i++) log.info({ i, pad: 'x'.repeat(200) }, 'line');",
      'process.exit(0);',
    ].join('\n');
    const out = execFileSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', script], {
      cwd: join(__dirname, '..', '..'),
      maxBuffer: 64 * 1024 * 1024,
    }).toString();
    const lines = out
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { i: number });
    expect(lines).toHaveLength(5000);
    expect(lines[4999].i).toBe(4999);
  });
});
