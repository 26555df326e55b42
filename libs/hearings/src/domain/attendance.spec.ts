import type { Confidentiality } from '@ejustice/vocabulary/case-type';
import {
  type AttendanceLeave,
  type CourtHelper,
  benchSeatOf,
  mayAttend,
  needsLeaveToAttend,
  refuseSeat,
  refuseWithdrawal,
  seatCourtHelper,
} from './attendance';
import { HEARING_ROLES, type HearingRole } from '@ejustice/vocabulary/hearing-role';

const NO_LEAVE: AttendanceLeave = { attendanceOrder: false, supporterOrder: false };

describe('attendance', () => {
  it('opens a hearing of a public case to every participant, with no order', () => {
    for (const role of HEARING_ROLES) {
      expect(needsLeaveToAttend({ role, partyId: null, confidentiality: 'public' })).toBe(false);
      expect(mayAttend({ role, partyId: null, confidentiality: 'public' }, NO_LEAVE)).toBe(true);
    }
  });

  describe.each<Confidentiality>(['confidential', 'sealed'])('in a %s case', (confidentiality) => {
    it.each<HearingRole>(['judge', 'clerk', 'prosecutor', 'defence_counsel', 'victim_counsel', 'witness', 'interpreter'])(
      'lets the %s in by right',
      (role) => {
        expect(mayAttend({ role, partyId: null, confidentiality }, NO_LEAVE)).toBe(true);
      },
    );

    it.each<HearingRole>(['defendant', 'victim'])('lets the %s in as a party of the case, and not otherwise', (role) => {
      expect(mayAttend({ role, partyId: 'party', confidentiality }, NO_LEAVE)).toBe(true);
      expect(needsLeaveToAttend({ role, partyId: null, confidentiality })).toBe(true);
      expect(mayAttend({ role, partyId: null, confidentiality }, NO_LEAVE)).toBe(false);
      expect(mayAttend({ role, partyId: null, confidentiality }, { attendanceOrder: true, supporterOrder: false })).toBe(true);
    });

    it('keeps an observer out until an attendance order names them', () => {
      const observer = { role: 'observer' as const, partyId: null, confidentiality };
      expect(needsLeaveToAttend(observer)).toBe(true);
      expect(mayAttend(observer, NO_LEAVE)).toBe(false);
      expect(mayAttend(observer, { attendanceOrder: true, supporterOrder: false })).toBe(true);
      // A supporter order is leave for the supporter it seats, for nobody else.
      expect(mayAttend(observer, { attendanceOrder: false, supporterOrder: true })).toBe(false);
    });

    it('seats a supporter under the supporter order that puts her beside the witness, or an attendance order', () => {
      const supporter = { role: 'supporter' as const, partyId: null, confidentiality };
      expect(mayAttend(supporter, NO_LEAVE)).toBe(false);
      expect(mayAttend(supporter, { attendanceOrder: false, supporterOrder: true })).toBe(true);
      expect(mayAttend(supporter, { attendanceOrder: true, supporterOrder: false })).toBe(true);
    });
  });
});

describe('seats and accounts', () => {
  const judge = { courtId: 'court', roles: ['judge'] };

  it('seats an account of the court in a role its account roles allow', () => {
    expect(refuseSeat('judge', judge, 'court')).toBeNull();
    expect(refuseSeat('clerk', { courtId: 'court', roles: ['clerk'] }, 'court')).toBeNull();
    expect(refuseSeat('prosecutor', { courtId: 'court', roles: ['prosecutor'] }, 'court')).toBeNull();
    expect(refuseSeat('defence_counsel', { courtId: 'court', roles: ['counsel'] }, 'court')).toBeNull();
    expect(refuseSeat('victim_counsel', { courtId: 'court', roles: ['counsel'] }, 'court')).toBeNull();
    // A judge may sit in the gallery; an observer account may be a witness.
    expect(refuseSeat('observer', judge, 'court')).toBeNull();
    expect(refuseSeat('witness', { courtId: 'court', roles: ['observer'] }, 'court')).toBeNull();
  });

  it('refuses an account of another court, whatever the role', () => {
    for (const role of HEARING_ROLES)
      expect(refuseSeat(role, { courtId: 'elsewhere', roles: ['judge'] }, 'court')).toBe('account_not_in_court');
  });

  it.each<[HearingRole, string[]]>([
    ['judge', ['clerk']],
    ['judge', ['observer']],
    ['clerk', ['judge']],
    ['clerk', ['counsel']],
    ['prosecutor', ['counsel']],
    ['defence_counsel', ['prosecutor']],
    ['victim_counsel', ['party']],
  ])('refuses %s to an account holding only %j', (role, roles) => {
    expect(refuseSeat(role, { courtId: 'court', roles }, 'court')).toBe('role_not_held');
  });

  it('keeps the bench to accounts: no one-time link carries its powers', () => {
    expect(refuseSeat('judge', null, 'court')).toBe('bench_needs_account');
    expect(refuseSeat('clerk', null, 'court')).toBe('bench_needs_account');
    for (const role of HEARING_ROLES.filter((r) => r !== 'judge' && r !== 'clerk')) expect(refuseSeat(role, null, 'court')).toBeNull();
  });
});

