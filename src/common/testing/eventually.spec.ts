import { eventually } from './eventually';

describe('eventually', () => {
  it('resolves to the first value that is not undefined', async () => {
    let calls = 0;
    await expect(eventually(() => (++calls >= 3 ? 'ready' : undefined), { intervalMs: 1 })).resolves.toBe('ready');
    expect(calls).toBe(3);
  });

  it('resolves to the first value for which done holds', async () => {
    let n = 0;
    await expect(
      eventually(
        async () => ++n,
        (value) => value === 4,
        { intervalMs: 1 },
      ),
    ).resolves.toBe(4);
  });

  it('rejects after the deadline, naming the last value', async () => {
    await expect(
      eventually(
        () => 'never',
        (value) => value === 'done',
        { timeoutMs: 30, intervalMs: 5 },
      ),
    ).rejects.toThrow(/within 30 ms; last value: "never"/);
  });
});
