import { createMock } from '@golevelup/ts-jest';
import { CreateRefusedError } from './linode-error.messages';
import type { KeptChoicesService } from '../configure/kept-choices.service';
import type { Request } from 'express';
import { Registry } from 'prom-client';
import type { LinodeGrant } from '../auth/linode.strategy';
import type { ConfigureSubmissionService, DraftDescription } from '../configure/configure-submission.service';
import type { DeploymentDraft } from '../configure/deployment-draft';
import type { DraftStore } from '../configure/draft.store';
import { DeploymentMetrics } from '../observability/deployment.metrics';
import { DeploymentFlow } from './deployment-flow';
import { DraftExpiredError, DraftNoLongerValidError, InsufficientScopesError } from './deployment-flow.errors';
import type { InstanceCreator } from './instance-creator';
import { A_DESCRIPTION, A_DRAFT } from './testing/deployment-draft.fixture';
import { aDeploymentRecord } from './testing/deployment-record.fixture';
import type { TokenVault } from '../tokens/token-vault';

const TOKEN = 'access-token-0123456789abcdef';
const DRAFT = A_DRAFT;
const DESCRIPTION = A_DESCRIPTION;

describe('DeploymentFlow', () => {
  let registry: Registry;
  let drafts: { take: jest.Mock<Promise<DeploymentDraft | undefined>, [string]> };
  let submissions: {
    recheck: jest.Mock<Promise<{ errors: Record<string, string> | null; description: DraftDescription }>, [DeploymentDraft]>;
  };
  let deploy: jest.Mock;
  let keep: jest.Mock;
  let revoke: jest.Mock<Promise<void>, [string]>;
  let regenerated: number;
  let flow: DeploymentFlow;

  const grant = (scopes: string[] = ['linodes:read_write']): LinodeGrant => ({
    accessToken: TOKEN,
    refreshToken: null,
    expiresIn: 7200,
    scopes,
    draftId: 'draft-1',
  });
  const request = (): Request =>
    createMock<Request>({
      session: {
        browserId: 'browser-id-0123456789ab',
        regenerate(callback: (err?: Error) => void) {
          regenerated += 1;
          callback();
        },
      },
    });
  const outcomeCount = async (outcome: string): Promise<number> => {
    const metric = await registry.getSingleMetric('deployments_total')?.get();
    return metric?.values.find((value) => value.labels.outcome === outcome)?.value ?? NaN;
  };

  beforeEach(() => {
    registry = new Registry();
    regenerated = 0;
    drafts = { take: jest.fn().mockResolvedValue(DRAFT) };
    submissions = { recheck: jest.fn().mockResolvedValue({ errors: null, description: DESCRIPTION }) };
    deploy = jest.fn().mockResolvedValue(aDeploymentRecord());
    revoke = jest.fn().mockResolvedValue(undefined);
    keep = jest.fn().mockResolvedValue('/again/kept-1');
    flow = new DeploymentFlow(
      createMock<DraftStore>(drafts),
      createMock<ConfigureSubmissionService>(submissions),
      createMock<InstanceCreator>({ deploy }),
      createMock<TokenVault>({ revoke }),
      new DeploymentMetrics(registry),
      createMock<KeptChoicesService>({ keep }),
    );
  });

  it('deploys the draft the sign-in was started for, with the token, the description and the browser as owner', async () => {
    const record = await flow.deploy(request(), grant(['*']));
    expect(record.id).toBe(aDeploymentRecord().id);
    expect(drafts.take).toHaveBeenCalledWith('draft-1');
    expect(deploy).toHaveBeenCalledWith(grant(['*']), DRAFT, DESCRIPTION, 'browser-id-0123456789ab');
    expect(revoke).not.toHaveBeenCalled();
  });

  it.each([[['*']], [['linodes:*']], [['linodes:read_write']], [['events:read_only', 'linodes:read_write']]])(
    'deploys with scopes %p',
    async (scopes) => {
      await flow.deploy(request(), grant(scopes));
      expect(deploy).toHaveBeenCalledTimes(1);
    },
  );

  it.each([
    [['linodes:read_only']],
    [['events:read_only']],
    [['events:read_write', 'account:*']],
    [[]],
    [['linodes']],
    [['linodes:read_write:extra']],
    [['LINODES:READ_WRITE']],
  ])('refuses scopes %p, which do not let it create Linodes', async (scopes) => {
    await expect(flow.deploy(request(), grant(scopes))).rejects.toBeInstanceOf(InsufficientScopesError);
    expect(deploy).not.toHaveBeenCalled();
  });

  it('rotates the session before it creates anything', async () => {
    deploy.mockImplementation(() => {
      expect(regenerated).toBe(1);
      return Promise.resolve(aDeploymentRecord());
    });
    await flow.deploy(request(), grant());
    expect(deploy).toHaveBeenCalledTimes(1);
  });

  it('refuses a read-only grant, gives its token back through the vault and keeps the draft', async () => {
    const refusal = flow.deploy(request(), grant(['linodes:read_only']));
    await expect(refusal).rejects.toBeInstanceOf(InsufficientScopesError);
    await expect(refusal).rejects.toMatchObject({ status: 403, details: ['Granted: linodes:read_only'] });
    expect(revoke).toHaveBeenCalledWith(TOKEN);
    expect(drafts.take).not.toHaveBeenCalled();
    expect(deploy).not.toHaveBeenCalled();
    expect(await outcomeCount('insufficient_scopes')).toBe(1);
  });

  it('says nothing was granted when the grant has no scopes, without the token in the page', async () => {
    const error = await flow.deploy(request(), grant([])).catch((e: unknown) => e);
    expect(error).toMatchObject({ details: ['Granted: nothing'] });
    expect(JSON.stringify({ ...(error as object), message: (error as Error).message })).not.toContain(TOKEN);
  });

  it('gives the token back and says so when the draft has expired', async () => {
    drafts.take.mockResolvedValue(undefined);
    await expect(flow.deploy(request(), grant())).rejects.toBeInstanceOf(DraftExpiredError);
    expect(revoke).toHaveBeenCalledWith(TOKEN);
    expect(deploy).not.toHaveBeenCalled();
    expect(regenerated).toBe(0);
  });

  it('gives the token back when the catalog changed under the draft, naming what no longer fits', async () => {
    submissions.recheck.mockResolvedValue({ errors: { region: 'Newark is not available right now.' }, description: DESCRIPTION });
    const refusal = flow.deploy(request(), grant());
    await expect(refusal).rejects.toBeInstanceOf(DraftNoLongerValidError);
    await expect(refusal).rejects.toMatchObject({ status: 409, details: ['Newark is not available right now.'] });
    expect(revoke).toHaveBeenCalledWith(TOKEN);
    expect(deploy).not.toHaveBeenCalled();
  });

  it('gives the token back when the catalog cannot be read to check the draft', async () => {
    submissions.recheck.mockRejectedValue(new Error('Linode is not reachable'));
    await expect(flow.deploy(request(), grant())).rejects.toThrow('Linode is not reachable');
    expect(revoke).toHaveBeenCalledWith(TOKEN);
    expect(deploy).not.toHaveBeenCalled();
  });

  it('keeps the choices when the catalog changed, and its "Try again" brings them back', async () => {
    submissions.recheck.mockResolvedValue({ errors: { region: 'Choose one of the regions listed.' }, description: DESCRIPTION });
    const error = await flow.deploy(request(), grant()).catch((e: unknown) => e);
    expect(error).toMatchObject({ actionLabel: 'Try again', actionHref: '/again/kept-1' });
    expect(keep).toHaveBeenCalledWith(DRAFT, 'browser-id-0123456789ab', { fieldErrors: { region: 'Choose one of the regions listed.' } });
  });

  it('keeps the choices when Linode refuses the create (4xx), naming the field for the page', async () => {
    const refused = new CreateRefusedError([{ field: 'region', reason: 'Region is at capacity' }], ['Region: Region is at capacity']);
    deploy.mockRejectedValue(refused);
    const error = await flow.deploy(request(), grant()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CreateRefusedError);
    expect(error).toMatchObject({
      status: 400,
      actionLabel: 'Try again',
      actionHref: '/again/kept-1',
      details: ['Region: Region is at capacity'],
    });
    expect(keep).toHaveBeenCalledWith(DRAFT, 'browser-id-0123456789ab', {
      linodeErrors: [{ field: 'region', reason: 'Region is at capacity' }],
    });
  });

  it('still shows the refusal (with "Start again") when the choices cannot be kept', async () => {
    deploy.mockRejectedValue(new CreateRefusedError([{ field: null, reason: 'No' }], ['No']));
    keep.mockRejectedValue(new Error('store down'));
    const error = await flow.deploy(request(), grant()).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 400, actionLabel: 'Start again', actionHref: '/' });
  });

  it('keeps nothing for failures that are not a refusal of the choices', async () => {
    deploy.mockRejectedValue(new InsufficientScopesError([]));
    await expect(flow.deploy(request(), grant())).rejects.toBeInstanceOf(InsufficientScopesError);
    expect(keep).not.toHaveBeenCalled();
  });
});
