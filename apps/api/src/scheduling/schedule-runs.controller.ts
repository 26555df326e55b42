import { Body, Controller, Get, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type UserPrincipal } from '@ejustice/identity';
import { DomainError, uuidParam } from '@ejustice/platform';
import {
  PublishScheduleRun,
  RequestScheduleRun,
  ScheduleRunQueries,
  type ScheduleRunAccepted,
  type ScheduleRunPublication,
  type ScheduleRunView,
} from '@ejustice/scheduling-data';
import { ScheduleRunRequestDto } from './dto/schedule-run-request.dto';

@ApiTags('scheduling')
@ApiBearerAuth()
@Controller('api/courts/:courtId/schedule-runs')
export class ScheduleRunsController {
  constructor(
    private readonly request: RequestScheduleRun,
    private readonly runs: ScheduleRunQueries,
    private readonly publisher: PublishScheduleRun,
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

  @Post(':id/publish')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Clerks of the court: publish a draft. Creates its hearings with their participants, supersedes the timetable published before, notifies everyone concerned',
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: '8..200 of [A-Za-z0-9_-]; the same publication asked again gets the same answer',
  })
  publish(
    @CurrentUser() user: UserPrincipal,
    @Param('courtId', uuidParam()) courtId: string,
    @Param('id', uuidParam()) id: string,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
  ): Promise<ScheduleRunPublication> {
    if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
      throw new DomainError(
        'invalid',
        'scheduling.bad_idempotency_key',
        'The Idempotency-Key header must be 8 to 200 letters, digits, "-" or "_".',
      );
    }
    return this.publisher.execute(user, { courtId, runId: id, idempotencyKey: idempotencyKey ?? null });
  }
}

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{8,200}$/;
