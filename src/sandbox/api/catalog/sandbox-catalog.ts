import { Injectable } from '@nestjs/common';
import type { Image, LinodeType, Region, StackScript } from '../../../linode/contract/linode.contract';
import { IMAGES_SEED } from '../seed/images.seed';
import { LINODE_TYPES_SEED } from '../seed/linode-types.seed';
import { REGIONS_SEED } from '../seed/regions.seed';
import { STACKSCRIPTS_SEED } from '../seed/stackscripts.seed';

/** The read-only public catalogue the sandbox serves: plan types, regions, images, StackScripts. */
@Injectable()
export class SandboxCatalog {
  readonly types: readonly LinodeType[] = LINODE_TYPES_SEED;
  readonly regions: readonly Region[] = REGIONS_SEED;
  /** Every image the sandbox knows is public: the sandbox has no account (private) images. */
  readonly publicImages: readonly Image[] = IMAGES_SEED;
  readonly publicStackScripts: readonly StackScript[] = STACKSCRIPTS_SEED;

  type(id: string): LinodeType | undefined {
    return this.types.find((type) => type.id === id);
  }

  region(id: string): Region | undefined {
    return this.regions.find((region) => region.id === id);
  }

  image(id: string): Image | undefined {
    return this.publicImages.find((image) => image.id === id);
  }

  stackScript(id: number): StackScript | undefined {
    return this.publicStackScripts.find((stackScript) => stackScript.id === id);
  }
}
