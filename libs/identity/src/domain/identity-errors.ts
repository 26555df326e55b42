import { DomainError } from '@ejustice/platform';

export const IdentityErrors = {
  /** Same code and sentence for an unknown e-mail and a wrong password: never say which half was wrong. */
  invalidCredentials: () =>
    new DomainError('unauthenticated', 'auth.invalid_credentials', 'The e-mail address or the password is not right.'),
  accountLocked: (retryAfterSeconds: number) =>
    new DomainError(
      'locked',
      'auth.account_locked',
      `Too many failed sign-in attempts. Sign-in is paused for this account; try again in ${humanDuration(retryAfterSeconds)}, or ask the court's administrator.`,
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
  unauthenticated: () => new DomainError('unauthenticated', 'auth.unauthenticated', 'Sign in to continue.'),
  sessionEnded: () => new DomainError('unauthenticated', 'auth.session_ended', 'Your session has ended. Sign in again.'),
  invalidRefreshToken: () =>
    new DomainError('unauthenticated', 'auth.invalid_refresh_token', 'Your session could not be renewed. Sign in again.'),
  forbiddenRole: () => new DomainError('forbidden', 'auth.forbidden', 'Your role does not allow this action.'),
  participantTokenNotAllowed: () =>
    new DomainError('forbidden', 'auth.participant_token_not_allowed', 'A hearing link only gives access to its hearing.'),
};

export function humanDuration(seconds: number): string {
  if (seconds < 90) return `${Math.max(1, Math.ceil(seconds))} second${Math.ceil(seconds) === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minutes`;
}
