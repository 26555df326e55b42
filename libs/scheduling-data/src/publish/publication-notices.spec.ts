import { NEUTRAL_EMAIL_SUBJECT } from '@ejustice/platform';
import { type MailLine, PUBLICATION_EMAIL_SUBJECT, publicationEmail, seatsToSummon } from './publication-notices';

const URL = 'https://hearings.example.court';

const listed = (over: Partial<MailLine> = {}): MailLine => ({
  what: 'listed',
  hearing: 'Trial',
  caseNumber: 'CR-2027-0001',
  date: '2027-03-01',
  start: '09:00',
  end: '10:30',
  discreet: false,
  ...over,
});

describe('publicationEmail', () => {
  it('tells a public hearing by its day, time in the court’s named time zone, and case number', () => {
    const sut = publicationEmail([listed()], 'Africa/Tunis', URL);
    expect(sut.subject).toBe(PUBLICATION_EMAIL_SUBJECT);
    expect(sut.text).toContain('Trial, case CR-2027-0001: listed for Monday 2027-03-01, 09:00–10:30 (court time, Africa/Tunis).');
    expect(sut.text).toContain(`${URL}/login`);
  });

  it('says where a moved hearing went, and that an adjourned one is off the timetable', () => {
    const sut = publicationEmail(
      [listed({ what: 'moved', date: '2027-03-03' }), { what: 'adjourned', hearing: 'Bail', caseNumber: 'CR-9', discreet: false }],
      'UTC',
      URL,
    );
    expect(sut.text).toContain('moved to Wednesday 2027-03-03, 09:00–10:30 (court time, UTC)');
    expect(sut.text).toContain('Bail, case CR-9: adjourned');
  });

  it('is the neutral notice when every hearing is discreet: no case number, no day, no subject of substance', () => {
    const sut = publicationEmail([listed({ discreet: true, caseNumber: 'SEALED-77' })], 'UTC', URL);
    expect(sut).toEqual({ subject: NEUTRAL_EMAIL_SUBJECT, text: expect.stringContaining(`${URL}/login`) });
    expect(sut.text).not.toContain('SEALED-77');
    expect(sut.text).not.toContain('2027-03-01');
  });

  it('tells the public hearings of a mixed notice and only hints at the others', () => {
    const sut = publicationEmail([listed(), listed({ discreet: true, caseNumber: 'CONF-5', date: '2027-03-09' })], 'UTC', URL);
    expect(sut.text).toContain('CR-2027-0001');
    expect(sut.text).not.toContain('CONF-5');
    expect(sut.text).not.toContain('2027-03-09');
    expect(sut.text).toContain('You have other hearing notices on the platform.');
  });
});

describe('seatsToSummon', () => {
  it('takes every seat without an account, and never the bench', () => {
    const seats = [
      { participantId: 'j', userId: 'u-judge', hearingRole: 'judge' as const },
      { participantId: 'v', userId: null, hearingRole: 'victim' as const },
      { participantId: 'c', userId: 'u-counsel', hearingRole: 'defence_counsel' as const },
      { participantId: 'i', userId: null, hearingRole: 'interpreter' as const },
      { participantId: 's', userId: null, hearingRole: 'supporter' as const },
    ];
    expect(seatsToSummon(seats).map((s) => s.participantId)).toEqual(['v', 'i', 's']);
  });
});
