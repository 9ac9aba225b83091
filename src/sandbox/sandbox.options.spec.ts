import { SANDBOX_DEFAULTS, sandboxOptionsFromEnv, sandboxTuningFromEnv } from './sandbox.options';

describe('sandbox settings from the environment', () => {
  it('expire instances after an hour and allow 50 per account by default', () => {
    const options = sandboxOptionsFromEnv({});
    expect(options.instanceTtlMs).toBe(3_600_000);
    expect(options.maxInstancesPerAccount).toBe(500);
    expect(options).toEqual(SANDBOX_DEFAULTS);
  });

  it('read SANDBOX_INSTANCE_TTL_MS and SANDBOX_MAX_INSTANCES_PER_ACCOUNT', () => {
    expect(sandboxTuningFromEnv({ SANDBOX_INSTANCE_TTL_MS: '5000', SANDBOX_MAX_INSTANCES_PER_ACCOUNT: '3' })).toEqual({
      instanceTtlMs: 5000,
      maxInstancesPerAccount: 3,
    });
  });

  it('take a TTL of 0 as "never expire"', () => {
    expect(sandboxOptionsFromEnv({ SANDBOX_INSTANCE_TTL_MS: '0' }).instanceTtlMs).toBe(0);
  });

  it('let the application answer 30 s after "running" by default, and read SANDBOX_SETUP_MS (0: never)', () => {
    expect(sandboxOptionsFromEnv({}).setupMs).toBe(30_000);
    expect(sandboxTuningFromEnv({ SANDBOX_SETUP_MS: '4000' })).toEqual({ setupMs: 4000 });
    expect(sandboxTuningFromEnv({ SANDBOX_SETUP_MS: '0' })).toEqual({ setupMs: 0 });
  });

  it('leave unset and empty variables to the defaults', () => {
    expect(sandboxTuningFromEnv({ SANDBOX_INSTANCE_TTL_MS: '', SANDBOX_BOOT_MS: undefined })).toEqual({});
  });

  it.each([
    ['SANDBOX_INSTANCE_TTL_MS', '-1'],
    ['SANDBOX_INSTANCE_TTL_MS', '1.5'],
    ['SANDBOX_INSTANCE_TTL_MS', '1e3'],
    ['SANDBOX_INSTANCE_TTL_MS', 'an hour'],
    ['SANDBOX_INSTANCE_TTL_MS', String(31 * 86_400_000)],
    ['SANDBOX_MAX_INSTANCES_PER_ACCOUNT', '0'],
    ['SANDBOX_MAX_INSTANCES_PER_ACCOUNT', '501'],
    ['SANDBOX_MAX_INSTANCES_PER_ACCOUNT', ' 5'],
    ['SANDBOX_BOOT_MS', 'fast'],
    ['SANDBOX_SETUP_MS', '30 s'],
    ['SANDBOX_SETUP_MS', String(3_600_001)],
    ['SANDBOX_LATENCY_MS', '0x10'],
  ])('refuse %s=%j, naming the variable and its range', (name, raw) => {
    expect(() => sandboxTuningFromEnv({ [name]: raw })).toThrow(new RegExp(`^${name} must be a whole number from \\d+ to \\d+ \\(got `));
  });

  it('name every bad variable at once', () => {
    expect(() => sandboxTuningFromEnv({ SANDBOX_INSTANCE_TTL_MS: 'x', SANDBOX_MAX_INSTANCES_PER_ACCOUNT: 'y' })).toThrow(
      /SANDBOX_INSTANCE_TTL_MS[^\n]*\nSANDBOX_MAX_INSTANCES_PER_ACCOUNT/,
    );
  });
});
