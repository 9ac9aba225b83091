import type { LinodeType } from '../linode/linode.readers';

/** USD; `null` where Linode publishes no price (the plan may not be sold there). */
export interface PlanPrice {
  monthly: number | null;
  hourly: number | null;
}

export interface PlanSpecs {
  vcpus: number;
  memoryGb: number;
  diskGb: number;
  transferTb: number;
}

/** The price in one region: its `region_prices` entry when there is one, else the default price. */
export function priceInRegion(type: LinodeType, regionId: string | null | undefined): PlanPrice {
  const regional = regionId ? type.region_prices.find((entry) => entry.id === regionId) : undefined;
  const { monthly, hourly } = regional ?? type.price;
  return { monthly, hourly };
}

/**
 * Sizes as people read them: Linode reports memory and disk in MiB, and transfer in GB whatever its
 * spec says (a Nanode's 1 TB is `transfer: 1000`).
 */
export function planSpecs(type: LinodeType): PlanSpecs {
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
