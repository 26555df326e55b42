import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type UserPrincipal } from '@ejustice/identity';
import { uuidParam } from '@ejustice/platform';
import { RequestScheduleRun, ScheduleRunQueries, type ScheduleRunAccepted, type ScheduleRunView } from '@ejustice/scheduling-data';
import { ScheduleRunRequestDto } from './dto/schedule-run-request.dto';

@ApiTags('scheduling')
@ApiBearerAuth()
@Controller('api/courts/:courtId/schedule-runs')
export class ScheduleRunsController {
  constructor(
    private readonly request: RequestScheduleRun,
    private readonly runs: ScheduleRunQueries,
  ) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({ summary: 'Clerks and judges of the court: solve a draft timetable on the court’s data, as a job' })
  enqueue(
    @CurrentUser() user: UserPrincipal,
    @Param('courtId', uuidParam()) courtId: string,
    @Body() body: ScheduleRunRequestDto,
  ): Promise<ScheduleRunAccepted> {
    return this.request.execute(user, { courtId, horizonStart: body.horizonStart, seed: body.seed });
  }

  @Get(':id')
  @ApiOperation({ summary: 'Clerks and judges of the court: a run’s status, progress, figures and, once done, the draft plan' })
  show(
    @CurrentUser() user: UserPrincipal,
    @Param('courtId', uuidParam()) courtId: string,
    @Param('id', uuidParam()) id: string,
  ): Promise<ScheduleRunView> {
    return this.runs.view(user, courtId, id);
  }
}
