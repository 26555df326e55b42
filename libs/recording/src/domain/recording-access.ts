import { holdsSeat } from '@ejustice/hearings/room/account-standing';
import type { HearingRole } from '@ejustice/vocabulary/hearing-role';

export interface RecordingReader {
  readonly userId: string;
  readonly courtId: string;
  readonly roles: readonly string[];
}

export interface RecordedHearingFacts {
  readonly courtId: string;
  readonly presidingJudgeId: string | null;
  readonly participants: readonly { readonly role: HearingRole; readonly userId: string | null }[];
}

/**
 * Who may see and play a hearing's recordings (issue 9): its bench, that is its judges (the
 * presiding judge, and a judge sitting on its panel while their account still holds the judge
 * role), and the clerks of its court, who keep the record. Anyone else who may know the hearing
 * (court staff, those listed in it) is refused outright; to everyone else it does not exist.
 */
export function recordingAccess(reader: RecordingReader, hearing: RecordedHearingFacts): 'allowed' | 'refused' | 'hidden' {
  const judge = reader.roles.includes('judge');
  const presides = judge && hearing.presidingJudgeId === reader.userId;
  const sits = judge && hearing.participants.some((p) => p.userId === reader.userId && p.role === 'judge');
  const keepsRecord = reader.roles.includes('clerk') && reader.courtId === hearing.courtId;
  if (presides || sits || keepsRecord) return 'allowed';
  const staff = reader.courtId === hearing.courtId && reader.roles.some((r) => r === 'judge' || r === 'clerk');
  const listed = hearing.participants.some((p) => p.userId === reader.userId && holdsSeat(p.role, reader.roles));
  return staff || listed ? 'refused' : 'hidden';
}
