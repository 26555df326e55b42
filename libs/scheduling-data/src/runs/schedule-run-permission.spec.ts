import { DomainError } from '@ejustice/platform';
import { ROLES, type Role } from '@ejustice/vocabulary';
import { assertMayPlan } from './schedule-run-permission';

function refusal(roles: Role[], courtId: string): string | null {
  try {
    assertMayPlan({ courtId: 'own', roles }, courtId);
    return null;
  } catch (error) {
    return error instanceof DomainError ? `${error.kind}:${error.code}` : String(error);
  }
}

describe('assertMayPlan', () => {
  it.each(ROLES.map((r) => [r]))('%s of the court: allowed only to clerks and judges', (role) => {
    expect(refusal([role], 'own')).toBe(role === 'clerk' || role === 'judge' ? null : 'forbidden:scheduling.role_forbidden');
  });

  it('refuses a clerk or judge of another court', () => {
    expect(refusal(['clerk'], 'other')).toBe('forbidden:scheduling.other_court');
    expect(refusal(['judge', 'clerk'], 'other')).toBe('forbidden:scheduling.other_court');
  });
});
