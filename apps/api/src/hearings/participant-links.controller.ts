import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { uuidParam } from '@ejustice/platform';
import { CurrentUser, type UserPrincipal } from '@ejustice/identity';
import { HearingLinks, type ParticipantLinksView } from '@ejustice/hearings';

@ApiTags('hearings')
@ApiBearerAuth()
@Controller('api/hearings/:id/participants/:participantId/links')
export class ParticipantLinksController {
  constructor(private readonly links: HearingLinks) {}

  @Get()
  @ApiOperation({
    summary: "A participant's one-time links, newest first (the judges and clerks of the hearing's court)",
    description:
      'Each link with when and by whom it was issued, when it expires, when and from where it was used (client address and User-Agent, with the browser and system read from it), and how it ended: revoked by a judge or clerk, or replaced by a newer link. Never the token. Revoke one with POST /api/hearing-links/:linkId/revoke; a used link’s session ends with it. Anyone else gets 404 `hearing.not_found`.',
  })
  list(
    @CurrentUser() principal: UserPrincipal,
    @Param('id', uuidParam()) hearingId: string,
    @Param('participantId', uuidParam('participantId')) participantId: string,
  ): Promise<ParticipantLinksView> {
    return this.links.list({ principal, hearingId, participantId });
  }
}
