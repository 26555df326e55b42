import type { DomainError } from '@ejustice/platform';
import { type AccountChange, type AccountFacts, decideAccountChange as sut } from './account-administration';
import type { Role } from '@ejustice/vocabulary/role';

const ADMIN: AccountFacts = { id: 'admin', courtId: 'court', disabled: false, roles: ['admin'] };

function account(over: Partial<AccountFacts> = {}): AccountFacts {
  return { id: 'judge', courtId: 'court', disabled: false, roles: ['judge'], ...over };
}

function refusal(run: () => unknown): { kind: string; code: string } {
  try {
    run();
  } catch (error) {
    const e = error as DomainError;
    return { kind: e.kind, code: e.code };
  }
  throw new Error('expected a refusal');
}

const CHANGES: AccountChange[] = [{ kind: 'disable' }, { kind: 'enable' }, { kind: 'set_roles', roles: ['clerk'] }];

describe('decideAccountChange', () => {
  describe('permission first', () => {
    it.each(CHANGES)('refuses anyone without the admin role (%o)', (change) => {
      for (const roles of [['judge'], ['clerk', 'judge'], ['observer']] as Role[][]) {
        expect(refusal(() => sut({ ...ADMIN, roles }, account(), change))).toEqual({ kind: 'forbidden', code: 'auth.forbidden' });
      }
    });

    it.each(CHANGES)('refuses an admin whose own account was disabled meanwhile (%o)', (change) => {
      expect(refusal(() => sut({ ...ADMIN, disabled: true }, account(), change))).toEqual({
        kind: 'unauthenticated',
        code: 'auth.account_disabled',
      });
    });

    it.each(CHANGES)('answers an unknown account and one of another court alike (%o)', (change) => {
      const expected = { kind: 'not_found', code: 'user.not_found' };
      expect(refusal(() => sut(ADMIN, null, change))).toEqual(expected);
      expect(refusal(() => sut(ADMIN, account({ courtId: 'elsewhere' }), change))).toEqual(expected);
    });

    it('checks the role before the account, so a non-admin learns nothing of which accounts exist', () => {
      expect(refusal(() => sut({ ...ADMIN, roles: ['clerk'] }, null, { kind: 'disable' })).code).toBe('auth.forbidden');
    });
  });

  describe('disabling and enabling', () => {
    it('disables an enabled account, and narrows its access', () => {
      expect(sut(ADMIN, account(), { kind: 'disable' })).toEqual({ kind: 'disable', action: 'user.disabled', narrowsAccess: true });
    });

    it('enables a disabled account without narrowing anything', () => {
      expect(sut(ADMIN, account({ disabled: true }), { kind: 'enable' })).toEqual({
        kind: 'enable',
        action: 'user.enabled',
        narrowsAccess: false,
      });
    });

    it('changes nothing when the account already is so', () => {
      expect(sut(ADMIN, account({ disabled: true }), { kind: 'disable' })).toEqual({ kind: 'unchanged' });
      expect(sut(ADMIN, account(), { kind: 'enable' })).toEqual({ kind: 'unchanged' });
    });

    it('refuses an admin disabling themselves, and allows disabling another admin', () => {
      expect(refusal(() => sut(ADMIN, ADMIN, { kind: 'disable' }))).toEqual({ kind: 'conflict', code: 'user.cannot_disable_self' });
      expect(sut(ADMIN, account({ id: 'other-admin', roles: ['admin'] }), { kind: 'disable' }).kind).toBe('disable');
    });
  });

  describe('roles', () => {
    it('reports what was granted and withdrawn, sorted and without repeats', () => {
      expect(sut(ADMIN, account({ roles: ['judge', 'clerk'] }), { kind: 'set_roles', roles: ['observer', 'clerk', 'observer'] })).toEqual({
        kind: 'set_roles',
        action: 'user.roles_changed',
        from: ['clerk', 'judge'],
        to: ['clerk', 'observer'],
        granted: ['observer'],
        withdrawn: ['judge'],
        narrowsAccess: true,
      });
    });

    it('narrows access only when a role is withdrawn', () => {
      const promotion = sut(ADMIN, account(), { kind: 'set_roles', roles: ['judge', 'clerk'] });
      expect(promotion).toMatchObject({ granted: ['clerk'], withdrawn: [], narrowsAccess: false });
    });

    it('changes nothing when the set is the same, in any order', () => {
      expect(sut(ADMIN, account({ roles: ['judge', 'clerk'] }), { kind: 'set_roles', roles: ['clerk', 'judge'] })).toEqual({
        kind: 'unchanged',
      });
    });

    it('refuses an empty set', () => {
      expect(refusal(() => sut(ADMIN, account(), { kind: 'set_roles', roles: [] }))).toEqual({ kind: 'invalid', code: 'user.no_role' });
    });

    it('refuses an admin taking away their own admin role, but lets them add others to it', () => {
      expect(refusal(() => sut(ADMIN, ADMIN, { kind: 'set_roles', roles: ['clerk'] }))).toEqual({
        kind: 'conflict',
        code: 'user.cannot_remove_own_admin',
      });
      expect(sut(ADMIN, ADMIN, { kind: 'set_roles', roles: ['admin', 'clerk'] })).toMatchObject({ granted: ['clerk'], withdrawn: [] });
    });

    it("lets an admin withdraw another admin's admin role", () => {
      expect(sut(ADMIN, account({ id: 'other-admin', roles: ['admin'] }), { kind: 'set_roles', roles: ['clerk'] })).toMatchObject({
        withdrawn: ['admin'],
        narrowsAccess: true,
      });
    });
  });
});
