import type { Role } from '@ejustice/vocabulary/role';

/*
 * The REST contract of signing in, declared once for the api and the web (the browser imports it
 * type-only as `@ejustice/identity/contract/identity-contract`): plain types, no Nest.
 */

/** POST /api/auth/login */
export interface LoginRequest {
  readonly email: string;
  readonly password: string;
}

/** POST /api/auth/refresh: the refresh token rotates, each refresh spends the one presented. */
export interface RefreshRequest {
  readonly refreshToken: string;
}

/** The signed-in user, as GET /api/me and the answers of login and refresh give it. */
export interface UserProfile {
  readonly id: string;
  readonly email: string;
  readonly displayName: string;
  readonly courtId: string;
  readonly courtName: string;
  /** IANA zone in which the court states its times; the web shows the court's records in it. */
  readonly courtTimeZone: string;
  readonly roles: Role[];
}

/** The answer of login and refresh. */
export interface SessionView {
  readonly accessToken: string;
  readonly accessTokenExpiresAt: string;
  readonly refreshToken: string;
  readonly user: UserProfile;
}
