import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { UserFacingError } from '../common/user-facing.error';
import { LinodeApiClient, type CreateInstanceRequest } from '../linode/linode-api.client';
import { LinodeApiError, LinodeResponseError, LinodeUnavailableError } from '../linode/linode-api.error';
import type { LinodeTokenSet } from '../linode/linode-oauth-answers';
import type { LinodeInstance } from '../linode/linode.readers';
import { DeploymentMetrics } from '../observability/deployment.metrics';
import type { DeploymentDraft } from '../configure/deployment-draft';
import type { DraftDescription } from '../configure/configure-submission.service';
import type { DeploymentRecord } from './deployment.record';
import { phaseOf } from './deployment-phase';
import { DeploymentStore, newDeploymentId } from './deployment.store';
import { instanceLabelFor } from './instance-label';
import { createFailureToUserError } from './linode-error.messages';
import { generateRootPassword } from './root-password-generator';
import { TokenVault } from '../tokens/token-vault';

/** Lookups by label after an ambiguous create; the pause between them is injected. */
const LOOKUP_ATTEMPTS = 3;
export const LOOKUP_INTERVAL_MS = Symbol('LOOKUP_INTERVAL_MS');

/**
 * Creates the person's instance with the app's StackScript, at most once: after an ambiguous
 * failure (timeout, 5xx, unreadable 2xx) it looks the instance up by its unique label first.
 */
@Injectable()
export class InstanceCreator {
  private readonly logger = new Logger('Provisioning');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly api: LinodeApiClient,
    private readonly deployments: DeploymentStore,
    private readonly tokens: TokenVault,
    private readonly metrics: DeploymentMetrics,
    @Inject(LOOKUP_INTERVAL_MS) private readonly lookupIntervalMs: number,
  ) {}

  /** On every failure the token is revoked; it is never held past Linode's `expires_in`. */
  async deploy(
    { accessToken, scopes, expiresIn }: LinodeTokenSet,
    draft: DeploymentDraft,
    description: DraftDescription,
    ownerId: string,
  ): Promise<DeploymentRecord> {
    const rootPassword = generateRootPassword();
    // The default StackScript's servers are named after the app (APP_NAME); another's after itself,
    // so a person with several can tell in Cloud Manager which is which.
    const labelBase = draft.stackScriptId === this.config.linode.stackScriptId ? this.config.appName : description.appLabel;
    const label = draft.label ?? instanceLabelFor(labelBase);
    const request: CreateInstanceRequest = {
      type: draft.type,
      region: draft.region,
      image: draft.image,
      root_pass: rootPassword,
      stackscript_id: draft.stackScriptId,
      stackscript_data: draft.stackScriptData,
      label,
      booted: true,
      ...(draft.authorizedKeys.length ? { authorized_keys: draft.authorizedKeys } : {}),
      ...(draft.backupsEnabled ? { backups_enabled: true } : {}),
    };
    const instance = await this.createOnce(accessToken, request).catch(async (error: unknown) => {
      this.metrics.record('failed');
      await this.tokens.revoke(accessToken);
      throw createFailureToUserError(error, label);
    });
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
      if (!settledNow) await this.tokens.keep(record.id, accessToken, scopes, expiresIn ?? undefined);
    } catch (error) {
      await this.tokens.revoke(accessToken);
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
      await this.tokens.revoke(accessToken);
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
   * The instance this request created: same label, region, plan and image, created after the request
   * started (a chosen label may be an older server's); a minute's leeway for Linode's clock.
   */
  private async findCreatedByUs(
    accessToken: string,
    request: CreateInstanceRequest,
    startedAt: number,
  ): Promise<LinodeInstance | undefined> {
    // A create Linode accepted may show up in the list a moment later: look a few times.
    for (let attempt = 0; attempt < LOOKUP_ATTEMPTS; attempt++) {
      if (attempt > 0) await sleep(this.lookupIntervalMs);
      // A lookup that fails counts as "not there yet".
      const found = await this.api.listInstances(accessToken, { label: request.label }).catch(() => []);
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
    }
    return undefined;
  }
}
