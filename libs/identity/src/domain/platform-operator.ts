import { IdentityErrors } from './identity-errors';
import { type UserPrincipal, hasRole } from './principal';

/**
 * Whether this account holder operates the platform's shared machinery (the media nodes every
 * court's hearings run on, the job queues every court's work goes through). An administrator's
 * role is scoped to their court; in an installation of many courts only the administrators of
 * the operating court (PLATFORM_OPERATOR_COURT_ID) may drain a node under another court's
 * hearings. No operating court named: the installation serves one court, whose administrators do.
 */
export function isPlatformOperator(principal: UserPrincipal, operatorCourtId: string | undefined): boolean {
  return hasRole(principal, 'admin') && (operatorCourtId === undefined || principal.courtId === operatorCourtId);
}

/**
 * Refuses anyone who is not a platform operator: without the admin role as every admin-only
 * route does (auth.forbidden), another court's administrator with a sentence saying whose the
 * machinery is, so that they know to ask that court rather than their own.
 */
export function assertPlatformOperator(principal: UserPrincipal, operatorCourtId: string | undefined): void {
  if (!hasRole(principal, 'admin')) throw IdentityErrors.forbiddenRole();
  if (!isPlatformOperator(principal, operatorCourtId)) throw IdentityErrors.notPlatformOperator();
}
