import { type RecordedHearingFacts, recordingAccess } from './recording-access';

const COURT = 'court-1';
const hearing: RecordedHearingFacts = {
  courtId: COURT,
  presidingJudgeId: 'presiding',
  participants: [
    { role: 'judge', userId: 'presiding' },
    { role: 'judge', userId: 'panel' },
    { role: 'judge', userId: 'former' },
    { role: 'defence_counsel', userId: 'counsel' },
    { role: 'witness', userId: null },
  ],
};
const reader = (userId: string, roles: string[], courtId = COURT) => ({ userId, roles, courtId });

describe('recordingAccess', () => {
  it('lets the bench and the court clerks in', () => {
    expect(recordingAccess(reader('presiding', ['judge']), hearing)).toBe('allowed');
    expect(recordingAccess(reader('panel', ['judge']), hearing)).toBe('allowed');
    // A presiding judge of another court (on assignment) still presides.
    expect(recordingAccess(reader('presiding', ['judge'], 'court-2'), hearing)).toBe('allowed');
    expect(recordingAccess(reader('any-clerk', ['clerk']), hearing)).toBe('allowed');
  });

  it('refuses those who know the hearing: other judges of the court, counsel listed in it', () => {
    expect(recordingAccess(reader('other-judge', ['judge']), hearing)).toBe('refused');
    expect(recordingAccess(reader('counsel', ['counsel']), hearing)).toBe('refused');
  });

  it('hides the hearing from everyone else, the clerks of other courts among them', () => {
    expect(recordingAccess(reader('their-clerk', ['clerk'], 'court-2'), hearing)).toBe('hidden');
    expect(recordingAccess(reader('their-judge', ['judge'], 'court-2'), hearing)).toBe('hidden');
    expect(recordingAccess(reader('observer', ['observer']), hearing)).toBe('hidden');
    // Their bench seat went with the judge role (account-standing.ts).
    expect(recordingAccess(reader('former', ['party']), hearing)).toBe('hidden');
  });
});
