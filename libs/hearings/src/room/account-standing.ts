import type { Role } from '@ejustice/vocabulary/role';
import type { HearingRole } from '@ejustice/vocabulary/hearing-role';

/**
 * The account role a hearing role's powers come from. The bench admits, mutes, removes and runs
 * the room because the account is a judge's or a clerk's: once the court's administrator
 * withdraws that role, the seat goes with it. Every other seat (counsel, parties, observers and
 * the rest) is the person's by the court's listing of them in this hearing, so it stands as long
 * as the account is enabled.
 */
const ACCOUNT_ROLE_FOR: Partial<Record<HearingRole, Role>> = {
  judge: 'judge',
  clerk: 'clerk',
};

export interface AccountStanding {
  readonly disabled: boolean;
  readonly roles: readonly Role[];
}

/** Why an account holder may no longer sit in a hearing in this role, or null if they may. */
export function refuseAccountSeat(
  hearingRole: HearingRole,
  account: AccountStanding,
): 'auth.account_disabled' | 'auth.role_withdrawn' | null {
  if (account.disabled) return 'auth.account_disabled';
  const needed = ACCOUNT_ROLE_FOR[hearingRole];
  if (needed && !account.roles.includes(needed)) return 'auth.role_withdrawn';
  return null;
}

/**
 * Whether an account, with its roles as they are now, still holds a seat it is listed in. The
 * api's reads of a hearing (its views, the names a reader may know, the join ticket) apply the
 * rule the media node applies at the handshake: a judge whose judge role was withdrawn no longer
 * reads the hearing from the bench, nor learns the names the bench knows.
 */
export function holdsSeat(hearingRole: HearingRole, roles: readonly string[]): boolean {
  const needed = ACCOUNT_ROLE_FOR[hearingRole];
  return needed === undefined || roles.includes(needed);
}
