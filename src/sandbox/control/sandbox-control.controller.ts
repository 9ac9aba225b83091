import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { statusAt } from '../api/instances/sandbox-instance';
import { SandboxInstanceStore } from '../api/instances/sandbox-instance.store';
import { SandboxApiError } from '../api/http/sandbox-api.error';
import { linodeTime } from '../api/http/linode-time';
import { SandboxStackScriptsService } from '../api/stackscripts/sandbox-stackscripts.service';
import type { StackScript } from '../contract/linode.contract';
import { SANDBOX_OPTIONS, type SandboxOptions } from '../sandbox.options';
import { SandboxTokenStore, SandboxTokenView } from '../tokens/sandbox-token.store';
import { FaultInjector } from './fault-injector';
import { faultInputSchema, FaultView } from './fault.schema';
import { HeldRequests } from './held-requests';
import { SandboxResetService } from './sandbox-reset.service';

/** A Linode as the control plane lists it, across all accounts. */
export interface ControlInstanceView {
  id: number;
  username: string;
  label: string;
  status: string;
  region: string;
  type: string;
  image: string | null;
  stackscript_id: number | null;
  ipv4: string;
  ipv6: string;
  created: string;
}

/** Test and demo controls. No authentication: the sandbox is a local, offline stand-in. */
@Controller('__sandbox')
export class SandboxControlController {
  constructor(
    private readonly instances: SandboxInstanceStore,
    private readonly tokens: SandboxTokenStore,
    private readonly faults: FaultInjector,
    private readonly held: HeldRequests,
    private readonly resetter: SandboxResetService,
    private readonly stackScripts: SandboxStackScriptsService,
    @Inject(SANDBOX_OPTIONS) private readonly options: SandboxOptions,
  ) {}

  @Get('instances')
  listInstances(): ControlInstanceView[] {
    const now = Date.now();
    return this.instances.all().map((instance) => ({
      id: instance.id,
      username: instance.username,
      label: instance.label,
      status: statusAt(instance, now),
      region: instance.region,
      type: instance.type.id,
      image: instance.image,
      stackscript_id: instance.stackScriptId,
      ipv4: instance.ipv4,
      ipv6: instance.ipv6,
      created: linodeTime(instance.createdAt),
    }));
  }

  /**
   * The instance's application, as its address would answer: 200 once `setupMs` (0: never) has
   * passed since it was running, 503 before and for an instance that does not exist. Faults apply
   * to this route as to the API, so one can make the application never answer.
   */
  @Get('instances/:id/application')
  application(@Param('id') id: string, @Res({ passthrough: true }) response: Response): { answering: boolean } {
    const runningAt = this.instances.get(Number(id))?.runningAt ?? null;
    const answering = runningAt !== null && this.options.setupMs > 0 && Date.now() >= runningAt + this.options.setupMs;
    response.status(answering ? 200 : 503);
    return { answering };
  }

  @Get('tokens')
  listTokens(): SandboxTokenView[] {
    return this.tokens.list();
  }

  @Get('faults')
  listFaults(): FaultView[] {
    return this.faults.list();
  }

  @Post('faults')
  @HttpCode(201)
  addFault(@Body() body: unknown): FaultView {
    const parsed = faultInputSchema.safeParse(body);
    if (!parsed.success) {
      throw SandboxApiError.badRequest(
        parsed.error.issues.map((issue) => ({
          ...(issue.path.length > 0 ? { field: issue.path.join('.') } : {}),
          reason: issue.message,
        })),
      );
    }
    return this.faults.add(parsed.data);
  }

  /** Clears every fault and drops the requests they keep hanging. */
  @Delete('faults')
  clearFaults(): { cleared: number } {
    const cleared = this.faults.clear();
    this.held.releaseHung();
    return { cleared };
  }

  @Delete('faults/:id')
  removeFault(@Param('id') id: string): Record<string, never> {
    if (!this.faults.remove(id)) throw SandboxApiError.notFound();
    return {};
  }

  /**
   * Registers a StackScript without a token, with the API's body (`label`, `script`, `images`,
   * `is_public`, `description`, `rev_note`): public unless `is_public` is false, owned by the
   * `sandbox` user, kept across resets. Answers the StackScript, with its id.
   */
  @Post('stackscripts')
  @HttpCode(200)
  registerStackScript(@Body() body: unknown): StackScript {
    return this.stackScripts.register(body, 'control');
  }

  @Post('reset')
  @HttpCode(200)
  reset(): { reset: true } {
    this.resetter.reset();
    return { reset: true };
  }
}
