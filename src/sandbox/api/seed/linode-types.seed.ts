/**
 * The sandbox's plan catalogue: the plans of a real `GET /v4/linode/types` answer (linodego's
 * recorded fixtures, 2026-08-17), with their real ids, labels, classes, sizes and prices. Jakarta
 * (id-cgk) and São Paulo (br-gru) carry their own prices, as they do on Linode; GPU plans have none.
 */
import type { LinodeType, Price, RegionPrice } from '../../contract/linode.contract';

type PriceRow = [hourly: number, monthly: number];
type PlanRow = [
  id: string,
  label: string,
  planClass: LinodeType['class'],
  memory: number,
  disk: number,
  transfer: number,
  vcpus: number,
  gpus: number,
  networkOut: number,
  price: PriceRow,
  regionPrices: PriceRow[],
  backupsPrice: PriceRow,
  backupsRegionPrices: PriceRow[],
];

/** Linode lists region prices for these regions, in this order. */
const PRICED_REGIONS = ['id-cgk', 'br-gru'];

function price([hourly, monthly]: PriceRow): Price {
  return { hourly, monthly };
}

function regionPrices(rows: PriceRow[]): RegionPrice[] {
  return rows.map(([hourly, monthly], index) => ({ id: PRICED_REGIONS[index], hourly, monthly }));
}

function plan(row: PlanRow): LinodeType {
  const [id, label, planClass, memory, disk, transfer, vcpus, gpus, networkOut] = row;
  const [, , , , , , , , , planPrice, planRegionPrices, backupsPrice, backupsRegionPrices] = row;
  return {
    id,
    label,
    price: price(planPrice),
    region_prices: regionPrices(planRegionPrices),
    addons: { backups: { price: price(backupsPrice), region_prices: regionPrices(backupsRegionPrices) } },
    memory,
    disk,
    transfer,
    vcpus,
    gpus,
    network_out: networkOut,
    class: planClass,
    successor: null,
  };
}

