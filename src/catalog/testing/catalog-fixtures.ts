/** Linode catalog data shaped as Linode sends it, and a fake `CatalogSource`, for specs without HTTP. */
import type { Image, LinodeType, Region, StackScript } from '../../linode/linode.readers';
import { image, linodeType, region, stackScript, udf } from '../../linode/testing/linode-resources.fixture';
import type { CatalogSource } from '../catalog.service';
import type { UdfInputField } from '../udf/udf-form';

export { image, linodeType, region, stackScript, udf };

type PlanFields = NonNullable<Parameters<typeof linodeType>[0]>;

/** A plan's fields as Linode sizes them: memory and disk in MB, transfer in GB. */
function plan(
  id: string,
  label: string,
  planClass: PlanFields['class'],
  size: { gb: number; diskGb: number; vcpus: number; monthly: number; hourly: number },
): PlanFields {
  return {
    id,
    label,
    class: planClass,
    memory: size.gb * 1024,
    disk: size.diskGb * 1024,
    vcpus: size.vcpus,
    transfer: size.gb * 1000,
    price: { monthly: size.monthly, hourly: size.hourly },
  };
}

/** A small but varied catalog: plans of several classes, regions and images Linode would not offer. */
export function sampleCatalog() {
  return {
    types: [
      linodeType({
        ...plan('g6-standard-2', 'Linode 4GB', 'standard', { gb: 4, diskGb: 80, vcpus: 2, monthly: 24, hourly: 0.036 }),
        region_prices: [{ id: 'id-cgk', monthly: 28.8, hourly: 0.043 }],
      }),
      linodeType({
        ...plan('g6-nanode-1', 'Nanode 1GB', 'nanode', { gb: 1, diskGb: 25, vcpus: 1, monthly: 5, hourly: 0.0075 }),
        region_prices: [{ id: 'id-cgk', monthly: 6, hourly: 0.009 }],
        addons: { backups: { price: { monthly: 2, hourly: 0.003 }, region_prices: [{ id: 'id-cgk', monthly: 2.4, hourly: 0.0036 }] } },
      }),
      linodeType({ id: 'g6-standard-1', label: 'Linode 2GB', price: { monthly: 12, hourly: 0.018 } }),
      linodeType(plan('g6-dedicated-2', 'Dedicated 4GB', 'dedicated', { gb: 4, diskGb: 80, vcpus: 2, monthly: 36, hourly: 0.054 })),
      linodeType({ id: 'g1-gpu-rtx6000-1', label: 'RTX6000 GPU x1', class: 'gpu', price: { monthly: 1000, hourly: 1.5 } }),
      linodeType({ id: 'g7-highmem-1', label: 'Linode 24GB', class: 'highmem', price: { monthly: 60, hourly: 0.09 } }),
    ],
    regions: [
      region({ id: 'us-east', label: 'Newark, NJ' }),
      region({ id: 'id-cgk', label: 'Jakarta, ID' }),
      region({ id: 'eu-west', label: 'London, UK' }),
      region({ id: 'us-den-edge-1', label: 'Denver, CO (distributed)', site_type: 'distributed' }),
      region({ id: 'ap-south', label: 'Singapore, SG', status: 'outage' }),
      region({ id: 'us-objects-only', label: 'Objects Only', capabilities: ['Object Storage'] }),
    ],
    images: [
      image({ id: 'linode/debian12', label: 'Debian 12' }),
      image({ id: 'linode/ubuntu24.04', label: 'Ubuntu 24.04 LTS', vendor: 'Ubuntu' }),
      image({ id: 'linode/debian10', label: 'Debian 10', deprecated: true }),
      image({ id: 'linode/alpine3.20', label: 'Alpine 3.20', vendor: 'Alpine' }),
    ],
    stackScript: stackScript({
      user_defined_fields: [
        { name: 'ADMIN_EMAIL', label: 'Admin email address', example: 'you@example.com' },
        { name: 'DB_PASSWORD', label: 'Database password' },
        { name: 'SIZE', label: 'Deployment size', oneof: 'small,medium,large', default: 'small' },
        { name: 'FEATURES', label: 'Features', manyof: 'mail,backup,metrics', default: 'mail' },
      ],
    }),
  };
}

export type CatalogData = ReturnType<typeof sampleCatalog>;

/**
 * An in-memory `CatalogSource`. Each call resolves on the next tick with the current data, or fails
 * when `failWith` is set; `calls` counts every call, `gate` can hold calls until released.
 */
export class FakeCatalogSource implements CatalogSource {
  calls = 0;
  failWith: Error | null = null;
  private held: Array<() => void> = [];
  private holding = false;

  constructor(public data: CatalogData = sampleCatalog()) {}

  /** Hold every call until `release()`; for single-flight and background-refresh specs. */
  hold(): void {
    this.holding = true;
  }

  release(): void {
    this.holding = false;
    const waiting = this.held;
    this.held = [];
    waiting.forEach((resume) => resume());
  }

  get waiting(): number {
    return this.held.length;
  }

  listTypes(): Promise<LinodeType[]> {
    return this.answer(() => this.data.types);
  }

  listRegions(): Promise<Region[]> {
    return this.answer(() => this.data.regions);
  }

  listImages(): Promise<Image[]> {
    return this.answer(() => this.data.images);
  }

  /** More StackScripts this source knows, by id (for per-StackScript specs). */
  readonly otherStackScripts = new Map<number, StackScript>();

  getStackScript(id: number): Promise<StackScript> {
    return this.answer(() => {
      const other = this.otherStackScripts.get(id);
      if (other) return other;
      if (id !== this.data.stackScript.id) throw new Error(`StackScript ${id} not found`);
      return this.data.stackScript;
    });
  }

  private async answer<T>(read: () => T): Promise<T> {
    this.calls += 1;
    if (this.holding) await new Promise<void>((resume) => this.held.push(resume));
    else await Promise.resolve();
    if (this.failWith) throw this.failWith;
    return structuredClone(read());
  }
}

/** A UDF input as the form shows it (a required text field `F` unless overridden). */
export function udfInputField(overrides: Partial<UdfInputField> = {}): UdfInputField {
  return {
    kind: 'text',
    name: 'F',
    inputName: 'udf_F',
    id: 'udf-F',
    label: 'F',
    example: null,
    default: null,
    required: true,
    choices: [],
    ...overrides,
  };
}
