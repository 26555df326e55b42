import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type UserPrincipal } from '@ejustice/identity';
import { SummonsQueries, type SummonsPage } from '@ejustice/hearings';
import { uuidParam } from '@ejustice/platform';
import { SummonsListQueryDto } from './dto/summons.dto';

@ApiTags('hearings')
@ApiBearerAuth()
@Controller('api/courts/:courtId/summonses')
export class CourtSummonsesController {
  constructor(private readonly summonses: SummonsQueries) {}

  @Get()
  @ApiOperation({
    summary: 'Clerks and judges of the court: the people without an account a publication listed, moved or adjourned, to be summoned',
    description:
      'Pending (soonest hearing first) or delivered (latest first), paged. People are named as the reader may know them: an anonymity order that does not name the reader shows its pseudonym. Anyone else gets 403 `summons.forbidden`.',
  })
  list(
    @CurrentUser() principal: UserPrincipal,
    @Param('courtId', uuidParam()) courtId: string,
    @Query() query: SummonsListQueryDto,
  ): Promise<SummonsPage> {
    return this.summonses.list(principal, courtId, query.status, { limit: query.limit, offset: query.offset });
  }
}
