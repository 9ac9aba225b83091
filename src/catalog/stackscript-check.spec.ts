import { checkStackScripts } from './stackscript-check';

class StatusError extends Error {
  constructor(readonly status: number) {
    super(`answered ${status}`);
  }
}

describe('checkStackScripts', () => {
  it('gives one clear problem per bad id, and only a warning when Linode could not be asked', async () => {
    const answers: Record<number, () => Promise<unknown>> = {
      1: async () => ({ id: 1 }),
      2: async () => Promise.reject(new StatusError(404)),
      3: async () => Promise.reject(new StatusError(403)),
      4: async () => Promise.reject(new Error('ECONNRESET')),
    };
    const source = { getStackScript: (id: number) => answers[id]() as never };
    const results = await checkStackScripts(source, [1, 2, 3, 4]);
    expect(results).toEqual([
      { id: 1, ok: true },
      { id: 2, ok: false, problem: 'StackScript 2 does not exist at Linode (404)' },
      { id: 3, ok: false, problem: expect.stringContaining('StackScript 3 is not readable (403)') },
      { id: 4, ok: null, warning: expect.stringContaining('StackScript 4 could not be checked now (ECONNRESET)') },
    ]);
  });
});
