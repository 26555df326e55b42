import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Public, uuidParam } from '@ejustice/platform';
import { CurrentUser, Roles, type UserPrincipal } from '@ejustice/identity';
import { type HearingSessionGrant, HearingLinks } from '@ejustice/hearings';
import { ExchangeLinkDto } from './dto/hearing-link.dto';

@ApiTags('hearings')
@Controller('api/hearing-links')
export class HearingLinksController {
  constructor(private readonly links: HearingLinks) {}

  @Post('exchange')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange a one-time hearing link for a hearing session token (works once)' })
  exchange(@Body() body: ExchangeLinkDto, @Req() req: Request): Promise<HearingSessionGrant> {
    // Kept with the link for the court to see where it was used from (req.ip honours trust proxy).
    return this.links.exchange(body.token, { address: req.ip, userAgent: req.headers['user-agent'] });
  }

  @Post(':linkId/revoke')
  @HttpCode(204)
  @ApiBearerAuth()
  @Roles('judge', 'clerk')
  @ApiOperation({ summary: 'Withdraw a hearing link (judges and clerks)' })
  async revoke(@CurrentUser() principal: UserPrincipal, @Param('linkId', uuidParam('linkId')) linkId: string): Promise<void> {
    await this.links.revoke({ principal, linkId });
  }
}
