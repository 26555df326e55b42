import { createTokenStore } from '../auth/token-store';
import { ApiClient } from '../api/client';
import { ApiError } from '../api/problem';
import { QUEUE_BOARD_URL, openQueueBoard } from './queue-board';

function signedIn(): ApiClient {
  const tokens = createTokenStore(() => undefined);
  tokens.setTokens({ accessToken: 'access-1', refreshToken: 'refresh-1' });
  return new ApiClient({ tokens });
}

describe('openQueueBoard', () => {
  it('asks for the board cookie with the bearer token and credentials, then goes to the board', async () => {
    const calls: { url: string; init: RequestInit }[] = [];
    const visited: string[] = [];
    await openQueueBoard(
      signedIn(),
      (url) => visited.push(url),
      async (url, init) => {
        calls.push({ url: String(url), init: init ?? {} });
        return new Response(null, { status: 204 });
      },
    );
    expect(calls).toHaveLength(1);
    expect(calls[0].url).toBe('/api/admin/queue-board/session');
    expect(calls[0].init.method).toBe('POST');
    // Without credentials the browser would drop the cookie the answer sets.
    expect(calls[0].init.credentials).toBe('same-origin');
    expect((calls[0].init.headers as Record<string, string>).Authorization).toBe('Bearer access-1');
    expect(visited).toEqual([QUEUE_BOARD_URL]);
  });

  it('stays on the page with the refusal when the account may not see the board', async () => {
    const visited: string[] = [];
    const refusal = openQueueBoard(
      signedIn(),
      (url) => visited.push(url),
      async () =>
        new Response(JSON.stringify({ status: 403, code: 'auth.forbidden', detail: 'Your role does not allow this action.' }), {
          status: 403,
          headers: { 'content-type': 'application/problem+json' },
        }),
    );
    await expect(refusal).rejects.toBeInstanceOf(ApiError);
    await expect(refusal).rejects.toMatchObject({ status: 403, code: 'auth.forbidden' });
    expect(visited).toEqual([]);
  });
});
