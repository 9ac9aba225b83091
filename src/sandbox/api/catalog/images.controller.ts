import { Controller, Get, Param, Req, UseGuards } from '@nestjs/common';
import type { Request } from 'express';
import type { Image, Page } from '../../contract/linode.contract';
import { ApiAccessGuard } from '../auth/api-access.guard';
import { PublicEndpoint } from '../auth/api-access.decorator';
import { collectionPage } from '../http/collection';
import { IMAGE_FILTERS } from '../http/filterable-fields';
import { SandboxApiError } from '../http/sandbox-api.error';
import { SandboxCatalog } from './sandbox-catalog';

/**
 * Image ids contain a slash (`linode/debian12`). Linode's clients send it encoded
 * (`linode%2Fdebian12`, one segment, which the router decodes); a raw slash makes two segments.
 */
@Controller('v4/images')
@UseGuards(ApiAccessGuard)
@PublicEndpoint()
export class ImagesController {
  constructor(private readonly catalog: SandboxCatalog) {}

  @Get()
  list(@Req() request: Request): Page<Image> {
    return collectionPage(this.catalog.publicImages, request, IMAGE_FILTERS);
  }

  @Get(':imageId')
  get(@Param('imageId') id: string): Image {
    const image = this.catalog.image(id);
    if (!image) throw SandboxApiError.notFound();
    return image;
  }

  @Get(':vendor/:name')
  getBySegments(@Param('vendor') vendor: string, @Param('name') name: string): Image {
    return this.get(`${vendor}/${name}`);
  }
}
