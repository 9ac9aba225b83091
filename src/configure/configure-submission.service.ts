import { Injectable } from '@nestjs/common';
import { findById, type CatalogSnapshot } from '../catalog/catalog-snapshot';
import { CatalogService } from '../catalog/catalog.service';
import type { ConfigureForm } from './configure-form';
import { ConfigurePageAgain } from './configure-page-again.filter';
import { ConfigurePageService } from './configure-page.service';
import { formOfDraft, validateConfigureForm, withPasswordReentry, type DeploymentDraft } from './deployment-draft';
import { priceInRegion } from '../catalog/pricing';
import { isSecretUdf } from '../catalog/udf/secret-udf';

export type DraftDescription = ReturnType<typeof describeDraft>;

/** The configure form's POST and the draft it yields, checked against the catalog before and after sign-in. */
@Injectable()
export class ConfigureSubmissionService {
  constructor(
    private readonly catalog: CatalogService,
    private readonly page: ConfigurePageService,
  ) {}

  /** The draft of a valid form; otherwise the page again: 400 with the problems, or 200 for the no-JavaScript "Update prices". */
  async draftOf(form: ConfigureForm, stackScriptId?: number): Promise<DeploymentDraft> {
    const snapshot = await this.catalog.snapshot(stackScriptId);
    const result = form.updatePrices ? null : validateConfigureForm(form, snapshot);
    if (result?.ok) return result.draft;
    const errors = result ? withPasswordReentry(result.errors, form, snapshot) : {};
    const viewModel = await this.page.viewModel(form, errors, stackScriptId);
    throw new ConfigurePageAgain(viewModel, result ? 400 : 200);
  }

  /** The draft against today's catalog, which may have changed while the person was at Linode (`errors` null: still valid). */
  async recheck(draft: DeploymentDraft) {
    const snapshot = await this.catalog.snapshot(draft.stackScriptId);
    const result = validateConfigureForm(formOfDraft(draft, snapshot), snapshot);
    return { errors: result.ok ? null : result.errors, description: describeDraft(draft, snapshot) };
  }
}

/** Human-readable facts about a draft, for the deployment page: never a secret UDF's value. */
export function describeDraft(draft: DeploymentDraft, snapshot: CatalogSnapshot) {
  const plan = findById(snapshot.plans, draft.type);
  const price = plan ? priceInRegion(plan, draft.region) : { monthly: null, hourly: null };
  const appliedOptions = snapshot.udfForm.fields.flatMap((field) => {
    const value = draft.stackScriptData[field.name];
    if (!value || isSecretUdf(field)) return [];
    return [{ label: field.label, value: field.kind === 'multiselect' ? value.split(',').join(', ') : value }];
  });
  return {
    stackScriptId: snapshot.app.stackScriptId,
    appLabel: snapshot.app.label,
    regionLabel: findById(snapshot.regions, draft.region)?.label ?? draft.region,
    typeLabel: plan?.label ?? draft.type,
    imageLabel: findById(snapshot.images, draft.image)?.label ?? draft.image,
    monthlyPrice: price.monthly,
    hourlyPrice: price.hourly,
    backupsEnabled: draft.backupsEnabled,
    backupsMonthlyPrice: draft.backupsMonthlyPrice,
    appliedOptions,
  };
}
