import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type UserPrincipal } from '@ejustice/identity';
import { uuidParam } from '@ejustice/platform';
import { CourtSupporters, type SupporterView } from '@ejustice/scheduling-data';
import { SupporterDto } from './dto/court-resource.dto';

/** The court's supporters, for the scheduler. */
@ApiTags('scheduling')
@ApiBearerAuth()
@Controller('api/courts/:courtId/scheduling/supporters')
export class SchedulingSupportersController {
  constructor(private readonly supporters: CourtSupporters) {}

  @Get()
  @ApiOperation({ summary: 'Clerks, judges and administrators of the court: its supporters' })
  list(@CurrentUser() user: UserPrincipal, @Param('courtId', uuidParam()) courtId: string): Promise<SupporterView[]> {
    return this.supporters.list(user, courtId);
  }

  @Post()
  @ApiOperation({ summary: 'Clerks and administrators of the court: add an intermediary or a supporter' })
  create(
    @CurrentUser() user: UserPrincipal,
    @Param('courtId', uuidParam()) courtId: string,
    @Body() body: SupporterDto,
  ): Promise<SupporterView> {
    return this.supporters.create(user, courtId, body);
  }

  @Put(':id')
  @ApiOperation({ summary: 'Clerks and administrators of the court: change an intermediary or a supporter (the whole of it)' })
  update(
    @CurrentUser() user: UserPrincipal,
    @Param('courtId', uuidParam()) courtId: string,
    @Param('id', uuidParam()) id: string,
    @Body() body: SupporterDto,
  ): Promise<SupporterView> {
    return this.supporters.update(user, courtId, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Clerks and administrators of the court: remove an intermediary or a supporter; 409 while the published timetable lists it',
  })
  async remove(
    @CurrentUser() user: UserPrincipal,
    @Param('courtId', uuidParam()) courtId: string,
    @Param('id', uuidParam()) id: string,
  ): Promise<void> {
    await this.supporters.remove(user, courtId, id);
  }
}
