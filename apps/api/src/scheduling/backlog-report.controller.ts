import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type UserPrincipal } from '@ejustice/identity';
import { uuidParam } from '@ejustice/platform';
import { BacklogQueries, type BacklogReport } from '@ejustice/scheduling-data';
import { BacklogReportQueryDto } from './dto/backlog-query.dto';

@ApiTags('scheduling')
@ApiBearerAuth()
@Controller('api/courts/:courtId/backlog')
export class BacklogReportController {
  constructor(private readonly backlog: BacklogQueries) {}

  @Get()
  @ApiOperation({
    summary: 'Clerks and judges of the court: clearance rate and disposition time by period and case type, age profile, custody risks',
  })
  report(
    @CurrentUser() user: UserPrincipal,
    @Param('courtId', uuidParam()) courtId: string,
    @Query() query: BacklogReportQueryDto,
  ): Promise<BacklogReport> {
    return this.backlog.report(user, courtId, query);
  }
}
