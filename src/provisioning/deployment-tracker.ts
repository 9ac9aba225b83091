import { HttpStatus, Injectable } from '@nestjs/common';
import { UserFacingError } from '../common/user-facing.error';
import { scopesAllow } from '../linode/contract/oauth-scopes';
import { LinodeApiClient } from '../linode/linode-api.client';
import { LinodeApiError } from '../linode/linode-api.error';
import { DeploymentMetrics } from '../observability/deployment.metrics';
import { type RevokeReason, TokenVault } from '../tokens/token-vault';
import { isSettled, phaseOf } from './deployment-phase';
import type { DeploymentPhase, DeploymentRecord } from './deployment.record';
import { DeploymentStore } from './deployment.store';
import { createFailureToUserError } from './linode-error.messages';
import { ApplicationReadiness } from './readiness/application-readiness';

/**
 * Follows a deployment after its create: status and progress while the token is held, settling
 * (and revoking the token) when it runs or fails, then its application; delete on request, the
 * show-once password.
 */
@Injectable()
export class DeploymentTracker {
  constructor(
    private readonly api: LinodeApiClient,
    private readonly deployments: DeploymentStore,
    private readonly tokens: TokenVault,
    private readonly metrics: DeploymentMetrics,
    private readonly readiness: ApplicationReadiness,
  ) {}

  async refresh(record: DeploymentRecord): Promise<DeploymentRecord> {
    return this.readiness.follow(isSettled(record) ? record : await this.followServer(record));
  }

  private async followServer(record: DeploymentRecord): Promise<DeploymentRecord> {
    const grant = await this.tokens.grant(record.id);
    if (!grant) {
      const notice =
        'This page stopped following the server because its access to your account ended. Check its state in the Linode Cloud Manager.';
      return this.stop(record, 'unknown', notice, 'ttl');
    }
    let updated: DeploymentRecord;
    try {
      const instance = await this.api.getInstance(grant.accessToken, record.linodeId);
      const phase = phaseOf(instance);
      const progress = phase === 'running' ? 100 : await this.progressFromEvents(grant, record.linodeId, phase);
      updated = {
        ...record,
        linodeStatus: instance.status,
        phase,
        percentComplete: progress ?? estimatePercent(record, phase),
        ipv4: instance.ipv4[0] ?? record.ipv4,
        ipv6: instance.ipv6 ?? record.ipv6,
        settledAt: isSettled({ phase }) ? Date.now() : null,
        notice: null,
      };
    } catch (error) {
      const status = error instanceof LinodeApiError ? error.status : null;
      if (status === 404) return this.stop(record, 'deleted', 'The server no longer exists on your account.', 'deleted');
      // The token is gone (expired or withdrawn at Linode): asking again with it cannot work.
      if (status === 401) {
        const notice =
          'This app no longer has access to your Linode account, so this page stopped following the server. The server itself keeps booting on your account: check its state in the Linode Cloud Manager.';
        return this.stop(record, 'unknown', notice, 'failure');
      }
      const notice =
        status === 429
          ? 'Linode asked us to slow down; the status will update in a moment.'
          : 'Linode did not answer the last status check; trying again.';
      updated = { ...record, notice };
    }
    // Most polls change nothing: skip the store write then.
    if (JSON.stringify(updated) !== JSON.stringify(record)) await this.deployments.save(updated);
    if (updated.phase === 'running' || updated.phase === 'failed') this.metrics.record(updated.phase);
    if (isSettled(updated)) await this.tokens.revokeHeld(record.id, 'settled');
    return updated;
  }

  /** Settles a deployment this page can no longer follow, and revokes its token. */
  private async stop(record: DeploymentRecord, phase: DeploymentPhase, notice: string, reason: RevokeReason): Promise<DeploymentRecord> {
    const updated: DeploymentRecord = { ...record, phase, settledAt: Date.now(), notice };
    await this.deployments.save(updated);
    await this.tokens.revokeHeld(record.id, reason);
    return updated;
  }

  /**
   * Linode's own `percent_complete` of the create or boot event, when the person granted events
   * (the app asks only for linodes): create is 0–70 %, boot 70–100 %.
   */
  private async progressFromEvents(
    grant: { accessToken: string; scopes: string[] },
    linodeId: number,
    phase: DeploymentPhase,
  ): Promise<number | null> {
    if (!scopesAllow(grant.scopes, 'events', 'read_only')) return null;
    const booting = phase === 'booting';
    try {
      const [event] = await this.api.listEvents(grant.accessToken, {
        'entity.id': linodeId,
        'entity.type': 'linode',
        action: booting ? 'linode_boot' : 'linode_create',
        '+order_by': 'created',
        '+order': 'desc',
      });
      if (!event || event.percent_complete === null) return null;
      return booting ? 70 + Math.round(event.percent_complete * 0.3) : Math.round(event.percent_complete * 0.7);
    } catch {
      return null;
    }
  }

  async canDelete(record: DeploymentRecord): Promise<boolean> {
    return !isSettled(record) && (await this.tokens.grant(record.id)) !== undefined;
  }

  async deleteInstance(record: DeploymentRecord): Promise<DeploymentRecord> {
    const grant = await this.tokens.grant(record.id);
    if (!grant || isSettled(record)) {
      throw new UserFacingError({
        status: HttpStatus.CONFLICT,
        title: 'This page can no longer delete the server',
        message: 'Its access to your Linode account has already been given back. Delete the server from the Linode Cloud Manager instead.',
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
          message:
            'Linode did not delete the server; it still exists and is billed. Try again, or delete it from the Linode Cloud Manager.',
          details: failure.details,
          actionLabel: 'Back to the deployment',
          actionHref: `/deployments/${record.id}`,
        });
      }
    }
    const notice = 'You deleted this server. It no longer exists and is no longer billed.';
    return this.stop({ ...record, rootPassword: null }, 'deleted', notice, 'deleted');
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
