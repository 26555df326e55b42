import type { DomainError } from '@ejustice/platform';
import type { Role } from '@ejustice/vocabulary/role';
import type { UserPrincipal } from './principal';
import { assertPlatformOperator, isPlatformOperator as sut } from './platform-operator';

const OPERATOR_COURT = '0b7f4a52-3c1e-4d8a-9f00-1a2b3c4d5e6f';
const OTHER_COURT = 'c1d2e3f4-5a6b-4c7d-8e9f-0a1b2c3d4e5f';

function principal(roles: Role[], courtId = OPERATOR_COURT): UserPrincipal {
  return { kind: 'user', userId: 'u', sessionId: 's', courtId, roles };
}

function refusal(run: () => unknown): { kind: string; code: string; message: string } {
  try {
    run();
  } catch (error) {
    const e = error as DomainError;
    return { kind: e.kind, code: e.code, message: e.message };
  }
  throw new Error('expected a refusal');
}

describe('isPlatformOperator', () => {
  describe('an installation that names no operating court (one court, as before)', () => {
    it('counts every administrator, whatever their court', () => {
      expect(sut(principal(['admin']), undefined)).toBe(true);
      expect(sut(principal(['admin'], OTHER_COURT), undefined)).toBe(true);
      expect(sut(principal(['clerk', 'admin'], OTHER_COURT), undefined)).toBe(true);
    });

    it('counts nobody without the admin role', () => {
      for (const roles of [[], ['judge'], ['clerk', 'judge'], ['observer']] as Role[][]) {
        expect(sut(principal(roles), undefined)).toBe(false);
      }
    });
  });

  describe('an installation that names the operating court', () => {
    it("counts the operating court's administrators", () => {
      expect(sut(principal(['admin']), OPERATOR_COURT)).toBe(true);
      expect(sut(principal(['judge', 'admin']), OPERATOR_COURT)).toBe(true);
    });

    it("does not count another court's administrators: the shared machinery is not theirs", () => {
      expect(sut(principal(['admin'], OTHER_COURT), OPERATOR_COURT)).toBe(false);
    });

    it('counts nobody without the admin role, even in the operating court', () => {
      for (const roles of [[], ['judge'], ['clerk']] as Role[][]) {
        expect(sut(principal(roles), OPERATOR_COURT)).toBe(false);
        expect(sut(principal(roles, OTHER_COURT), OPERATOR_COURT)).toBe(false);
      }
    });
  });
});

describe('assertPlatformOperator', () => {
  it('lets an operator through', () => {
    expect(() => assertPlatformOperator(principal(['admin']), OPERATOR_COURT)).not.toThrow();
    expect(() => assertPlatformOperator(principal(['admin'], OTHER_COURT), undefined)).not.toThrow();
  });

  it('refuses a role other than admin as any admin-only route does', () => {
    expect(refusal(() => assertPlatformOperator(principal(['clerk']), OPERATOR_COURT))).toMatchObject({
      kind: 'forbidden',
      code: 'auth.forbidden',
    });
    expect(refusal(() => assertPlatformOperator(principal(['clerk']), undefined))).toMatchObject({ code: 'auth.forbidden' });
  });

  it("refuses another court's administrator with a code and a sentence saying whose the machinery is", () => {
    expect(refusal(() => assertPlatformOperator(principal(['admin'], OTHER_COURT), OPERATOR_COURT))).toEqual({
      kind: 'forbidden',
      code: 'admin.not_platform_operator',
      message: 'Only the administrators of the court that operates the platform can manage its media nodes and job queues.',
    });
  });
});
