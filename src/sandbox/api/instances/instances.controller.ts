import { Body, Controller, Delete, Get, HttpCode, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { LinodeInstance, Page } from '../../contract/linode.contract';
import type { SandboxToken } from '../../tokens/sandbox-token.store';
import { ApiToken, RequiresScope } from '../auth/api-access.decorator';
import { ApiAccessGuard } from '../auth/api-access.guard';
import { collectionPage } from '../http/collection';
import { INSTANCE_FILTERS } from '../http/filterable-fields';
import { SandboxApiError, reasonForStatus } from '../http/sandbox-api.error';
import { CreateInstanceRateLimiter } from './create-rate-limiter';
import { SandboxInstancesService } from './sandbox-instances.service';

function linodeId(raw: string): number {
  return /^\d+$/.test(raw) ? Number(raw) : NaN;
}

@Controller('v4/linode/instances')
@UseGuards(ApiAccessGuard)
export class InstancesController {
  constructor(
    private readonly instances: SandboxInstancesService,
    private readonly rateLimiter: CreateInstanceRateLimiter,
  ) {}

  @Get()
  @RequiresScope('linodes', 'read_only')
  list(@ApiToken() token: SandboxToken, @Req() request: Request): Page<LinodeInstance> {
    return collectionPage(this.instances.list(token.username), request, INSTANCE_FILTERS);
  }

  @Get(':linodeId')
  @RequiresScope('linodes', 'read_only')
  get(@ApiToken() token: SandboxToken, @Param('linodeId') id: string): LinodeInstance {
    return this.instances.get(token.username, linodeId(id));
  }

  /** 200, not 201, like Linode. Every authorised attempt counts against the rate limit. */
  @Post()
  @HttpCode(200)
  @RequiresScope('linodes', 'read_write')
  create(@ApiToken() token: SandboxToken, @Body() body: unknown, @Res({ passthrough: true }) response: Response): LinodeInstance {
    const now = Date.now();
    const decision = this.rateLimiter.hit(token.id, now);
    response.setHeader('X-RateLimit-Limit', String(decision.limit));
    response.setHeader('X-RateLimit-Remaining', String(decision.remaining));
    response.setHeader('X-RateLimit-Reset', String(Math.ceil(decision.resetAt / 1000)));
    if (!decision.allowed) {
      const retryAfter = Math.max(1, Math.ceil((decision.resetAt - now) / 1000));
      throw new SandboxApiError(429, [{ reason: reasonForStatus(429) }], { 'Retry-After': String(retryAfter) });
    }
    return this.instances.create(token.username, body, now);
  }

  @Delete(':linodeId')
  @RequiresScope('linodes', 'read_write')
  delete(@ApiToken() token: SandboxToken, @Param('linodeId') id: string): Record<string, never> {
    this.instances.delete(token.username, linodeId(id));
    return {};
  }
}
