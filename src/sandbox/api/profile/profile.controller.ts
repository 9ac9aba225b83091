import { Controller, Get, UseGuards } from '@nestjs/common';
import type { Profile } from '../../contract/linode.contract';
import type { SandboxToken } from '../../tokens/sandbox-token.store';
import { AnyValidToken, ApiToken } from '../auth/api-access.decorator';
import { ApiAccessGuard } from '../auth/api-access.guard';
import { sandboxProfile } from './sandbox-profile';

@Controller('v4/profile')
@UseGuards(ApiAccessGuard)
export class ProfileController {
  /** Any valid token may read its own profile, whatever its scopes. */
  @Get()
  @AnyValidToken()
  get(@ApiToken() token: SandboxToken): Profile {
    return sandboxProfile(token.username);
  }
}