// prettier-ignore
const PLANS: PlanRow[] = [
  ["g6-nanode-1", "Nanode 1GB", "nanode", 1024, 25600, 1000, 1, 0, 1000, [0.0075, 5.0], [[0.009, 6.0], [0.0105, 7.0]], [0.003, 2.0], [[0.0036, 2.4], [0.004, 2.8]]],
  ["g6-standard-1", "Linode 2GB", "standard", 2048, 51200, 2000, 1, 0, 2000, [0.018, 12.0], [[0.022, 14.4], [0.025, 16.8]], [0.004, 2.5], [[0.0045, 3.0], [0.005, 3.5]]],
  ["g6-standard-2", "Linode 4GB", "standard", 4096, 81920, 4000, 2, 0, 4000, [0.036, 24.0], [[0.043, 28.8], [0.05, 33.6]], [0.008, 5.0], [[0.009, 6.0], [0.01, 7.0]]],
  ["g6-standard-4", "Linode 8GB", "standard", 8192, 163840, 5000, 4, 0, 5000, [0.072, 48.0], [[0.086, 57.6], [0.101, 67.2]], [0.015, 10.0], [[0.018, 12.0], [0.021, 14.0]]],
  ["g6-standard-6", "Linode 16GB", "standard", 16384, 327680, 8000, 6, 0, 6000, [0.144, 96.0], [[0.173, 115.2], [0.202, 134.4]], [0.03, 20.0], [[0.036, 24.0], [0.042, 28.0]]],
  ["g6-standard-8", "Linode 32GB", "standard", 32768, 655360, 16000, 8, 0, 7000, [0.288, 192.0], [[0.346, 230.4], [0.403, 268.8]], [0.06, 40.0], [[0.072, 48.0], [0.084, 56.0]]],
  ["g6-standard-16", "Linode 64GB", "standard", 65536, 1310720, 20000, 16, 0, 9000, [0.576, 384.0], [[0.691, 460.8], [0.806, 537.6]], [0.12, 80.0], [[0.144, 96.0], [0.168, 112.0]]],
  ["g6-standard-20", "Linode 96GB", "standard", 98304, 1966080, 20000, 20, 0, 10000, [0.864, 576.0], [[1.037, 691.2], [1.21, 806.4]], [0.18, 120.0], [[0.216, 144.0], [0.252, 168.0]]],
  ["g6-standard-24", "Linode 128GB", "standard", 131072, 2621440, 20000, 24, 0, 11000, [1.152, 768.0], [[1.382, 921.6], [1.613, 1075.2]], [0.24, 160.0], [[0.288, 192.0], [0.336, 224.0]]],
  ["g6-standard-32", "Linode 192GB", "standard", 196608, 3932160, 20000, 32, 0, 12000, [1.728, 1152.0], [[2.074, 1382.4], [2.419, 1612.8]], [0.36, 240.0], [[0.432, 288.0], [0.504, 336.0]]],
  ["g7-highmem-1", "Linode 24GB", "highmem", 24576, 20480, 5000, 2, 0, 5000, [0.09, 60.0], [[0.108, 72.0], [0.126, 84.0]], [0.0075, 5.0], [[0.009, 6.0], [0.0105, 7.0]]],
  ["g7-highmem-2", "Linode 48GB", "highmem", 49152, 40960, 6000, 2, 0, 6000, [0.18, 120.0], [[0.216, 144.0], [0.252, 168.0]], [0.015, 10.0], [[0.018, 12.0], [0.021, 14.0]]],
  ["g7-highmem-4", "Linode 90GB", "highmem", 92160, 92160, 7000, 4, 0, 7000, [0.36, 240.0], [[0.432, 288.0], [0.504, 336.0]], [0.03, 20.0], [[0.036, 24.0], [0.042, 28.0]]],
  ["g7-highmem-8", "Linode 150GB", "highmem", 153600, 204800, 8000, 8, 0, 8000, [0.72, 480.0], [[0.864, 576.0], [1.008, 672.0]], [0.06, 40.0], [[0.072, 48.0], [0.084, 56.0]]],
  ["g7-highmem-16", "Linode 300GB", "highmem", 307200, 348160, 9000, 16, 0, 9000, [1.44, 960.0], [[1.728, 1152.0], [2.016, 1344.0]], [0.12, 80.0], [[0.144, 96.0], [0.168, 112.0]]],
  ["g6-dedicated-2", "Dedicated 4GB", "dedicated", 4096, 81920, 4000, 2, 0, 4000, [0.054, 36.0], [[0.065, 43.2], [0.076, 50.4]], [0.008, 5.0], [[0.009, 6.0], [0.01, 7.0]]],
  ["g6-dedicated-4", "Dedicated 8GB", "dedicated", 8192, 163840, 5000, 4, 0, 5000, [0.108, 72.0], [[0.13, 86.4], [0.151, 100.8]], [0.015, 10.0], [[0.018, 12.0], [0.021, 14.0]]],
  ["g6-dedicated-8", "Dedicated 16GB", "dedicated", 16384, 327680, 6000, 8, 0, 6000, [0.216, 144.0], [[0.259, 172.8], [0.302, 201.6]], [0.03, 20.0], [[0.036, 24.0], [0.042, 28.0]]],
  ["g6-dedicated-16", "Dedicated 32GB", "dedicated", 32768, 655360, 7000, 16, 0, 7000, [0.432, 288.0], [[0.518, 345.6], [0.605, 403.2]], [0.06, 40.0], [[0.072, 48.0], [0.084, 56.0]]],
  ["g6-dedicated-32", "Dedicated 64GB", "dedicated", 65536, 1310720, 8000, 32, 0, 8000, [0.864, 576.0], [[1.037, 691.2], [1.21, 806.4]], [0.12, 80.0], [[0.144, 96.0], [0.168, 112.0]]],
  ["g6-dedicated-48", "Dedicated 96GB", "dedicated", 98304, 1966080, 9000, 48, 0, 9000, [1.296, 864.0], [[1.555, 1036.8], [1.814, 1209.6]], [0.18, 120.0], [[0.216, 144.0], [0.252, 168.0]]],
  ["g6-dedicated-50", "Dedicated 128GB", "dedicated", 131072, 2560000, 10000, 50, 0, 10000, [1.728, 1152.0], [[2.074, 1382.4], [2.419, 1612.8]], [0.24, 160.0], [[0.288, 192.0], [0.336, 224.0]]],
  ["g6-dedicated-56", "Dedicated 256GB", "dedicated", 262144, 5120000, 11000, 56, 0, 11000, [3.456, 2304.0], [[4.147, 2764.8], [4.838, 3225.6]], [0.3, 200.0], [[0.36, 240.0], [0.42, 280.0]]],
  ["g6-dedicated-64", "Dedicated 512GB", "dedicated", 524288, 7372800, 12000, 64, 0, 12000, [6.912, 4608.0], [[8.294, 5529.6], [9.677, 6451.2]], [0.36, 240.0], [[0.432, 288.0], [0.504, 336.0]]],
  ["g1-gpu-rtx6000-1", "Dedicated 32GB + RTX6000 GPU x1", "gpu", 32768, 655360, 16000, 8, 1, 10000, [1.5, 1000.0], [], [0.06, 40.0], []],
  ["g1-gpu-rtx6000-2", "Dedicated 64GB + RTX6000 GPU x2", "gpu", 65536, 1310720, 20000, 16, 2, 10000, [3.0, 2000.0], [], [0.12, 80.0], []],
  ["g1-gpu-rtx6000-3", "Dedicated 96GB + RTX6000 GPU x3", "gpu", 98304, 1966080, 20000, 20, 3, 10000, [4.5, 3000.0], [], [0.18, 120.0], []],
  ["g1-gpu-rtx6000-4", "Dedicated 128GB + RTX6000 GPU x4", "gpu", 131072, 2621440, 20000, 24, 4, 10000, [6.0, 4000.0], [], [0.24, 160.0], []],
  ["g7-premium-2", "Premium 4GB", "premium", 4096, 81920, 4000, 2, 0, 4000, [0.0645, 43.0], [[0.078, 51.84], [0.091, 60.48]], [0.008, 5.0], [[0.009, 6.0], [0.01, 7.0]]],
  ["g7-premium-4", "Premium 8GB", "premium", 8192, 163840, 5000, 4, 0, 5000, [0.129, 86.0], [[0.156, 103.68], [0.181, 120.96]], [0.015, 10.0], [[0.018, 12.0], [0.021, 14.0]]],
  ["g7-premium-8", "Premium 16GB", "premium", 16384, 327680, 6000, 8, 0, 6000, [0.2595, 173.0], [[0.311, 207.36], [0.363, 241.92]], [0.03, 20.0], [[0.036, 24.0], [0.042, 28.0]]],
  ["g7-premium-16", "Premium 32GB", "premium", 32768, 655360, 7000, 16, 0, 7000, [0.519, 346.0], [[0.622, 414.72], [0.726, 483.84]], [0.06, 40.0], [[0.072, 48.0], [0.084, 56.0]]],
  ["g7-premium-32", "Premium 64GB", "premium", 65536, 1310720, 8000, 32, 0, 8000, [1.0365, 691.0], [[1.244, 829.44], [1.452, 967.68]], [0.12, 80.0], [[0.144, 96.0], [0.168, 112.0]]],
  ["g7-premium-48", "Premium 96GB", "premium", 98304, 1966080, 9000, 48, 0, 9000, [1.5555, 1037.0], [[1.866, 1244.16], [2.177, 1451.52]], [0.18, 120.0], [[0.216, 144.0], [0.252, 168.0]]],
  ["g7-premium-50", "Premium 128GB", "premium", 131072, 2560000, 10000, 50, 0, 10000, [2.073, 1382.0], [[2.488, 1658.88], [2.903, 1935.36]], [0.24, 160.0], [[0.288, 192.0], [0.336, 224.0]]],
  ["g7-premium-56", "Premium 256GB", "premium", 262144, 5120000, 11000, 56, 0, 11000, [4.1475, 2765.0], [[4.977, 3317.76], [5.806, 3870.72]], [0.3, 200.0], [[0.36, 240.0], [0.42, 280.0]]],
  ["g7-premium-64", "Premium 512GB", "premium", 524288, 7372800, 12000, 64, 0, 12000, [8.295, 5530.0], [[9.953, 6635.52], [11.612, 7741.44]], [0.36, 240.0], [[0.432, 288.0], [0.504, 336.0]]],
];

export const LINODE_TYPES_SEED: readonly LinodeType[] = PLANS.map(plan);
