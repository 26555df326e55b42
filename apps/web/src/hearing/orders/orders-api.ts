import type { ChangeOrderRequest, MakeOrderRequest, OrderView, RevokeOrderRequest } from '@ejustice/hearings/orders/order-views';
import type { ApiClient } from '../../api/client';

/** The special-measures orders of one hearing, over REST (the presiding judge writes; the bench reads). */
export interface OrdersClient {
  list(hearingId: string, signal?: AbortSignal): Promise<OrderView[]>;
  make(hearingId: string, request: MakeOrderRequest): Promise<OrderView>;
  change(hearingId: string, orderId: string, request: ChangeOrderRequest): Promise<OrderView>;
  revoke(hearingId: string, orderId: string, request: RevokeOrderRequest): Promise<OrderView>;
}

export function ordersClient(api: ApiClient): OrdersClient {
  const base = (hearingId: string) => `/api/hearings/${encodeURIComponent(hearingId)}/orders`;
  const one = (hearingId: string, orderId: string) => `${base(hearingId)}/${encodeURIComponent(orderId)}`;
  return {
    list: (hearingId, signal) => api.get<OrderView[]>(base(hearingId), signal),
    make: (hearingId, request) => api.post<OrderView>(base(hearingId), request),
    change: (hearingId, orderId, request) => api.request<OrderView>(one(hearingId, orderId), { method: 'PATCH', body: request }),
    revoke: (hearingId, orderId, request) => api.post<OrderView>(`${one(hearingId, orderId)}/revoke`, request),
  };
}
