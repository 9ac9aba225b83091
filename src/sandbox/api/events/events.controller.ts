import { Controller, Get, Req, UseGuards } from '@nestjs/common';
import type { Request } from 'express';
import type { LinodeEvent, Page } from '../../contract/linode.contract';
import type { SandboxToken } from '../../tokens/sandbox-token.store';
import { ApiToken, RequiresScope } from '../auth/api-access.decorator';
import { ApiAccessGuard } from '../auth/api-access.guard';
import { collectionPage } from '../http/collection';
import { EVENT_FILTERS } from '../http/filterable-fields';
import { SandboxEventLog } from './sandbox-event.log';

@Controller('v4/account/events')
@UseGuards(ApiAccessGuard)
export class EventsController {
  constructor(private readonly events: SandboxEventLog) {}

  @Get()
  @RequiresScope('events', 'read_only')
  list(@ApiToken() token: SandboxToken, @Req() request: Request): Page<LinodeEvent> {
    return collectionPage(this.events.forAccount(token.username, Date.now()), request, EVENT_FILTERS);
  }
}
