import type { JoinTicket } from '@ejustice/hearings/signalling/signalling-messages';
import type { ApiClient } from '../../api/client';
import { ApiError, CLIENT_ERROR_CODES, problemToError } from '../../api/problem';

/**
 * What a client may say when it asks for a ticket again: the media node it could not reach (its
 * last ticket's `nodeId`), so that the api checks that node at once and, if it died, names another.
 */
export interface TicketRequest {
  readonly unreachableNodeId?: string;
}

function ticketPath(hearingId: string): string {
  return `/api/hearings/${encodeURIComponent(hearingId)}/join-ticket`;
}

/** A ticket for a signed-in member of the hearing (judge, clerk, counsel...): their access token. */
export function fetchTicketWithAccount(api: ApiClient, hearingId: string, request: TicketRequest = {}): Promise<JoinTicket> {
  return api.post<JoinTicket>(ticketPath(hearingId), request);
}

/**
 * A ticket for someone who came through a one-time link: the hearing-session token the link was
 * exchanged for is the bearer. Not through ApiClient, whose 401 handling refreshes a sign-in
 * session that these people do not have.
 */
export async function fetchTicketWithSession(
  sessionToken: string,
  hearingId: string,
  request: TicketRequest = {},
  fetchImpl: typeof fetch = (i, o) => fetch(i, o),
): Promise<JoinTicket> {
  let response: Response;
  try {
    response = await fetchImpl(ticketPath(hearingId), {
      method: 'POST',
      headers: {
        Accept: 'application/json, application/problem+json',
        'Content-Type': 'application/json',
        Authorization: `Bearer ${sessionToken}`,
      },
      body: JSON.stringify(request),
      credentials: 'omit',
    });
  } catch (error) {
    throw new ApiError({ status: 0, code: CLIENT_ERROR_CODES.network, cause: error });
  }
  const text = await response.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  if (response.status === 401) {
    // These people have no account to sign in to: their hearing session ran out, and only the
    // court can let them in again (with a new link).
    throw new ApiError({ status: 401, code: 'hearing_session.expired' });
  }
  if (!response.ok) throw problemToError(response.status, body);
  return body as JoinTicket;
}
