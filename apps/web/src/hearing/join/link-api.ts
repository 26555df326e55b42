import type { ApiClient } from '../../api/client';
import type { HearingLinkExchange } from '../../api/types';

/** `POST /api/hearing-links/exchange`: public, spends the link, returns a hearing session. */
export function exchangeLink(api: ApiClient, token: string): Promise<HearingLinkExchange> {
  return api.request<HearingLinkExchange>('/api/hearing-links/exchange', { method: 'POST', body: { token }, authenticated: false });
}
