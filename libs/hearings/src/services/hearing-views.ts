import type { AddedParticipantView, ScheduledHearingView } from '../contract/hearing-contract';
import type { Hearing } from '../entities/hearing.entity';
import type { AddedHearingParticipant } from './schedule-hearing.use-case';

/* Projections of the hearing court actions' results onto the REST contract (contract/hearing-contract.ts). */

export function scheduledHearingView(h: Hearing): ScheduledHearingView {
  return {
    id: h.id,
    caseId: h.caseId,
    title: h.title,
    hearingType: h.hearingType,
    status: h.status,
    scheduledStart: h.scheduledStart.toISOString(),
    scheduledEnd: h.scheduledEnd.toISOString(),
    presidingJudgeId: h.presidingJudgeId,
    floorLanguage: h.floorLanguage,
    roomId: h.roomId,
  };
}

/** `presiding` is said of judges only: whether they were named to preside. */
export function addedParticipantView({ participant: p, presiding, warnings }: AddedHearingParticipant): AddedParticipantView {
  return {
    id: p.id,
    hearingId: p.hearingId,
    hearingRole: p.hearingRole,
    displayName: p.displayName,
    state: p.state,
    language: p.language,
    courtInterpreterId: p.courtInterpreterId,
    courtSupporterId: p.courtSupporterId,
    ...(p.hearingRole === 'judge' ? { presiding } : {}),
    warnings,
  };
}
