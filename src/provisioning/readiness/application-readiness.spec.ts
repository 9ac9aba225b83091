import { createMock } from '@golevelup/ts-jest';
import { loadAppConfig } from '../../config/load-app-config';
import { InMemoryKeyValueStore } from '../../store/in-memory.store';
import type { DeploymentRecord } from '../deployment.record';
import { DeploymentStore } from '../deployment.store';
import { aDeploymentRecord } from '../testing/deployment-record.fixture';
import { ApplicationProber } from './application-prober';
import { ApplicationReadiness } from './application-readiness';

const RUNNING_AT = Date.UTC(2025, 0, 1, 12, 5, 0);
const TIMEOUT_MS = 600_000;
const REAL_MODE = { LINODE_CLIENT_ID: 'client', LINODE_CLIENT_SECRET: 'secret', SESSION_SECRET: 'a-session-secret-0123456789abcdefghijkl' };

function running(overrides: Partial<DeploymentRecord> = {}): DeploymentRecord {
  return aDeploymentRecord({ phase: 'running', linodeStatus: 'running', ipv4: '172.105.10.20', settledAt: RUNNING_AT, ...overrides });
}

describe('ApplicationReadiness', () => {
  afterEach(() => jest.restoreAllMocks());

  let now: number;
  let answers: jest.Mock<Promise<boolean>, [string, string]>;
  let deployments: DeploymentStore;

  function readiness(env: NodeJS.ProcessEnv = { APP_READY_URL: 'https://{ipv4}:8443/health' }, mode: NodeJS.ProcessEnv = REAL_MODE) {
    const config = loadAppConfig({
      NODE_ENV: 'test',
      LINODE_STACKSCRIPT_ID: '320826',
      APP_READY_TIMEOUT_MS: String(TIMEOUT_MS),
      ...mode,
      ...env,
    });
    return new ApplicationReadiness(config, createMock<ApplicationProber>({ answers }), deployments);
  }

  beforeEach(() => {
    now = RUNNING_AT + 1_000;
    jest.spyOn(Date, 'now').mockImplementation(() => now);
    answers = jest.fn().mockResolvedValue(false);
    deployments = new DeploymentStore(new InMemoryKeyValueStore());
  });

  it('follows the application once the server runs: its URL on the server’s IPv4, until the deadline', async () => {
    const followed = await readiness().follow(running());
    expect(followed.application).toEqual({ url: 'https://172.105.10.20:8443/health', deadline: RUNNING_AT + TIMEOUT_MS, readyAt: null });
    expect(answers).toHaveBeenCalledWith(followed.id, 'https://172.105.10.20:8443/health');
    expect(await deployments.get(followed.id)).toEqual(followed);
  });

  it('records when the application answered', async () => {
    answers.mockResolvedValue(true);
    const followed = await readiness().follow(running());
    expect(followed.application?.readyAt).toBe(now);
    expect((await deployments.get(followed.id))?.application?.readyAt).toBe(now);
  });

  it('asks no more once the application answered', async () => {
    const ready = running({ application: { url: 'https://172.105.10.20:8443/health', deadline: RUNNING_AT + TIMEOUT_MS, readyAt: now } });
    expect(await readiness().follow(ready)).toBe(ready);
    expect(answers).not.toHaveBeenCalled();
  });

  it('asks no more after the deadline', async () => {
    const record = running({ application: { url: 'https://172.105.10.20:8443/health', deadline: RUNNING_AT + TIMEOUT_MS, readyAt: null } });
    now = RUNNING_AT + TIMEOUT_MS;
    expect(await readiness().follow(record)).toBe(record);
    expect(answers).not.toHaveBeenCalled();
  });

  it.each(['provisioning', 'booting', 'failed', 'deleted', 'unknown'] as const)(
    'does nothing while the deployment is %s',
    async (phase) => {
      const record = running({ phase });
      expect(await readiness().follow(record)).toBe(record);
      expect(answers).not.toHaveBeenCalled();
    },
  );

  it('does nothing without APP_READY_URL (the page stays as it was)', async () => {
    const record = running();
    expect(await readiness({}).follow(record)).toBe(record);
    expect(answers).not.toHaveBeenCalled();
    expect(await deployments.get(record.id)).toBeUndefined();
  });

  it('takes the StackScript’s own template from APP_READY_URLS', async () => {
    const followed = await readiness({ APP_READY_URL: 'http://{ipv4}/', APP_READY_URLS: '320826=http://{ipv4}:3000/up' }).follow(running());
    expect(followed.application?.url).toBe('http://172.105.10.20:3000/up');
  });

  it('does nothing for a StackScript without a template', async () => {
    const env = { LINODE_STACKSCRIPT_IDS: '4242', APP_READY_URLS: '4242=http://{ipv4}/' };
    const record = running();
    expect(await readiness(env).follow(record)).toBe(record);
    expect(answers).not.toHaveBeenCalled();
  });

  it.each(['10.0.0.5', '192.168.1.1', '127.0.0.1', '100.64.0.1', '169.254.169.254', '192.0.2.10', null])(
    'never probes a server whose address is %p (not a public IPv4)',
    async (ipv4) => {
      const record = running({ ipv4 });
      expect(await readiness().follow(record)).toBe(record);
      expect(answers).not.toHaveBeenCalled();
    },
  );

  it('says ahead of "running" whether it will follow the application: with a template, and an address it may probe or none yet', () => {
    expect(readiness().follows(running({ phase: 'provisioning', ipv4: null }))).toBe(true);
    expect(readiness().follows(running())).toBe(true);
    expect(readiness().follows(running({ ipv4: '10.0.0.5' }))).toBe(false);
    expect(readiness({}).follows(running())).toBe(false);
  });

  it('in sandbox mode asks the sandbox about its documentation-range server', async () => {
    const followed = await readiness({ APP_READY_URL: 'http://{ipv4}/', SANDBOX_PORT: '5099' }, {}).follow(
      running({ ipv4: '192.0.2.10', linodeId: 60000001 }),
    );
    expect(followed.application?.url).toBe('http://192.0.2.10/');
    expect(answers).toHaveBeenCalledWith(followed.id, 'http://127.0.0.1:5099/__sandbox/instances/60000001/application');
  });
});
