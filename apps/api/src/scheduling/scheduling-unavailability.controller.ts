import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type UserPrincipal } from '@ejustice/identity';
import { uuidParam } from '@ejustice/platform';
import { CourtUnavailability, type UnavailabilityView } from '@ejustice/scheduling-data';
import { UnavailabilityDto, UnavailabilityQueryDto } from './dto/unavailability.dto';

/** Leave and days off of the court's judges, rooms, interpreters and supporters. */
@ApiTags('scheduling')
@ApiBearerAuth()
@Controller('api/courts/:courtId/scheduling/unavailability')
export class SchedulingUnavailabilityController {
  constructor(private readonly unavailability: CourtUnavailability) {}

  @Get()
  @ApiOperation({ summary: 'Clerks, judges and administrators of the court: leave and days off, earliest first' })
  list(
    @CurrentUser() user: UserPrincipal,
    @Param('courtId', uuidParam()) courtId: string,
    @Query() query: UnavailabilityQueryDto,
  ): Promise<UnavailabilityView[]> {
    return this.unavailability.list(user, courtId, query);
  }

  @Post()
  @ApiOperation({ summary: 'Clerks and administrators of the court: days off of exactly one judge, room, interpreter or supporter' })
  add(
    @CurrentUser() user: UserPrincipal,
    @Param('courtId', uuidParam()) courtId: string,
    @Body() body: UnavailabilityDto,
  ): Promise<UnavailabilityView> {
    return this.unavailability.add(user, courtId, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Clerks and administrators of the court: remove days off' })
  async remove(
    @CurrentUser() user: UserPrincipal,
    @Param('courtId', uuidParam()) courtId: string,
    @Param('id', uuidParam()) id: string,
  ): Promise<void> {
    await this.unavailability.remove(user, courtId, id);
  }
}
