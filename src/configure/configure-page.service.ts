import { Injectable } from '@nestjs/common';
import { CatalogService } from '../catalog/catalog.service';
import {
  buildConfigureViewModel,
  buildPriceSummary,
  configurePaths,
  errorIdFor,
  planPickerView,
  type ConfigureViewModel,
  type PlanPickerView,
  type PriceSummaryView,
} from './configure-view-model';
import { defaultSelection, echoSelection, validateFormField, type ConfigureSelection, type FieldErrors } from './deployment-draft';
import type { RawForm } from './raw-form';

export interface PriceUpdateView {
  summary: PriceSummaryView;
  /** The plan list re-priced for the new region, sent along (out of band) when the region changed. */
  plans: PlanPickerView | null;
}

export interface FieldErrorView {
  id: string;
  message: string;
}

/** Builds what the configure page and its htmx fragments show. */
@Injectable()
export class ConfigurePageService {
  constructor(private readonly catalog: CatalogService) {}

  /**
   * A fresh page; `query` may preselect `region`, `type`, `image` and non-secret `udf_<NAME>`
   * values (unknown values are ignored). No id: the default StackScript.
   */
  async page(query: RawForm = {}, stackScriptId?: number): Promise<ConfigureViewModel> {
    const snapshot = await this.catalog.snapshot(stackScriptId);
    return this.viewModel(defaultSelection(snapshot, query), {}, stackScriptId);
  }

  /** The page again with what was submitted and the problems found (passwords never echoed). */
  async pageWithSubmission(form: RawForm, errors: FieldErrors, stackScriptId?: number): Promise<ConfigureViewModel> {
    const snapshot = await this.catalog.snapshot(stackScriptId);
    return this.viewModel(echoSelection(form, snapshot), errors, stackScriptId);
  }

  async viewModel(selection: ConfigureSelection, errors: FieldErrors, stackScriptId?: number): Promise<ConfigureViewModel> {
    const snapshot = await this.catalog.snapshot(stackScriptId);
    return buildConfigureViewModel(
      snapshot,
      selection,
      errors,
      { stale: this.catalog.isStale(stackScriptId), ageMs: this.catalog.ageMs(stackScriptId) },
      // Reached through /s/:id, the page keeps its form and fragments under /s/:id (even the default's).
      configurePaths(stackScriptId ?? null),
    );
  }

  async priceUpdate(query: RawForm, withPlans: boolean, stackScriptId?: number): Promise<PriceUpdateView> {
    const snapshot = await this.catalog.snapshot(stackScriptId);
    const selection = echoSelection(query, snapshot);
    return {
      summary: buildPriceSummary(snapshot, selection),
      plans: withPlans ? planPickerView(snapshot, selection, null) : null,
    };
  }

  /** Inline validation of one field; null when the form has no such field. */
  async fieldError(form: RawForm, field: string, stackScriptId?: number): Promise<FieldErrorView | null> {
    const snapshot = await this.catalog.snapshot(stackScriptId);
    const id = errorIdFor(snapshot, field);
    const message = validateFormField(form, field, snapshot);
    return id === null || message === null ? null : { id, message };
  }
}
