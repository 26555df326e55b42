import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type UserPrincipal } from '@ejustice/identity';
import { uuidParam } from '@ejustice/platform';
import { type HearingRecordingsView, RecordingQueries } from '@ejustice/recording';

@ApiTags('recording')
@ApiBearerAuth()
@Controller('api/hearings/:hearingId/recordings')
export class HearingRecordingsController {
  constructor(private readonly queries: RecordingQueries) {}

  @Get()
  @ApiOperation({ summary: "A hearing's recordings, tracks and segments, for its bench and the court's clerks (403/404 for anyone else)" })
  list(@CurrentUser() user: UserPrincipal, @Param('hearingId', uuidParam()) hearingId: string): Promise<HearingRecordingsView> {
    return this.queries.list(user, hearingId);
  }
}
