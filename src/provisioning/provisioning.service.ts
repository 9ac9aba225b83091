import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { UserFacingError } from '../common/user-facing.error';
import { LinodeApiClient, type CreateInstanceRequest } from '../linode/linode-api.client';
import { LinodeApiError, LinodeResponseError, LinodeUnavailableError } from '../linode/linode-api.error';
import type { LinodeInstance } from '../linode/linode.readers';
import { DeploymentMetrics } from '../observability/deployment.metrics';
import { scopesAllow } from '../linode/contract/oauth-scopes';
import type { DeploymentDraft } from '../configure/deployment-draft';
import type { DraftDescription } from '../configure/configure-submission.service';
import type { DeploymentPhase, DeploymentRecord } from './deployment.record';
import { DeploymentStore, newDeploymentId } from './deployment.store';
import { instanceLabelFor } from './instance-label';
import { createFailureToUserError } from './linode-error.messages';
import { generateRootPassword } from './root-password';
import { TokenVault } from './token-vault';

/** How often the instance is looked up by label after an ambiguous create. */
const LOOKUP_ATTEMPTS = 3;

const SETTLED: ReadonlySet<DeploymentPhase> = new Set(['running', 'failed', 'deleted', 'unknown']);

export function phaseOf(instance: LinodeInstance): DeploymentPhase {
  switch (instance.status) {
    case 'provisioning':
      return 'provisioning';
    case 'booting':
    case 'busy':
    case 'rebooting':
      return 'booting';
    case 'running':
      return 'running';
    case 'offline':
    case 'stopped':
      return 'failed';
    default:
      return 'provisioning';
  }
}

/** Whether the deployment has reached a state that no longer changes by itself. */
export function isSettled(record: Pick<DeploymentRecord, 'phase'>): boolean {
  return SETTLED.has(record.phase);
}

