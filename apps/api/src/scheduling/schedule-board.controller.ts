import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type UserPrincipal } from '@ejustice/identity';
import { uuidParam } from '@ejustice/platform';
import { ScheduleMoves, type ScheduleMoveCheck, type ScheduleMoveSaved, type ScheduleRunSummary } from '@ejustice/scheduling-data';
import { ScheduleMoveDto } from './dto/schedule-move.dto';

/** The schedule board: the court's runs, and a clerk's manual moves checked against every hard constraint. */
@ApiTags('scheduling')
@ApiBearerAuth()
@Controller('api/courts/:courtId/schedule-runs')
export class ScheduleBoardController {
  constructor(private readonly moves: ScheduleMoves) {}

  @Get()
  @ApiOperation({ summary: 'Clerks and judges of the court: its schedule runs, newest first, without their plans' })
  list(@CurrentUser() user: UserPrincipal, @Param('courtId', uuidParam()) courtId: string): Promise<ScheduleRunSummary[]> {
    return this.moves.list(user, courtId);
  }

  @Post(':id/moves/check')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Clerks of the court: whether moving one listing of the plan breaks a hard constraint, and which, each with a sentence',
  })
  check(
    @CurrentUser() user: UserPrincipal,
    @Param('courtId', uuidParam()) courtId: string,
    @Param('id', uuidParam()) id: string,
    @Body() body: ScheduleMoveDto,
  ): Promise<ScheduleMoveCheck> {
    return this.moves.check(user, courtId, id, body);
  }

  @Post(':id/moves')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Clerks of the court: move one listing of a draft; 409 scheduling.move_refused with the broken constraints, nothing saved',
  })
  async apply(
    @CurrentUser() user: UserPrincipal,
    @Param('courtId', uuidParam()) courtId: string,
    @Param('id', uuidParam()) id: string,
    @Body() body: ScheduleMoveDto,
  ): Promise<ScheduleMoveSaved> {
    await this.moves.apply(user, courtId, id, body);
    return { runId: id, ok: true };
  }
}
