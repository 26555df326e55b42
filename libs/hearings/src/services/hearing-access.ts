import type { UserPrincipal } from '@ejustice/identity';
import { IdentityErrors } from '@ejustice/identity';
import type { Hearing } from '../entities/hearing.entity';
import { HearingErrors } from '../domain/hearing-errors';

/** Judges and clerks run the hearings of their own court. */
export function assertCanManageHearing(principal: UserPrincipal, hearing: Pick<Hearing, 'courtId'>): void {
  if (!principal.roles.some((r) => r === 'judge' || r === 'clerk')) throw IdentityErrors.forbiddenRole();
  if (principal.courtId !== hearing.courtId) throw HearingErrors.notFound();
}
