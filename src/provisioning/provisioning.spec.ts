import { A_DESCRIPTION, A_DRAFT } from './testing/deployment-draft.fixture';
import { createMock } from '@golevelup/ts-jest';
import { Logger } from '@nestjs/common';
import { Registry } from 'prom-client';
import type { DeploymentDraft } from '../configure/deployment-draft';
import { UserFacingError } from '../common/user-facing.error';
import type { AppConfig } from '../config/app-config';
import { loadAppConfig } from '../config/load-app-config';
import { anEvent, anInstance } from '../linode/fake-linode.test-helper';
import type { CreateInstanceRequest, LinodeApiClient, LinodeFilter } from '../linode/linode-api.client';
import { LinodeApiError, LinodeResponseError, LinodeUnavailableError, type LinodeUnavailableKind } from '../linode/linode-api.error';
import type { LinodeTokenSet } from '../linode/linode-oauth-answers';
import type { LinodeEvent, LinodeInstance, LinodeStatus } from '../linode/linode.readers';
import { DeploymentMetrics, type DeploymentOutcome } from '../observability/deployment.metrics';
import { InMemoryKeyValueStore } from '../store/in-memory.store';
import type { DeploymentRecord } from './deployment.record';
import { DeploymentStore } from './deployment.store';
import { isSettled, phaseOf } from './deployment-phase';
import { DeploymentTracker } from './deployment-tracker';
import { InstanceCreator } from './instance-creator';
import { ApplicationProber } from './readiness/application-prober';
import { ApplicationReadiness } from './readiness/application-readiness';
import type { TokenVault } from '../tokens/token-vault';

const TOKEN = 'access-token-0123456789abcdef';
const GRANT: LinodeTokenSet = { accessToken: TOKEN, refreshToken: null, expiresIn: null, scopes: [] };
/** The browser id of the person deploying. */
const OWNER = 'browser-id-0123456789ab';
const STACKSCRIPT_ID = 4242;
const NOW = Date.UTC(2025, 0, 1, 12, 0, 0);

const config: AppConfig = loadAppConfig({
  NODE_ENV: 'test',
  APP_NAME: 'WordPress',
  LINODE_STACKSCRIPT_ID: String(STACKSCRIPT_ID),
});

const DRAFT = A_DRAFT;
const DESCRIPTION = A_DESCRIPTION;

/** TokenVault's surface, remembering what happened to which token. */
class FakeTokenVault implements Pick<TokenVault, 'keep' | 'grant' | 'revokeHeld' | 'revoke'> {
  readonly kept = new Map<string, string>();
  readonly scopes = new Map<string, string[]>();
  readonly expiresIn = new Map<string, number | undefined>();
  readonly revokedHeld: { deploymentId: string; reason: string }[] = [];
  readonly revoked: string[] = [];
  failKeep = false;

  async keep(deploymentId: string, accessToken: string, scopes: string[] = [], expiresIn?: number): Promise<void> {
    if (this.failKeep) throw new Error('store down');
    this.kept.set(deploymentId, accessToken);
    this.scopes.set(deploymentId, scopes);
    this.expiresIn.set(deploymentId, expiresIn);
  }
  async grant(deploymentId: string): Promise<{ accessToken: string; scopes: string[] } | undefined> {
    const accessToken = this.kept.get(deploymentId);
    return accessToken === undefined ? undefined : { accessToken, scopes: this.scopes.get(deploymentId) ?? [] };
  }
  async revokeHeld(deploymentId: string, reason: string): Promise<void> {
    if (this.kept.delete(deploymentId)) this.revokedHeld.push({ deploymentId, reason });
  }
  async revoke(accessToken: string): Promise<void> {
    this.revoked.push(accessToken);
  }
}

function instance(overrides: Partial<LinodeInstance> = {}): LinodeInstance {
  return { ...anInstance(777), ...overrides };
}

/** What Linode would list for the instance our create made: same label, region, plan, image, created now. */
function createdFromRequest(request: CreateInstanceRequest, overrides: Partial<LinodeInstance> = {}): LinodeInstance {
  return instance({
    label: request.label,
    region: request.region,
    type: request.type,
    image: request.image,
    created: new Date().toISOString().slice(0, 19),
    ...overrides,
  });
}

const apiError = (status: number, reason = 'Something', field: string | null = null) =>
  new LinodeApiError({ method: 'POST', path: '/linode/instances', status, errors: [{ field, reason }] });

const unavailable = (kind: LinodeUnavailableKind) =>
  new LinodeUnavailableError({ service: 'Linode API', kind, method: 'POST', path: '/linode/instances', detail: kind });

