import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import type { DeploymentRecord, FollowedApplication } from '../deployment.record';
import { DeploymentStore } from '../deployment.store';
import { ApplicationProber } from './application-prober';
import { isProbeAddress } from './probe-address';

/** After "running", follows the application at APP_READY_URL when the page polls, needing no token. */
@Injectable()
export class ApplicationReadiness {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly prober: ApplicationProber,
    private readonly deployments: DeploymentStore,
  ) {}

  async follow(record: DeploymentRecord): Promise<DeploymentRecord> {
    const application = record.phase === 'running' ? (record.application ?? this.applicationOf(record)) : undefined;
    if (!application) return record;
    const answered =
      application.readyAt === null &&
      Date.now() < application.deadline &&
      (await this.prober.answers(record.id, this.probeUrl(record.linodeId, application.url)));
    if (record.application && !answered) return record;
    const updated = { ...record, application: answered ? { ...application, readyAt: Date.now() } : application };
    await this.deployments.save(updated);
    return updated;
  }

  /** Whether the page will follow this deployment's application once its server runs. */
  follows(record: DeploymentRecord): boolean {
    if (!this.config.appReady.urlTemplates.has(record.stackScriptId)) return false;
    return !record.ipv4 || this.config.sandbox.enabled || isProbeAddress(record.ipv4);
  }

  private applicationOf(record: DeploymentRecord): FollowedApplication | undefined {
    const template = this.config.appReady.urlTemplates.get(record.stackScriptId);
    if (!template || !record.ipv4 || !this.follows(record)) return undefined;
    const deadline = (record.settledAt ?? Date.now()) + this.config.appReady.timeoutMs;
    return { url: template.replace('{ipv4}', record.ipv4), deadline, readyAt: null };
  }

  private probeUrl(linodeId: number, url: string): string {
    if (!this.config.sandbox.enabled) return url; // the sandbox's documentation addresses are unreachable: it answers itself
    return `http://127.0.0.1:${this.config.sandbox.port}/__sandbox/instances/${linodeId}/application`;
  }
}
