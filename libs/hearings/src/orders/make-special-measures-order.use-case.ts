import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { UserPrincipal } from '@ejustice/identity';
import { SpecialMeasuresOrderLedger } from './order-ledger';
import type { MakeOrderRequest, OrderView } from './order-views';

export interface MakeSpecialMeasuresOrderCommand {
  readonly principal: UserPrincipal;
  readonly hearingId: string;
  readonly request: MakeOrderRequest;
}

/**
 * The presiding judge orders a special measure for a witness or victim (or, for evidence in
 * private, for the whole hearing), with a reason; recorded and audited in one transaction, then
 * applied by the media nodes carrying the hearing without anyone rejoining.
 */
@Injectable()
export class MakeSpecialMeasuresOrder {
  constructor(private readonly ledger: SpecialMeasuresOrderLedger) {}

  execute(cmd: MakeSpecialMeasuresOrderCommand): Promise<OrderView> {
    return this.ledger.run(cmd.principal, cmd.hearingId, { type: 'make', orderId: randomUUID(), request: cmd.request });
  }
}
