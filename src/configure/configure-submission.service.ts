import { Injectable } from '@nestjs/common';
import { findImage, findPlan, findRegion, type CatalogSnapshot } from '../catalog/catalog-snapshot';
import { CatalogService } from '../catalog/catalog.service';
import type { ConfigureViewModel } from './configure-view-model';
import { ConfigurePageService } from './configure-page.service';
import { revalidateDraft, validateDeploymentForm, type DeploymentDraft, type FieldErrors } from './deployment-draft';
import { priceInRegion } from '../catalog/pricing';
import type { RawForm } from './raw-form';
import { isSecretUdf } from '../catalog/udf/secret-udf';

/** The no-JavaScript "Update prices" button: re-show the page for the new region, validate nothing. */
export const PRICE_UPDATE_INTENT = { field: 'intent', value: 'update-prices' } as const;

export type SubmissionResult =
  | { ok: true; draft: DeploymentDraft }
  | {
      ok: false;
      /** 400 for a form with errors; 200 for a price update (nothing was wrong). */
      status: 400 | 200;
      errors: FieldErrors;
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
  /** Never a password, nor a value whose name suggests a secret (token, secret, key). */
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
  async validate(body: unknown, stackScriptId?: number): Promise<SubmissionResult> {
    const form = asForm(body);
    const snapshot = await this.catalog.snapshot(stackScriptId);
    if (form[PRICE_UPDATE_INTENT.field] === PRICE_UPDATE_INTENT.value) {
      return { ok: false, status: 200, errors: {}, viewModel: await this.page.pageWithSubmission(form, {}, stackScriptId) };
    }
    const result = validateDeploymentForm(form, snapshot);
    if (result.ok) return result;
    return {
      ok: false,
      status: 400,
      errors: result.errors,
      viewModel: await this.page.viewModel(result.selection, result.errors, stackScriptId),
    };
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

function asForm(body: unknown): RawForm {
  return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as RawForm) : {};
}
