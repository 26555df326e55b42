import { randomBytes, randomUUID } from 'node:crypto';
import * as argon2 from 'argon2';
import { Pool } from 'pg';
import type { Role } from '@ejustice/vocabulary/role';
import type { CaseType, Confidentiality, PartyRole } from '@ejustice/vocabulary/case-type';
import type { HearingRole } from '@ejustice/vocabulary/hearing-role';
import { TEST_DATABASE_URL } from './test-env';

/*
 * Factories that put rows straight into the test database: arranging a test is not a court
 * action, so they neither go through the use cases nor write audit events. Every name they
 * make is unique, so tests running side by side never collide.
 */

let pool: Pool | undefined;

export function testDb(): Pool {
  pool ??= new Pool({ connectionString: TEST_DATABASE_URL, max: 3 });
  return pool;
}

export async function closeTestDb(): Promise<void> {
  await pool?.end();
  pool = undefined;
}

export function uniqueSuffix(): string {
  return randomBytes(4).toString('hex');
}

export const DEFAULT_PASSWORD = 'correct horse battery staple';

export interface TestCourt {
  id: string;
  code: string;
  name: string;
}

export async function createCourt(
  over: Partial<{ code: string; name: string; timeZone: string; language: 'ar' | 'en' | 'fr'; nameEnglish: string }> = {},
): Promise<TestCourt> {
  const code =
    over.code ??
    `T${uniqueSuffix()
      .toUpperCase()
      .replace(/[^A-Z0-9]/g, 'X')
      .slice(0, 7)}`;
  const name = over.name ?? `Test Court ${code}`;
  const { rows } = await testDb().query(
    'INSERT INTO courts (code, name, time_zone, language, name_en) VALUES ($1, $2, $3, $4, $5) RETURNING id',
    [code, name, over.timeZone ?? 'UTC', over.language ?? 'en', over.nameEnglish ?? null],
  );
  return { id: rows[0].id, code, name };
}

export interface TestUser {
  id: string;
  email: string;
  password: string;
  courtId: string;
  roles: Role[];
  displayName: string;
}

// Hashing costs tens of milliseconds; tests mostly share one password, so hash it once.
let defaultHash: Promise<string> | undefined;

export async function createUser(over: {
  roles: Role[];
  courtId?: string;
  email?: string;
  password?: string;
  displayName?: string;
}): Promise<TestUser> {
  const courtId = over.courtId ?? (await createCourt()).id;
  const password = over.password ?? DEFAULT_PASSWORD;
  const email = (over.email ?? `${over.roles[0]}-${uniqueSuffix()}@test.court`).toLowerCase();
  const hash =
    password === DEFAULT_PASSWORD
      ? await (defaultHash ??= argon2.hash(DEFAULT_PASSWORD, { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 }))
      : await argon2.hash(password, { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 });
  const displayName = over.displayName ?? `${over.roles[0]} ${uniqueSuffix()}`;
  const { rows } = await testDb().query(
    'INSERT INTO users (court_id, email, display_name, password_hash) VALUES ($1, $2, $3, $4) RETURNING id',
    [courtId, email, displayName, hash],
  );
  for (const role of over.roles) await testDb().query('INSERT INTO user_roles (user_id, role) VALUES ($1, $2)', [rows[0].id, role]);
  return { id: rows[0].id, email, password, courtId, roles: over.roles, displayName };
}

export interface TestParty {
  partyRole: PartyRole;
  fullName: string;
  isProtected?: boolean;
  pseudonym?: string | null;
  userId?: string | null;
  counselUserId?: string | null;
}

export interface TestCase {
  id: string;
  number: string;
  courtId: string;
  parties: (TestParty & { id: string })[];
}

