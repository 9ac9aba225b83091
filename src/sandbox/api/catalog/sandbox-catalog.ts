import { Injectable } from '@nestjs/common';
import type { Image, LinodeType, Region, StackScript } from '../../contract/linode.contract';
import { IMAGES_SEED } from '../seed/images.seed';
import { LINODE_TYPES_SEED } from '../seed/linode-types.seed';
import { REGIONS_SEED } from '../seed/regions.seed';
import { toStackScript, visibleTo } from '../stackscripts/sandbox-stackscript';
import { SandboxStackScriptStore } from '../stackscripts/sandbox-stackscript.store';

/** The public catalogue the sandbox serves: plan types, regions, images, and the StackScripts one may deploy. */
@Injectable()
export class SandboxCatalog {
  constructor(private readonly stackScripts: SandboxStackScriptStore) {}

  readonly types: readonly LinodeType[] = LINODE_TYPES_SEED;
  readonly regions: readonly Region[] = REGIONS_SEED;
  /** Every image the sandbox knows is public: the sandbox has no account (private) images. */
  readonly publicImages: readonly Image[] = IMAGES_SEED;

  type(id: string): LinodeType | undefined {
    return this.types.find((type) => type.id === id);
  }

  region(id: string): Region | undefined {
    return this.regions.find((region) => region.id === id);
  }

  image(id: string): Image | undefined {
    return this.publicImages.find((image) => image.id === id);
  }

  /** A StackScript `viewer` may deploy: a public one, or their own private one. */
  stackScript(id: number, viewer: string | null = null): StackScript | undefined {
    const record = this.stackScripts.find(id);
    return record && visibleTo(record, viewer) ? toStackScript(record, viewer) : undefined;
  }
}
