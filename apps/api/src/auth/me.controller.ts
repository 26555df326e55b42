import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type UserPrincipal, type UserProfile, UsersService } from '@ejustice/identity';

@ApiTags('identity')
@ApiBearerAuth()
@Controller('api/me')
export class MeController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOperation({ summary: 'The signed-in user, their court and roles' })
  me(@CurrentUser() principal: UserPrincipal): Promise<UserProfile> {
    return this.users.profile(principal.userId);
  }
}
