import type { DeploymentPhase, DeploymentRecord } from './deployment.record';
import { deleteConfirmViewModel, deploymentViewModel } from './deployment.view-model';
import { aDeploymentRecord } from './testing/deployment-record.fixture';

const CREATED = Date.UTC(2025, 0, 1, 12, 0, 0);

function aRecord(overrides: Partial<DeploymentRecord> = {}): DeploymentRecord {
  return aDeploymentRecord({ linodeId: 4711, createdAt: CREATED, ...overrides });
}

const stepsOf = (phase: DeploymentPhase) =>
  deploymentViewModel(aRecord({ phase }), null).steps.map((s) => ({
    label: s.label,
    state: s.state ?? 'todo',
  }));

describe('deploymentViewModel', () => {
  afterEach(() => jest.useRealTimers());

  it('titles the page with the server’s label', () => {
    expect(deploymentViewModel(aRecord(), null).pageTitle).toBe('my-application-abc123 — deployment');
  });

  it('carries the record itself for the template', () => {
    const record = aRecord();
    expect(deploymentViewModel(record, null).deployment).toBe(record);
  });

  it.each([
    ['provisioning', 'Linode is provisioning your server'],
    ['booting', 'Your server is booting'],
    ['running', 'Your server is running'],
    ['failed', 'Your server did not start'],
    ['deleted', 'Your server was deleted'],
    ['unknown', 'This page is no longer following your server'],
  ] as const)('headlines the %s phase “%s”', (phase, headline) => {
    expect(deploymentViewModel(aRecord({ phase }), null).headline).toBe(headline);
  });

  it.each([
    ['provisioning', false],
    ['booting', false],
    ['running', true],
    ['failed', true],
    ['deleted', true],
  ] as const)('polls no more once the %s phase is settled: %p', (phase, settled) => {
    expect(deploymentViewModel(aRecord({ phase }), null).polling).toBe(!settled);
  });

  describe('steps', () => {
    it('shows provisioning in progress after creation', () => {
      expect(stepsOf('provisioning')).toEqual([
        { label: 'Created', state: 'done' },
        { label: 'Provisioning', state: 'current' },
        { label: 'Booting', state: 'todo' },
        { label: 'Running', state: 'todo' },
        { label: 'Setting up the application', state: 'todo' },
      ]);
    });

    it('shows booting in progress once provisioned', () => {
      expect(stepsOf('booting')).toEqual([
        { label: 'Created', state: 'done' },
        { label: 'Provisioning', state: 'done' },
        { label: 'Booting', state: 'current' },
        { label: 'Running', state: 'todo' },
        { label: 'Setting up the application', state: 'todo' },
      ]);
    });

    it('shows running done and the application setup still to come', () => {
      expect(stepsOf('running')).toEqual([
        { label: 'Created', state: 'done' },
        { label: 'Provisioning', state: 'done' },
        { label: 'Booting', state: 'done' },
        { label: 'Running', state: 'done' },
        { label: 'Setting up the application', state: 'pending' },
      ]);
    });

    it.each(['failed', 'deleted', 'unknown'] as const)('shows no step in progress once the deployment is %s', (phase) => {
      expect(stepsOf(phase).filter((step) => step.state === 'current')).toEqual([]);
    });
  });

  describe('progress', () => {
    it('is 100 % when running, whatever was estimated', () => {
      expect(deploymentViewModel(aRecord({ phase: 'running', percentComplete: 40 }), null).percent).toBe(100);
    });

    it('is the estimate while under way', () => {
      expect(deploymentViewModel(aRecord({ phase: 'booting', percentComplete: 72 }), null).percent).toBe(72);
    });

    it('is 0 % before any estimate', () => {
      expect(deploymentViewModel(aRecord({ percentComplete: null }), null).percent).toBe(0);
    });
  });

  describe('elapsed time', () => {
    it.each([
      [0, '0 s'],
      [59_000, '59 s'],
      [60_000, '1 min 0 s'],
      [125_400, '2 min 5 s'],
      [3_600_000, '60 min 0 s'],
    ])('shows %i ms from creation to settling as “%s”', (ms, shown) => {
      expect(deploymentViewModel(aRecord({ phase: 'running', settledAt: CREATED + ms }), null).elapsed).toBe(shown);
    });

    it('counts up to now while not settled', () => {
      jest.useFakeTimers({ now: CREATED + 42_000 });
      expect(deploymentViewModel(aRecord(), null).elapsed).toBe('42 s');
    });

    it('never shows a negative time (clocks of several instances may differ)', () => {
      jest.useFakeTimers({ now: CREATED - 5_000 });
      expect(deploymentViewModel(aRecord(), null).elapsed).toBe('0 s');
    });
  });

  it('offers the ssh command once the server has an IPv4 address', () => {
    expect(deploymentViewModel(aRecord({ ipv4: '192.0.2.10' }), null).sshCommand).toBe('ssh root@192.0.2.10');
    expect(deploymentViewModel(aRecord({ ipv4: null }), null).sshCommand).toBeNull();
  });

  describe('prices', () => {
    it('shows the monthly price in dollars and cents', () => {
      expect(deploymentViewModel(aRecord({ monthlyPrice: 5 }), null).monthly).toBe('$5.00');
    });

    it('shows the hourly price as precisely as the configure page did ($0.0075 for a Nanode)', () => {
      expect(deploymentViewModel(aRecord({ hourlyPrice: 0.0075 }), null).hourly).toBe('$0.0075');
    });

    it('shows the backups and their monthly price when they were chosen', () => {
      expect(deploymentViewModel(aRecord({ backupsEnabled: true, backupsMonthlyPrice: 2 }), null).backupsMonthly).toBe('$2.00');
    });

    it('shows no backups price when backups were not chosen (or the record predates them)', () => {
      expect(deploymentViewModel(aRecord({ backupsMonthlyPrice: 2 }), null).backupsMonthly).toBeNull();
      expect(deploymentViewModel(aRecord({ backupsEnabled: undefined, backupsMonthlyPrice: undefined }), null).backupsMonthly).toBeNull();
    });

    it('shows no price when there was none', () => {
      expect(deploymentViewModel(aRecord({ monthlyPrice: null, hourlyPrice: null }), null)).toMatchObject({
        monthly: null,
        hourly: null,
      });
    });
  });

  describe('root password', () => {
    it('shows the password it is given', () => {
      expect(deploymentViewModel(aRecord({ rootPassword: 'pw' }), 'pw').rootPassword).toBe('pw');
    });

    it('shows none once it was shown', () => {
      expect(deploymentViewModel(aRecord({ passwordShown: true }), null).rootPassword).toBeNull();
    });
  });

  describe('deleting', () => {
    it('offers deletion only while the deployment is under way (its token still held)', () => {
      expect(deploymentViewModel(aRecord({ phase: 'booting' }), null).canDelete).toBe(true);
      expect(deploymentViewModel(aRecord({ phase: 'running' }), null).canDelete).toBe(false);
      expect(deploymentViewModel(aRecord({ phase: 'unknown' }), null).canDelete).toBe(false);
    });

    it('posts deletion to the deployment’s own delete address', () => {
      expect(deploymentViewModel(aRecord(), null).deleteUrl).toBe('/deployments/AAAAAAAAAAAAAAAAAAAAAA/delete');
    });
  });

  describe('the application, after "running" (APP_READY_URL)', () => {
    const RUNNING_AT = CREATED + 60_000;
    const URL_ON_SERVER = 'http://172.105.10.20/';
    const following = (readyAt: number | null = null) =>
      aRecord({ phase: 'running', settledAt: RUNNING_AT, application: { url: URL_ON_SERVER, deadline: RUNNING_AT + 1_200_000, readyAt } });
    const lastStep = (record: DeploymentRecord) => deploymentViewModel(record, null).steps.at(-1);

    it('shows "Setting up the application" in progress with its elapsed time, and keeps polling', () => {
      jest.useFakeTimers({ now: RUNNING_AT + 65_000 });
      const model = deploymentViewModel(following(), null);
      expect(model).toMatchObject({ headline: 'Your server is running', setup: 'probing', polling: true });
      expect(lastStep(following())).toMatchObject({ label: 'Setting up the application', state: 'current', detail: '1 min 5 s' });
    });

    it('says "Your application is ready" with its link once it answered, and stops polling', () => {
      jest.useFakeTimers({ now: RUNNING_AT + 200_000 });
      const model = deploymentViewModel(following(RUNNING_AT + 95_000), null);
      expect(model).toMatchObject({
        headline: 'Your application is ready',
        setup: 'ready',
        polling: false,
        application: { url: URL_ON_SERVER },
      });
      expect(lastStep(following(RUNNING_AT + 95_000))).toMatchObject({ state: 'done', detail: '1 min 35 s' });
    });

    it('after the deadline, says how long it waited, never "failed", and stops polling', () => {
      jest.useFakeTimers({ now: RUNNING_AT + 1_200_000 });
      const model = deploymentViewModel(following(), null);
      expect(model).toMatchObject({
        headline: 'Your server is running',
        setup: 'quiet',
        polling: false,
        application: { waited: '20 min 0 s' },
      });
      expect(lastStep(following())).toMatchObject({ state: 'pending', detail: null });
      expect(JSON.stringify(model)).not.toMatch(/fail/i);
    });

    it('is not there without APP_READY_URL: the running page polls no more, the last step waits', () => {
      const model = deploymentViewModel(aRecord({ phase: 'running', settledAt: RUNNING_AT }), null);
      expect(model).toMatchObject({ setup: null, application: undefined, polling: false });
      expect(lastStep(aRecord({ phase: 'running' }))).toMatchObject({ state: 'pending', detail: null });
    });

    it('tells the page whether it will follow the application (for its lead)', () => {
      expect(deploymentViewModel(aRecord(), null, true).followsApplication).toBe(true);
      expect(deploymentViewModel(aRecord(), null).followsApplication).toBe(false);
    });

    it('keeps polling while the server itself is on its way', () => {
      expect(deploymentViewModel(aRecord({ phase: 'booting' }), null).polling).toBe(true);
    });
  });

  it('polls its own address and links to the server in Cloud Manager', () => {
    expect(deploymentViewModel(aRecord(), null)).toMatchObject({
      pollUrl: '/deployments/AAAAAAAAAAAAAAAAAAAAAA',
      cloudManagerUrl: 'https://cloud.linode.com/linodes/4711',
    });
  });
});

describe('deleteConfirmViewModel', () => {
  it('asks while the tracker can still delete, and overrides what the settled phase alone says', () => {
    const model = deleteConfirmViewModel(aDeploymentRecord({ phase: 'running', label: 'web-1' }), false);
    expect(model.canDelete).toBe(false);
    expect(model.pageTitle).toBe('web-1 — can no longer be deleted here');
    expect(deleteConfirmViewModel(aDeploymentRecord({ phase: 'running', label: 'web-1' }), true).pageTitle).toBe('Delete web-1?');
    expect(deleteConfirmViewModel(aDeploymentRecord({ phase: 'deleted', label: 'web-1' }), false).pageTitle).toBe('web-1 — deleted');
  });
});
