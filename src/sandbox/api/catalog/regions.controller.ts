import { Controller, Get, Param, Req, UseGuards } from '@nestjs/common';
import type { Request } from 'express';
import type { Page, Region } from '../../contract/linode.contract';
import { ApiAccessGuard } from '../auth/api-access.guard';
import { PublicEndpoint } from '../auth/api-access.decorator';
import { collectionPage } from '../http/collection';
import { REGION_FILTERS } from '../http/filterable-fields';
import { SandboxApiError } from '../http/sandbox-api.error';
import { SandboxCatalog } from './sandbox-catalog';

@Controller('v4/regions')
@UseGuards(ApiAccessGuard)
@PublicEndpoint()
export class RegionsController {
  constructor(private readonly catalog: SandboxCatalog) {}

  @Get()
  list(@Req() request: Request): Page<Region> {
    return collectionPage(this.catalog.regions, request, REGION_FILTERS);
  }

  @Get(':regionId')
  get(@Param('regionId') regionId: string): Region {
    const region = this.catalog.region(regionId);
    if (!region) throw SandboxApiError.notFound();
    return region;
  }
}
