import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type UserPrincipal } from '@ejustice/identity';
import { uuidParam } from '@ejustice/platform';
import { type RecordingVerificationView, VerifyHearingRecording } from '@ejustice/recording';

@ApiTags('recording')
@ApiBearerAuth()
@Controller('api/hearings/:hearingId/recordings/verification')
export class RecordingVerificationController {
  constructor(private readonly verify: VerifyHearingRecording) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: "Re-hash every segment of a hearing's recordings and check each against the audit chain (as recording-verify)" })
  run(@CurrentUser() user: UserPrincipal, @Param('hearingId', uuidParam()) hearingId: string): Promise<RecordingVerificationView> {
    return this.verify.execute(user, hearingId);
  }
}
