import { Injectable } from '@nestjs/common';
import type { UserPrincipal } from '@ejustice/identity';
import { SpecialMeasuresOrderLedger } from './order-ledger';
import type { OrderView, RevokeOrderRequest } from './order-views';

export interface RevokeSpecialMeasuresOrderCommand {
  readonly principal: UserPrincipal;
  readonly hearingId: string;
  readonly orderId: string;
  readonly request: RevokeOrderRequest;
}

/**
 * The presiding judge revokes an order, with a reason. The row stays (with who revoked it, when
 * and why); the measure stops applying as soon as the media nodes re-read the hearing's orders.
 */
@Injectable()
export class RevokeSpecialMeasuresOrder {
  constructor(private readonly ledger: SpecialMeasuresOrderLedger) {}

  execute(cmd: RevokeSpecialMeasuresOrderCommand): Promise<OrderView> {
    return this.ledger.run(cmd.principal, cmd.hearingId, { type: 'revoke', orderId: cmd.orderId, request: cmd.request });
  }
}
