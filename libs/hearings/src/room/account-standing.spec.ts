import type { Role } from '@ejustice/vocabulary/role';
import { HEARING_ROLES, type HearingRole } from '@ejustice/vocabulary/hearing-role';
import { holdsSeat, refuseAccountSeat as sut } from './account-standing';

const enabled = (...roles: Role[]) => ({ disabled: false, roles });

describe('refuseAccountSeat', () => {
  it.each(HEARING_ROLES)('refuses a disabled account in any seat (%s)', (role) => {
    expect(sut(role, { disabled: true, roles: ['judge', 'clerk', 'counsel'] })).toBe('auth.account_disabled');
  });

  it('keeps the bench only while the account holds the role its powers come from', () => {
    expect(sut('judge', enabled('judge'))).toBeNull();
    expect(sut('judge', enabled('clerk', 'observer'))).toBe('auth.role_withdrawn');
    expect(sut('clerk', enabled('clerk'))).toBeNull();
    expect(sut('clerk', enabled('judge'))).toBe('auth.role_withdrawn');
    expect(sut('judge', enabled())).toBe('auth.role_withdrawn');
  });

  it.each(HEARING_ROLES.filter((r): r is Exclude<HearingRole, 'judge' | 'clerk'> => r !== 'judge' && r !== 'clerk'))(
    'keeps any other seat while the account is enabled, whatever its roles (%s)',
    (role) => {
      expect(sut(role, enabled('party'))).toBeNull();
      expect(sut(role, enabled())).toBeNull();
    },
  );
});

describe('holdsSeat', () => {
  it('keeps a bench seat for the account only while it holds the role the seat needs', () => {
    expect(holdsSeat('judge', ['judge'])).toBe(true);
    expect(holdsSeat('judge', ['party'])).toBe(false);
    expect(holdsSeat('clerk', ['judge'])).toBe(false);
    expect(holdsSeat('clerk', ['clerk', 'admin'])).toBe(true);
  });

  it.each(HEARING_ROLES.filter((r) => r !== 'judge' && r !== 'clerk'))('keeps any other seat whatever the roles (%s)', (role) => {
    expect(holdsSeat(role, ['party'])).toBe(true);
    expect(holdsSeat(role, [])).toBe(true);
  });
});
