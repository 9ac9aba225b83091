import { Inject, Injectable, Optional } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import type { DeploymentRecord } from '../deployment.record';
import { DeploymentStore } from '../deployment.store';
import { ApplicationProber } from './application-prober';
import { isProbeAddress } from './probe-address';

export const READINESS_CLOCK = Symbol('READINESS_CLOCK');

type FollowedApplication = NonNullable<DeploymentRecord['application']>;

/**
 * After "running", follows the new server's application at its APP_READY_URL until it answers or
 * its deadline passes. It probes only when the deployment page asks for the status, with no token.
 */
@Injectable()
export class ApplicationReadiness {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly prober: ApplicationProber,
    private readonly deployments: DeploymentStore,
    @Optional() @Inject(READINESS_CLOCK) private readonly now: () => number = Date.now,
  ) {}

  /** The record with its application followed one step further (saved when that changed it). */
  async follow(record: DeploymentRecord): Promise<DeploymentRecord> {
    const application = record.phase === 'running' ? (record.application ?? this.applicationOf(record)) : undefined;
    if (!application) return record;
    let updated = record.application ? record : { ...record, application };
    if (
      application.readyAt === null &&
      this.now() < application.deadline &&
      (await this.prober.answers(record.id, this.probeUrl(record.linodeId, application.url)))
    ) {
      updated = { ...record, application: { ...application, readyAt: this.now() } };
    }
    if (updated !== record) await this.deployments.save(updated);
    return updated;
  }

  /** Its StackScript's template on its address, when it has one and the probe may target that address. */
  private applicationOf(record: DeploymentRecord): FollowedApplication | undefined {
    const template = this.config.appReady.urlTemplates.get(record.stackScriptId);
    if (!template || !record.ipv4 || !(this.config.sandbox.enabled || isProbeAddress(record.ipv4))) return undefined;
    const deadline = (record.settledAt ?? this.now()) + this.config.appReady.timeoutMs;
    return { url: template.replace('{ipv4}', record.ipv4), deadline, readyAt: null };
  }

  /** Sandbox servers have documentation addresses nobody can reach: the sandbox answers for their application. */
  private probeUrl(linodeId: number, url: string): string {
    if (!this.config.sandbox.enabled) return url;
    return `http://127.0.0.1:${this.config.sandbox.port}/__sandbox/instances/${linodeId}/application`;
  }
}
