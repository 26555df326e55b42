import { IdentityErrors } from './identity-errors';
import type { Role } from '@ejustice/vocabulary/role';

/** What an administrator asks of an account. `set_roles` names the whole new set. */
export type AccountChange =
  { readonly kind: 'disable' } | { readonly kind: 'enable' } | { readonly kind: 'set_roles'; readonly roles: readonly Role[] };

/** An account as the decision needs it, read under lock. */
export interface AccountFacts {
  readonly id: string;
  readonly courtId: string;
  readonly disabled: boolean;
  readonly roles: readonly Role[];
}

export type AccountDecision =
  | { readonly kind: 'unchanged' }
  | { readonly kind: 'disable'; readonly action: 'user.disabled'; readonly narrowsAccess: true }
  | { readonly kind: 'enable'; readonly action: 'user.enabled'; readonly narrowsAccess: false }
  | {
      readonly kind: 'set_roles';
      readonly action: 'user.roles_changed';
      readonly from: Role[];
      readonly to: Role[];
      readonly granted: Role[];
      readonly withdrawn: Role[];
      /** A role withdrawn: its powers must end now on every live connection, not at the next sign-in. */
      readonly narrowsAccess: boolean;
    };

/**
 * An administrator's change to an account, decided on plain facts (no I/O). Permission first:
 * the actor must be an enabled administrator, and the account one of their own court (any other
 * is answered as if it did not exist). An administrator cannot disable themselves nor take away
 * their own administrator role, so a court always keeps at least one administrator who can act:
 * the one acting. Asking for what already is changes nothing.
 */
export function decideAccountChange(actor: AccountFacts, target: AccountFacts | null, change: AccountChange): AccountDecision {
  if (actor.disabled) throw IdentityErrors.accountDisabled();
  if (!actor.roles.includes('admin')) throw IdentityErrors.forbiddenRole();
  if (!target || target.courtId !== actor.courtId) throw IdentityErrors.userNotFound();
  const self = target.id === actor.id;
  switch (change.kind) {
    case 'disable':
      if (self) throw IdentityErrors.cannotDisableSelf();
      return target.disabled ? { kind: 'unchanged' } : { kind: 'disable', action: 'user.disabled', narrowsAccess: true };
    case 'enable':
      return target.disabled ? { kind: 'enable', action: 'user.enabled', narrowsAccess: false } : { kind: 'unchanged' };
    case 'set_roles': {
      const to = [...new Set(change.roles)].sort();
      if (to.length === 0) throw IdentityErrors.noRole();
      if (self && !to.includes('admin')) throw IdentityErrors.cannotRemoveOwnAdmin();
      const from = [...new Set(target.roles)].sort();
      const granted = to.filter((r) => !from.includes(r));
      const withdrawn = from.filter((r) => !to.includes(r));
      if (granted.length === 0 && withdrawn.length === 0) return { kind: 'unchanged' };
      return { kind: 'set_roles', action: 'user.roles_changed', from, to, granted, withdrawn, narrowsAccess: withdrawn.length > 0 };
    }
  }
}
