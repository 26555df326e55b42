// A hearing ready to be held, for the hearing-room e2e suites: a court with a judge, a clerk and
// counsel, a trafficking case with a protected victim, a hearing with its participants, and
// helpers to obtain join tickets the way clients do (REST), connect and join.
import type { JoinResult, JoinTicket } from '@ejustice/hearings/signalling/signalling-messages';
import { createCase, createCourt, createHearing, createParticipant, createUser, testDb, uniqueSuffix, type TestUser } from '../factories';
import { http, login } from '../http-client';
import { HearingClient } from './hearing-client';
import { WERIFT_PARTICIPANT_RTP_CAPABILITIES } from './werift-participant';

export const PROTECTED_REAL_NAME = 'Amal Real-Name';
export const PROTECTED_PSEUDONYM = 'Witness A';

export interface HearingRoomFixture {
  readonly hearingId: string;
  readonly otherHearingId: string;
  readonly judge: TestUser & { participantId: string; token: string };
  readonly clerk: TestUser & { token: string };
  readonly counsel: TestUser & { participantId: string; token: string };
  /** Joins by link. */
  readonly witnessId: string;
  /** The protected victim (case party with a pseudonym), joins by link. */
  readonly victimId: string;
  /** A second, unprotected party participant for consultations: the defendant, by link. */
  readonly defendantId: string;
}

export async function createHearingRoomFixture(apiUrl: string): Promise<HearingRoomFixture> {
  const court = await createCourt();
  const judge = await createUser({ roles: ['judge'], courtId: court.id, displayName: `Judge ${uniqueSuffix()}` });
  const clerk = await createUser({ roles: ['clerk'], courtId: court.id });
  const counsel = await createUser({ roles: ['counsel'], courtId: court.id });
  const c = await createCase({
    courtId: court.id,
    caseType: 'trafficking',
    confidentiality: 'confidential',
    parties: [
      { partyRole: 'victim', fullName: PROTECTED_REAL_NAME, isProtected: true, pseudonym: PROTECTED_PSEUDONYM },
      { partyRole: 'defendant', fullName: 'Karim Defendant', counselUserId: counsel.id },
    ],
  });
  const hearing = await createHearing({ caseId: c.id, courtId: court.id, presidingJudgeId: judge.id, startInMinutes: 0 });
  const other = await createHearing({ caseId: c.id, courtId: court.id, startInMinutes: 300 });
  const judgeP = await createParticipant({ hearingId: hearing.id, hearingRole: 'judge', userId: judge.id, displayName: judge.displayName });
  const counselP = await createParticipant({
    hearingId: hearing.id,
    hearingRole: 'defence_counsel',
    userId: counsel.id,
    displayName: counsel.displayName,
  });
  const witness = await createParticipant({ hearingId: hearing.id, hearingRole: 'witness', displayName: `Witness ${uniqueSuffix()}` });
  const victim = await createParticipant({
    hearingId: hearing.id,
    hearingRole: 'victim',
    partyId: c.parties[0].id,
    displayName: PROTECTED_REAL_NAME,
  });
  const defendant = await createParticipant({
    hearingId: hearing.id,
    hearingRole: 'defendant',
    partyId: c.parties[1].id,
    displayName: 'Karim Defendant',
  });
  return {
    hearingId: hearing.id,
    otherHearingId: other.id,
    judge: { ...judge, participantId: judgeP.id, token: (await login(apiUrl, judge.email, judge.password)).accessToken },
    clerk: { ...clerk, token: (await login(apiUrl, clerk.email, clerk.password)).accessToken },
    counsel: { ...counsel, participantId: counselP.id, token: (await login(apiUrl, counsel.email, counsel.password)).accessToken },
    witnessId: witness.id,
    victimId: victim.id,
    defendantId: defendant.id,
  };
}

/** Issues a one-time link (as the clerk) and exchanges it, as the witness's browser would. */
export async function linkSession(
  apiUrl: string,
  f: HearingRoomFixture,
  participantId: string,
): Promise<{ sessionToken: string; linkId: string }> {
  const issued = await http(apiUrl, 'POST', `/api/hearings/${f.hearingId}/participants/${participantId}/links`, {
    token: f.clerk.token,
    body: {},
  });
  if (issued.status !== 201) throw new Error(`issuing a link failed: ${issued.status} ${JSON.stringify(issued.body)}`);
  const exchanged = await http(apiUrl, 'POST', '/api/hearing-links/exchange', { body: { token: issued.body.token } });
  if (exchanged.status !== 200) throw new Error(`exchanging a link failed: ${exchanged.status} ${JSON.stringify(exchanged.body)}`);
  return { sessionToken: exchanged.body.sessionToken, linkId: issued.body.linkId };
}

export async function joinTicket(apiUrl: string, bearer: string, hearingId: string): Promise<JoinTicket> {
  const res = await http(apiUrl, 'POST', `/api/hearings/${hearingId}/join-ticket`, { token: bearer });
  if (res.status !== 200) throw new Error(`join ticket refused: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Ticket, connection, router capabilities and join: what a client does to enter. */
export async function enter(
  apiUrl: string,
  bearer: string,
  hearingId: string,
): Promise<{ client: HearingClient; joined: JoinResult; ticket: JoinTicket }> {
  const ticket = await joinTicket(apiUrl, bearer, hearingId);
  const client = await HearingClient.connect(ticket.mediaUrl, { ticket: ticket.ticket, hearingId });
  await client.call('getRouterRtpCapabilities');
  const joined = await client.call('join', { rtpCapabilities: WERIFT_PARTICIPANT_RTP_CAPABILITIES });
  return { client, joined, ticket };
}

/** A participant entering by their one-time link, as their browser would: link exchanged, then in. */
export async function enterByLink(apiUrl: string, f: HearingRoomFixture, participantId: string): Promise<HearingClient> {
  const { sessionToken } = await linkSession(apiUrl, f, participantId);
  return (await enter(apiUrl, sessionToken, f.hearingId)).client;
}

/** What a suite opens (hearing clients, media peers), to close at its end, the last opened first. */
export function closedAtEnd(): { track<T extends { close(): unknown }>(opened: T): T; closeAll(): Promise<void> } {
  const closers: (() => unknown)[] = [];
  return {
    track(opened) {
      closers.push(() => opened.close());
      return opened;
    },
    async closeAll() {
      for (const close of closers.splice(0).reverse()) await close();
    },
  };
}

export async function participantState(participantId: string): Promise<string> {
  const { rows } = await testDb().query('SELECT state FROM hearing_participants WHERE id = $1', [participantId]);
  return rows[0]?.state;
}

export async function hearingRow(hearingId: string): Promise<{ status: string; room_locked: boolean }> {
  const { rows } = await testDb().query('SELECT status, room_locked FROM hearings WHERE id = $1', [hearingId]);
  return rows[0];
}

export async function auditActions(
  hearingId: string,
): Promise<{ action: string; subject_id: string | null; actor_type: string; actor_id: string | null; data: Record<string, unknown> }[]> {
  const { rows } = await testDb().query(
    'SELECT action, subject_id, actor_type, actor_id, data FROM audit_events WHERE hearing_id = $1 ORDER BY seq',
    [hearingId],
  );
  return rows;
}
