import { Body, Controller, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Public } from '@ejustice/platform';
import {
  CurrentUser,
  LocalAuthGuard,
  LoginDto,
  RefreshDto,
  SessionService,
  type SessionTokens,
  type SessionView,
  type User,
  type UserPrincipal,
  UsersService,
} from '@ejustice/identity';

@ApiTags('identity')
@Controller('api/auth')
export class AuthController {
  constructor(
    private readonly sessions: SessionService,
    private readonly users: UsersService,
  ) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @UseGuards(LocalAuthGuard)
  @ApiOperation({ summary: 'Sign in with e-mail and password; returns an access token and a refresh token' })
  @ApiBody({ type: LoginDto })
  async login(@Req() req: Request & { user: User }): Promise<SessionView> {
    return this.present(await this.sessions.start(req.user, req.ip ?? 'unknown'));
  }

  @Post('refresh')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange a refresh token for new tokens (the old refresh token is spent)' })
  async refresh(@Body() body: RefreshDto): Promise<SessionView> {
    return this.present(await this.sessions.refresh(body.refreshToken));
  }

  @Post('logout')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'End the session: its refresh token and access tokens stop working at once' })
  async logout(@CurrentUser() principal: UserPrincipal): Promise<void> {
    await this.sessions.end(principal);
  }

  private async present(tokens: SessionTokens): Promise<SessionView> {
    return {
      accessToken: tokens.accessToken,
      accessTokenExpiresAt: tokens.accessTokenExpiresAt.toISOString(),
      refreshToken: tokens.refreshToken,
      user: await this.users.profile(tokens.user.id),
    };
  }
}
