import { DomainError } from '@ejustice/platform';
import type { Role } from '@ejustice/vocabulary';

/** Who may run the scheduler for a court and read its drafts: its clerks and its judges. */
export const SCHEDULING_ROLES: readonly Role[] = ['clerk', 'judge'];

export interface SchedulingActor {
  readonly courtId: string;
  readonly roles: readonly Role[];
}

/**
 * Permission first: a clerk or judge of this very court. A draft timetable shows which custody
 * and child-witness cases come when, so nobody else sees it, not even the same roles elsewhere.
 */
export function assertMayPlan(actor: SchedulingActor, courtId: string): void {
  if (!actor.roles.some((r) => SCHEDULING_ROLES.includes(r))) {
    throw new DomainError(
      'forbidden',
      'scheduling.role_forbidden',
      'Only the court’s clerks and judges may run the scheduler or read its drafts.',
    );
  }
  if (actor.courtId !== courtId) {
    throw new DomainError('forbidden', 'scheduling.other_court', 'You may plan only for your own court; ask a clerk of that court.');
  }
}
