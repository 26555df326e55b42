import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type UserPrincipal } from '@ejustice/identity';
import { uuidParam } from '@ejustice/platform';
import { CancelHearing, type HearingCancellation } from '@ejustice/scheduling-data';
import { CancelHearingDto } from './dto/cancel-hearing.dto';

@ApiTags('scheduling')
@ApiBearerAuth()
@Controller('api/hearings')
export class HearingCancellationsController {
  constructor(private readonly cancelHearing: CancelHearing) {}

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Clerks and judges of the court: call off a hearing that has not started (it is adjourned, with the reason); a hearing of the published timetable gets a minimal-moves re-plan',
  })
  cancel(
    @CurrentUser() user: UserPrincipal,
    @Param('id', uuidParam()) hearingId: string,
    @Body() body: CancelHearingDto,
  ): Promise<HearingCancellation> {
    return this.cancelHearing.execute(user, { hearingId, reason: body.reason });
  }
}
