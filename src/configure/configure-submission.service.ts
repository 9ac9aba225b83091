import { Injectable } from '@nestjs/common';
import { findImage, findPlan, findRegion, type CatalogSnapshot } from '../catalog/catalog-snapshot';
import { CatalogService } from '../catalog/catalog.service';
import type { ConfigureForm } from './configure-form';
import type { ConfigureViewModel } from './configure-view-model';
import { ConfigurePageService } from './configure-page.service';
import {
  echoForm,
  revalidateDraft,
  validateConfigureForm,
  withPasswordReentry,
  type DeploymentDraft,
  type FieldErrors,
} from './deployment-draft';
import { priceInRegion } from '../catalog/pricing';
import { isSecretUdf } from '../catalog/udf/secret-udf';

export type SubmissionResult =
  | { ok: true; draft: DeploymentDraft }
  | {
      ok: false;
      /** 400 for a form with errors; 200 for the no-JavaScript "Update prices" (nothing was wrong). */
      status: 400 | 200;
      viewModel: ConfigureViewModel;
    };

/** A non-secret UDF value, for the deployment page. */
export interface AppliedOption {
  label: string;
  value: string;
}

/** Human-readable facts about a draft (shape of provisioning's `DraftDescription`). */
export interface DraftDescription {
  /** The StackScript deployed, and its label (the application's name). */
  stackScriptId: number;
  appLabel: string;
  regionLabel: string;
  typeLabel: string;
  imageLabel: string;
  monthlyPrice: number | null;
  hourlyPrice: number | null;
  /** Never a secret UDF (isSecretUdf). */
  appliedOptions: AppliedOption[];
}

/**
 * The configure form's POST, for the controller that starts sign-in: validates the submission
 * against the catalog and either gives the draft or the page to show again.
 */
@Injectable()
export class ConfigureSubmissionService {
  constructor(
    private readonly catalog: CatalogService,
    private readonly page: ConfigurePageService,
  ) {}

  /** `stackScriptId`: the StackScript whose page was posted (none: the default). */
  async validate(form: ConfigureForm, stackScriptId?: number): Promise<SubmissionResult> {
    const snapshot = await this.catalog.snapshot(stackScriptId);
    if (form.updatePrices) {
      return { ok: false, status: 200, viewModel: await this.page.viewModel(echoForm(form, snapshot), {}, stackScriptId) };
    }
    const result = validateConfigureForm(form, snapshot);
    if (result.ok) return result;
    const errors = withPasswordReentry(result.errors, form, snapshot);
    return { ok: false, status: 400, viewModel: await this.page.viewModel(echoForm(form, snapshot), errors, stackScriptId) };
  }

  /** Checks a kept draft against its StackScript's current catalog; null when it is still valid. */
  async revalidate(draft: DeploymentDraft): Promise<FieldErrors | null> {
    return revalidateDraft(draft, await this.catalog.snapshot(draft.stackScriptId));
  }

  async describe(draft: DeploymentDraft): Promise<DraftDescription> {
    return describeDraft(draft, await this.catalog.snapshot(draft.stackScriptId));
  }
}

export function describeDraft(draft: DeploymentDraft, snapshot: CatalogSnapshot): DraftDescription {
  const plan = findPlan(snapshot, draft.type);
  const price = plan ? priceInRegion(plan, draft.region) : { monthly: null, hourly: null };
  const appliedOptions: AppliedOption[] = [];
  for (const field of snapshot.udfForm.fields) {
    const value = draft.stackScriptData[field.name];
    if (value === undefined || value === '' || isSecretUdf(field)) continue;
    appliedOptions.push({ label: field.label, value: field.kind === 'multiselect' ? value.split(',').join(', ') : value });
  }
  return {
    stackScriptId: snapshot.app.stackScriptId,
    appLabel: snapshot.app.label,
    regionLabel: findRegion(snapshot, draft.region)?.label ?? draft.region,
    typeLabel: plan?.label ?? draft.type,
    imageLabel: findImage(snapshot, draft.image)?.label ?? draft.image,
    monthlyPrice: price.monthly,
    hourlyPrice: price.hourly,
    appliedOptions,
  };
}
