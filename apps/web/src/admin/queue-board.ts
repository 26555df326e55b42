import { type ApiClient, api } from '../api/client';
import { ApiError, CLIENT_ERROR_CODES, problemToError } from '../api/problem';

/** Where the api serves Bull's queue board (apps/api: queue-board.ts), for administrators. */
export const QUEUE_BOARD_URL = '/api/admin/queues/';

/**
 * Opens the job queue board. The board is a page of its own whose requests cannot carry this
 * app's bearer token, so the api first sets a board cookie for this browser (HttpOnly, for the
 * board's path only, ending with the session): the one request of the app sent with
 * credentials, so that the browser keeps that cookie. Then the board replaces this page.
 */
export async function openQueueBoard(
  client: ApiClient = api,
  navigate: (url: string) => void = (url) => window.location.assign(url),
  fetchImpl: typeof fetch = (...args) => fetch(...args),
): Promise<void> {
  await client.authorized(async (accessToken) => {
    let response: Response;
    try {
      response = await fetchImpl('/api/admin/queue-board/session', {
        method: 'POST',
        headers: { Authorization: `Bearer ${accessToken}`, Accept: 'application/problem+json' },
        credentials: 'same-origin',
      });
    } catch (error) {
      throw new ApiError({ status: 0, code: CLIENT_ERROR_CODES.network, cause: error });
    }
    if (!response.ok) {
      const text = await response.text();
      let body: unknown;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        body = undefined;
      }
      throw problemToError(response.status, body);
    }
  });
  navigate(QUEUE_BOARD_URL);
}
