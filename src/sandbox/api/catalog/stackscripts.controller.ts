import { Controller, Get, Param, UseGuards } from '@nestjs/common';
import type { StackScript } from '../../../linode/contract/linode.contract';
import { ApiAccessGuard } from '../auth/api-access.guard';
import { PublicEndpoint } from '../auth/api-access.decorator';
import { LinodeApiError } from '../http/linode-api.error';
import { SandboxCatalog } from './sandbox-catalog';

@Controller('v4/linode/stackscripts')
@UseGuards(ApiAccessGuard)
@PublicEndpoint()
export class StackScriptsController {
  constructor(private readonly catalog: SandboxCatalog) {}

  /** Public StackScripts need no token; the sandbox has no private ones. */
  @Get(':stackscriptId')
  get(@Param('stackscriptId') stackscriptId: string): StackScript {
    const stackScript = /^\d+$/.test(stackscriptId) ? this.catalog.stackScript(Number(stackscriptId)) : undefined;
    if (!stackScript) throw LinodeApiError.notFound();
    return stackScript;
  }
}
