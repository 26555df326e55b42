import type { ApiClient } from '../../api/client';
import type { ExchangeLinkRequest, HearingSessionGrant } from '@ejustice/hearings/links/hearing-link-views';

/** `POST /api/hearing-links/exchange`: public, spends the link, returns a hearing session. */
export function exchangeLink(api: ApiClient, token: string): Promise<HearingSessionGrant> {
  const body: ExchangeLinkRequest = { token };
  return api.request<HearingSessionGrant>('/api/hearing-links/exchange', { method: 'POST', body, authenticated: false });
}
