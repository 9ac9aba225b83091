import { Injectable } from '@nestjs/common';
import { CatalogService } from '../catalog/catalog.service';
import type { ConfigureForm } from './configure-form';
import {
  buildConfigureViewModel,
  buildPriceSummary,
  configurePaths,
  formFieldTable,
  planPickerView,
  type ConfigureViewModel,
  type PlanPickerView,
  type PriceSummaryView,
} from './configure-view-model';
import { linkedForm, validateConfigureForm, type FieldErrors } from './deployment-draft';

/** Builds what the configure page and its htmx fragments show. No StackScript id: the default one. */
@Injectable()
export class ConfigurePageService {
  constructor(private readonly catalog: CatalogService) {}

  async page(query: ConfigureForm, stackScriptId?: number): Promise<ConfigureViewModel> {
    const snapshot = await this.catalog.snapshot(stackScriptId);
    return this.viewModel(linkedForm(query, snapshot), {}, stackScriptId);
  }

  async viewModel(form: ConfigureForm, errors: FieldErrors, stackScriptId?: number): Promise<ConfigureViewModel> {
    const snapshot = await this.catalog.snapshot(stackScriptId);
    return buildConfigureViewModel(
      snapshot,
      form,
      errors,
      { stale: this.catalog.isStale(stackScriptId), ageMs: this.catalog.ageMs(stackScriptId) },
      // Reached through /s/:id, the page keeps its form and fragments under /s/:id (even the default's).
      configurePaths(stackScriptId ?? null),
    );
  }

  /** The price box, and the plan list re-priced (sent out of band) when the region changed. */
  async priceUpdate(query: ConfigureForm, stackScriptId?: number): Promise<{ summary: PriceSummaryView; plans: PlanPickerView | null }> {
    const snapshot = await this.catalog.snapshot(stackScriptId);
    return {
      summary: buildPriceSummary(snapshot, query),
      plans: query.withPlans ? planPickerView(snapshot, query, null) : null,
    };
  }

  /** Null when the form has no field named `form.field`. */
  async fieldError(form: ConfigureForm, stackScriptId?: number): Promise<{ id: string; message: string } | null> {
    const snapshot = await this.catalog.snapshot(stackScriptId);
    const field = formFieldTable(snapshot).find((entry) => entry.name === form.field);
    if (!field) return null;
    const result = validateConfigureForm(form, snapshot);
    return { id: field.errorId, message: result.ok ? '' : (result.errors[field.name] ?? '') };
  }
}
