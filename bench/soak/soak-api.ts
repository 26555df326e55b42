/*
 * The api as the soak's clients call it. Every answer that is not 2xx is counted as an error
 * where it happens (a 5xx is the platform failing; a 4xx is the soak being refused something a
 * real client in its place would be granted, which is as much a failure here).
 */
import type { JoinTicket } from '@ejustice/hearings/signalling/signalling-messages';
import type { ErrorLedger } from './error-ledger';

export class SoakApi {
  /** Requests answered, by status class, for the report. */
  readonly answered = { ok: 0, clientError: 0, serverError: 0 };

  constructor(
    readonly url: string,
    private readonly ledger: ErrorLedger,
  ) {}

  async call<T>(method: string, path: string, body?: unknown, bearer?: string): Promise<T> {
    let res: Response;
    try {
      res = await fetch(`${this.url}${path}`, {
        method,
        headers: {
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(30_000),
      });
    } catch (error) {
      throw this.ledger.fail('api', `${method} ${redact(path)}: no answer (${(error as Error).message})`);
    }
    const text = await res.text();
    if (!res.ok) {
      if (res.status >= 500) this.answered.serverError++;
      else this.answered.clientError++;
      throw this.ledger.fail('api', `${method} ${redact(path)} answered ${res.status}: ${text.slice(0, 300)}`);
    }
    this.answered.ok++;
    return (text ? JSON.parse(text) : undefined) as T;
  }

  async signIn(email: string, password: string): Promise<string> {
    return (await this.call<{ accessToken: string }>('POST', '/api/auth/login', { email, password })).accessToken;
  }

  /** A one-time link for a participant, issued on the judge's authority, exchanged as the witness would: her hearing-session token. */
  async linkSession(judgeToken: string, hearingId: string, participantId: string): Promise<string> {
    const { token } = await this.call<{ token: string }>(
      'POST',
      `/api/hearings/${hearingId}/participants/${participantId}/links`,
      {},
      judgeToken,
    );
    return (await this.call<{ sessionToken: string }>('POST', '/api/hearing-links/exchange', { token })).sessionToken;
  }

  joinTicket(bearer: string, hearingId: string): Promise<JoinTicket> {
    return this.call<JoinTicket>('POST', `/api/hearings/${hearingId}/join-ticket`, undefined, bearer);
  }
}

/** Paths carry only ids; kept short in messages. */
function redact(path: string): string {
  return path.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, ':id');
}
