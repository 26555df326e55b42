import type { DataSource } from 'typeorm';
import type { UserPrincipal } from '@ejustice/identity';
import type { HearingRole } from '@ejustice/vocabulary/hearing-role';
import { RecordingErrors } from '../domain/recording-errors';
import { type RecordedHearingFacts, recordingAccess } from '../domain/recording-access';

export interface GatedHearing extends RecordedHearingFacts {
  readonly hearingId: string;
  readonly caseId: string;
}

/**
 * Loads what the access rule reads of a hearing and applies it: the hearing for its bench and
 * the court's clerks; `recording.not_allowed` (403) for others who know the hearing; `notFound`
 * (404: the hearing, or the segment asked for) for everyone else.
 */
export async function admitToRecordings(
  db: DataSource,
  principal: UserPrincipal,
  hearingId: string,
  notFound: () => Error = RecordingErrors.hearingNotFound,
): Promise<GatedHearing> {
  const hearings: { court_id: string; case_id: string; presiding_judge_id: string | null }[] = await db.query(
    `SELECT court_id, case_id, presiding_judge_id FROM hearings WHERE id = $1`,
    [hearingId],
  );
  if (hearings.length === 0) throw notFound();
  const participants: { hearing_role: HearingRole; user_id: string | null }[] = await db.query(
    `SELECT hearing_role, user_id FROM hearing_participants WHERE hearing_id = $1 AND user_id IS NOT NULL AND state <> 'removed'`,
    [hearingId],
  );
  const hearing: GatedHearing = {
    hearingId,
    courtId: hearings[0].court_id,
    caseId: hearings[0].case_id,
    presidingJudgeId: hearings[0].presiding_judge_id,
    participants: participants.map((p) => ({ role: p.hearing_role, userId: p.user_id })),
  };
  switch (recordingAccess(principal, hearing)) {
    case 'allowed':
      return hearing;
    case 'refused':
      throw RecordingErrors.notAllowed();
    case 'hidden':
      throw notFound();
  }
}
