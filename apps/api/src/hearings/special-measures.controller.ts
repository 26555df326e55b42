import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { uuidParam } from '@ejustice/platform';
import { CurrentUser, type UserPrincipal } from '@ejustice/identity';
import {
  ChangeSpecialMeasuresOrder,
  MakeSpecialMeasuresOrder,
  type OrderView,
  RevokeSpecialMeasuresOrder,
  SpecialMeasuresOrderQueries,
} from '@ejustice/hearings';
import { ChangeOrderDto, MakeOrderDto, RevokeOrderDto } from './dto/special-measures-order.dto';

@ApiTags('hearings')
@ApiBearerAuth()
@Controller('api/hearings/:id/orders')
export class SpecialMeasuresController {
  constructor(
    private readonly queries: SpecialMeasuresOrderQueries,
    private readonly makeOrder: MakeSpecialMeasuresOrder,
    private readonly changeOrder: ChangeSpecialMeasuresOrder,
    private readonly revokeOrder: RevokeSpecialMeasuresOrder,
  ) {}

  @Get()
  @ApiOperation({
    summary: "The hearing's special-measures orders, in force and revoked (the presiding judge, and the court's judges and clerks)",
  })
  list(@CurrentUser() principal: UserPrincipal, @Param('id', uuidParam()) hearingId: string): Promise<OrderView[]> {
    return this.queries.listOrders(principal, hearingId);
  }

  @Post()
  @ApiOperation({
    summary: 'Make a special-measures order, with a reason (the presiding judge only)',
    description:
      'anonymity {pseudonym, picture?, disclosedToRoles?, disclosedToParticipantIds?}; screen {fromRoles?, fromParticipantIds?}; audio_only {}; supporter {supporterId, capacity}; evidence_in_private {} without participantId; remote_witness_room {location}; attendance {} (leave for a non-party, such as the press, to attend a hearing of a confidential or sealed case: without it they get no join ticket, and revoking it ends their connection). Live media nodes apply it without anyone rejoining.',
  })
  make(
    @CurrentUser() principal: UserPrincipal,
    @Param('id', uuidParam()) hearingId: string,
    @Body() body: MakeOrderDto,
  ): Promise<OrderView> {
    return this.makeOrder.execute({ principal, hearingId, request: body });
  }

  @Patch(':orderId')
  @ApiOperation({ summary: 'Change an order in force: new terms and/or a new reason, from the version you saw (the presiding judge only)' })
  change(
    @CurrentUser() principal: UserPrincipal,
    @Param('id', uuidParam()) hearingId: string,
    @Param('orderId', uuidParam('orderId')) orderId: string,
    @Body() body: ChangeOrderDto,
  ): Promise<OrderView> {
    return this.changeOrder.execute({ principal, hearingId, orderId, request: body });
  }

  @Post(':orderId/revoke')
  @HttpCode(200)
  @ApiOperation({ summary: 'Revoke an order, with a reason; it stays on record (the presiding judge only)' })
  revoke(
    @CurrentUser() principal: UserPrincipal,
    @Param('id', uuidParam()) hearingId: string,
    @Param('orderId', uuidParam('orderId')) orderId: string,
    @Body() body: RevokeOrderDto,
  ): Promise<OrderView> {
    return this.revokeOrder.execute({ principal, hearingId, orderId, request: body });
  }
}
