import { Body, Controller, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { uuidParam } from '@ejustice/platform';
import { type AccountView, AdministerAccount, CurrentUser, Roles, SetAccountRolesDto, type UserPrincipal } from '@ejustice/identity';

/** The court's administrator over its accounts. Every change is audited; see AdministerAccount. */
@ApiTags('administration')
@ApiBearerAuth()
@Roles('admin')
@Controller('api/admin/users')
export class AdminUsersController {
  constructor(private readonly administer: AdministerAccount) {}

  @Post(':id/disable')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Disable an account of the court: its sessions end, its next request is refused, and its live hearing connections end',
  })
  disable(@CurrentUser() principal: UserPrincipal, @Param('id', uuidParam()) userId: string): Promise<AccountView> {
    return this.administer.execute({ principal, userId, change: { kind: 'disable' } });
  }

  @Post(':id/enable')
  @HttpCode(200)
  @ApiOperation({ summary: 'Enable a disabled account again; its holder signs in anew' })
  enable(@CurrentUser() principal: UserPrincipal, @Param('id', uuidParam()) userId: string): Promise<AccountView> {
    return this.administer.execute({ principal, userId, change: { kind: 'enable' } });
  }

  @Put(':id/roles')
  @ApiOperation({ summary: "Set an account's roles (the whole set); a withdrawn role stops counting at the next request" })
  roles(
    @CurrentUser() principal: UserPrincipal,
    @Param('id', uuidParam()) userId: string,
    @Body() body: SetAccountRolesDto,
  ): Promise<AccountView> {
    return this.administer.execute({ principal, userId, change: { kind: 'set_roles', roles: body.roles } });
  }
}