export async function createCase(over: {
  courtId: string;
  caseType?: CaseType;
  confidentiality?: Confidentiality;
  title?: string;
  parties?: TestParty[];
  assignedJudgeId?: string | null;
}): Promise<TestCase> {
  const number = `TEST-${uniqueSuffix()}-${randomUUID().slice(0, 8)}`;
  const { rows } = await testDb().query(
    `INSERT INTO cases (court_id, number, case_type, title, confidentiality, assigned_judge_id, opened_at) VALUES ($1, $2, $3, $4, $5, $6, now()) RETURNING id`,
    [
      over.courtId,
      number,
      over.caseType ?? 'criminal',
      over.title ?? `Case ${number}`,
      over.confidentiality ?? 'public',
      over.assignedJudgeId ?? null,
    ],
  );
  const parties: TestCase['parties'] = [];
  for (const p of over.parties ?? []) {
    const r = await testDb().query(
      `INSERT INTO parties (case_id, party_role, full_name, is_protected, pseudonym, user_id, counsel_user_id) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [rows[0].id, p.partyRole, p.fullName, p.isProtected ?? false, p.pseudonym ?? null, p.userId ?? null, p.counselUserId ?? null],
    );
    parties.push({ ...p, id: r.rows[0].id });
  }
  return { id: rows[0].id, number, courtId: over.courtId, parties };
}

export interface TestHearing {
  id: string;
  caseId: string;
  courtId: string;
}

export async function createHearing(over: {
  caseId: string;
  courtId: string;
  presidingJudgeId?: string | null;
  status?: string;
  startInMinutes?: number;
}): Promise<TestHearing> {
  const start = new Date(Date.now() + (over.startInMinutes ?? 5) * 60_000);
  const end = new Date(start.getTime() + 2 * 3_600_000);
  const { rows } = await testDb().query(
    `INSERT INTO hearings (court_id, case_id, title, hearing_type, status, scheduled_start, scheduled_end, presiding_judge_id) VALUES ($1, $2, $3, 'testimony', $4, $5, $6, $7) RETURNING id`,
    [over.courtId, over.caseId, `Hearing ${uniqueSuffix()}`, over.status ?? 'scheduled', start, end, over.presidingJudgeId ?? null],
  );
  return { id: rows[0].id, caseId: over.caseId, courtId: over.courtId };
}

export async function createParticipant(over: {
  hearingId: string;
  hearingRole: HearingRole;
  displayName?: string;
  userId?: string | null;
  partyId?: string | null;
  state?: string;
}): Promise<{ id: string }> {
  const { rows } = await testDb().query(
    `INSERT INTO hearing_participants (hearing_id, user_id, party_id, hearing_role, display_name, state) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [
      over.hearingId,
      over.userId ?? null,
      over.partyId ?? null,
      over.hearingRole,
      over.displayName ?? `${over.hearingRole} ${uniqueSuffix()}`,
      over.state ?? 'invited',
    ],
  );
  return { id: rows[0].id };
}

/**
 * Summonses of a hearing's seats, one each, as a publication leaves them (a schedule run of the
 * hearing's court, requested by `requestedBy`, stands for the publication). Returns their ids by
 * participant id.
 */
export async function createSummonses(over: {
  hearingId: string;
  participantIds: readonly string[];
  requestedBy: string;
  reason?: 'listed' | 'moved' | 'adjourned' | 'released';
}): Promise<Map<string, string>> {
  const run = await testDb().query(
    `INSERT INTO schedule_runs (court_id, requested_by, horizon_start, seed, time_limit_seconds)
     SELECT court_id, $2, '2027-03-01', 1, 1 FROM hearings WHERE id = $1 RETURNING id, court_id`,
    [over.hearingId, over.requestedBy],
  );
  const { rows } = await testDb().query(
    `INSERT INTO hearing_summonses (court_id, hearing_id, participant_id, schedule_run_id, reason, created_at)
     SELECT $1, $2, p, $3, $4, now() FROM unnest($5::uuid[]) AS p RETURNING id, participant_id`,
    [run.rows[0].court_id, over.hearingId, run.rows[0].id, over.reason ?? 'listed', over.participantIds],
  );
  return new Map(rows.map((r: { id: string; participant_id: string }) => [r.participant_id, r.id]));
}

/**
 * A special-measures order row, as if the presiding judge had made it (no audit event: arranging a
 * test is not a court action). `terms` are stored as given; see libs/hearings/src/orders for their
 * shape per kind. Returns the order's id.
 */
export async function createSpecialMeasureOrder(over: {
  hearingId: string;
  kind: string;
  participantId?: string | null;
  terms?: Record<string, unknown>;
  madeBy: string;
  reason?: string;
  revoked?: boolean;
}): Promise<{ id: string }> {
  const { rows } = await testDb().query(
    `INSERT INTO special_measure_orders (hearing_id, participant_id, kind, terms, reason, made_by, made_at, revoked_at, revoked_by, revoke_reason)
     VALUES ($1, $2, $3, $4, $5, $6, now(), $7, $8, $9) RETURNING id`,
    [
      over.hearingId,
      over.participantId ?? null,
      over.kind,
      JSON.stringify(over.terms ?? {}),
      over.reason ?? 'Arranged by a test',
      over.madeBy,
      over.revoked ? new Date() : null,
      over.revoked ? over.madeBy : null,
      over.revoked ? 'Revoked by a test' : null,
    ],
  );
  return { id: rows[0].id };
}
