import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type UserPrincipal } from '@ejustice/identity';
import { type HearingHeadView, HearingRoomQueries } from '@ejustice/hearings';
import { PageQuery, uuidParam } from '@ejustice/platform';

@ApiTags('hearings')
@ApiBearerAuth()
@Controller('api/cases/:caseId/hearings')
export class CaseHearingsController {
  constructor(private readonly roomQueries: HearingRoomQueries) {}

  @Get()
  @Roles('judge', 'clerk')
  @ApiOperation({
    summary: "A case's hearings, for its court's judges and clerks",
    description:
      'Every hearing of the case, listed by the timetable or by hand, past and to come, in the order they sit, as an array of at most `limit` from `offset`; titles as the reader may read them. Another court’s case: 404 `case.not_found`.',
  })
  list(
    @CurrentUser() principal: UserPrincipal,
    @Param('caseId', uuidParam('caseId')) caseId: string,
    @Query() page: PageQuery,
  ): Promise<HearingHeadView[]> {
    return this.roomQueries.ofCase(principal, caseId, page);
  }
}
