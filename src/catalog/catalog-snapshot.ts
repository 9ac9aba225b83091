import { displayText } from '../common/display-text';
import type { Image, LinodeType, Region, StackScript } from '../linode/linode.readers';
import { parseUserDefinedFields } from './udf/udf-form';

/** Built once per refresh and shared by every request. */
export type CatalogSnapshot = Readonly<ReturnType<typeof buildCatalogSnapshot>>;

/** Plans, regions and images: the same for every StackScript. */
export interface CatalogLists {
  types: readonly LinodeType[];
  regions: readonly Region[];
  images: readonly Image[];
}

/** A StackScript that lists this runs on every image. */
const ANY_IMAGE = 'any/all';

export function buildCatalogSnapshot(
  { types, regions, images, stackScript }: CatalogLists & { stackScript: StackScript },
  planClasses: readonly string[],
  fetchedAt: number,
) {
  return {
    app: {
      stackScriptId: stackScript.id,
      /** The StackScript's label: the application's display name. */
      label: displayText(stackScript.label),
      description: displayText(stackScript.description),
      /** Who published it (Linode's `username`), shown as Cloud Manager does. */
      author: displayText(stackScript.username),
      /** Its last update, as Linode gives it (ISO 8601 without zone, UTC); null when not said. */
      updated: stackScript.updated,
      /** How many times it has been deployed, on every account; null when not said. */
      deploymentsTotal: stackScript.deployments_total,
      /** The script itself, for the "View the script" disclosure (always printed escaped). */
      script: stackScript.script,
    },
    plans: offeredPlans(types, planClasses),
    regions: offeredRegions(regions),
    images: offeredImages(images, stackScript.images),
    udfForm: parseUserDefinedFields(stackScript.user_defined_fields),
    fetchedAt,
  };
}

/** Configured classes in configured order, cheapest first within a class. */
export function offeredPlans(types: readonly LinodeType[], planClasses: readonly string[]): readonly LinodeType[] {
  const rank = (type: LinodeType) => planClasses.indexOf(type.class);
  return types
    .filter((type) => rank(type) >= 0)
    .sort(
      (a, b) =>
        rank(a) - rank(b) ||
        (a.price.monthly ?? Infinity) - (b.price.monthly ?? Infinity) ||
        a.memory - b.memory ||
        a.id.localeCompare(b.id),
    );
}

/** Regions that can host a Linode now: capability `Linodes`, status `ok`, site type `core`. */
export function offeredRegions(regions: readonly Region[]): readonly Region[] {
  return regions
    .filter((region) => region.capabilities.includes('Linodes') && region.status === 'ok' && region.site_type === 'core')
    .sort((a, b) => a.label.localeCompare(b.label, 'en') || a.id.localeCompare(b.id));
}

/**
 * In the StackScript's order, its author's preference first. Images that are not public and
 * available are left out: a new deployment should not start on an image that is going away.
 */
export function offeredImages(publicImages: readonly Image[], supported: readonly string[]): readonly Image[] {
  const usable = publicImages.filter((image) => image.is_public && !image.deprecated && image.status === 'available');
  if (supported.includes(ANY_IMAGE)) return usable;
  return [...new Set(supported)].flatMap((id) => findById(usable, id) ?? []);
}

/** The listed item with this id (a plan, region or image of the snapshot). */
export function findById<T extends { id: string }>(items: readonly T[], id: string | null | undefined): T | undefined {
  return items.find((item) => item.id === id);
}
