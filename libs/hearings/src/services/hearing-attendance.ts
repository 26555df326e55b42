import type { DataSource, EntityManager } from 'typeorm';
import type { Confidentiality } from '@ejustice/vocabulary/case-type';
import { mayAttend, needsLeaveToAttend } from '../domain/attendance';
import type { HearingRole } from '@ejustice/vocabulary/hearing-role';
import type { HearingWarning } from '../contract/hearing-contract';

export function attendanceWarning(facts: {
  role: HearingRole;
  partyId: string | null;
  confidentiality: Confidentiality;
}): HearingWarning[] {
  if (!needsLeaveToAttend(facts)) return [];
  return [
    {
      code: 'hearing.attendance_needs_leave',
      message: `This case is ${facts.confidentiality}: this participant can join the hearing only once the presiding judge allows it by an attendance order.`,
    },
  ];
}

/**
 * Whether the participant may not attend the hearing now (attendance.ts): read fresh from the
 * record each time (the case's confidentiality, the participant's role and party, the orders in
 * force), so that leave revoked a moment ago is no longer honoured. Plain SQL: the media node
 * asks it at every handshake and on every access notice. False for a participant who does not
 * exist: the caller refuses those on its own terms.
 */
export async function refuseAttendance(
  db: Pick<DataSource | EntityManager, 'query'>,
  hearingId: string,
  participantId: string,
): Promise<boolean> {
  const rows: {
    hearing_role: HearingRole;
    party_id: string | null;
    confidentiality: Confidentiality;
    attendance_order: boolean;
    supporter_order: boolean;
  }[] = await db.query(
    `SELECT p.hearing_role, p.party_id, c.confidentiality,
            EXISTS (SELECT 1 FROM special_measure_orders o
                     WHERE o.hearing_id = p.hearing_id AND o.revoked_at IS NULL
                       AND o.kind = 'attendance' AND o.participant_id = p.id) AS attendance_order,
            EXISTS (SELECT 1 FROM special_measure_orders o
                     WHERE o.hearing_id = p.hearing_id AND o.revoked_at IS NULL
                       AND o.kind = 'supporter' AND o.terms ->> 'supporterId' = p.id::text) AS supporter_order
       FROM hearing_participants p
       JOIN hearings h ON h.id = p.hearing_id
       JOIN cases c ON c.id = h.case_id
      WHERE p.id = $1 AND p.hearing_id = $2`,
    [participantId, hearingId],
  );
  if (rows.length === 0) return false;
  const r = rows[0];
  return !mayAttend(
    { role: r.hearing_role, partyId: r.party_id, confidentiality: r.confidentiality },
    { attendanceOrder: r.attendance_order, supporterOrder: r.supporter_order },
  );
}
