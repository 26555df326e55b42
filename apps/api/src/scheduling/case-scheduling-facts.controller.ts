import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type UserPrincipal } from '@ejustice/identity';
import { uuidParam } from '@ejustice/platform';
import { type CaseSchedulingFactsView, MaintainCaseSchedulingFacts } from '@ejustice/scheduling-data';
import { CaseSchedulingFactsDto } from './dto/case-scheduling-facts.dto';

/** A case's scheduling facts, victims and witnesses, and hearings still needed, kept by the court's clerks. */
@ApiTags('scheduling')
@ApiBearerAuth()
@Controller('api/cases/:caseId/scheduling')
export class CaseSchedulingFactsController {
  constructor(private readonly facts: MaintainCaseSchedulingFacts) {}

  @Get()
  @ApiOperation({
    summary: 'Clerks and judges of the case’s court: its scheduling facts, with the version to send back when changing them',
  })
  read(@CurrentUser() user: UserPrincipal, @Param('caseId', uuidParam()) caseId: string): Promise<CaseSchedulingFactsView> {
    return this.facts.read(user, caseId);
  }

  @Put()
  @ApiOperation({
    summary:
      'Clerks of the case’s court: replace its scheduling facts as a whole; 409 scheduling.facts_stale for a stale version, 409 scheduling.published_need_changed for a published hearing needed removed or changed; nothing saved on either',
  })
  update(
    @CurrentUser() user: UserPrincipal,
    @Param('caseId', uuidParam()) caseId: string,
    @Body() body: CaseSchedulingFactsDto,
  ): Promise<CaseSchedulingFactsView> {
    return this.facts.update(user, caseId, body);
  }
}
