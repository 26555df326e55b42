import type { OrderKind, OrderTerms, OrderTermsInput } from './order-terms';

/*
 * The REST contract of special-measures orders, declared once for the api and the web
 * (see signalling-messages.ts for the same idea on the socket).
 */

/** POST /api/hearings/:id/orders: the order's kind, its subject, its terms (flat) and the judge's reason. */
export interface MakeOrderRequest extends OrderTermsInput {
  readonly kind: OrderKind;
  /** The protected participant; absent for evidence in private, which is hearing-wide. */
  readonly participantId?: string | null;
  readonly reason: string;
}

/**
 * PATCH /api/hearings/:id/orders/:orderId: new terms (all of the kind's fields; the kind and the
 * participant stay), and the reason for the change. `version` is the version the judge saw:
 * a change made meanwhile by someone else is refused (`order.conflict`), never overwritten.
 */
export interface ChangeOrderRequest {
  readonly terms?: OrderTermsInput | null;
  readonly reason: string;
  readonly version: number;
}

/** POST /api/hearings/:id/orders/:orderId/revoke */
export interface RevokeOrderRequest {
  readonly reason: string;
}

export interface OrderActorView {
  readonly userId: string;
  readonly displayName: string;
}

/** An order as the bench reads it, in force or revoked, with who did what, when and why. */
export interface OrderView {
  readonly id: string;
  readonly hearingId: string;
  readonly kind: OrderKind;
  readonly participantId: string | null;
  readonly terms: OrderTerms;
  /** The reason given when the order was made or, since, last changed. Earlier reasons are in the audit trail. */
  readonly reason: string;
  readonly version: number;
  readonly inForce: boolean;
  readonly made: { readonly by: OrderActorView; readonly at: string };
  readonly changed: { readonly by: OrderActorView; readonly at: string } | null;
  readonly revoked: { readonly by: OrderActorView; readonly at: string; readonly reason: string } | null;
}
