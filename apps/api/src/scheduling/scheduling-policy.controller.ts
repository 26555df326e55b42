import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type UserPrincipal } from '@ejustice/identity';
import { uuidParam } from '@ejustice/platform';
import { CourtSchedulingPolicies, type SchedulingPolicyView } from '@ejustice/scheduling-data';
import { SchedulingPolicyDto } from './dto/scheduling-policy.dto';

/** The court's scheduling policy: time budget, horizon, nightly hour, weights. */
@ApiTags('scheduling')
@ApiBearerAuth()
@Controller('api/courts/:courtId/scheduling/policy')
export class SchedulingPolicyController {
  constructor(private readonly policies: CourtSchedulingPolicies) {}

  @Get()
  @ApiOperation({ summary: 'Clerks, judges and administrators of the court: its scheduling policy (the defaults while none is set)' })
  get(@CurrentUser() user: UserPrincipal, @Param('courtId', uuidParam()) courtId: string): Promise<SchedulingPolicyView> {
    return this.policies.get(user, courtId);
  }

  @Put()
  @ApiOperation({ summary: 'Clerks and administrators of the court: replace its scheduling policy; 400 scheduling.policy_invalid' })
  set(
    @CurrentUser() user: UserPrincipal,
    @Param('courtId', uuidParam()) courtId: string,
    @Body() body: SchedulingPolicyDto,
  ): Promise<SchedulingPolicyView> {
    return this.policies.set(user, courtId, body);
  }
}
