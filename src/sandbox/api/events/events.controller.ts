import { Controller, Get, Req, UseGuards } from '@nestjs/common';
import type { Request } from 'express';
import type { LinodeEvent, Page } from '../../../linode/contract/linode.contract';
import type { SandboxToken } from '../../tokens/sandbox-token.store';
import { ApiToken, RequiresScope } from '../auth/api-access.decorator';
import { ApiAccessGuard } from '../auth/api-access.guard';
import { collectionPage } from '../http/collection';
import { EVENT_FILTERS } from '../http/filterable-fields';
import { SandboxInstanceExpiry } from '../instances/instance-expiry';
import { SandboxEventLog } from './sandbox-event.log';

@Controller('v4/account/events')
@UseGuards(ApiAccessGuard)
export class EventsController {
  constructor(
    private readonly events: SandboxEventLog,
    private readonly expiry: SandboxInstanceExpiry,
  ) {}

  @Get()
  @RequiresScope('events', 'read_only')
  list(@ApiToken() token: SandboxToken, @Req() request: Request): Page<LinodeEvent> {
    const now = Date.now();
    // Linodes whose time is up are deleted first, so their `linode_delete` is already listed.
    this.expiry.sweep(now);
    return collectionPage(this.events.forAccount(token.username, now), request, EVENT_FILTERS);
  }
}
