import { createInstance } from 'i18next';
import { createTokenStore } from '../auth/token-store';
import { ApiClient } from '../api/client';
import { ApiError } from '../api/problem';
import { errorMessage } from '../i18n/error-message';
import en from '../i18n/locales/en.json';
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

  it("says why when another court's administrator may not see it (one court operates the platform)", async () => {
    const detail = 'Only the administrators of the court that operates the platform can manage its media nodes and job queues.';
    const refusal = openQueueBoard(
      signedIn(),
      () => undefined,
      async () =>
        new Response(JSON.stringify({ status: 403, code: 'admin.not_platform_operator', detail }), {
          status: 403,
          headers: { 'content-type': 'application/problem+json' },
        }),
    );
    const error = await refusal.then(
      () => null,
      (e: unknown) => e,
    );
    const i18n = createInstance();
    await i18n.init({ lng: 'en', nsSeparator: false, resources: { en: { translation: en } } });
    // The section shows this sentence: the translated one, which says what the api says.
    expect(errorMessage(error, i18n)).toBe(detail);
  });
});
