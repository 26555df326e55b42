import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type UserPrincipal } from '@ejustice/identity';
import { uuidParam } from '@ejustice/platform';
import { CourtSessions, type SessionPatternCreated, type SessionView } from '@ejustice/scheduling-data';
import { SessionDto, SessionPatternDto, SessionRangeQueryDto } from './dto/court-session.dto';

/** The court's sittings, day court and night court. */
@ApiTags('scheduling')
@ApiBearerAuth()
@Controller('api/courts/:courtId/scheduling/sessions')
export class SchedulingSessionsController {
  constructor(private readonly sessions: CourtSessions) {}

  @Get()
  @ApiOperation({ summary: 'Clerks, judges and administrators of the court: its sessions between two days (at most a year)' })
  list(
    @CurrentUser() user: UserPrincipal,
    @Param('courtId', uuidParam()) courtId: string,
    @Query() query: SessionRangeQueryDto,
  ): Promise<SessionView[]> {
    return this.sessions.list(user, courtId, query);
  }

  @Post()
  @ApiOperation({
    summary: 'Clerks and administrators of the court: add one session; 409 scheduling.session_overlap when it overlaps another',
  })
  create(
    @CurrentUser() user: UserPrincipal,
    @Param('courtId', uuidParam()) courtId: string,
    @Body() body: SessionDto,
  ): Promise<SessionView> {
    return this.sessions.create(user, courtId, body);
  }

  @Post('pattern')
  @ApiOperation({
    summary: 'Clerks and administrators of the court: add recurring sessions between two days, all or none; 409 scheduling.session_overlap',
  })
  createPattern(
    @CurrentUser() user: UserPrincipal,
    @Param('courtId', uuidParam()) courtId: string,
    @Body() body: SessionPatternDto,
  ): Promise<SessionPatternCreated> {
    return this.sessions.createPattern(user, courtId, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Clerks and administrators of the court: delete a session; 409 while a published hearing is in it' })
  async remove(
    @CurrentUser() user: UserPrincipal,
    @Param('courtId', uuidParam()) courtId: string,
    @Param('id', uuidParam()) id: string,
  ): Promise<void> {
    await this.sessions.remove(user, courtId, id);
  }
}
