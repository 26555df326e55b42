import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type UserPrincipal } from '@ejustice/identity';
import { uuidParam } from '@ejustice/platform';
import { type BacklogForecast, BacklogQueries } from '@ejustice/scheduling-data';
import { BacklogForecastQueryDto } from './dto/backlog-query.dto';

@ApiTags('scheduling')
@ApiBearerAuth()
@Controller('api/courts/:courtId/backlog/forecast')
export class BacklogForecastController {
  constructor(private readonly backlog: BacklogQueries) {}

  @Get()
  @ApiOperation({ summary: 'Clerks and judges of the court: pending cases week by week, as the court is and under scenarios' })
  forecast(
    @CurrentUser() user: UserPrincipal,
    @Param('courtId', uuidParam()) courtId: string,
    @Query() query: BacklogForecastQueryDto,
  ): Promise<BacklogForecast> {
    return this.backlog.forecast(user, courtId, query);
  }
}
