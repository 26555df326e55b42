import { PARTY_ROLES } from './case-type';
import { PARTY_SEATS, counselSeatFor, interpreterSeatName, isHearingRole } from './hearing-role';

describe('the seats of a party and of their counsel', () => {
  it('seats in person the defendant, the victim and the witness (by whatever name the case gives them), and no one else', () => {
    expect(PARTY_ROLES.map((role) => [role, PARTY_SEATS[role] ?? null])).toEqual([
      ['petitioner', null],
      ['respondent', 'defendant'],
      ['plaintiff', null],
      ['complainant', 'victim'],
      ['defendant', 'defendant'],
      ['victim', 'victim'],
      ['witness', 'witness'],
      ['prosecution', null],
    ]);
  });

  it('seats counsel by the side they act for: the prosecution’s as the prosecutor, the defence’s as defence counsel', () => {
    expect(PARTY_ROLES.map((role) => [role, counselSeatFor(role)])).toEqual([
      ['petitioner', 'victim_counsel'],
      ['respondent', 'defence_counsel'],
      ['plaintiff', 'victim_counsel'],
      ['complainant', 'victim_counsel'],
      ['defendant', 'defence_counsel'],
      ['victim', 'victim_counsel'],
      ['witness', 'victim_counsel'],
      ['prosecution', 'prosecutor'],
    ]);
    for (const role of PARTY_ROLES) expect(isHearingRole(counselSeatFor(role))).toBe(true);
  });
});

describe('the seat of one of the court’s interpreters', () => {
  it('is named with the language they interpret into, by hand and by the timetable alike', () => {
    expect(interpreterSeatName('Salem', 'fr')).toBe('Salem (fr)');
  });
});
