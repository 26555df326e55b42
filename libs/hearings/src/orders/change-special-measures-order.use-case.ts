import { Injectable } from '@nestjs/common';
import type { UserPrincipal } from '@ejustice/identity';
import { SpecialMeasuresOrderLedger } from './order-ledger';
import type { ChangeOrderRequest, OrderView } from './order-views';

export interface ChangeSpecialMeasuresOrderCommand {
  readonly principal: UserPrincipal;
  readonly hearingId: string;
  readonly orderId: string;
  readonly request: ChangeOrderRequest;
}

/**
 * The presiding judge varies an order in force: new terms, a new reason, or both. The judge
 * sends the version they saw; if the order changed since, the change is refused (`order.conflict`)
 * rather than silently undoing what was decided meanwhile. Each change bumps the version.
 */
@Injectable()
export class ChangeSpecialMeasuresOrder {
  constructor(private readonly ledger: SpecialMeasuresOrderLedger) {}

  execute(cmd: ChangeSpecialMeasuresOrderCommand): Promise<OrderView> {
    return this.ledger.run(cmd.principal, cmd.hearingId, { type: 'change', orderId: cmd.orderId, request: cmd.request });
  }
}
