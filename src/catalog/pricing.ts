import type { LinodeType } from '../linode/linode.readers';
import { findById } from './catalog-snapshot';

/** USD; `null` where Linode publishes no price (the plan may not be sold there). */
type PlanPrice = LinodeType['price'];

/** A plan's (or its backups') price in one region: its `region_prices` entry when there is one, else the default price. */
export function priceInRegion(priced: Pick<LinodeType, 'price' | 'region_prices'>, regionId: string | null | undefined): PlanPrice {
  const { monthly, hourly } = findById(priced.region_prices, regionId) ?? priced.price;
  return { monthly, hourly };
}

/** Backups are offered only with a monthly price. */
type BackupsPrice = { monthly: number; hourly: number | null };

/** Backups for this plan in one region, priced by the plan's own rule; null where they have no monthly price. */
export function backupsPriceInRegion(type: LinodeType, regionId: string | null | undefined): BackupsPrice | null {
  const price = type.addons.backups ? priceInRegion(type.addons.backups, regionId) : null;
  if (!price || price.monthly === null) return null;
  return { monthly: price.monthly, hourly: price.hourly };
}

/** A plan's price with its backups; an hourly price either lacks stays unknown. */
export function withBackups(plan: PlanPrice, backups: BackupsPrice): PlanPrice {
  return {
    monthly: plan.monthly === null ? null : plan.monthly + backups.monthly,
    hourly: plan.hourly === null || backups.hourly === null ? null : plan.hourly + backups.hourly,
  };
}

/**
 * Sizes as people read them: Linode reports memory and disk in MiB, and transfer in GB whatever its
 * spec says (a Nanode's 1 TB is `transfer: 1000`).
 */
export function planSpecs(type: LinodeType) {
  return {
    vcpus: type.vcpus,
    memoryGb: round(type.memory / 1024),
    diskGb: round(type.disk / 1024),
    transferTb: round(type.transfer / 1000),
  };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
