import { Controller, Get, Param, Req, UseGuards } from '@nestjs/common';
import type { Request } from 'express';
import type { LinodeType, Page } from '../../contract/linode.contract';
import { ApiAccessGuard } from '../auth/api-access.guard';
import { PublicEndpoint } from '../auth/api-access.decorator';
import { collectionPage } from '../http/collection';
import { LINODE_TYPE_FILTERS } from '../http/filterable-fields';
import { SandboxApiError } from '../http/sandbox-api.error';
import { SandboxCatalog } from './sandbox-catalog';

@Controller('v4/linode/types')
@UseGuards(ApiAccessGuard)
@PublicEndpoint()
export class LinodeTypesController {
  constructor(private readonly catalog: SandboxCatalog) {}

  @Get()
  list(@Req() request: Request): Page<LinodeType> {
    return collectionPage(this.catalog.types, request, LINODE_TYPE_FILTERS);
  }

  @Get(':typeId')
  get(@Param('typeId') typeId: string): LinodeType {
    const type = this.catalog.type(typeId);
    if (!type) throw SandboxApiError.notFound();
    return type;
  }
}
