import { DomainError } from '@ejustice/platform';
import {
  assertMayMaintainResources,
  assertMayReadResources,
  assertNoOverlap,
  checkDateRange,
  checkPolicyOverrides,
  expandSessionPattern,
  unavailabilityOwner,
} from './resource-rules';

const COURT = '00000000-0000-4000-8000-000000000001';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
  return undefined;
}

describe('scheduling resources: who may read and maintain them', () => {
  it('lets the court’s clerks, judges and administrators read, and only its clerks and administrators write', () => {
    for (const role of ['clerk', 'judge', 'admin'] as const) {
      expect(codeOf(() => assertMayReadResources({ courtId: COURT, roles: [role] }, COURT))).toBeUndefined();
    }
    for (const role of ['clerk', 'admin'] as const) {
      expect(codeOf(() => assertMayMaintainResources({ courtId: COURT, roles: [role] }, COURT))).toBeUndefined();
    }
    expect(codeOf(() => assertMayMaintainResources({ courtId: COURT, roles: ['judge'] }, COURT))).toBe(
      'scheduling.resources_role_forbidden',
    );
    expect(codeOf(() => assertMayReadResources({ courtId: COURT, roles: ['party', 'observer'] }, COURT))).toBe('scheduling.role_forbidden');
  });

  it('refuses the same roles of another court', () => {
    const elsewhere = { courtId: '00000000-0000-4000-8000-000000000002', roles: ['clerk', 'judge'] as const };
    expect(codeOf(() => assertMayReadResources(elsewhere, COURT))).toBe('scheduling.other_court');
    expect(codeOf(() => assertMayMaintainResources(elsewhere, COURT))).toBe('scheduling.other_court');
  });
});

describe('expandSessionPattern', () => {
  it('creates day sessions Monday to Friday and night sessions on Tuesday and Thursday, in date then start order', () => {
    // 2027-03-01 is a Monday; two weeks.
    const sut = expandSessionPattern({
      from: '2027-03-01',
      to: '2027-03-14',
      sittings: [
        { weekdays: [1, 2, 3, 4, 5], kind: 'day', start: '09:00', end: '13:00' },
        { weekdays: [2, 4], kind: 'night', start: '18:00', end: '21:00' },
      ],
    });
    expect(sut).toHaveLength(14);
    expect(sut.filter((s) => s.kind === 'night').map((s) => s.date)).toEqual(['2027-03-02', '2027-03-04', '2027-03-09', '2027-03-11']);
    expect(sut.slice(0, 3)).toEqual([
      { date: '2027-03-01', kind: 'day', start: '09:00', end: '13:00' },
      { date: '2027-03-02', kind: 'day', start: '09:00', end: '13:00' },
      { date: '2027-03-02', kind: 'night', start: '18:00', end: '21:00' },
    ]);
    expect(sut.some((s) => s.date === '2027-03-06' || s.date === '2027-03-07')).toBe(false);
  });

  it('keeps the weekday right across a year end and a leap day', () => {
    // 2028-02-29 is a Tuesday; 2027-12-31 a Friday, 2028-01-03 a Monday.
    expect(
      expandSessionPattern({
        from: '2028-02-27',
        to: '2028-03-01',
        sittings: [{ weekdays: [2], kind: 'day', start: '09:00', end: '12:00' }],
      }),
    ).toEqual([{ date: '2028-02-29', kind: 'day', start: '09:00', end: '12:00' }]);
    expect(
      expandSessionPattern({
        from: '2027-12-30',
        to: '2028-01-04',
        sittings: [{ weekdays: [1, 5], kind: 'day', start: '09:00', end: '12:00' }],
      }).map((s) => s.date),
    ).toEqual(['2027-12-31', '2028-01-03']);
  });

  it('refuses inverted ranges and hours, impossible days, over-long ranges and patterns that create nothing', () => {
    const sitting = { weekdays: [1], kind: 'day' as const, start: '09:00', end: '12:00' };
    expect(codeOf(() => expandSessionPattern({ from: '2027-03-10', to: '2027-03-01', sittings: [sitting] }))).toBe(
      'scheduling.range_invalid',
    );
    expect(codeOf(() => expandSessionPattern({ from: '2027-02-30', to: '2027-03-01', sittings: [sitting] }))).toBe(
      'scheduling.date_invalid',
    );
    expect(codeOf(() => expandSessionPattern({ from: '2027-01-01', to: '2028-06-01', sittings: [sitting] }))).toBe(
      'scheduling.range_too_long',
    );
    expect(
      codeOf(() =>
        expandSessionPattern({ from: '2027-03-01', to: '2027-03-05', sittings: [{ ...sitting, start: '13:00', end: '09:00' }] }),
      ),
    ).toBe('scheduling.session_hours_invalid');
    expect(codeOf(() => expandSessionPattern({ from: '2027-03-02', to: '2027-03-05', sittings: [sitting] }))).toBe(
      'scheduling.pattern_empty',
    );
    expect(checkDateRange('2027-01-01', '2027-12-31')).toEqual({ from: expect.any(Number), to: expect.any(Number) });
  });

  it('refuses a pattern that would create more sessions than one request may', () => {
    const many = Array.from({ length: 4 }, (_, i) => ({
      weekdays: [1, 2, 3, 4, 5, 6, 7],
      kind: 'day' as const,
      start: `0${i + 1}:00`,
      end: `0${i + 1}:30`,
    }));
    expect(codeOf(() => expandSessionPattern({ from: '2027-01-01', to: '2027-12-31', sittings: many }))).toBe(
      'scheduling.pattern_too_large',
    );
  });
});

