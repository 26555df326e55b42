import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  type CaseDetailView,
  type CaseListView,
  CaseQueries,
  type CaseSummaryView,
  ChangeCaseConfidentiality,
  toSummary,
} from '@ejustice/cases';
import { CurrentUser, Roles, type UserPrincipal } from '@ejustice/identity';
import { PageQuery, uuidParam } from '@ejustice/platform';
import { ChangeConfidentialityDto } from './dto/change-confidentiality.dto';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('api/cases')
export class CasesController {
  constructor(
    private readonly queries: CaseQueries,
    private readonly changeConfidentiality: ChangeCaseConfidentiality,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Cases the caller may see: the whole court for judges and clerks, their own cases for parties and counsel' })
  list(@CurrentUser() user: UserPrincipal, @Query() page: PageQuery): Promise<CaseListView> {
    return this.queries.list(user, page);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A case with its parties (protected people by pseudonym unless the caller may know them) and its docket' })
  detail(@CurrentUser() user: UserPrincipal, @Param('id', uuidParam()) id: string): Promise<CaseDetailView> {
    return this.queries.detail(user, id);
  }

  @Post(':id/confidentiality')
  @HttpCode(200)
  @Roles('judge')
  @ApiOperation({ summary: 'Judge only: seal, restrict or open a case; the order and its reason are audited' })
  async seal(
    @CurrentUser() judge: UserPrincipal,
    @Param('id', uuidParam()) id: string,
    @Body() body: ChangeConfidentialityDto,
  ): Promise<CaseSummaryView> {
    return toSummary(
      await this.changeConfidentiality.execute({ judge, caseId: id, confidentiality: body.confidentiality, reason: body.reason }),
    );
  }
}
