import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type UserPrincipal } from '@ejustice/identity';
import { uuidParam } from '@ejustice/platform';
import { CourtInterpreters, type InterpreterView } from '@ejustice/scheduling-data';
import { InterpreterDto } from './dto/court-resource.dto';

/** The court's interpreters, for the scheduler. */
@ApiTags('scheduling')
@ApiBearerAuth()
@Controller('api/courts/:courtId/scheduling/interpreters')
export class SchedulingInterpretersController {
  constructor(private readonly interpreters: CourtInterpreters) {}

  @Get()
  @ApiOperation({ summary: 'Clerks, judges and administrators of the court: its interpreters' })
  list(@CurrentUser() user: UserPrincipal, @Param('courtId', uuidParam()) courtId: string): Promise<InterpreterView[]> {
    return this.interpreters.list(user, courtId);
  }

  @Post()
  @ApiOperation({ summary: 'Clerks and administrators of the court: add an interpreter' })
  create(
    @CurrentUser() user: UserPrincipal,
    @Param('courtId', uuidParam()) courtId: string,
    @Body() body: InterpreterDto,
  ): Promise<InterpreterView> {
    return this.interpreters.create(user, courtId, body);
  }

  @Put(':id')
  @ApiOperation({ summary: 'Clerks and administrators of the court: change an interpreter (the whole of it)' })
  update(
    @CurrentUser() user: UserPrincipal,
    @Param('courtId', uuidParam()) courtId: string,
    @Param('id', uuidParam()) id: string,
    @Body() body: InterpreterDto,
  ): Promise<InterpreterView> {
    return this.interpreters.update(user, courtId, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Clerks and administrators of the court: remove an interpreter; 409 while the published timetable lists it' })
  async remove(
    @CurrentUser() user: UserPrincipal,
    @Param('courtId', uuidParam()) courtId: string,
    @Param('id', uuidParam()) id: string,
  ): Promise<void> {
    await this.interpreters.remove(user, courtId, id);
  }
}
