import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Req, UseGuards } from '@nestjs/common';
import type { Request } from 'express';
import type { Page, StackScript } from '../../contract/linode.contract';
import { scopesAllow } from '../../../linode/contract/oauth-scopes';
import { ApiToken, AuthenticatedRequest, PublicEndpoint, RequiresScope } from '../auth/api-access.decorator';
import { ApiAccessGuard } from '../auth/api-access.guard';
import { collectionPage } from '../http/collection';
import { STACKSCRIPT_FILTERS } from '../http/filterable-fields';
import { SandboxApiError } from '../http/sandbox-api.error';
import type { SandboxToken } from '../../tokens/sandbox-token.store';
import { SandboxStackScriptsService } from './sandbox-stackscripts.service';

/** The account looking, for reads that need no token: one whose token may read StackScripts. */
function viewerOf(request: AuthenticatedRequest): string | null {
  const token = request.sandboxToken;
  return token && scopesAllow(token.scopes, 'stackscripts', 'read_only') ? token.username : null;
}

function stackScriptId(raw: string): number {
  if (!/^\d{1,15}$/.test(raw)) throw SandboxApiError.notFound();
  return Number(raw);
}

@Controller('v4/linode/stackscripts')
@UseGuards(ApiAccessGuard)
export class StackScriptsController {
  constructor(private readonly stackScripts: SandboxStackScriptsService) {}

  /** Public StackScripts for anyone; with a token, the account's private ones too (`mine`). */
  @Get()
  @PublicEndpoint()
  list(@Req() request: Request): Page<StackScript> {
    return collectionPage(this.stackScripts.list(viewerOf(request)), request, STACKSCRIPT_FILTERS);
  }

  @Get(':stackscriptId')
  @PublicEndpoint()
  get(@Req() request: Request, @Param('stackscriptId') id: string): StackScript {
    return this.stackScripts.get(viewerOf(request), stackScriptId(id));
  }

  @Post()
  @HttpCode(200)
  @RequiresScope('stackscripts', 'read_write')
  create(@ApiToken() token: SandboxToken, @Body() body: unknown): StackScript {
    return this.stackScripts.create(token.username, body);
  }

  @Put(':stackscriptId')
  @RequiresScope('stackscripts', 'read_write')
  update(@ApiToken() token: SandboxToken, @Param('stackscriptId') id: string, @Body() body: unknown): StackScript {
    return this.stackScripts.update(token.username, stackScriptId(id), body);
  }

  @Delete(':stackscriptId')
  @RequiresScope('stackscripts', 'read_write')
  delete(@ApiToken() token: SandboxToken, @Param('stackscriptId') id: string): Record<string, never> {
    this.stackScripts.delete(token.username, stackScriptId(id));
    return {};
  }
}
