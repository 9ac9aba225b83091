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
