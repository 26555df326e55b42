import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type UserPrincipal } from '@ejustice/identity';
import { uuidParam } from '@ejustice/platform';
import { CourtRooms, type RoomView } from '@ejustice/scheduling-data';
import { RoomDto } from './dto/court-resource.dto';

/** The court's rooms, for the scheduler. */
@ApiTags('scheduling')
@ApiBearerAuth()
@Controller('api/courts/:courtId/scheduling/rooms')
export class SchedulingRoomsController {
  constructor(private readonly rooms: CourtRooms) {}

  @Get()
  @ApiOperation({ summary: 'Clerks, judges and administrators of the court: its rooms' })
  list(@CurrentUser() user: UserPrincipal, @Param('courtId', uuidParam()) courtId: string): Promise<RoomView[]> {
    return this.rooms.list(user, courtId);
  }

  @Post()
  @ApiOperation({ summary: 'Clerks and administrators of the court: add a room, physical or virtual' })
  create(@CurrentUser() user: UserPrincipal, @Param('courtId', uuidParam()) courtId: string, @Body() body: RoomDto): Promise<RoomView> {
    return this.rooms.create(user, courtId, body);
  }

  @Put(':id')
  @ApiOperation({ summary: 'Clerks and administrators of the court: change a room, physical or virtual (the whole of it)' })
  update(
    @CurrentUser() user: UserPrincipal,
    @Param('courtId', uuidParam()) courtId: string,
    @Param('id', uuidParam()) id: string,
    @Body() body: RoomDto,
  ): Promise<RoomView> {
    return this.rooms.update(user, courtId, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Clerks and administrators of the court: remove a room, physical or virtual; 409 while the published timetable lists it',
  })
  async remove(
    @CurrentUser() user: UserPrincipal,
    @Param('courtId', uuidParam()) courtId: string,
    @Param('id', uuidParam()) id: string,
  ): Promise<void> {
    await this.rooms.remove(user, courtId, id);
  }
}
