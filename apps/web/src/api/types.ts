import type { Role } from '@ejustice/vocabulary/role';

export type { Role };

/** The signed-in user as `POST /api/auth/login`, `/api/auth/refresh` and `GET /api/me` return it. */
export interface User {
  id: string;
  email: string;
  displayName: string;
  courtId: string;
  courtName: string;
  roles: Role[];
}

/** Answer of login and refresh. The refresh token rotates: each refresh spends the old one. */
export interface Session {
  accessToken: string;
  refreshToken: string;
  accessTokenExpiresAt: string;
  user: User;
}

export interface CaseSummary {
  id: string;
  number: string;
  title: string;
  caseType: string;
  status: string;
  confidentiality: string;
  openedAt: string;
}

export interface Page<T> {
  items: T[];
  total: number;
}

/** Answer of `POST /api/hearing-links/exchange`, for the future /join/:token page. */
export interface HearingLinkExchange {
  sessionToken: string;
  expiresAt: string;
  hearing: { id: string; title: string; scheduledStart: string };
  participant: { id: string; hearingRole: string; displayName: string };
}
