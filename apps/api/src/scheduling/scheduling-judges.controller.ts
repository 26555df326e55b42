import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type UserPrincipal } from '@ejustice/identity';
import { uuidParam } from '@ejustice/platform';
import { CourtJudgeProfiles, type JudgeProfileView } from '@ejustice/scheduling-data';
import { JudgeProfileDto } from './dto/judge-profile.dto';

/** The judges' sitting profiles, as the scheduler sees them. */
@ApiTags('scheduling')
@ApiBearerAuth()
@Controller('api/courts/:courtId/scheduling/judges')
export class SchedulingJudgesController {
  constructor(private readonly judges: CourtJudgeProfiles) {}

  @Get()
  @ApiOperation({ summary: 'Clerks, judges and administrators of the court: its judges, each with their sitting profile or none' })
  list(@CurrentUser() user: UserPrincipal, @Param('courtId', uuidParam()) courtId: string): Promise<JudgeProfileView[]> {
    return this.judges.list(user, courtId);
  }

  @Put(':userId')
  @ApiOperation({
    summary: 'Clerks and administrators of the court: set a judge’s specialisms, sitting days and kinds, most minutes a day',
  })
  set(
    @CurrentUser() user: UserPrincipal,
    @Param('courtId', uuidParam()) courtId: string,
    @Param('userId', uuidParam()) userId: string,
    @Body() body: JudgeProfileDto,
  ): Promise<JudgeProfileView> {
    return this.judges.set(user, courtId, userId, body);
  }
}
