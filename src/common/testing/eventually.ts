/** How long to keep polling, and how often. */
export interface PollOptions {
  timeoutMs?: number;
  intervalMs?: number;
}

/**
 * The one poll helper of the specs and e2e suites: calls `probe` until `done` holds for its value
 * (by default: until it gives something other than `undefined`), then resolves to that value. After
 * `timeoutMs` it rejects naming the last value, so a test waits on observable state, never on a
 * fixed sleep.
 */
export async function eventually<T>(probe: () => T | undefined | Promise<T | undefined>, options?: PollOptions): Promise<T>;
export async function eventually<T>(probe: () => T | Promise<T>, done: (value: T) => boolean, options?: PollOptions): Promise<T>;
export async function eventually<T>(
  probe: () => T | Promise<T>,
  doneOrOptions?: ((value: T) => boolean) | PollOptions,
  maybeOptions: PollOptions = {},
): Promise<T> {
  const done = typeof doneOrOptions === 'function' ? doneOrOptions : (value: T) => value !== undefined;
  const { timeoutMs = 5_000, intervalMs = 20 } = (typeof doneOrOptions === 'function' ? maybeOptions : doneOrOptions) ?? {};
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms; last value: ${describe(value)}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

function describe(value: unknown): string {
  try {
    return (JSON.stringify(value) ?? String(value)).slice(0, 200);
  } catch {
    return typeof value;
  }
}
