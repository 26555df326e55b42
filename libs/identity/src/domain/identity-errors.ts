import { DomainError } from '@ejustice/platform';

export const IdentityErrors = {
  /** Same code and sentence for an unknown e-mail and a wrong password: never say which half was wrong. */
  invalidCredentials: () =>
    new DomainError('unauthenticated', 'auth.invalid_credentials', 'The e-mail address or the password is not right.'),
  accountLocked: (retryAfterSeconds: number) =>
    new DomainError(
      'locked',
      'auth.account_locked',
      `Too many failed sign-in attempts. Sign-in to this account from your network is paused; try again in ${humanDuration(retryAfterSeconds)}, or ask the court's administrator.`,
      { retryAfterSeconds },
    ),
  rateLimited: (retryAfterSeconds: number) =>
    new DomainError(
      'rate_limited',
      'rate_limited',
      `Too many attempts from this address. Try again in ${humanDuration(retryAfterSeconds)}.`,
      {
        retryAfterSeconds,
      },
    ),
  /** The per-network limit cannot be counted (Redis is down): sign-in fails closed, saying so. */
  signInUnavailable: (retryAfterSeconds: number) =>
    new DomainError(
      'unavailable',
      'auth.sign_in_unavailable',
      `Sign-in is briefly unavailable while the court's systems recover. Try again in ${humanDuration(retryAfterSeconds)}.`,
      { retryAfterSeconds },
    ),
  unauthenticated: () => new DomainError('unauthenticated', 'auth.unauthenticated', 'Sign in to continue.'),
  sessionEnded: () => new DomainError('unauthenticated', 'auth.session_ended', 'Your session has ended. Sign in again.'),
  invalidRefreshToken: () =>
    new DomainError('unauthenticated', 'auth.invalid_refresh_token', 'Your session could not be renewed. Sign in again.'),
  /** The account behind a still-valid access token was disabled by the court's administrator. */
  accountDisabled: () =>
    new DomainError('unauthenticated', 'auth.account_disabled', "This account has been disabled. Ask the court's administrator."),
  forbiddenRole: () => new DomainError('forbidden', 'auth.forbidden', 'Your role does not allow this action.'),
  /** An administrator of a court other than the one that operates the shared media nodes and job queues. */
  notPlatformOperator: () =>
    new DomainError(
      'forbidden',
      'admin.not_platform_operator',
      'Only the administrators of the court that operates the platform can manage its media nodes and job queues.',
    ),
  participantTokenNotAllowed: () =>
    new DomainError('forbidden', 'auth.participant_token_not_allowed', 'A hearing link only gives access to its hearing.'),
  /** Also for an account of another court: an administrator learns nothing of other courts' accounts. */
  userNotFound: () => new DomainError('not_found', 'user.not_found', 'This account does not exist.'),
  noRole: () => new DomainError('invalid', 'user.no_role', 'An account needs at least one role.'),
  cannotDisableSelf: () =>
    new DomainError(
      'conflict',
      'user.cannot_disable_self',
      'You cannot disable your own account. Ask another administrator of the court to do it.',
    ),
  cannotRemoveOwnAdmin: () =>
    new DomainError(
      'conflict',
      'user.cannot_remove_own_admin',
      'You cannot take away your own administrator role. Ask another administrator of the court to do it.',
    ),
};

export function humanDuration(seconds: number): string {
  if (seconds < 90) return `${Math.max(1, Math.ceil(seconds))} second${Math.ceil(seconds) === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minutes`;
}
