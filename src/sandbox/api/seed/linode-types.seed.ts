/**
 * The sandbox's plan catalogue: current-generation shared (nanode, standard), dedicated, high
 * memory, premium and GPU plans, written for this project in Linode's shape. Jakarta (id-cgk)
 * and São Paulo (br-gru) carry their own prices, as they do on Linode.
 */
import type { LinodeType } from '../../../linode/contract/linode.contract';

interface PlanRow {
  id: string;
  label: string;
  class: LinodeType['class'];
  disk: number;
  memory: number;
  vcpus: number;
  gpus?: number;
  networkOut: number;
  transfer: number;
  monthly: number;
  backupsMonthly: number;
}

/** Region price multipliers applied to the base price (rounded to cents). */
const REGION_PRICE_FACTORS: ReadonlyArray<[region: string, factor: number]> = [
  ['id-cgk', 1.2],
  ['br-gru', 1.4],
];

const HOURS_PER_MONTH = 730;

function round(value: number, places: number): number {
  const scale = 10 ** places;
  return Math.round(value * scale) / scale;
}

function price(monthly: number) {
  return { hourly: round(monthly / HOURS_PER_MONTH, 4), monthly };
}

function regionPrices(monthly: number) {
  return REGION_PRICE_FACTORS.map(([id, factor]) => ({ id, ...price(round(monthly * factor, 2)) }));
}

function plan(row: PlanRow): LinodeType {
  return {
    id: row.id,
    label: row.label,
    class: row.class,
    disk: row.disk,
    memory: row.memory,
    vcpus: row.vcpus,
    gpus: row.gpus ?? 0,
    network_out: row.networkOut,
    transfer: row.transfer,
    price: price(row.monthly),
    region_prices: regionPrices(row.monthly),
    addons: { backups: { price: price(row.backupsMonthly), region_prices: regionPrices(row.backupsMonthly) } },
    successor: null,
  };
}

const GB = 1024;

const PLANS: PlanRow[] = [
  { id: 'g6-nanode-1', label: 'Nanode 1GB', class: 'nanode', disk: 25 * GB, memory: 1 * GB, vcpus: 1, networkOut: 1000, transfer: 1000, monthly: 5, backupsMonthly: 2 },
  { id: 'g6-standard-1', label: 'Linode 2GB', class: 'standard', disk: 50 * GB, memory: 2 * GB, vcpus: 1, networkOut: 2000, transfer: 2000, monthly: 12, backupsMonthly: 2.5 },
  { id: 'g6-standard-2', label: 'Linode 4GB', class: 'standard', disk: 80 * GB, memory: 4 * GB, vcpus: 2, networkOut: 4000, transfer: 4000, monthly: 24, backupsMonthly: 5 },
  { id: 'g6-standard-4', label: 'Linode 8GB', class: 'standard', disk: 160 * GB, memory: 8 * GB, vcpus: 4, networkOut: 5000, transfer: 5000, monthly: 48, backupsMonthly: 10 },
  { id: 'g6-standard-6', label: 'Linode 16GB', class: 'standard', disk: 320 * GB, memory: 16 * GB, vcpus: 6, networkOut: 6000, transfer: 8000, monthly: 96, backupsMonthly: 20 },
  { id: 'g6-dedicated-2', label: 'Dedicated 4GB', class: 'dedicated', disk: 80 * GB, memory: 4 * GB, vcpus: 2, networkOut: 4000, transfer: 4000, monthly: 36, backupsMonthly: 5 },
  { id: 'g6-dedicated-4', label: 'Dedicated 8GB', class: 'dedicated', disk: 160 * GB, memory: 8 * GB, vcpus: 4, networkOut: 5000, transfer: 5000, monthly: 72, backupsMonthly: 10 },
  { id: 'g6-dedicated-8', label: 'Dedicated 16GB', class: 'dedicated', disk: 320 * GB, memory: 16 * GB, vcpus: 8, networkOut: 6000, transfer: 6000, monthly: 144, backupsMonthly: 20 },
  { id: 'g7-highmem-1', label: 'Linode 24GB', class: 'highmem', disk: 20 * GB, memory: 24 * GB, vcpus: 2, networkOut: 5000, transfer: 5000, monthly: 60, backupsMonthly: 5 },
  { id: 'g7-highmem-2', label: 'Linode 48GB', class: 'highmem', disk: 40 * GB, memory: 48 * GB, vcpus: 2, networkOut: 6000, transfer: 6000, monthly: 120, backupsMonthly: 10 },
  { id: 'g7-premium-2', label: 'Premium 4GB', class: 'premium', disk: 80 * GB, memory: 4 * GB, vcpus: 2, networkOut: 4000, transfer: 4000, monthly: 43, backupsMonthly: 5 },
  { id: 'g1-gpu-rtx6000-1', label: 'Dedicated 32GB + RTX6000 GPU x1', class: 'gpu', disk: 640 * GB, memory: 32 * GB, vcpus: 8, gpus: 1, networkOut: 10000, transfer: 16000, monthly: 1000, backupsMonthly: 40 },
];

export const LINODE_TYPES_SEED: readonly LinodeType[] = PLANS.map(plan);
