import { Injectable } from '@nestjs/common';
import { CatalogService } from '../catalog/catalog.service';
import { HTMX_FRAGMENT } from '../views/htmx';
import { RenderedPages, type RenderedPage } from '../views/rendered-pages';
import type { ConfigureForm } from './configure-form';
import { CONFIGURE_PAGE_VIEW } from './configure-page-again.filter';
import {
  appFacts,
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

/** Builds what the configure page and its htmx fragments show. No StackScript id: the default one. */
@Injectable()
export class ConfigurePageService {
  constructor(
    private readonly catalog: CatalogService,
    private readonly pages: RenderedPages,
  ) {}

  /** A first visit's page: the same bytes for every visitor with the same link, while the catalog stays the same. */
  async page(query: ConfigureForm, stackScriptId?: number): Promise<RenderedPage> {
    const snapshot = await this.catalog.snapshot(stackScriptId);
    // A stale catalog's notice says how old it is, so that age is part of the page. A link sets only
    // these fields, and the form it yields is made only when the page is.
    const staleAge = this.staleAge(stackScriptId);
    const { region, type, image, udf } = query;
    return this.pages.render(CONFIGURE_PAGE_VIEW, [stackScriptId, snapshot.fetchedAt, staleAge, region, type, image, udf], () =>
      buildConfigureViewModel(snapshot, linkedForm(query, snapshot), {}, staleAge, stackScriptId),
    );
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
  async fieldError(form: ConfigureForm, stackScriptId?: number) {
    const snapshot = await this.catalog.snapshot(stackScriptId);
    const field = formFieldTable(snapshot).find((entry) => entry.name === form.field);
    if (!field) return null;
    const result = validateConfigureForm(form, snapshot);
    return { id: field.errorId, message: result.ok ? '' : (result.errors[field.name] ?? '') };
  }

  private staleAge(stackScriptId?: number): string | null {
    return this.catalog.isStale(stackScriptId) ? describeAge(this.catalog.ageMs(stackScriptId)) : null;
  }

  /** Whether `GET /` is the gallery (several StackScripts) rather than the default's page. */
  hasGallery(): boolean {
    return this.catalog.allowedStackScriptIds().length > 1;
  }

  /** `GET /` when several StackScripts are offered: one card per allowed StackScript. */
  async gallery(): Promise<RenderedPage> {
    const ids = this.catalog.allowedStackScriptIds();
    // One StackScript Linode cannot serve right now must not take the others' cards down.
    const snapshots = await Promise.allSettled(ids.map((id) => this.catalog.snapshot(id)));
    const items = ids.map((id, index) => {
      const result = snapshots[index];
      return {
        href: `/s/${id}`,
        // Null while Linode cannot serve this StackScript: the card still links to it.
        app: result.status === 'fulfilled' ? appFacts(result.value) : null,
        stackScriptId: id,
        headingId: `app-${id}-heading`,
      };
    });
    const names = items.flatMap((item) => (item.app ? [item.app.label] : []));
    const gallery = {
      gallery: true,
      pageTitle: 'Choose an application',
      metaDescription: `Deploy ${names.length ? names.join(', ') : 'these applications'} on your own Linode account.`,
      items,
    };
    return this.pages.render(CONFIGURE_PAGE_VIEW, gallery, () => gallery);
  }
}
