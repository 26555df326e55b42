import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type FeeAssessment, FilingPolicyQueries, type FilingPolicyView } from '@ejustice/filing';
import { CurrentUser, type UserPrincipal } from '@ejustice/identity';
import { FeeQuoteQueryDto, FilingPolicyQueryDto } from './dto/filing-policy-query.dto';

@ApiTags('filing')
@ApiBearerAuth()
@Controller('api/filing-policy')
export class FilingPolicyController {
  constructor(private readonly policies: FilingPolicyQueries) {}

  @Get()
  @ApiOperation({ summary: 'The court’s filing policy: accepted types, limits, reason codes, fee schedule (ECF court policy)' })
  policy(@CurrentUser() user: UserPrincipal, @Query() q: FilingPolicyQueryDto): Promise<FilingPolicyView> {
    return this.policies.policy(user, q.courtId);
  }

  @Get('fee')
  @ApiOperation({ summary: 'The fee a filing will be charged, waived for victims and those who act for them' })
  fee(@CurrentUser() user: UserPrincipal, @Query() q: FeeQuoteQueryDto): Promise<FeeAssessment> {
    return this.policies.quoteFee(user, q);
  }
}
