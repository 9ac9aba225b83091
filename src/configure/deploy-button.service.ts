import { Inject, Injectable } from '@nestjs/common';
import { CatalogService } from '../catalog/catalog.service';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { RenderedPages, type RenderedPage } from '../views/rendered-pages';

const BADGE_TEXT = 'Deploy on Linode';

/** `GET /s/:id/button`: what an app author pastes into a README to send readers to this StackScript's page. */
@Injectable()
export class DeployButtonService {
  constructor(
    private readonly catalog: CatalogService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly pages: RenderedPages,
  ) {}

  badge(): Promise<RenderedPage> {
    return this.pages.render('pages/badge', null, () => ({ layout: false, text: BADGE_TEXT }), 'image/svg+xml; charset=utf-8');
  }

  async page(stackScriptId: number): Promise<RenderedPage> {
    const snapshot = await this.catalog.snapshot(stackScriptId);
    const deployUrl = `${this.config.publicUrl}/s/${stackScriptId}`;
    const badgeUrl = `${this.config.publicUrl}/badge.svg`;
    const first = (items: readonly { id: string }[]) => items[0]?.id ?? '';
    const example = new URLSearchParams({ region: first(snapshot.regions), type: first(snapshot.plans), image: first(snapshot.images) });
    return this.pages.render('pages/deploy-button', [stackScriptId, snapshot.fetchedAt], () => ({
      pageTitle: `“${BADGE_TEXT}” button for ${snapshot.app.label}`,
      metaDescription: `A ${BADGE_TEXT} button for ${snapshot.app.label}: copy-ready Markdown and HTML for a README.`,
      appLabel: snapshot.app.label,
      deployUrl,
      badgeText: BADGE_TEXT,
      markdown: `[![${BADGE_TEXT}](${badgeUrl})](${deployUrl})`,
      html: `<a href="${deployUrl}"><img src="${badgeUrl}" alt="${BADGE_TEXT}" width="178" height="32"></a>`,
      // Preselects a region, plan and image.
      exampleDeepLink: `${deployUrl}?${example.toString()}`,
    }));
  }
}
