import type { HearingRole } from '@ejustice/vocabulary/hearing-role';
import type { Role } from '@ejustice/vocabulary/role';

/** An account holder, authenticated by an access token that names a live session. */
export interface UserPrincipal {
  readonly kind: 'user';
  readonly userId: string;
  readonly courtId: string;
  readonly roles: readonly Role[];
  readonly sessionId: string;
}

/** Someone without an account, admitted to one hearing through a one-time link. */
export interface ParticipantPrincipal {
  readonly kind: 'participant';
  readonly participantId: string;
  readonly hearingId: string;
  readonly hearingRole: HearingRole;
  readonly linkId: string;
}

export type Principal = UserPrincipal | ParticipantPrincipal;

export function hasRole(principal: UserPrincipal, ...roles: Role[]): boolean {
  return principal.roles.some((r) => roles.includes(r));
}

/** Court staff see the whole record of their court; everyone else sees what they are party to. */
export function isCourtStaff(principal: UserPrincipal): boolean {
  return hasRole(principal, 'judge', 'clerk', 'admin');
}
