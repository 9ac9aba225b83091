import { Injectable } from '@nestjs/common';
import { CatalogService } from '../catalog/catalog.service';
import { HTMX_FRAGMENT } from '../views/htmx';
import { RenderedPages, type RenderedPage } from '../views/rendered-pages';
import type { ConfigureForm } from './configure-form';
import { CONFIGURE_PAGE_VIEW } from './configure-page-again.filter';
import {
  backupsOptionView,
  buildConfigureViewModel,
  buildPriceSummary,
  configurePaths,
  describeAge,
  formFieldTable,
  planPickerView,
  type ConfigureViewModel,
} from './configure-view-model';
import { linkedForm, validateConfigureForm, type FieldErrors } from './deployment-draft';
import { GalleryService } from './gallery.service';

/** Builds what the configure page and its htmx fragments show. No StackScript id: the default one. */
@Injectable()
export class ConfigurePageService {
  constructor(
    private readonly catalog: CatalogService,
    private readonly galleries: GalleryService,
    private readonly pages: RenderedPages,
  ) {}

  /** A first visit's page: the same bytes for every visitor with the same link, while the catalog stays the same. */
  async page(query: ConfigureForm, stackScriptId?: number): Promise<RenderedPage> {
    const snapshot = await this.catalog.snapshot(stackScriptId);
    const form = linkedForm(query, snapshot);
    // A stale catalog's notice says how old it is, so that age is part of the page.
    const staleAge = this.staleAge(stackScriptId);
    return this.pages.render(CONFIGURE_PAGE_VIEW, [stackScriptId, snapshot.fetchedAt, staleAge, form], () =>
      buildConfigureViewModel(snapshot, form, {}, staleAge, stackScriptId),
    );
  }

  /** `GET /` when several StackScripts are offered. */
  async gallery(): Promise<RenderedPage> {
    const gallery = await this.galleries.gallery();
    return this.pages.render(CONFIGURE_PAGE_VIEW, gallery, () => gallery);
  }

  /** The page again with what the visitor typed and what is wrong with it; never kept. */
  async viewModel(form: ConfigureForm, errors: FieldErrors, stackScriptId?: number): Promise<ConfigureViewModel> {
    const snapshot = await this.catalog.snapshot(stackScriptId);
    return buildConfigureViewModel(snapshot, form, errors, this.staleAge(stackScriptId), stackScriptId);
  }

  /** The price box and the backups option re-priced, and the plan list too (sent out of band) when the region changed. */
  async priceUpdate(query: ConfigureForm, stackScriptId?: number): Promise<RenderedPage> {
    const snapshot = await this.catalog.snapshot(stackScriptId);
    const { type, region, image, withPlans, backupsEnabled } = query;
    const key = ['price', stackScriptId, snapshot.fetchedAt, type, region, image, withPlans, backupsEnabled];
    return this.pages.render(CONFIGURE_PAGE_VIEW, key, () => ({
      summary: buildPriceSummary(snapshot, query),
      plans: withPlans ? planPickerView(snapshot, query, null) : null,
      backups: backupsOptionView(snapshot, query, null),
      paths: configurePaths(stackScriptId),
      ...HTMX_FRAGMENT,
    }));
  }

  /** Null when the form has no field named `form.field`. */
  async fieldError(form: ConfigureForm, stackScriptId?: number): Promise<{ id: string; message: string } | null> {
    const snapshot = await this.catalog.snapshot(stackScriptId);
    const field = formFieldTable(snapshot).find((entry) => entry.name === form.field);
    if (!field) return null;
    const result = validateConfigureForm(form, snapshot);
    return { id: field.errorId, message: result.ok ? '' : (result.errors[field.name] ?? '') };
  }

  private staleAge(stackScriptId?: number): string | null {
    return this.catalog.isStale(stackScriptId) ? describeAge(this.catalog.ageMs(stackScriptId)) : null;
  }
}