/** Creates the user's instance with the app's StackScript and follows it until it runs. */
@Injectable()
export class ProvisioningService {
  private readonly logger = new Logger('Provisioning');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly api: LinodeApiClient,
    private readonly deployments: DeploymentStore,
    private readonly tokens: TokenVault,
    private readonly metrics: DeploymentMetrics,
  ) {}

  /**
   * Creates the instance at most once. On an ambiguous failure (timeout, 5xx) the instance is
   * looked up by its unique label before anything else; on every failure the token is revoked.
   */
  async deploy(
    accessToken: string,
    draft: DeploymentDraft,
    description: DraftDescription,
    ownerId: string,
    scopes: string[] = [],
  ): Promise<DeploymentRecord> {
    const rootPassword = generateRootPassword();
    const label = draft.label ?? instanceLabelFor(this.config.appName);
    const request: CreateInstanceRequest = {
      type: draft.type,
      region: draft.region,
      image: draft.image,
      root_pass: rootPassword,
      stackscript_id: this.config.linode.stackScriptId,
      stackscript_data: draft.stackScriptData,
      label,
      booted: true,
      ...(draft.authorizedKeys.length ? { authorized_keys: draft.authorizedKeys } : {}),
    };
    let instance: LinodeInstance;
    try {
      instance = await this.createOnce(accessToken, request);
    } catch (error) {
      this.metrics.record('failed');
      await this.tokens.revokeUnkept(accessToken);
      throw error instanceof UserFacingError ? error : createFailureToUserError(error, label);
    }
    this.metrics.record('created');
    const phase = phaseOf(instance);
    // Adopted after an ambiguous create, the instance may already be running (or have failed).
    const settledNow = phase === 'running' || phase === 'failed';
    const record: DeploymentRecord = {
      id: newDeploymentId(),
      ownerId,
      linodeId: instance.id,
      label: instance.label ?? label,
      region: instance.region ?? draft.region,
      type: instance.type ?? draft.type,
      image: instance.image ?? draft.image,
      ...description,
      sshKeyCount: draft.authorizedKeys.length,
      createdAt: Date.now(),
      linodeStatus: instance.status,
      phase,
      percentComplete: phase === 'running' ? 100 : null,
      ipv4: instance.ipv4[0] ?? null,
      ipv6: instance.ipv6,
      settledAt: settledNow ? Date.now() : null,
      rootPassword,
      passwordShown: false,
      notice: null,
    };
    try {
      await this.deployments.save(record);
      if (!settledNow) await this.tokens.keep(record.id, accessToken, scopes);
    } catch (error) {
      await this.tokens.revokeUnkept(accessToken);
      this.logger.error(`could not store deployment of Linode ${instance.id}: ${(error as Error).message}`);
      throw new UserFacingError({
        status: HttpStatus.SERVICE_UNAVAILABLE,
        title: 'Your server was created, but this page lost track of it',
        message: `Linode created "${instance.label}" on your account, but we could not save its details. Open the Linode Cloud Manager to see it; reset its root password there to log in.`,
        actionLabel: 'Open Linode Cloud Manager',
        actionHref: 'https://cloud.linode.com/linodes',
      });
    }
    if (settledNow) {
      this.metrics.record(phase);
      await this.tokens.revokeUnkept(accessToken);
    }
    this.logger.log(`deployment ${record.id.slice(0, 6)}… created Linode ${instance.id} (${record.type}, ${record.region})`);
    return record;
  }

  private async createOnce(accessToken: string, request: CreateInstanceRequest): Promise<LinodeInstance> {
    const startedAt = Date.now();
    try {
      return await this.api.createInstance(accessToken, request);
    } catch (error) {
      // An open circuit means the request was never sent: nothing to look up. A 2xx we could not
      // parse means Linode did create something.
      const ambiguous =
        (error instanceof LinodeUnavailableError && error.kind !== 'circuit_open') ||
        (error instanceof LinodeApiError && error.status >= 500) ||
        error instanceof LinodeResponseError;
      if (!ambiguous) throw error;
      this.logger.warn(`create of "${request.label}" ended ambiguously; looking it up by label`);
      const existing = await this.findCreatedByUs(accessToken, request, startedAt);
      if (existing) return existing;
      throw error;
    }
  }

  /**
   * The instance this request created, if any: same label (unique per account), same region,
   * plan and image, and created after the request started (a person-chosen label could belong to
   * an older server). Linode's timestamps have second resolution and clocks differ: allow a minute.
   */
  private async findCreatedByUs(
    accessToken: string,
    request: CreateInstanceRequest,
    startedAt: number,
  ): Promise<LinodeInstance | undefined> {
    // A create Linode accepted may show up in the list a moment later: look a few times.
    for (let attempt = 0; attempt < LOOKUP_ATTEMPTS; attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, this.lookupIntervalMs));
      try {
        const found = await this.api.listInstances(accessToken, { label: request.label });
        const ours = found.find(
          (i) =>
            i.label === request.label &&
            i.region === request.region &&
            i.type === request.type &&
            i.image === request.image &&
            // An answer without `created` cannot be dated: the unique label and the choices decide.
            (i.created === null || Date.parse(`${i.created}Z`) >= startedAt - 60_000),
        );
        if (ours) return ours;
      } catch {
        // Linode still failing: try again, then give up.
      }
    }
    return undefined;
  }

  /** Pause between lookups after an ambiguous create (tests shorten it). */
  lookupIntervalMs = 1_500;

  /**
   * The latest state of a deployment: asks Linode while the token is held and the deployment has
   * not settled; revokes the token as soon as it settles.
   */
  async refresh(record: DeploymentRecord): Promise<DeploymentRecord> {
    if (isSettled(record)) return record;
    const grant = await this.tokens.grant(record.id);
    if (!grant) {
      const updated: DeploymentRecord = {
        ...record,
        phase: 'unknown',
        settledAt: Date.now(),
        notice: 'This page stopped following the server because its access to your account ended. Check its state in the Linode Cloud Manager.',
      };
      await this.deployments.save(updated);
      return updated;
    }
    let updated: DeploymentRecord;
    try {
      const instance = await this.api.getInstance(grant.accessToken, record.linodeId);
      const phase = phaseOf(instance);
      const fromEvents = phase === 'running' ? null : await this.progressFromEvents(grant, record.linodeId, phase);
      updated = {
        ...record,
        linodeStatus: instance.status,
        phase,
        percentComplete: phase === 'running' ? 100 : (fromEvents ?? estimatePercent(record, phase)),
        ipv4: instance.ipv4[0] ?? record.ipv4,
        ipv6: instance.ipv6 ?? record.ipv6,
        settledAt: phase === 'running' || phase === 'failed' ? Date.now() : null,
        notice: null,
      };
    } catch (error) {
      if (error instanceof LinodeApiError && error.status === 404) {
        updated = { ...record, phase: 'deleted', settledAt: Date.now(), notice: 'The server no longer exists on your account.' };
        await this.deployments.save(updated);
        await this.tokens.revoke(record.id, 'deleted');
        return updated;
      } else if (error instanceof LinodeApiError && error.status === 401) {
        // The token is gone (expired or withdrawn at Linode): asking again with it cannot work.
        updated = {
          ...record,
          phase: 'unknown',
          settledAt: Date.now(),
          notice:
            'This app no longer has access to your Linode account, so this page stopped following the server. The server itself keeps booting on your account: check its state in the Linode Cloud Manager.',
        };
        await this.deployments.save(updated);
        await this.tokens.revoke(record.id, 'failure');
        return updated;
      } else {
        const notice =
          error instanceof LinodeApiError && error.status === 429
            ? 'Linode asked us to slow down; the status will update in a moment.'
            : 'Linode did not answer the last status check; trying again.';
        updated = { ...record, notice };
      }
    }
    // Most polls change nothing: skip the store write then.
    if (JSON.stringify(updated) !== JSON.stringify(record)) await this.deployments.save(updated);
    if (updated.phase === 'running') this.metrics.record('running');
    if (updated.phase === 'failed') this.metrics.record('failed');
    if (isSettled(updated)) await this.tokens.revoke(record.id, 'settled');
    return updated;
  }

  /**
   * Linode's own progress figure (`percent_complete` of the linode_create / linode_boot event),
   * when the granted scopes allow reading events (the app asks only for linodes:read_write, so this
   * is for people who granted more, e.g. `*`). Scaled so create is 0–70 % and boot 70–100 %.
   */
  private async progressFromEvents(
    grant: { accessToken: string; scopes: string[] },
    linodeId: number,
    phase: DeploymentPhase,
  ): Promise<number | null> {
    if (!scopesAllow(grant.scopes, 'events', 'read_only')) return null;
    const action = phase === 'booting' ? 'linode_boot' : 'linode_create';
    try {
      const [event] = await this.api.listEvents(grant.accessToken, {
        'entity.id': linodeId,
        'entity.type': 'linode',
        action,
        '+order_by': 'created',
        '+order': 'desc',
      });
      if (!event || event.percent_complete === null) return null;
      return action === 'linode_create' ? Math.round(event.percent_complete * 0.7) : 70 + Math.round(event.percent_complete * 0.3);
    } catch {
      return null;
    }
  }

  /** Whether this page may still delete the instance: it holds the token and nothing settled. */
  async canDelete(record: DeploymentRecord): Promise<boolean> {
    return !isSettled(record) && (await this.tokens.grant(record.id)) !== undefined;
  }

  /**
   * Deletes the instance through the API, which is possible only while the token is still held
   * (before the deployment settles). Returns the updated record.
   */
  async deleteInstance(record: DeploymentRecord): Promise<DeploymentRecord> {
    const grant = await this.tokens.grant(record.id);
    if (!grant || isSettled(record)) {
      throw new UserFacingError({
        status: HttpStatus.CONFLICT,
        title: 'This page can no longer delete the server',
        message:
          'Its access to your Linode account has already been given back. Delete the server from the Linode Cloud Manager instead.',
        actionLabel: 'Open Linode Cloud Manager',
        actionHref: `https://cloud.linode.com/linodes/${record.linodeId}`,
      });
    }
    try {
      await this.api.deleteInstance(grant.accessToken, record.linodeId);
    } catch (error) {
      if (!(error instanceof LinodeApiError && error.status === 404)) {
        const failure = createFailureToUserError(error);
        throw new UserFacingError({
          status: failure.status,
          title: 'The server could not be deleted',
          message: 'Linode did not delete the server; it still exists and is billed. Try again, or delete it from the Linode Cloud Manager.',
          details: failure.details,
          actionLabel: 'Back to the deployment',
          actionHref: `/deployments/${record.id}`,
        });
      }
    }
    const updated: DeploymentRecord = {
      ...record,
      phase: 'deleted',
      settledAt: Date.now(),
      rootPassword: null,
      notice: 'You deleted this server. It no longer exists and is no longer billed.',
    };
    await this.deployments.save(updated);
    await this.tokens.revoke(record.id, 'deleted');
    return updated;
  }

  /** The root password, once: returned on the first call and dropped from the store. */
  async takeRootPassword(record: DeploymentRecord): Promise<string | null> {
    if (record.passwordShown || !record.rootPassword) return null;
    await this.deployments.save({ ...record, rootPassword: null, passwordShown: true });
    return record.rootPassword;
  }
}

/** A rough progress figure from the elapsed time when Linode's events are not available. */
function estimatePercent(record: DeploymentRecord, phase: DeploymentPhase): number {
  const elapsed = (Date.now() - record.createdAt) / 1000;
  if (phase === 'booting') return Math.min(95, 70 + Math.round(elapsed));
  return Math.min(65, 5 + Math.round(elapsed * 3));
}