describe('assertNoOverlap', () => {
  const existing = [{ id: 's1', date: '2027-03-02', start: '09:00', end: '13:00' }];

  it('lets sessions touch but not overlap, on the same day only', () => {
    expect(codeOf(() => assertNoOverlap([{ date: '2027-03-02', start: '13:00', end: '16:00' }], existing))).toBeUndefined();
    expect(codeOf(() => assertNoOverlap([{ date: '2027-03-03', start: '09:00', end: '13:00' }], existing))).toBeUndefined();
    expect(codeOf(() => assertNoOverlap([{ date: '2027-03-02', start: '12:59', end: '16:00' }], existing))).toBe(
      'scheduling.session_overlap',
    );
    expect(codeOf(() => assertNoOverlap([{ date: '2027-03-02', start: '08:00', end: '18:00' }], existing))).toBe(
      'scheduling.session_overlap',
    );
  });

  it('finds two sittings of one request that overlap each other', () => {
    const twice = [
      { date: '2027-03-04', start: '09:00', end: '13:00' },
      { date: '2027-03-04', start: '10:00', end: '11:00' },
    ];
    expect(codeOf(() => assertNoOverlap(twice, []))).toBe('scheduling.session_overlap');
  });
});

describe('unavailabilityOwner', () => {
  it('takes exactly one owner', () => {
    expect(unavailabilityOwner({ roomId: 'r1', from: '2027-03-01', to: '2027-03-01' })).toEqual({ type: 'room', id: 'r1' });
    expect(codeOf(() => unavailabilityOwner({ from: '2027-03-01', to: '2027-03-01' }))).toBe('scheduling.unavailability_owner');
    expect(codeOf(() => unavailabilityOwner({ roomId: 'r1', judgeUserId: 'j1', from: '2027-03-01', to: '2027-03-01' }))).toBe(
      'scheduling.unavailability_owner',
    );
  });
});

describe('checkPolicyOverrides', () => {
  it('accepts a partial policy of the solver', () => {
    const policy = { tierWeights: { custody: 10 }, unscheduledPenaltyDays: 120, adjournmentReasonWeights: { defence_request: 0 } };
    expect(checkPolicyOverrides(policy)).toEqual(policy);
  });

  it('refuses unknown settings and negative or out-of-range weights, naming each', () => {
    let error: DomainError | undefined;
    try {
      checkPolicyOverrides({ tierWeights: { custody: -1, royalty: 3 }, movePenalty: -5, nightCourt: true });
    } catch (e) {
      error = e as DomainError;
    }
    expect(error?.code).toBe('scheduling.policy_invalid');
    expect(error?.fields?.map((f) => f.field).sort()).toEqual([
      'policy.movePenalty',
      'policy.nightCourt',
      'policy.tierWeights.custody',
      'policy.tierWeights.royalty',
    ]);
  });

  it('refuses an over-long policy', () => {
    const specialistRules = Array.from({ length: 400 }, () => ({
      caseType: 'trafficking',
      childOrVulnerable: true,
      specialism: 'trafficking',
    }));
    expect(codeOf(() => checkPolicyOverrides({ specialistRules }))).toBe('scheduling.policy_invalid');
  });
});