describe('joining a hearing one is not listed in', () => {
  const hearing = { courtId: 'court', presidingJudgeId: 'presiding' };

  it('seats the presiding judge as judge, and a clerk of the court as clerk', () => {
    expect(benchSeatOf({ userId: 'presiding', courtId: 'court', roles: ['judge'] }, hearing)).toBe('judge');
    expect(benchSeatOf({ userId: 'c', courtId: 'court', roles: ['clerk'] }, hearing)).toBe('clerk');
  });

  it('seats no other judge of the court (nor as clerk unless they are one), and nobody of another court', () => {
    expect(benchSeatOf({ userId: 'other', courtId: 'court', roles: ['judge'] }, hearing)).toBeNull();
    expect(benchSeatOf({ userId: 'other', courtId: 'court', roles: ['judge', 'clerk'] }, hearing)).toBe('clerk');
    expect(benchSeatOf({ userId: 'presiding', courtId: 'court', roles: ['clerk'] }, hearing)).toBe('clerk');
    expect(benchSeatOf({ userId: 'presiding', courtId: 'elsewhere', roles: ['judge'] }, hearing)).toBeNull();
    expect(benchSeatOf({ userId: 'c', courtId: 'elsewhere', roles: ['clerk'] }, hearing)).toBeNull();
    expect(benchSeatOf({ userId: 'x', courtId: 'court', roles: ['judge'] }, { courtId: 'court', presidingJudgeId: null })).toBeNull();
  });
});

describe('seatCourtHelper', () => {
  const salem: CourtHelper = { kind: 'interpreter', courtId: 'court', languages: ['ar', 'fr'] };
  const nadia: CourtHelper = { kind: 'interpreter', courtId: 'court', languages: ['ar'] };
  const karim: CourtHelper = { kind: 'supporter', courtId: 'court' };

  it('seats an interpreter in a language they interpret, the only one when none is named, and a supporter as they are', () => {
    expect(seatCourtHelper('interpreter', salem, 'court', 'fr')).toEqual({ language: 'fr' });
    expect(seatCourtHelper('interpreter', nadia, 'court', null)).toEqual({ language: 'ar' });
    expect(seatCourtHelper('supporter', karim, 'court', null)).toEqual({ language: null });
    expect(seatCourtHelper('supporter', karim, 'court', 'ar')).toEqual({ language: 'ar' });
  });

  it('refuses one of another court or none, one in another role’s seat, and an interpreter without a language of theirs', () => {
    expect(seatCourtHelper('interpreter', null, 'court', 'ar')).toEqual({ refusal: 'unknown' });
    expect(seatCourtHelper('interpreter', { ...nadia, courtId: 'elsewhere' }, 'court', 'ar')).toEqual({ refusal: 'unknown' });
    expect(seatCourtHelper('witness', salem, 'court', 'ar')).toEqual({ refusal: 'seat' });
    expect(seatCourtHelper('interpreter', karim, 'court', 'ar')).toEqual({ refusal: 'seat' });
    expect(seatCourtHelper('interpreter', salem, 'court', 'de')).toEqual({ refusal: 'language' });
    expect(seatCourtHelper('interpreter', salem, 'court', null)).toEqual({ refusal: 'language' });
  });
});

describe('withdrawing a seat from outside the room', () => {
  it('withdraws only a seat nobody has taken up yet, and never a judge’s', () => {
    expect(refuseWithdrawal({ role: 'witness', state: 'invited' })).toBeNull();
    expect(refuseWithdrawal({ role: 'clerk', state: 'invited' })).toBeNull();
    expect(refuseWithdrawal({ role: 'judge', state: 'invited' })).toBe('judge_seat');
    expect(refuseWithdrawal({ role: 'witness', state: 'removed' })).toBe('already_removed');
    for (const state of ['waiting', 'admitted', 'in_consultation', 'disconnected'] as const) {
      // Once they have been in the room, the bench removes them there, where they are connected.
      expect(refuseWithdrawal({ role: 'witness', state })).toBe('joined');
    }
  });
});
