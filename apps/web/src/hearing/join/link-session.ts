import { ApiError, isApiError } from '../../api/problem';
import type { HearingSessionGrant as HearingLinkExchange } from '@ejustice/hearings/links/hearing-link-views';

/**
 * A one-time link, once exchanged, becomes a hearing session held by this tab.
 *
 * The link works once, so the session it gave must survive a reload: a frightened witness who
 * presses F5 (or whose phone reloads the tab) must not find "this link has already been used".
 * It is kept in sessionStorage, like the sign-in refresh token and for the same reason: it dies
 * with the tab, so nothing that lets someone into a hearing outlives the browser session on a
 * shared computer.
 */
const STORAGE_KEY = 'ejustice.hearingSession';

export interface LinkSessionStore {
  load(now?: Date): HearingLinkExchange | null;
  save(session: HearingLinkExchange): void;
  clear(): void;
}

function isExchange(value: unknown): value is HearingLinkExchange {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  const hearing = candidate.hearing as Record<string, unknown> | undefined;
  const participant = candidate.participant as Record<string, unknown> | undefined;
  return (
    typeof candidate.sessionToken === 'string' &&
    typeof candidate.expiresAt === 'string' &&
    typeof hearing?.id === 'string' &&
    typeof participant?.id === 'string' &&
    typeof participant?.hearingRole === 'string'
  );
}

export function createLinkSessionStore(
  resolveStorage: () => Storage | undefined = () => (typeof sessionStorage === 'undefined' ? undefined : sessionStorage),
): LinkSessionStore {
  // Also in memory, for browsers whose storage refuses writes (some privacy modes).
  let fallback: HearingLinkExchange | null = null;
  const storage = () => {
    try {
      return resolveStorage();
    } catch {
      return undefined;
    }
  };
  return {
    load(now = new Date()) {
      let session = fallback;
      try {
        const raw = storage()?.getItem(STORAGE_KEY);
        if (raw) {
          const parsed: unknown = JSON.parse(raw);
          if (isExchange(parsed)) session = parsed;
        }
      } catch {
        // Unreadable or corrupt: as if there were none.
      }
      if (!session) return null;
      if (new Date(session.expiresAt).getTime() <= now.getTime()) {
        this.clear();
        return null;
      }
      return session;
    },
    save(session) {
      fallback = session;
      try {
        storage()?.setItem(STORAGE_KEY, JSON.stringify(session));
      } catch {
        // Quota or privacy mode: the in-memory copy serves this page.
      }
    },
    clear() {
      fallback = null;
      try {
        storage()?.removeItem(STORAGE_KEY);
      } catch {
        // Nothing to do.
      }
    },
  };
}

/** What went wrong with a link, for the kind sentence on the join page. */
export type LinkProblem = 'used' | 'expired' | 'revoked' | 'unknown' | 'closed' | 'removed' | 'unreachable' | 'other';

export function classifyLinkError(error: unknown): LinkProblem {
  if (!isApiError(error)) return 'other';
  switch (error.code) {
    case 'hearing_link.used':
      return 'used';
    case 'hearing_link.expired':
      return 'expired';
    case 'hearing_link.revoked':
      return 'revoked';
    case 'hearing_link.not_found':
    case 'validation_failed':
      return 'unknown';
    case 'hearing.closed':
      return 'closed';
    case 'hearing.participant_removed':
      return 'removed';
    case 'network_error':
      return 'unreachable';
    default:
      return error.status >= 500 ? 'unreachable' : 'other';
  }
}

/** The problems a person cannot get past by trying again: the court must send a new link. */
export function isFinalLinkProblem(problem: LinkProblem): boolean {
  return problem !== 'unreachable' && problem !== 'other';
}

type Exchanger = (token: string) => Promise<HearingLinkExchange>;

const inFlight = new Map<string, Promise<HearingLinkExchange>>();

/**
 * Exchanges a link at most once per page, however many times a component asks (React's strict
 * mode runs effects twice in development; a double click does the same in production). A second
 * real request would find the link spent and show a frightening "already used" for a link that
 * has just worked.
 */
export function exchangeOnce(token: string, exchange: Exchanger): Promise<HearingLinkExchange> {
  let pending = inFlight.get(token);
  if (!pending) {
    pending = exchange(token).catch((error: unknown) => {
      // A failure that may pass (network) can be tried again; a refusal stays a refusal.
      if (!(error instanceof ApiError) || !isFinalLinkProblem(classifyLinkError(error))) inFlight.delete(token);
      throw error;
    });
    inFlight.set(token, pending);
  }
  return pending;
}