describe('InstanceCreator and DeploymentTracker', () => {
  let api: {
    createInstance: jest.Mock<Promise<LinodeInstance>, [string, CreateInstanceRequest]>;
    listInstances: jest.Mock<Promise<LinodeInstance[]>, [string, LinodeFilter?]>;
    getInstance: jest.Mock<Promise<LinodeInstance>, [string, number]>;
    listEvents: jest.Mock<Promise<LinodeEvent[]>, [string, LinodeFilter?, number?]>;
    deleteInstance: jest.Mock<Promise<void>, [string, number]>;
  };
  let backing: InMemoryKeyValueStore;
  let deployments: DeploymentStore;
  let tokens: FakeTokenVault;
  let registry: Registry;
  /** The creator and the tracker over the same store, vault and fake Linode: one deployment's whole life. */
  let service: Pick<InstanceCreator, 'deploy'> & Pick<DeploymentTracker, 'refresh' | 'canDelete' | 'deleteInstance' | 'takeRootPassword'>;

  /** The create request the service sent (the only one, when there was one). */
  const sentRequest = (): CreateInstanceRequest => {
    expect(api.createInstance).toHaveBeenCalledTimes(1);
    return api.createInstance.mock.calls[0][1];
  };

  const outcomeCount = async (outcome: DeploymentOutcome): Promise<number> => {
    const metric = await registry.getSingleMetric('deployments_total')?.get();
    return metric?.values.find((value) => value.labels.outcome === outcome)?.value ?? NaN;
  };

  /** Creation echoes the request, as Linode does. */
  const createEchoes = () =>
    api.createInstance.mockImplementation(async (_token, request) => instance({ label: request.label ?? 'linode777' }));

  const deployFailure = (draft: DeploymentDraft = DRAFT) =>
    service.deploy(GRANT, draft, DESCRIPTION, OWNER).then(
      () => {
        throw new Error('expected the deployment to fail');
      },
      (error: unknown) => error as UserFacingError,
    );

  beforeEach(() => {
    api = {
      createInstance: jest.fn(),
      listInstances: jest.fn(),
      getInstance: jest.fn(),
      listEvents: jest.fn(),
      deleteInstance: jest.fn(),
    };
    backing = new InMemoryKeyValueStore();
    deployments = new DeploymentStore(backing);
    tokens = new FakeTokenVault();
    registry = new Registry();
    const linode = createMock<LinodeApiClient>(api);
    const vault = createMock<TokenVault>(tokens);
    const metrics = new DeploymentMetrics(registry);
    const creator = new InstanceCreator(config, linode, deployments, vault, metrics, 1);
    const readiness = new ApplicationReadiness(config, createMock<ApplicationProber>(), deployments);
    const tracker = new DeploymentTracker(linode, deployments, vault, metrics, readiness);
    service = {
      deploy: (...args) => creator.deploy(...args),
      refresh: (record) => tracker.refresh(record),
      canDelete: (record) => tracker.canDelete(record),
      deleteInstance: (record) => tracker.deleteInstance(record),
      takeRootPassword: (record) => tracker.takeRootPassword(record),
    };
    for (const level of ['log', 'warn', 'error'] as const) {
      jest.spyOn(Logger.prototype, level).mockImplementation(() => undefined);
    }
  });
  afterEach(() => {
    jest.restoreAllMocks();
    jest.useRealTimers();
  });

  /** Linode's 2xx answer to the create that the reader could not read. */
  const unreadable200 = (issue: string) =>
    new LinodeResponseError({ service: 'Linode API', method: 'POST', path: '/linode/instances', status: 200, issues: [issue] });

  /** A deployment created at NOW (Linode echoing the create), with the clock moved on to `later`. */
  async function deployedAt(later: number): Promise<DeploymentRecord> {
    jest.useFakeTimers({ now: NOW, doNotFake: ['setTimeout', 'setImmediate', 'queueMicrotask', 'nextTick'] });
    createEchoes();
    const deployed = await service.deploy(GRANT, DRAFT, DESCRIPTION, OWNER);
    jest.setSystemTime(later);
    return deployed;
  }

  describe('deploy', () => {
    describe('the create request', () => {
      beforeEach(createEchoes);

      it('asks for the chosen plan, region and image, booted', async () => {
        await service.deploy(GRANT, DRAFT, DESCRIPTION, OWNER);
        expect(sentRequest()).toMatchObject({ type: 'g6-nanode-1', region: 'us-east', image: 'linode/debian12', booted: true });
      });

      it('deploys the configured StackScript with the chosen options', async () => {
        await service.deploy(GRANT, DRAFT, DESCRIPTION, OWNER);
        expect(sentRequest()).toMatchObject({ stackscript_id: STACKSCRIPT_ID, stackscript_data: { APP_DOMAIN: 'example.com' } });
      });

      it('sends the person’s token', async () => {
        await service.deploy(GRANT, DRAFT, DESCRIPTION, OWNER);
        expect(api.createInstance.mock.calls[0][0]).toBe(TOKEN);
      });

      it('labels the server after the app, with a random suffix, when no label was chosen', async () => {
        await service.deploy(GRANT, DRAFT, DESCRIPTION, OWNER);
        expect(sentRequest().label).toMatch(/^wordpress-[0-9a-f]{6}$/);
      });

      it('uses the label the person chose', async () => {
        await service.deploy(GRANT, { ...DRAFT, label: 'blog-server' }, DESCRIPTION, OWNER);
        expect(sentRequest().label).toBe('blog-server');
      });

      it('sets a strong root password: 40 characters with every character class', async () => {
        await service.deploy(GRANT, DRAFT, DESCRIPTION, OWNER);
        const { root_pass: password } = sentRequest();
        expect(password).toHaveLength(40);
        expect(password).toMatch(/[a-z]/);
        expect(password).toMatch(/[A-Z]/);
        expect(password).toMatch(/[0-9]/);
        expect(password).toMatch(/[^a-zA-Z0-9]/);
      });

      it('sets a different root password for every deployment', async () => {
        await service.deploy(GRANT, DRAFT, DESCRIPTION, OWNER);
        await service.deploy(GRANT, DRAFT, DESCRIPTION, OWNER);
        const [first, second] = api.createInstance.mock.calls.map(([, request]) => request.root_pass);
        expect(first).not.toBe(second);
      });

      it('sends the SSH keys when some were given', async () => {
        const keys = ['ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGf0 me@laptop'];
        await service.deploy(GRANT, { ...DRAFT, authorizedKeys: keys }, DESCRIPTION, OWNER);
        expect(sentRequest().authorized_keys).toEqual(keys);
      });

      it('leaves authorized_keys out entirely when none were given', async () => {
        await service.deploy(GRANT, DRAFT, DESCRIPTION, OWNER);
        expect(sentRequest()).not.toHaveProperty('authorized_keys');
      });

      it('asks for backups when the person chose them', async () => {
        await service.deploy(GRANT, { ...DRAFT, backupsEnabled: true }, DESCRIPTION, OWNER);
        expect(sentRequest().backups_enabled).toBe(true);
      });

      it('leaves backups_enabled out entirely when they were not chosen', async () => {
        await service.deploy(GRANT, DRAFT, DESCRIPTION, OWNER);
        expect(sentRequest()).not.toHaveProperty('backups_enabled');
      });
    });

    describe('when Linode creates the server', () => {
      beforeEach(() => {
        jest.useFakeTimers({ now: NOW, doNotFake: ['setTimeout', 'setImmediate', 'queueMicrotask', 'nextTick'] });
        createEchoes();
      });

      it('returns a record of it, with the draft’s description', async () => {
        const record = await service.deploy(GRANT, { ...DRAFT, authorizedKeys: ['k1', 'k2'] }, DESCRIPTION, OWNER);
        expect(record).toMatchObject({
          id: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/),
          ownerId: OWNER,
          linodeId: 777,
          label: expect.stringMatching(/^wordpress-/),
          region: 'us-east',
          type: 'g6-standard-1',
          image: 'linode/debian12',
          ...DESCRIPTION,
          sshKeyCount: 2,
          createdAt: NOW,
          linodeStatus: 'provisioning',
          phase: 'provisioning',
          ipv4: '192.0.2.10',
          settledAt: null,
          passwordShown: false,
          notice: null,
        });
      });

      it('remembers the root password it set, to show once', async () => {
        const record = await service.deploy(GRANT, DRAFT, DESCRIPTION, OWNER);
        expect(record.rootPassword).toBe(sentRequest().root_pass);
      });

      it('saves the record', async () => {
        const record = await service.deploy(GRANT, DRAFT, DESCRIPTION, OWNER);
        expect(await deployments.get(record.id)).toEqual(record);
      });

      it('binds the record to the browser that deployed it', async () => {
        const record = await service.deploy(GRANT, DRAFT, DESCRIPTION, 'another-browser-id-0123');
        expect(record.ownerId).toBe('another-browser-id-0123');
        expect(await deployments.get(record.id)).toMatchObject({ ownerId: 'another-browser-id-0123' });
      });

      it('does not send the browser id to Linode', async () => {
        await service.deploy(GRANT, DRAFT, DESCRIPTION, OWNER);
        expect(JSON.stringify(sentRequest())).not.toContain(OWNER);
      });

      it('keeps the token for following the deployment, and does not revoke it yet', async () => {
        const record = await service.deploy(GRANT, DRAFT, DESCRIPTION, OWNER);
        expect(tokens.kept.get(record.id)).toBe(TOKEN);
        expect(tokens.revoked).toEqual([]);
      });

      it('hands the token’s lifetime at Linode (expires_in) to the vault', async () => {
        const record = await service.deploy({ ...GRANT, scopes: ['*'], expiresIn: 7200 }, DRAFT, DESCRIPTION, OWNER);
        expect(tokens.expiresIn.get(record.id)).toBe(7200);
      });

      it('keeps the granted scopes with the token', async () => {
        const record = await service.deploy({ ...GRANT, scopes: ['*'] }, DRAFT, DESCRIPTION, OWNER);
        expect(tokens.scopes.get(record.id)).toEqual(['*']);
      });

      it('never puts the token in the record', async () => {
        const record = await service.deploy(GRANT, DRAFT, DESCRIPTION, OWNER);
        expect(JSON.stringify(record)).not.toContain(TOKEN);
      });

      it('counts a created deployment', async () => {
        await service.deploy(GRANT, DRAFT, DESCRIPTION, OWNER);
        expect(await outcomeCount('created')).toBe(1);
        expect(await outcomeCount('failed')).toBe(0);
      });
    });

    describe('when Linode refuses the create', () => {
      beforeEach(() => api.createInstance.mockRejectedValue(apiError(400, 'Region is not available', 'region')));

      it('fails with a page naming the field', async () => {
        const error = await deployFailure();
        expect(error).toBeInstanceOf(UserFacingError);
        expect(error).toMatchObject({ status: 400, details: ['Region: Region is not available'] });
      });

      it('revokes the token at once', async () => {
        await deployFailure();
        expect(tokens.revoked).toEqual([TOKEN]);
        expect(tokens.kept.size).toBe(0);
      });

      it('does not look for the server: Linode clearly did not create it', async () => {
        await deployFailure();
        expect(api.listInstances).not.toHaveBeenCalled();
      });

      it('saves no deployment and counts a failure', async () => {
        await deployFailure();
        expect(await backing.count('deployment:')).toBe(0);
        expect(await outcomeCount('failed')).toBe(1);
        expect(await outcomeCount('created')).toBe(0);
      });

      it('passes a rate limit on with its wait', async () => {
        api.createInstance.mockRejectedValue(
          new LinodeApiError({
            method: 'POST',
            path: '/linode/instances',
            status: 429,
            errors: [{ field: null, reason: 'Too many' }],
            retryAfterSeconds: 20,
          }),
        );
        expect(await deployFailure()).toMatchObject({ status: 429, retryAfterSeconds: 20 });
        expect(api.listInstances).not.toHaveBeenCalled();
      });
    });

    describe.each([
      ['a 500 answer', () => apiError(500, 'Internal error')],
      ['a 502 answer', () => apiError(502, 'Bad gateway')],
      ['a timeout', () => unavailable('timeout')],
      ['a lost connection', () => unavailable('network')],
    ])('when the create ends ambiguously (%s)', (_name, failure) => {
      beforeEach(() => api.createInstance.mockRejectedValue(failure()));

      it('looks the server up by its label and adopts it', async () => {
        api.listInstances.mockImplementation(async () => [createdFromRequest(sentRequest(), { id: 991 })]);
        const record = await service.deploy(GRANT, DRAFT, DESCRIPTION, OWNER);
        expect(api.listInstances).toHaveBeenCalledWith(TOKEN, { label: sentRequest().label });
        expect(record).toMatchObject({ linodeId: 991, label: sentRequest().label });
        expect(tokens.kept.get(record.id)).toBe(TOKEN);
        expect(await outcomeCount('created')).toBe(1);
      });

      it('never creates a second server', async () => {
        api.listInstances.mockResolvedValue([]);
        await deployFailure();
        expect(api.createInstance).toHaveBeenCalledTimes(1);
      });

      it('fails, revoking the token, when no server has the label', async () => {
        api.listInstances.mockResolvedValue([]);
        const error = await deployFailure();
        expect(error).toBeInstanceOf(UserFacingError);
        expect(error.status).toBeGreaterThanOrEqual(500);
        expect(tokens.revoked).toEqual([TOKEN]);
        expect(await outcomeCount('failed')).toBe(1);
      });

      it('looks a few times, as a server Linode accepted can show up in the list a moment later', async () => {
        let calls = 0;
        api.listInstances.mockImplementation(async () => (++calls < 3 ? [] : [createdFromRequest(sentRequest(), { id: 993 })]));
        const record = await service.deploy(GRANT, DRAFT, DESCRIPTION, OWNER);
        expect(calls).toBe(3);
        expect(record.linodeId).toBe(993);
      });

      it('settles at once and gives the token back when the server it finds is already running', async () => {
        api.listInstances.mockImplementation(async () => [createdFromRequest(sentRequest(), { id: 994, status: 'running' })]);
        const record = await service.deploy(GRANT, DRAFT, DESCRIPTION, OWNER);
        expect(record).toMatchObject({ phase: 'running', percentComplete: 100 });
        expect(record.settledAt).not.toBeNull();
        expect(tokens.kept.has(record.id)).toBe(false);
        expect(tokens.revoked).toEqual([TOKEN]);
        expect(await outcomeCount('running')).toBe(1);
      });

      it('does not adopt an older server that already had the label', async () => {
        api.listInstances.mockImplementation(async () => [createdFromRequest(sentRequest(), { created: '2020-01-01T00:00:00' })]);
        const error = await deployFailure();
        expect(error).toBeInstanceOf(UserFacingError);
        expect(tokens.revoked).toEqual([TOKEN]);
      });

      it('does not adopt a server with our label in another region', async () => {
        api.listInstances.mockImplementation(async () => [createdFromRequest(sentRequest(), { region: 'eu-west' })]);
        const error = await deployFailure();
        expect(error).toBeInstanceOf(UserFacingError);
      });

      it('does not adopt a server whose label only resembles ours', async () => {
        api.listInstances.mockImplementation(async (_token, filter) => [instance({ label: `${String(filter?.label)}-old` })]);
        await deployFailure();
        expect(api.createInstance).toHaveBeenCalledTimes(1);
        expect(await backing.count('deployment:')).toBe(0);
      });

      it('fails without creating again when the lookup itself fails', async () => {
        api.listInstances.mockRejectedValue(unavailable('timeout'));
        const error = await deployFailure();
        expect(error).toBeInstanceOf(UserFacingError);
        expect(api.createInstance).toHaveBeenCalledTimes(1);
        expect(tokens.revoked).toEqual([TOKEN]);
      });
    });

    describe('when the circuit breaker is open (the create was never sent)', () => {
      beforeEach(() => api.createInstance.mockRejectedValue(unavailable('circuit_open')));

      it('does not look for the server', async () => {
        await deployFailure();
        expect(api.listInstances).not.toHaveBeenCalled();
      });

      it('fails with 503 and revokes the token', async () => {
        expect(await deployFailure()).toMatchObject({ status: 503 });
        expect(tokens.revoked).toEqual([TOKEN]);
      });
    });

    it('treats a success answer it cannot read as ambiguous: the server may exist, so it looks it up', async () => {
      api.createInstance.mockRejectedValue(unreadable200('status: Invalid option: expected one of "running"|"offline"'));
      api.listInstances.mockImplementation(async () => [createdFromRequest(sentRequest(), { id: 992 })]);
      const record = await service.deploy(GRANT, DRAFT, DESCRIPTION, OWNER);
      expect(api.listInstances).toHaveBeenCalledTimes(1);
      expect(record.linodeId).toBe(992);
    });

    it('says the server may exist, never that nothing was created, when a success answer cannot be read and the lookup finds nothing', async () => {
      api.createInstance.mockRejectedValue(unreadable200('id: Invalid input: expected number, received undefined'));
      api.listInstances.mockResolvedValue([]);
      const error = await deployFailure();
      expect(error.title).toBe('Your server may have been created');
      expect(error.message).toContain('may be billed');
      expect(error.message).not.toMatch(/nothing was created/i);
      expect(tokens.revoked).toEqual([TOKEN]);
    });

    it('adopts a listed server without a creation time when its unique label and choices match', async () => {
      api.createInstance.mockRejectedValue(unavailable('timeout'));
      api.listInstances.mockImplementation(async () => [createdFromRequest(sentRequest(), { id: 993, created: null })]);
      expect((await service.deploy(GRANT, DRAFT, DESCRIPTION, OWNER)).linodeId).toBe(993);
    });

    it('falls back to what it asked for when the create answer lacks the label and region', async () => {
      api.createInstance.mockResolvedValue(instance({ label: null, region: null, type: null, image: null }));
      const record = await service.deploy(GRANT, DRAFT, DESCRIPTION, OWNER);
      expect(record).toMatchObject({ label: sentRequest().label, region: 'us-east', type: 'g6-nanode-1', image: 'linode/debian12' });
    });

    describe('when the server is created but cannot be remembered', () => {
      beforeEach(createEchoes);

      it('says so, pointing to Cloud Manager, when the record cannot be saved', async () => {
        jest.spyOn(deployments, 'save').mockRejectedValue(new Error('store down'));
        const error = await deployFailure();
        expect(error).toMatchObject({ status: 503, actionHref: 'https://cloud.linode.com/linodes' });
        expect(error.message).toContain(sentRequest().label);
      });

      it('revokes the token when the record cannot be saved', async () => {
        jest.spyOn(deployments, 'save').mockRejectedValue(new Error('store down'));
        await deployFailure();
        expect(tokens.revoked).toEqual([TOKEN]);
      });

      it('revokes the token when it cannot be kept', async () => {
        tokens.failKeep = true;
        expect(await deployFailure()).toMatchObject({ status: 503 });
        expect(tokens.revoked).toEqual([TOKEN]);
      });

      it('does not show the internal error', async () => {
        jest.spyOn(deployments, 'save').mockRejectedValue(new Error('redis at 10.0.0.5 refused'));
        expect((await deployFailure()).message).not.toContain('10.0.0.5');
      });
    });
  });

  describe('refresh', () => {
    let record: DeploymentRecord;

    beforeEach(async () => {
      record = await deployedAt(NOW + 10_000);
    });

    const withStatus = (status: LinodeStatus, overrides: Partial<LinodeInstance> = {}) =>
      api.getInstance.mockResolvedValue(instance({ id: record.linodeId, status, ...overrides }));

    it('asks Linode about the server with the kept token', async () => {
      withStatus('provisioning');
      await service.refresh(record);
      expect(api.getInstance).toHaveBeenCalledWith(TOKEN, record.linodeId);
    });

    it('saves what it learned', async () => {
      withStatus('booting');
      const updated = await service.refresh(record);
      expect(await deployments.get(record.id)).toEqual(updated);
    });

    it('keeps the deployment bound to the browser that created it', async () => {
      withStatus('running');
      const updated = await service.refresh(record);
      expect(updated.ownerId).toBe(OWNER);
      expect(await deployments.get(record.id)).toMatchObject({ ownerId: OWNER });
    });

    describe('when the server runs', () => {
      beforeEach(() => withStatus('running', { ipv4: ['203.0.113.7'], ipv6: '2001:db8::7/128' }));

      it('settles the deployment at 100 %', async () => {
        const updated = await service.refresh(record);
        expect(updated).toMatchObject({
          phase: 'running',
          linodeStatus: 'running',
          percentComplete: 100,
          settledAt: NOW + 10_000,
          ipv4: '203.0.113.7',
          ipv6: '2001:db8::7/128',
          notice: null,
        });
        expect(isSettled(updated)).toBe(true);
      });

      it('revokes the token: it is no longer needed', async () => {
        await service.refresh(record);
        expect(tokens.revokedHeld).toEqual([{ deploymentId: record.id, reason: 'settled' }]);
      });

      it('counts a running deployment', async () => {
        await service.refresh(record);
        expect(await outcomeCount('running')).toBe(1);
      });

      it('does not ask Linode again once settled', async () => {
        const updated = await service.refresh(record);
        api.getInstance.mockClear();
        expect(await service.refresh(updated)).toBe(updated);
        expect(api.getInstance).not.toHaveBeenCalled();
        expect(await outcomeCount('running')).toBe(1);
      });
    });

    it('follows a booting server without settling, keeping the token', async () => {
      withStatus('booting');
      const updated = await service.refresh(record);
      expect(updated).toMatchObject({ phase: 'booting', settledAt: null });
      expect(updated.percentComplete).toBeGreaterThanOrEqual(70);
      expect(updated.percentComplete).toBeLessThan(100);
      expect(tokens.kept.has(record.id)).toBe(true);
      expect(tokens.revokedHeld).toEqual([]);
    });

    it('estimates provisioning progress below the booting range', async () => {
      withStatus('provisioning');
      const updated = await service.refresh(record);
      expect(updated.percentComplete).toBeGreaterThan(0);
      expect(updated.percentComplete).toBeLessThanOrEqual(65);
    });

    it('keeps the address it knew when Linode lists none for a moment', async () => {
      const withAddress = { ...record, ipv4: '192.0.2.10' };
      withStatus('booting', { ipv4: [] });
      expect((await service.refresh(withAddress)).ipv4).toBe('192.0.2.10');
    });

    it.each(['offline', 'stopped'] as const)('settles a server that is %s as failed, revoking the token', async (status) => {
      withStatus(status);
      const updated = await service.refresh(record);
      expect(updated).toMatchObject({ phase: 'failed', settledAt: NOW + 10_000 });
      expect(tokens.revokedHeld).toEqual([{ deploymentId: record.id, reason: 'settled' }]);
      expect(await outcomeCount('failed')).toBe(1);
    });

    it('settles a server that no longer exists (404) as deleted, revoking the token', async () => {
      api.getInstance.mockRejectedValue(
        new LinodeApiError({ method: 'GET', path: '/linode/instances/777', status: 404, errors: [{ field: null, reason: 'Not found' }] }),
      );
      const updated = await service.refresh(record);
      expect(updated).toMatchObject({ phase: 'deleted', settledAt: NOW + 10_000, notice: expect.stringContaining('no longer exists') });
      expect(tokens.revokedHeld.map((r) => r.deploymentId)).toEqual([record.id]);
      expect(await deployments.get(record.id)).toMatchObject({ phase: 'deleted' });
    });

    describe('when Linode answers 401 (the token expired or was withdrawn at Linode)', () => {
      beforeEach(() =>
        api.getInstance.mockRejectedValue(
          new LinodeApiError({
            method: 'GET',
            path: '/linode/instances/777',
            status: 401,
            errors: [{ field: null, reason: 'Invalid Token' }],
          }),
        ),
      );

      it('stops following the server, saying the app lost access and the server keeps booting', async () => {
        const updated = await service.refresh(record);
        expect(updated).toMatchObject({ phase: 'unknown', settledAt: NOW + 10_000 });
        expect(updated.notice).toContain('no longer has access');
        expect(updated.notice).toContain('keeps booting');
        expect(await deployments.get(record.id)).toMatchObject({ phase: 'unknown' });
      });

      it('drops the dead token and never asks Linode with it again', async () => {
        const updated = await service.refresh(record);
        expect(tokens.revokedHeld).toEqual([{ deploymentId: record.id, reason: 'failure' }]);
        await service.refresh(updated);
        expect(api.getInstance).toHaveBeenCalledTimes(1);
      });
    });

    describe('when the token is gone (revoked after its lifetime, or never kept)', () => {
      beforeEach(() => tokens.kept.clear());

      it('stops following the server with a notice, without asking Linode', async () => {
        const updated = await service.refresh(record);
        expect(updated).toMatchObject({ phase: 'unknown', settledAt: NOW + 10_000, notice: expect.stringContaining('Cloud Manager') });
        expect(api.getInstance).not.toHaveBeenCalled();
        expect(await deployments.get(record.id)).toMatchObject({ phase: 'unknown' });
      });

      it('counts that as settled, so the page stops polling', async () => {
        const updated = await service.refresh(record);
        expect(isSettled(updated)).toBe(true);
      });
    });

    it('asks for patience when Linode rate-limits the status check, changing nothing else', async () => {
      api.getInstance.mockRejectedValue(
        new LinodeApiError({ method: 'GET', path: '/linode/instances/777', status: 429, errors: [{ field: null, reason: 'Too many' }] }),
      );
      const updated = await service.refresh(record);
      expect(updated).toEqual({ ...record, notice: expect.stringContaining('slow down') });
      expect(tokens.revokedHeld).toEqual([]);
    });

    it.each([
      [
        'a 500 answer',
        () => new LinodeApiError({ method: 'GET', path: '/linode/instances/777', status: 500, errors: [{ field: null, reason: 'x' }] }),
      ],
      ['a timeout', () => unavailable('timeout')],
    ])('says it will try again after %s, changing nothing else', async (_name, failure) => {
      api.getInstance.mockRejectedValue(failure());
      const updated = await service.refresh(record);
      expect(updated).toEqual({ ...record, notice: expect.stringContaining('trying again') });
      expect(tokens.kept.has(record.id)).toBe(true);
    });

    it('clears the notice once a status check succeeds again', async () => {
      api.getInstance.mockRejectedValueOnce(unavailable('timeout'));
      const noticed = await service.refresh(record);
      withStatus('booting');
      expect((await service.refresh(noticed)).notice).toBeNull();
    });
  });

  describe('progress from Linode’s events (when the grant allows reading them)', () => {
    let record: DeploymentRecord;

    const deployWith = async (scopes: string[]) => {
      record = await service.deploy({ ...GRANT, scopes }, DRAFT, DESCRIPTION, OWNER);
      jest.setSystemTime(NOW + 10_000);
    };
    const withStatus = (status: LinodeStatus) => api.getInstance.mockResolvedValue(instance({ id: record.linodeId, status }));
    const withEvent = (action: string, percent: number | null) =>
      api.listEvents.mockResolvedValue([anEvent(1, { action, percent_complete: percent })]);

    beforeEach(() => {
      jest.useFakeTimers({ now: NOW, doNotFake: ['setTimeout', 'setImmediate', 'queueMicrotask', 'nextTick'] });
      createEchoes();
    });

    it('asks for the newest create event of this server', async () => {
      await deployWith(['*']);
      withStatus('provisioning');
      withEvent('linode_create', 80);
      await service.refresh(record);
      expect(api.listEvents).toHaveBeenCalledWith(TOKEN, {
        'entity.id': record.linodeId,
        'entity.type': 'linode',
        action: 'linode_create',
        '+order_by': 'created',
        '+order': 'desc',
      });
    });

    it('maps create progress onto 0–70 %', async () => {
      await deployWith(['*']);
      withStatus('provisioning');
      withEvent('linode_create', 80);
      expect((await service.refresh(record)).percentComplete).toBe(56);
    });

    it('maps boot progress onto 70–100 %', async () => {
      await deployWith(['linodes:read_write', 'events:read_only']);
      withStatus('booting');
      withEvent('linode_boot', 50);
      expect((await service.refresh(record)).percentComplete).toBe(85);
      expect(api.listEvents.mock.calls[0][1]).toMatchObject({ action: 'linode_boot' });
    });

    it('does not ask for events the grant does not cover, and estimates instead', async () => {
      await deployWith(['linodes:read_write']);
      withStatus('provisioning');
      const updated = await service.refresh(record);
      expect(api.listEvents).not.toHaveBeenCalled();
      expect(updated.percentComplete).toBe(35);
    });

    it('estimates when the event has no progress figure', async () => {
      await deployWith(['*']);
      withStatus('provisioning');
      withEvent('linode_create', null);
      expect((await service.refresh(record)).percentComplete).toBe(35);
    });

    it('estimates, without a notice, when the events cannot be read', async () => {
      await deployWith(['*']);
      withStatus('booting');
      api.listEvents.mockRejectedValue(unavailable('timeout'));
      expect(await service.refresh(record)).toMatchObject({ phase: 'booting', percentComplete: 80, notice: null });
    });

    it('does not ask for events once the server runs', async () => {
      await deployWith(['*']);
      withStatus('running');
      await service.refresh(record);
      expect(api.listEvents).not.toHaveBeenCalled();
    });
  });

  describe('deleting the server', () => {
    let record: DeploymentRecord;

    beforeEach(async () => {
      record = await deployedAt(NOW + 20_000);
    });

    it('is possible while the token is held and the deployment has not settled', async () => {
      expect(await service.canDelete(record)).toBe(true);
    });

    it('is not possible once the deployment settled', async () => {
      expect(await service.canDelete({ ...record, phase: 'running' })).toBe(false);
    });

    it('is not possible once the token is gone', async () => {
      tokens.kept.clear();
      expect(await service.canDelete(record)).toBe(false);
    });

    it('deletes the server through the API with the kept token', async () => {
      await service.deleteInstance(record);
      expect(api.deleteInstance).toHaveBeenCalledWith(TOKEN, record.linodeId);
    });

    it('records the deletion, drops the root password and revokes the token', async () => {
      const updated = await service.deleteInstance(record);
      expect(updated).toMatchObject({
        phase: 'deleted',
        settledAt: NOW + 20_000,
        rootPassword: null,
        notice: expect.stringContaining('deleted'),
      });
      expect(await deployments.get(record.id)).toEqual(updated);
      expect(tokens.revokedHeld).toEqual([{ deploymentId: record.id, reason: 'deleted' }]);
    });

    it('keeps the deleted deployment visible to the browser that created it', async () => {
      expect((await service.deleteInstance(record)).ownerId).toBe(OWNER);
    });

    it('counts a server that was already gone (404) as deleted', async () => {
      api.deleteInstance.mockRejectedValue(
        new LinodeApiError({
          method: 'DELETE',
          path: '/linode/instances/777',
          status: 404,
          errors: [{ field: null, reason: 'Not found' }],
        }),
      );
      expect(await service.deleteInstance(record)).toMatchObject({ phase: 'deleted' });
    });

    it('says the server still exists when Linode did not delete it, keeping the token for a retry', async () => {
      api.deleteInstance.mockRejectedValue(
        new LinodeApiError({ method: 'DELETE', path: '/linode/instances/777', status: 500, errors: [{ field: null, reason: 'x' }] }),
      );
      const error = await service.deleteInstance(record).catch((e: unknown) => e as UserFacingError);
      expect(error).toBeInstanceOf(UserFacingError);
      expect(error).toMatchObject({ status: 502, message: expect.stringContaining('still exists') });
      expect(tokens.kept.get(record.id)).toBe(TOKEN);
      expect(await deployments.get(record.id)).toMatchObject({ phase: 'provisioning' });
    });

    it('refuses with 409, without calling Linode, once the token is gone', async () => {
      tokens.kept.clear();
      await expect(service.deleteInstance(record)).rejects.toMatchObject({ status: 409 });
      expect(api.deleteInstance).not.toHaveBeenCalled();
    });

    it('refuses with 409 once the deployment settled', async () => {
      await expect(service.deleteInstance({ ...record, phase: 'running' })).rejects.toMatchObject({ status: 409 });
      expect(api.deleteInstance).not.toHaveBeenCalled();
    });
  });

  describe('takeRootPassword', () => {
    let record: DeploymentRecord;

    beforeEach(async () => {
      createEchoes();
      record = await service.deploy(GRANT, DRAFT, DESCRIPTION, OWNER);
    });

    it('gives the root password the first time', async () => {
      expect(await service.takeRootPassword(record)).toBe(sentRequest().root_pass);
    });

    it('drops it from the store once given', async () => {
      await service.takeRootPassword(record);
      expect(await deployments.get(record.id)).toMatchObject({ rootPassword: null, passwordShown: true });
      expect(JSON.stringify(await deployments.get(record.id))).not.toContain(sentRequest().root_pass);
    });

    it('gives nothing the second time', async () => {
      await service.takeRootPassword(record);
      const stored = await deployments.get(record.id);
      expect(await service.takeRootPassword(stored!)).toBeNull();
    });
  });
});

describe('phaseOf', () => {
  it.each([
    ['provisioning', 'provisioning'],
    ['booting', 'booting'],
    ['busy', 'booting'],
    ['rebooting', 'booting'],
    ['running', 'running'],
    ['offline', 'failed'],
    ['stopped', 'failed'],
    ['migrating', 'provisioning'],
  ] as const)('reads Linode status %s as the %s phase', (status, phase) => {
    expect(phaseOf(instance({ status }))).toBe(phase);
  });
});

describe('isSettled', () => {
  it.each(['running', 'failed', 'deleted'] as const)('is true for %s', (phase) => {
    expect(isSettled({ phase })).toBe(true);
  });

  it.each(['provisioning', 'booting'] as const)('is false for %s', (phase) => {
    expect(isSettled({ phase })).toBe(false);
  });
});
