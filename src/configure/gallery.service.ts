import { Injectable } from '@nestjs/common';
import { CatalogService } from '../catalog/catalog.service';
import { appFacts } from './configure-view-model';

/** `GET /` when the install offers several StackScripts: one card per allowed StackScript. */
@Injectable()
export class GalleryService {
  constructor(private readonly catalog: CatalogService) {}

  /** Whether `GET /` is the gallery (several StackScripts) rather than the default's page. */
  hasGallery(): boolean {
    return this.catalog.allowedStackScriptIds().length > 1;
  }

  async gallery() {
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
    return {
      // The configure page's template shows the gallery instead of a form.
      gallery: true,
      pageTitle: 'Choose an application',
      metaDescription: `Deploy ${names.length ? names.join(', ') : 'these applications'} on your own Linode account.`,
      items,
    };
  }
}
