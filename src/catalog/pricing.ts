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

const monthlyFormat = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});

// Hourly prices are fractions of a cent (a Nanode is $0.0075/hr): keep up to four decimals.
const hourlyFormat = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  minimumFractionDigits: 2,
  maximumFractionDigits: 4,
});

/** `$5.00` — or `null` when there is no price. */
export function formatMonthlyPrice(amount: number | null): string | null {
  return amount === null || !Number.isFinite(amount) ? null : monthlyFormat.format(amount);
}

/** `$0.0075` — or `null` when there is no price. */
export function formatHourlyPrice(amount: number | null): string | null {
  return amount === null || !Number.isFinite(amount) ? null : hourlyFormat.format(amount);
}

/**
 * Sizes as people read them. Linode reports memory and disk in MB (binary: 1 GB plan = 1024) and
 * transfer in GB although the spec says MB (a Nanode's 1 TB is `transfer: 1000`), as Cloud Manager
 * assumes when it shows `transfer / 1000` TB.
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
