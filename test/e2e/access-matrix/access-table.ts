import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { DocumentStore } from '@ejustice/filing';
import { MediaNodeDirectory } from '@ejustice/hearings';
import { AuditLog, SYSTEM_ACTOR } from '@ejustice/platform';
import { MaintainCaseSchedulingFacts, NO_SCHEDULING_FACTS } from '@ejustice/scheduling-data';
import type { Role } from '@ejustice/vocabulary/role';
import {
  type RunningApi,
  TEST_METRICS_TOKEN,
  createCase,
  createParticipant,
  createUser,
  http,
  login,
  testDb,
  uniqueSuffix,
} from '@ejustice/testing';
import { makePdf } from '../filing/filing-support';
import {
  ACTOR_LABELS,
  type Actor,
  LEVELS,
  type Level,
  type MatrixFixture,
  type Scene,
  type Side,
  fileThreeLevels,
  issueLink,
} from './matrix-fixture';

/*
 * The access matrix's table (proof R6): for every route the api mounts, who may use it, per
 * account role (and the anonymous caller, a hearing-link holder, the metrics scraper, and accounts
 * whose session ended, whose account was disabled or whose judge role was withdrawn), on the own
 * court's record or another court's, at every level of confidentiality of the case (and of the
 * document), by the actor's relation to the case; and a valid request for each. The rules are
 * restated from the code (guards, @Roles, canSeeCase / canReadMaterial / canReadDocument,
 * assertCanManageHearing, the order, seat and join-ticket rules), not imported from it, so that
 * the matrix can fail. access-matrix.e2e-spec.ts checks that the table names exactly the routes
 * the api mounts and runs it; canary-leaks.e2e-spec.ts runs it again to read every answer.
 */

/** A status the matrix expects, or for a list: answered 200, with the target among the items or not. */
export type Outcome = 200 | 201 | 202 | 204 | 401 | 403 | 404 | 'listed' | 'absent';

export interface Target {
  readonly side: Side;
  readonly level: Level;
  /** Documents only: the document's own level, and whether it is on the docket or still waiting for review. */
  readonly docLevel: Level;
  readonly docketed: boolean;
}

interface MatrixRequest {
  readonly params?: Record<string, string>;
  readonly query?: Record<string, string>;
  readonly body?: unknown;
  readonly form?: FormData;
  /** A file sent as the request body itself (with its type as Content-Type). */
  readonly file?: Blob;
  readonly headers?: Record<string, string>;
  /** In place of the actor's own credentials (a fresh session for the logout call). */
  readonly bearer?: string;
}

export interface Endpoint {
  /** What the endpoint acts on; it decides the targets the matrix crosses each actor with. */
  readonly on: 'nothing' | 'court' | 'case' | 'document';
  /** Changes the record: its allowed calls run after every read and every refusal. */
  readonly mutates?: true;
  /** Why the route is left out of the OpenAPI document. */
  readonly undocumented?: string;
  readonly expect: (a: Actor, t: Target) => Outcome;
  readonly request?: (m: MatrixRun, a: Actor, t: Target, allowed: boolean) => MatrixRequest | Promise<MatrixRequest>;
  /** Lists: whether the answer holds the target. */
  readonly lists?: (body: any, m: MatrixRun, t: Target) => boolean;
}

/** A room, interpreter, supporter, session or days off of the court, arranged directly, for one call that changes or removes it. */
async function freshResourceOf(
  courtId: string,
  what: 'room' | 'interpreter' | 'supporter' | 'session' | 'unavailability',
): Promise<string> {
  const name = `Matrix ${what} ${uniqueSuffix()}`;
  const sql = {
    room: `INSERT INTO scheduling_rooms (court_id, name, is_virtual) VALUES ($1, $2, true) RETURNING id`,
    interpreter: `INSERT INTO court_interpreters (court_id, name, languages) VALUES ($1, $2, '{ar}') RETURNING id`,
    supporter: `INSERT INTO court_supporters (court_id, name, role) VALUES ($1, $2, 'supporter') RETURNING id`,
    session: `INSERT INTO court_sessions (court_id, sitting_on, kind, starts_at, ends_at) VALUES ($1, $2, 'day', '09:00', '10:00') RETURNING id`,
    unavailability: `INSERT INTO scheduling_unavailability (room_id, from_date, to_date)
                     VALUES ((SELECT id FROM scheduling_rooms WHERE court_id = $1 ORDER BY id LIMIT 1), '2031-01-01', '2031-01-02') RETURNING id`,
  }[what];
  if (what === 'unavailability') await roomOf(courtId);
  const params = what === 'session' ? [courtId, nextMatrixDay()] : what === 'unavailability' ? [courtId] : [courtId, name];
  const { rows } = await testDb().query(sql, params);
  return rows[0].id;
}

/** One room per court, arranged the first time a request needs it (changed in place by an allowed PUT). */
const rooms = new Map<string, Promise<string>>();
function roomOf(courtId: string): Promise<string> {
  let room = rooms.get(courtId);
  if (!room) {
    room = freshResourceOf(courtId, 'room');
    rooms.set(courtId, room);
  }
  return room;
}

/** A different day for every session a call creates, so that none overlaps another. */
let matrixDays = 0;
function nextMatrixDay(): string {
  return new Date(Date.UTC(2030, 0, 1) + matrixDays++ * 86_400_000).toISOString().slice(0, 10);
}

const MATRIX_AVAILABILITY = { availableWeekdays: null, availableKinds: null };

/** One queued schedule run per court, arranged the first time a request needs it. */
const scheduleRuns = new Map<string, Promise<string>>();
function scheduleRunOf(courtId: string, requestedBy: string): Promise<string> {
  let run = scheduleRuns.get(courtId);
  if (!run) {
    run = testDb()
      .query(
        `INSERT INTO schedule_runs (court_id, requested_by, horizon_start, seed, time_limit_seconds) VALUES ($1, $2, '2027-03-01', 1, 1) RETURNING id`,
        [courtId, requestedBy],
      )
      .then((r) => r.rows[0].id as string);
    scheduleRuns.set(courtId, run);
  }
  return run;
}

/** A finished draft listing nothing, for one publication. */
async function emptyDraftOf(courtId: string, requestedBy: string): Promise<string> {
  const plan = {
    format: 'ejustice.schedule-plan/1',
    summary: { publishedMoved: 0 },
    assignments: [],
    unscheduled: [],
    custodyRisk: [],
    notes: [],
  };
  const { rows } = await testDb().query(
    `INSERT INTO schedule_runs (court_id, requested_by, status, progress, horizon_start, seed, time_limit_seconds, plan, finished_at)
     VALUES ($1, $2, 'done', 100, '2027-03-01', 1, 1, $3, now()) RETURNING id`,
    [courtId, requestedBy, JSON.stringify(plan)],
  );
  return rows[0].id;
}

/**
 * A finished draft listing one hearing of a case the court's data does not hold (so the draft
 * already breaks `unknown_reference`; moving the listing to where it is breaks nothing new), for
 * one manual move.
 */
async function oneListingDraftOf(courtId: string, requestedBy: string): Promise<string> {
  const plan = {
    format: 'ejustice.schedule-plan/1',
    summary: { publishedMoved: 0 },
    assignments: [MATRIX_LISTING],
    unscheduled: [],
    custodyRisk: [],
    notes: [],
  };
  const { rows } = await testDb().query(
    `INSERT INTO schedule_runs (court_id, requested_by, status, progress, horizon_start, seed, time_limit_seconds, plan, finished_at)
     VALUES ($1, $2, 'done', 100, '2027-03-01', 1, 1, $3, now()) RETURNING id`,
    [courtId, requestedBy, JSON.stringify(plan)],
  );
  return rows[0].id;
}
const MATRIX_LISTING = {
  case: 'MATRIX-MOVE-1',
  hearing: 0,
  part: 1,
  parts: 1,
  type: 'case_management',
  session: 'matrix-session',
  date: '2027-03-01',
  start: '09:30',
  end: '10:00',
  judge: 'matrix-judge',
  room: 'matrix-room',
  remote: false,
  interpreters: [],
};
const MATRIX_MOVE = {
  case: 'MATRIX-MOVE-1',
  hearing: 0,
  part: 1,
  session: 'matrix-session',
  start: '09:30',
  judge: 'matrix-judge',
  room: 'matrix-room',
};

/** A hearing not yet started in the case, for one cancellation. */
async function freshHearingIn(caseId: string): Promise<string> {
  const { rows } = await testDb().query(
    `INSERT INTO hearings (court_id, case_id, title, hearing_type, scheduled_start, scheduled_end)
     SELECT court_id, id, 'Matrix hearing to call off', 'case_management', now() + interval '5 days', now() + interval '5 days 1 hour'
       FROM cases WHERE id = $1 RETURNING id`,
    [caseId],
  );
  return rows[0].id;
}

/** A pending summons of a witness without an account in the scene's hearing, as a publication leaves one. */
async function freshSummonsIn(m: MatrixRun, t: Target): Promise<string> {
  const scene = m.scene(t);
  const participant = await createParticipant({ hearingId: scene.hearingId, hearingRole: 'witness', displayName: 'Summoned witness' });
  const runId = await scheduleRunOf(scene.court.id, m.side(t).account.id);
  const { rows } = await testDb().query(
    `INSERT INTO hearing_summonses (court_id, hearing_id, participant_id, schedule_run_id, reason, created_at)
     VALUES ($1, $2, $3, $4, 'listed', now()) RETURNING id`,
    [scene.court.id, scene.hearingId, participant.id, runId],
  );
  return rows[0].id;
}

// ---------------------------------------------------------------------------------------------
// The access rules, restated from the code (not imported from it, so that the matrix can fail).
// All actors are accounts of the own court; the other court's record is one they must not reach.

const has = (a: Actor, ...roles: Role[]) => a.roles.some((r) => roles.includes(r));
const own = (t: Target) => t.side === 'own';
/** isJudicialStaff: the judges and clerks of the record's court hold all of it. */
const bench = (a: Actor, t: Target) => own(t) && has(a, 'judge', 'clerk');
/** isLinkedToCase: a party, or counsel (prosecutor) acting for one. */
const linked = (a: Actor, t: Target) => own(t) && a.linked;
/** canSeeCase: the bench, the parties and their counsel, and observers of the court for public cases. */
const seesCase = (a: Actor, t: Target) => bench(a, t) || linked(a, t) || (own(t) && t.level === 'public' && has(a, 'observer'));
/** canReadMaterial: public to whoever sees the case, confidential to the bench and the parties, sealed to the bench. */
const readsMaterial = (a: Actor, t: Target, level: Level) =>
  seesCase(a, t) &&
  (level === 'public' || (level === 'confidential' && (bench(a, t) || linked(a, t))) || (level === 'sealed' && bench(a, t)));
const filer = (a: Actor, t: Target) => own(t) && a.filer;
/** canReadDocument: the bench; once docketed, whoever may read its level; its filer, unless sealed. */
const readsDocument = (a: Actor, t: Target) =>
  bench(a, t) || (t.docketed && readsMaterial(a, t, t.docLevel)) || (filer(a, t) && t.docLevel !== 'sealed');
/**
 * account-standing.ts: the bench's seat (and with it every protected name) comes from the account;
 * once the judge or clerk role is withdrawn, "the seat goes with it". Every other seat stands.
 */
const holdsSeat = (a: Actor) => !(a.hearingRole === 'judge' || a.hearingRole === 'clerk') || has(a, a.hearingRole);
const listedIn = (a: Actor, t: Target) => own(t) && a.hearingRole !== null && holdsSeat(a);
const presides = (a: Actor, t: Target) => own(t) && a.presiding && has(a, 'judge');
/** attendance.ts: who attends a confidential or sealed hearing without the presiding judge's leave. */
const attendsByRight = (a: Actor, t: Target) =>
  t.level === 'public' ||
  ['judge', 'clerk', 'prosecutor', 'defence_counsel', 'victim_counsel', 'witness', 'interpreter'].includes(a.hearingRole ?? '') ||
  (a.hearingRole === 'defendant' && a.linked);

/**
 * JwtAuthGuard: an access token of a live session of an enabled account, read with the account's
 * roles as they are now; anything else (a hearing-link token too) is 401.
 */
function signedIn(a: Actor, then: () => Outcome): Outcome {
  return a.kind === 'user' && !a.dead ? then() : 401;
}
/** RolesGuard, after it: an account without one of the roles is 403 whatever it asks for. */
function withRole(a: Actor, roles: Role[], then: () => Outcome): Outcome {
  return signedIn(a, () => (has(a, ...roles) ? then() : 403));
}
/**
 * The order rules (order-decisions.ts): a hearing of another court in which one is not listed
 * does not exist (404); anyone of the court, or listed in it, is refused outright (403).
 */
function hearingOrders(a: Actor, t: Target, allowed: boolean, status: Outcome): Outcome {
  return signedIn(a, () => (allowed ? status : !own(t) && !listedIn(a, t) ? 404 : 403));
}
/**
 * The join ticket (IssueJoinTicket): participants (leave permitting), the presiding judge and the
 * court's clerks. A bench seat whose judge or clerk role was withdrawn gets no ticket (403
 * auth.role_withdrawn), as the media node refuses it at the handshake
 * (account-revocation.e2e-spec.ts).
 */
function joinTicket(a: Actor, t: Target): Outcome {
  if (a.kind === 'link') return own(t) ? 200 : 403;
  return signedIn(a, () => {
    if (own(t) && a.hearingRole !== null) return holdsSeat(a) && attendsByRight(a, t) ? 200 : 403;
    return presides(a, t) || (own(t) && has(a, 'clerk')) ? 200 : 404;
  });
}

/**
 * canRequestCopy (certified-copy.ts): only a docketed document; a public document of a public
 * case to anyone at all; a sealed one to nobody without a judge's authorisation naming them (the
 * matrix's requests have none); anything else to whoever may read it (canReadMaterial).
 */
const openToAll = (t: Target) => t.docketed && t.level === 'public' && t.docLevel === 'public';
const requestsCopy = (a: Actor, t: Target) => openToAll(t) || (t.docketed && t.docLevel !== 'sealed' && readsMaterial(a, t, t.docLevel));
/**
 * CertifiedCopyQueries.loadVisible and list: a request is its requester's (each scene's copy was
 * requested by its court's filer) and its court's clerks'; anyone else is told it does not exist.
 */
const seesCopy = (a: Actor, t: Target) => own(t) && (a.filer || has(a, 'clerk'));
/**
 * DecideCertifiedCopy and decideCopyAction: another court's request does not exist (404); of the
 * court's own, only its clerks decide (403 certification.not_clerk), its judges included.
 */
function decidesCopy(a: Actor, t: Target): Outcome {
  return signedIn(a, () => (!own(t) ? 404 : has(a, 'clerk') ? 200 : 403));
}

/**
 * recording-access.ts: a hearing's recordings are its judges' (the presiding judge, a judge on its
 * panel whose account holds the role) and its court's clerks'; anyone else who may know the
 * hearing (the court's judges and clerks, those listed in it) is refused (403
 * recording.not_allowed), and to everyone else it does not exist.
 */
function recordings(a: Actor, t: Target): Outcome {
  const reads = own(t) && (has(a, 'clerk') || (has(a, 'judge') && (a.presiding || a.hearingRole === 'judge')));
  return signedIn(a, () => (reads ? 200 : bench(a, t) || listedIn(a, t) ? 403 : 404));
}

const NEXT_LEVEL: Record<Level, Level> = { public: 'confidential', confidential: 'sealed', sealed: 'public' };

// ---------------------------------------------------------------------------------------------
// The table: every route the api mounts, who may use it, and a valid request for it.

export const MATRIX: Record<string, Endpoint> = {
  // The platform's licence and source (about.controller.ts): everyone, as AGPL-3.0 section 13 asks.
  'GET /api/about': { on: 'nothing', expect: () => 200 },
  // Identity.
  'POST /api/auth/login': {
    on: 'nothing',
    mutates: true,
    expect: () => 200,
    request: (m) => ({ body: { email: m.fx.signInUser.email, password: m.fx.signInUser.password } }),
  },
  'POST /api/auth/refresh': {
    on: 'nothing',
    mutates: true,
    expect: () => 200,
    request: async (m) => ({ body: { refreshToken: (await m.signIn(m.fx.signInUser)).refreshToken } }),
  },
  'POST /api/auth/logout': {
    on: 'nothing',
    mutates: true,
    expect: (a) => signedIn(a, () => 204),
    // The session ended is a fresh one of the actor's, so their own token keeps working.
    request: async (m, a, _t, allowed) => (allowed ? { bearer: (await m.signIn(a.user!)).accessToken } : {}),
  },
  'GET /api/me': { on: 'nothing', expect: (a) => signedIn(a, () => 200) },
  'POST /api/admin/users/{id}/disable': {
    on: 'court',
    mutates: true,
    expect: (a, t) => withRole(a, ['admin'], () => (own(t) ? 200 : 404)),
    request: async (m, _a, t, allowed) => ({ params: { id: allowed ? (await m.freshAccount(false)).id : m.side(t).account.id } }),
  },
  'POST /api/admin/users/{id}/enable': {
    on: 'court',
    mutates: true,
    expect: (a, t) => withRole(a, ['admin'], () => (own(t) ? 200 : 404)),
    request: async (m, _a, t, allowed) => ({ params: { id: allowed ? (await m.freshAccount(true)).id : m.side(t).account.id } }),
  },
  'PUT /api/admin/users/{id}/roles': {
    on: 'court',
    mutates: true,
    expect: (a, t) => withRole(a, ['admin'], () => (own(t) ? 200 : 404)),
    request: async (m, _a, t, allowed) => ({
      params: { id: allowed ? (await m.freshAccount(false)).id : m.side(t).account.id },
      body: { roles: ['party', 'observer'] },
    }),
  },
  // The queue board's cookie (admin-queue-board.controller.ts); the board itself, mounted beside
  // Nest's routes at /api/admin/queues/, has its own suite (queue-board.e2e-spec.ts).
  'POST /api/admin/queue-board/session': { on: 'nothing', expect: (a) => withRole(a, ['admin'], () => 204) },
  // Media nodes (admin-media-nodes.controller.ts): the administrators; a node serves every court,
  // so no court or case decides. Each allowed drain acts on a node of its own, so that the suite's
  // node keeps taking the hearings that join tickets place.
  'GET /api/admin/media-nodes': { on: 'nothing', expect: (a) => withRole(a, ['admin'], () => 200) },
  'POST /api/admin/media-nodes/{nodeId}/drain': {
    on: 'nothing',
    mutates: true,
    expect: (a) => withRole(a, ['admin'], () => 200),
    request: async (m, _a, _t, allowed) => ({ params: { nodeId: allowed ? await m.freshMediaNode(false) : 'matrix-no-such-node' } }),
  },
  'DELETE /api/admin/media-nodes/{nodeId}/drain': {
    on: 'nothing',
    mutates: true,
    expect: (a) => withRole(a, ['admin'], () => 200),
    request: async (m, _a, _t, allowed) => ({ params: { nodeId: allowed ? await m.freshMediaNode(true) : 'matrix-no-such-node' } }),
  },

  // Cases.
  'GET /api/cases': {
    on: 'case',
    expect: (a, t) => signedIn(a, () => (seesCase(a, t) ? 'listed' : 'absent')),
    request: () => ({ query: { limit: '200' } }),
    lists: (body, m, t) => body.items.some((c: { id: string }) => c.id === m.scene(t).caseId),
  },
  'GET /api/cases/{id}': {
    on: 'case',
    expect: (a, t) => signedIn(a, () => (seesCase(a, t) ? 200 : 404)),
    request: (m, _a, t) => ({ params: { id: m.scene(t).caseId } }),
  },
  'POST /api/cases/{id}/confidentiality': {
    on: 'case',
    mutates: true,
    expect: (a, t) => withRole(a, ['judge'], () => (own(t) ? 200 : 404)),
    request: async (m, _a, t, allowed) => ({
      params: { id: allowed ? (await m.freshCase(t.level)).id : m.scene(t).caseId },
      body: { confidentiality: NEXT_LEVEL[t.level], reason: 'Order of the court in the matrix' },
    }),
  },
  'GET /api/cases/{id}/docket': {
    on: 'document',
    expect: (a, t) => signedIn(a, () => (!seesCase(a, t) ? 404 : t.docketed && readsMaterial(a, t, t.docLevel) ? 'listed' : 'absent')),
    request: (m, _a, t) => ({ params: { id: m.scene(t).caseId } }),
    lists: (body, m, t) => body.entries.some((e: { documents: { id: string }[] }) => e.documents.some((d) => d.id === m.document(t))),
  },

  // Hearings.
  'GET /api/hearings/today': {
    on: 'case',
    expect: (a, t) =>
      withRole(a, ['judge', 'clerk'], () => (own(t) && (has(a, 'clerk') || presides(a, t) || listedIn(a, t)) ? 'listed' : 'absent')),
    lists: (body, m, t) => body.some((h: { id: string }) => h.id === m.scene(t).hearingId),
  },
  // A case's hearings (its page): the court's judges and clerks, every hearing of the case; another court's case is 404.
  'GET /api/cases/{caseId}/hearings': {
    on: 'case',
    expect: (a, t) => withRole(a, ['judge', 'clerk'], () => (own(t) ? 'listed' : 404)),
    request: (m, _a, t) => ({ params: { caseId: m.scene(t).caseId } }),
    lists: (body, m, t) => body.some((h: { id: string }) => h.id === m.scene(t).hearingId),
  },
  'GET /api/hearings/mine': {
    on: 'case',
    expect: (a, t) => signedIn(a, () => (listedIn(a, t) ? 'listed' : 'absent')),
    lists: (body, m, t) => body.some((h: { id: string }) => h.id === m.scene(t).hearingId),
  },
  'GET /api/hearings/{id}': {
    on: 'case',
    expect: (a, t) => signedIn(a, () => (bench(a, t) || listedIn(a, t) ? 200 : 404)),
    request: (m, _a, t) => ({ params: { id: m.scene(t).hearingId } }),
  },
  'POST /api/hearings/{id}/join-ticket': {
    on: 'case',
    // A clerk joining is added to the hearing; the hearing is placed on a media node.
    mutates: true,
    expect: joinTicket,
    request: (m, _a, t) => ({ params: { id: m.scene(t).hearingId } }),
  },
  'POST /api/hearings': {
    on: 'case',
    mutates: true,
    expect: (a, t) => withRole(a, ['judge', 'clerk'], () => (own(t) ? 201 : 404)),
    request: (m, _a, t) => ({
      body: {
        caseId: m.scene(t).caseId,
        title: 'Matrix hearing',
        hearingType: 'case_management',
        scheduledStart: new Date(Date.now() + 3 * 86_400_000).toISOString(),
        scheduledEnd: new Date(Date.now() + 3 * 86_400_000 + 3_600_000).toISOString(),
      },
    }),
  },
  'POST /api/hearings/{id}/participants': {
    on: 'case',
    mutates: true,
    expect: (a, t) => withRole(a, ['judge', 'clerk'], () => (own(t) ? 201 : 404)),
    request: (m, _a, t) => ({ params: { id: m.scene(t).hearingId }, body: { hearingRole: 'witness', displayName: 'Matrix witness' } }),
  },
  'POST /api/hearings/{id}/participants/{participantId}/withdraw': {
    on: 'case',
    mutates: true,
    expect: (a, t) => withRole(a, ['judge', 'clerk'], () => (own(t) ? 200 : 404)),
    // A seat is withdrawn once: each allowed request withdraws a witness of its own.
    request: async (m, _a, t, allowed) => ({
      params: { id: m.scene(t).hearingId, participantId: allowed ? await m.freshWitness(t) : m.scene(t).linkSubject },
    }),
  },
  'POST /api/hearings/{id}/participants/{participantId}/links': {
    on: 'case',
    mutates: true,
    expect: (a, t) => withRole(a, ['judge', 'clerk'], () => (own(t) ? 201 : 404)),
    request: (m, _a, t) => ({ params: { id: m.scene(t).hearingId, participantId: m.scene(t).linkSubject }, body: {} }),
  },
  'GET /api/hearings/{id}/participants/{participantId}/links': {
    on: 'case',
    expect: (a, t) => signedIn(a, () => (bench(a, t) ? 200 : 404)),
    request: (m, _a, t) => ({ params: { id: m.scene(t).hearingId, participantId: m.scene(t).linkSubject } }),
  },
  'POST /api/hearing-links/exchange': {
    on: 'nothing',
    mutates: true,
    expect: () => 200,
    request: async (m) => ({ body: { token: await m.freshLinkToken() } }),
  },
  'POST /api/hearing-links/{linkId}/revoke': {
    on: 'case',
    mutates: true,
    expect: (a, t) => withRole(a, ['judge', 'clerk'], () => (own(t) ? 204 : 404)),
    request: async (m, _a, t, allowed) => ({ params: { linkId: allowed ? await m.freshLink(t) : m.scene(t).linkId } }),
  },
  'GET /api/hearings/{id}/orders': {
    on: 'case',
    expect: (a, t) => hearingOrders(a, t, presides(a, t) || bench(a, t), 200),
    request: (m, _a, t) => ({ params: { id: m.scene(t).hearingId } }),
  },
  'POST /api/hearings/{id}/orders': {
    on: 'case',
    mutates: true,
    expect: (a, t) => hearingOrders(a, t, presides(a, t), 201),
    request: async (m, _a, t, allowed) => ({
      params: { id: m.scene(t).hearingId },
      body: { kind: 'audio_only', participantId: allowed ? await m.freshWitness(t) : m.scene(t).orderSubject, reason: 'Matrix measure' },
    }),
  },
  'PATCH /api/hearings/{id}/orders/{orderId}': {
    on: 'case',
    mutates: true,
    expect: (a, t) => hearingOrders(a, t, presides(a, t), 200),
    request: (m, _a, t) => ({
      params: { id: m.scene(t).hearingId, orderId: m.scene(t).changeOrderId },
      body: { reason: 'Matrix measure, reasons amended', version: 1 },
    }),
  },
  'POST /api/hearings/{id}/orders/{orderId}/revoke': {
    on: 'case',
    mutates: true,
    expect: (a, t) => hearingOrders(a, t, presides(a, t), 200),
    request: (m, _a, t) => ({
      params: { id: m.scene(t).hearingId, orderId: m.scene(t).revokeOrderId },
      body: { reason: 'Matrix measure no longer needed' },
    }),
  },

  // Filing.
  'GET /api/filing-policy': {
    on: 'court',
    // A court's filing rules (types, limits, fees, reason codes) are published to every filer.
    expect: (a) => signedIn(a, () => 200),
    request: (m, _a, t) => ({ query: { courtId: m.side(t).court.id } }),
  },
  'GET /api/filing-policy/fee': {
    on: 'case',
    expect: (a, t) => signedIn(a, () => (seesCase(a, t) ? 200 : 404)),
    request: (m, _a, t) => ({ query: { filingType: 'motion', caseId: m.scene(t).caseId } }),
  },
  'POST /api/filings': {
    on: 'case',
    mutates: true,
    expect: (a, t) => withRole(a, ['party', 'counsel', 'prosecutor', 'observer'], () => (!seesCase(a, t) ? 404 : linked(a, t) ? 201 : 403)),
    request: async (m, _a, t) => {
      const form = new FormData();
      form.append(
        'metadata',
        JSON.stringify({
          filingType: 'motion',
          caseId: m.scene(t).caseId,
          title: 'Matrix motion',
          confidentiality: t.level,
          documents: [{ title: 'Motion' }],
        }),
      );
      form.append('documents', new Blob([Buffer.from(await makePdf())], { type: 'application/pdf' }), 'motion.pdf');
      return { form, headers: { 'idempotency-key': `matrix-${uniqueSuffix()}${uniqueSuffix()}` } };
    },
  },
  'GET /api/filings': {
    on: 'case',
    expect: (a, t) => signedIn(a, () => (bench(a, t) || filer(a, t) ? 'listed' : 'absent')),
    request: () => ({ query: { limit: '200' } }),
    lists: (body, m, t) => body.items.some((f: { id: string }) => f.id === m.scene(t).docketed.id),
  },
  'GET /api/filings/queue': {
    on: 'case',
    expect: (a, t) => withRole(a, ['clerk', 'judge'], () => (own(t) ? 'listed' : 403)),
    request: (m, _a, t) => ({ query: { courtId: m.side(t).court.id, limit: '200' } }),
    lists: (body, m, t) => body.items.some((f: { id: string }) => f.id === m.scene(t).pending.id),
  },
  'GET /api/filings/{id}': {
    on: 'case',
    expect: (a, t) => signedIn(a, () => (bench(a, t) || filer(a, t) ? 200 : 404)),
    request: (m, _a, t) => ({ params: { id: m.scene(t).docketed.id } }),
  },
  'GET /api/filings/{id}/history': {
    on: 'case',
    expect: (a, t) => signedIn(a, () => (bench(a, t) || filer(a, t) ? 200 : 404)),
    request: (m, _a, t) => ({ params: { id: m.scene(t).docketed.id } }),
  },
  'GET /api/filings/{id}/receipt.pdf': {
    on: 'case',
    expect: (a, t) => signedIn(a, () => (bench(a, t) || filer(a, t) ? 200 : 404)),
    request: (m, _a, t) => ({ params: { id: m.scene(t).docketed.id } }),
  },
  'POST /api/filings/{id}/claim': {
    on: 'case',
    mutates: true,
    expect: (a, t) => withRole(a, ['clerk', 'judge'], () => (own(t) ? 200 : 404)),
    request: async (m, _a, t, allowed) => ({ params: { id: allowed ? await m.freshFiling(t, null) : m.scene(t).pending.id } }),
  },
  'POST /api/filings/{id}/release': {
    on: 'case',
    mutates: true,
    expect: (a, t) => withRole(a, ['clerk', 'judge'], () => (own(t) ? 200 : 404)),
    request: async (m, a, t, allowed) => ({ params: { id: allowed ? await m.freshFiling(t, a) : m.scene(t).pending.id } }),
  },
  'POST /api/filings/{id}/review': {
    on: 'case',
    mutates: true,
    expect: (a, t) => withRole(a, ['clerk', 'judge'], () => (own(t) ? 200 : 404)),
    request: async (m, a, t, allowed) => ({
      params: { id: allowed ? await m.freshFiling(t, a) : m.scene(t).pending.id },
      body: { action: 'reject', reasonCode: 'wrong_case', note: 'Refused in the matrix' },
    }),
  },
  'GET /api/filing-documents/{id}/content': {
    on: 'document',
    expect: (a, t) => signedIn(a, () => (readsDocument(a, t) ? 200 : 404)),
    request: (m, _a, t) => ({ params: { id: m.document(t) } }),
  },
  'GET /api/inbox': {
    on: 'court',
    expect: (a, t) => signedIn(a, () => (filer(a, t) ? 'listed' : 'absent')),
    request: () => ({ query: { limit: '200' } }),
    lists: (body, m, t) => body.items.some((i: { id: string }) => i.id === m.side(t).inboxMessageId),
  },
  'POST /api/inbox/{id}/read': {
    on: 'court',
    mutates: true,
    expect: (a, t) => signedIn(a, () => (filer(a, t) ? 200 : 404)),
    request: (m, _a, t) => ({ params: { id: m.side(t).inboxMessageId } }),
  },

  // Scheduling (schedule-run-permission.ts): the clerks and judges of the court, and nobody else.
  'POST /api/courts/{courtId}/schedule-runs': {
    on: 'court',
    mutates: true,
    expect: (a, t) => signedIn(a, () => (has(a, 'clerk', 'judge') && own(t) ? 202 : 403)),
    request: (m, _a, t) => ({ params: { courtId: m.side(t).court.id }, body: { horizonStart: '2027-03-01' } }),
  },
  'GET /api/courts/{courtId}/schedule-runs/{id}': {
    on: 'court',
    expect: (a, t) => signedIn(a, () => (has(a, 'clerk', 'judge') && own(t) ? 200 : 403)),
    request: async (m, _a, t) => ({
      params: { courtId: m.side(t).court.id, id: await scheduleRunOf(m.side(t).court.id, m.side(t).account.id) },
    }),
  },
  // Only a clerk of the court publishes (assertMayPublish); each allowed call publishes a draft of its own.
  'POST /api/courts/{courtId}/schedule-runs/{id}/publish': {
    on: 'court',
    mutates: true,
    expect: (a, t) => signedIn(a, () => (has(a, 'clerk') && own(t) ? 200 : 403)),
    request: async (m, _a, t, allowed) => ({
      params: {
        courtId: m.side(t).court.id,
        id: allowed
          ? await emptyDraftOf(m.side(t).court.id, m.side(t).account.id)
          : await scheduleRunOf(m.side(t).court.id, m.side(t).account.id),
      },
    }),
  },
  // The schedule board (schedule-moves.use-case.ts): the list for clerks and judges; moves for the clerks only.
  'GET /api/courts/{courtId}/schedule-runs': {
    on: 'court',
    expect: (a, t) => signedIn(a, () => (has(a, 'clerk', 'judge') && own(t) ? 200 : 403)),
    request: (m, _a, t) => ({ params: { courtId: m.side(t).court.id } }),
  },
  'POST /api/courts/{courtId}/schedule-runs/{id}/moves/check': {
    on: 'court',
    expect: (a, t) => signedIn(a, () => (has(a, 'clerk') && own(t) ? 200 : 403)),
    request: async (m, _a, t) => ({
      params: { courtId: m.side(t).court.id, id: await emptyDraftOf(m.side(t).court.id, m.side(t).account.id) },
      body: MATRIX_MOVE,
    }),
  },
  'POST /api/courts/{courtId}/schedule-runs/{id}/moves': {
    on: 'court',
    mutates: true,
    expect: (a, t) => signedIn(a, () => (has(a, 'clerk') && own(t) ? 200 : 403)),
    request: async (m, _a, t) => ({
      params: { courtId: m.side(t).court.id, id: await oneListingDraftOf(m.side(t).court.id, m.side(t).account.id) },
      body: MATRIX_MOVE,
    }),
  },
  // CancelHearing: the clerks and judges (403 for anyone else), of the hearing's court (404 for another's); each allowed call calls off a hearing of its own.
  'POST /api/hearings/{id}/cancel': {
    on: 'case',
    mutates: true,
    expect: (a, t) => withRole(a, ['judge', 'clerk'], () => (own(t) ? 200 : 404)),
    request: async (m, _a, t, allowed) => ({
      params: { id: allowed ? await freshHearingIn(m.scene(t).caseId) : m.scene(t).hearingId },
      body: { reason: 'judge_unavailable' },
    }),
  },
  // Summonses (summons-decisions.ts): the court's clerks and judges read them; its clerks record a
  // delivery (RolesGuard: 403 for anyone else), a summons of another court is 404; each allowed
  // call delivers a summons of its own.
  'GET /api/courts/{courtId}/summonses': {
    on: 'court',
    expect: (a, t) => signedIn(a, () => (has(a, 'clerk', 'judge') && own(t) ? 200 : 403)),
    request: (m, _a, t) => ({ params: { courtId: m.side(t).court.id }, query: { status: 'pending' } }),
  },
  'POST /api/summonses/{id}/delivery': {
    on: 'case',
    mutates: true,
    expect: (a, t) => withRole(a, ['clerk'], () => (own(t) ? 200 : 404)),
    request: async (m, _a, t, allowed) => ({
      params: { id: allowed ? await freshSummonsIn(m, t) : m.scene(t).summonsId },
      body: { method: 'phone' },
    }),
  },
  // Backlog analytics (backlog.queries.ts): the same rule as the scheduler's, the risk list names custody cases.
  'GET /api/courts/{courtId}/backlog': {
    on: 'court',
    expect: (a, t) => signedIn(a, () => (has(a, 'clerk', 'judge') && own(t) ? 200 : 403)),
    request: (m, _a, t) => ({ params: { courtId: m.side(t).court.id }, query: { period: 'quarter' } }),
  },
  'GET /api/courts/{courtId}/backlog/forecast': {
    on: 'court',
    expect: (a, t) => signedIn(a, () => (has(a, 'clerk', 'judge') && own(t) ? 200 : 403)),
    request: (m, _a, t) => ({ params: { courtId: m.side(t).court.id }, query: { scenario: 'night_sessions,virtual_rooms', weeks: '8' } }),
  },
  // A court's scheduling resources and policy (libs/scheduling-data/src/resources/resource-rules.ts):
  // its clerks, judges and administrators read them; its clerks and administrators change them.
  'GET /api/courts/{courtId}/scheduling/judges': {
    on: 'court',
    expect: (a, t) => signedIn(a, () => (has(a, 'clerk', 'judge', 'admin') && own(t) ? 200 : 403)),
    request: (m, _a, t) => ({ params: { courtId: m.side(t).court.id } }),
  },
  'PUT /api/courts/{courtId}/scheduling/judges/{userId}': {
    on: 'court',
    mutates: true,
    expect: (a, t) => signedIn(a, () => (has(a, 'clerk', 'admin') && own(t) ? 200 : 403)),
    request: (m, _a, t) => ({
      params: { courtId: m.side(t).court.id, userId: m.side(t).judge.id },
      body: { specialisms: [], sittingWeekdays: null, sittingKinds: null, maxSittingMinutesPerDay: 360 },
    }),
  },
  'GET /api/courts/{courtId}/scheduling/rooms': {
    on: 'court',
    expect: (a, t) => signedIn(a, () => (has(a, 'clerk', 'judge', 'admin') && own(t) ? 200 : 403)),
    request: (m, _a, t) => ({ params: { courtId: m.side(t).court.id } }),
  },
  'POST /api/courts/{courtId}/scheduling/rooms': {
    on: 'court',
    mutates: true,
    expect: (a, t) => signedIn(a, () => (has(a, 'clerk', 'admin') && own(t) ? 201 : 403)),
    request: (m, _a, t) => ({
      params: { courtId: m.side(t).court.id },
      body: { name: `Matrix room ${uniqueSuffix()}`, virtual: true, equipment: [], ...MATRIX_AVAILABILITY },
    }),
  },
  'PUT /api/courts/{courtId}/scheduling/rooms/{id}': {
    on: 'court',
    mutates: true,
    expect: (a, t) => signedIn(a, () => (has(a, 'clerk', 'admin') && own(t) ? 200 : 403)),
    request: async (m, _a, t) => ({
      params: { courtId: m.side(t).court.id, id: await roomOf(m.side(t).court.id) },
      body: { name: `Matrix room ${uniqueSuffix()}`, virtual: true, equipment: [], ...MATRIX_AVAILABILITY },
    }),
  },
  'DELETE /api/courts/{courtId}/scheduling/rooms/{id}': {
    on: 'court',
    mutates: true,
    expect: (a, t) => signedIn(a, () => (has(a, 'clerk', 'admin') && own(t) ? 204 : 403)),
    request: async (m, _a, t) => ({ params: { courtId: m.side(t).court.id, id: await freshResourceOf(m.side(t).court.id, 'room') } }),
  },
  'GET /api/courts/{courtId}/scheduling/interpreters': {
    on: 'court',
    expect: (a, t) => signedIn(a, () => (has(a, 'clerk', 'judge', 'admin') && own(t) ? 200 : 403)),
    request: (m, _a, t) => ({ params: { courtId: m.side(t).court.id } }),
  },
  'POST /api/courts/{courtId}/scheduling/interpreters': {
    on: 'court',
    mutates: true,
    expect: (a, t) => signedIn(a, () => (has(a, 'clerk', 'admin') && own(t) ? 201 : 403)),
    request: (m, _a, t) => ({
      params: { courtId: m.side(t).court.id },
      body: { name: 'Matrix interpreter', languages: ['fr'], ...MATRIX_AVAILABILITY },
    }),
  },
  'PUT /api/courts/{courtId}/scheduling/interpreters/{id}': {
    on: 'court',
    mutates: true,
    expect: (a, t) => signedIn(a, () => (has(a, 'clerk', 'admin') && own(t) ? 200 : 403)),
    request: async (m, _a, t) => ({
      params: { courtId: m.side(t).court.id, id: await freshResourceOf(m.side(t).court.id, 'interpreter') },
      body: { name: 'Matrix interpreter', languages: ['fr'], ...MATRIX_AVAILABILITY },
    }),
  },
  'DELETE /api/courts/{courtId}/scheduling/interpreters/{id}': {
    on: 'court',
    mutates: true,
    expect: (a, t) => signedIn(a, () => (has(a, 'clerk', 'admin') && own(t) ? 204 : 403)),
    request: async (m, _a, t) => ({
      params: { courtId: m.side(t).court.id, id: await freshResourceOf(m.side(t).court.id, 'interpreter') },
    }),
  },
  'GET /api/courts/{courtId}/scheduling/supporters': {
    on: 'court',
    expect: (a, t) => signedIn(a, () => (has(a, 'clerk', 'judge', 'admin') && own(t) ? 200 : 403)),
    request: (m, _a, t) => ({ params: { courtId: m.side(t).court.id } }),
  },
  'POST /api/courts/{courtId}/scheduling/supporters': {
    on: 'court',
    mutates: true,
    expect: (a, t) => signedIn(a, () => (has(a, 'clerk', 'admin') && own(t) ? 201 : 403)),
    request: (m, _a, t) => ({
      params: { courtId: m.side(t).court.id },
      body: { name: 'Matrix supporter', role: 'intermediary', ...MATRIX_AVAILABILITY },
    }),
  },
  'PUT /api/courts/{courtId}/scheduling/supporters/{id}': {
    on: 'court',
    mutates: true,
    expect: (a, t) => signedIn(a, () => (has(a, 'clerk', 'admin') && own(t) ? 200 : 403)),
    request: async (m, _a, t) => ({
      params: { courtId: m.side(t).court.id, id: await freshResourceOf(m.side(t).court.id, 'supporter') },
      body: { name: 'Matrix supporter', role: 'intermediary', ...MATRIX_AVAILABILITY },
    }),
  },
  'DELETE /api/courts/{courtId}/scheduling/supporters/{id}': {
    on: 'court',
    mutates: true,
    expect: (a, t) => signedIn(a, () => (has(a, 'clerk', 'admin') && own(t) ? 204 : 403)),
    request: async (m, _a, t) => ({ params: { courtId: m.side(t).court.id, id: await freshResourceOf(m.side(t).court.id, 'supporter') } }),
  },
  'GET /api/courts/{courtId}/scheduling/sessions': {
    on: 'court',
    expect: (a, t) => signedIn(a, () => (has(a, 'clerk', 'judge', 'admin') && own(t) ? 200 : 403)),
    request: (m, _a, t) => ({ params: { courtId: m.side(t).court.id }, query: { from: '2030-01-01', to: '2030-12-31' } }),
  },
  'POST /api/courts/{courtId}/scheduling/sessions': {
    on: 'court',
    mutates: true,
    expect: (a, t) => signedIn(a, () => (has(a, 'clerk', 'admin') && own(t) ? 201 : 403)),
    request: (m, _a, t) => ({
      params: { courtId: m.side(t).court.id },
      body: { date: nextMatrixDay(), kind: 'night', start: '18:00', end: '20:00' },
    }),
  },
  'POST /api/courts/{courtId}/scheduling/sessions/pattern': {
    on: 'court',
    mutates: true,
    expect: (a, t) => signedIn(a, () => (has(a, 'clerk', 'admin') && own(t) ? 201 : 403)),
    request: (m, _a, t) => {
      const day = nextMatrixDay();
      return {
        params: { courtId: m.side(t).court.id },
        body: { from: day, to: day, sittings: [{ weekdays: [1, 2, 3, 4, 5, 6, 7], kind: 'day', start: '13:00', end: '16:00' }] },
      };
    },
  },
  'DELETE /api/courts/{courtId}/scheduling/sessions/{id}': {
    on: 'court',
    mutates: true,
    expect: (a, t) => signedIn(a, () => (has(a, 'clerk', 'admin') && own(t) ? 204 : 403)),
    request: async (m, _a, t) => ({ params: { courtId: m.side(t).court.id, id: await freshResourceOf(m.side(t).court.id, 'session') } }),
  },
  'GET /api/courts/{courtId}/scheduling/unavailability': {
    on: 'court',
    expect: (a, t) => signedIn(a, () => (has(a, 'clerk', 'judge', 'admin') && own(t) ? 200 : 403)),
    request: (m, _a, t) => ({ params: { courtId: m.side(t).court.id } }),
  },
  'POST /api/courts/{courtId}/scheduling/unavailability': {
    on: 'court',
    mutates: true,
    expect: (a, t) => signedIn(a, () => (has(a, 'clerk', 'admin') && own(t) ? 201 : 403)),
    request: async (m, _a, t) => ({
      params: { courtId: m.side(t).court.id },
      body: { roomId: await roomOf(m.side(t).court.id), from: '2031-02-01', to: '2031-02-03' },
    }),
  },
  'DELETE /api/courts/{courtId}/scheduling/unavailability/{id}': {
    on: 'court',
    mutates: true,
    expect: (a, t) => signedIn(a, () => (has(a, 'clerk', 'admin') && own(t) ? 204 : 403)),
    request: async (m, _a, t) => ({
      params: { courtId: m.side(t).court.id, id: await freshResourceOf(m.side(t).court.id, 'unavailability') },
    }),
  },
  'GET /api/courts/{courtId}/scheduling/policy': {
    on: 'court',
    expect: (a, t) => signedIn(a, () => (has(a, 'clerk', 'judge', 'admin') && own(t) ? 200 : 403)),
    request: (m, _a, t) => ({ params: { courtId: m.side(t).court.id } }),
  },
  'PUT /api/courts/{courtId}/scheduling/policy': {
    on: 'court',
    mutates: true,
    expect: (a, t) => signedIn(a, () => (has(a, 'clerk', 'admin') && own(t) ? 200 : 403)),
    request: (m, _a, t) => ({
      params: { courtId: m.side(t).court.id },
      body: { timeLimitSeconds: 10, horizonDays: 28, nightlyHour: null, policy: { unscheduledPenaltyDays: 180 } },
    }),
  },
  // A case's scheduling facts (case-scheduling-facts.use-case.ts): its court's clerks and judges
  // read them, its clerks replace them (403 for anyone else); a case of another court is 404. An
  // allowed change sends the version the case's facts have now.
  'GET /api/cases/{caseId}/scheduling': {
    on: 'case',
    expect: (a, t) => withRole(a, ['clerk', 'judge'], () => (own(t) ? 200 : 404)),
    request: (m, _a, t) => ({ params: { caseId: m.scene(t).caseId } }),
  },
  'PUT /api/cases/{caseId}/scheduling': {
    on: 'case',
    mutates: true,
    expect: (a, t) => withRole(a, ['clerk'], () => (own(t) ? 200 : 404)),
    request: async (m, _a, t, allowed) => {
      const caseId = m.scene(t).caseId;
      const facts = m.api.app.get(MaintainCaseSchedulingFacts);
      const version = allowed ? (await facts.read({ courtId: m.side(t).court.id, roles: ['clerk'] }, caseId)).version : 'matrix-version';
      return {
        params: { caseId },
        body: { ...NO_SCHEDULING_FACTS, hearings: [{ type: 'trial', minutes: 60, minDaysAfterPrevious: null }], version },
      };
    },
  },

  // Certified copies. The requests and copies the calls act on are arranged directly in the
  // database (MatrixRun.sceneCopy, freshCopy, publicCopy), issued without the seal job.
  // The quote asks what the request asks (assessCopyRequest): the same answer, 200 for 201.
  'GET /api/certified-copies/fee': {
    on: 'document',
    expect: (a, t) => signedIn(a, () => (requestsCopy(a, t) ? 200 : 404)),
    request: (m, _a, t) => ({ query: { documentId: m.document(t), copies: '2' } }),
  },
  'POST /api/certified-copies': {
    on: 'document',
    mutates: true,
    expect: (a, t) => signedIn(a, () => (requestsCopy(a, t) ? 201 : 404)),
    request: (m, _a, t) => ({ body: { documentId: m.document(t), copies: 1, purpose: 'Matrix certified copy' } }),
  },
  'GET /api/certified-copies': {
    on: 'case',
    expect: (a, t) => signedIn(a, () => (seesCopy(a, t) ? 'listed' : 'absent')),
    request: async (m, _a, t) => {
      await m.sceneCopy(t);
      return {};
    },
    lists: (body, m, t) => body.some((c: { id: string }) => c.id === m.sceneCopyId(t)),
  },
  'GET /api/certified-copies/{id}': {
    on: 'case',
    expect: (a, t) => signedIn(a, () => (seesCopy(a, t) ? 200 : 404)),
    request: async (m, _a, t) => ({ params: { id: await m.sceneCopy(t) } }),
  },
  'POST /api/certified-copies/{id}/download-link': {
    on: 'case',
    mutates: true,
    expect: (a, t) => signedIn(a, () => (seesCopy(a, t) ? 200 : 404)),
    request: async (m, _a, t) => ({ params: { id: await m.sceneCopy(t) } }),
  },
  'POST /api/certified-copies/{id}/approve': {
    on: 'case',
    mutates: true,
    expect: decidesCopy,
    request: async (m, _a, t, allowed) => ({ params: { id: allowed ? await m.freshCopy(t, 'requested') : await m.sceneCopy(t) } }),
  },
  'POST /api/certified-copies/{id}/refuse': {
    on: 'case',
    mutates: true,
    expect: decidesCopy,
    request: async (m, _a, t, allowed) => ({
      params: { id: allowed ? await m.freshCopy(t, 'requested') : await m.sceneCopy(t) },
      body: { reason: 'Refused in the matrix' },
    }),
  },
  'POST /api/certified-copies/{id}/payment': {
    on: 'case',
    mutates: true,
    expect: decidesCopy,
    request: async (m, _a, t, allowed) => ({
      params: { id: allowed ? await m.freshCopy(t, 'requested') : await m.sceneCopy(t) },
      body: { outcome: 'paid', note: 'Matrix receipt' },
    }),
  },
  'POST /api/certified-copies/{id}/revoke': {
    on: 'case',
    mutates: true,
    expect: decidesCopy,
    request: async (m, _a, t, allowed) => ({
      params: { id: allowed ? await m.freshCopy(t, 'issued') : await m.sceneCopy(t) },
      body: { reason: 'Revoked in the matrix' },
    }),
  },
  'POST /api/certified-copy-authorisations': {
    on: 'case',
    mutates: true,
    // AuthoriseSealedCopy: a docketed document of the caller's own court (another court's is not
    // found, so nobody learns which ids are docketed elsewhere), then a judge of it; anyone else
    // is refused (403 certification.not_judge).
    expect: (a, t) => signedIn(a, () => (!own(t) ? 404 : has(a, 'judge') ? 201 : 403)),
    request: async (m, _a, t, allowed) => ({
      body: {
        documentId: m.scene(t).docketed.documents.sealed,
        userId: allowed ? (await m.freshAccount(false)).id : m.side(t).account.id,
        reason: 'Authorised in the matrix',
      },
    }),
  },
  // Without an account: the request's access key, the download link's token and the register
  // answer whoever holds them, the same for every actor.
  'GET /api/public/certified-copies/fee': {
    on: 'document',
    expect: (_a, t) => (openToAll(t) ? 200 : 404),
    request: (m, _a, t) => ({ query: { documentId: m.document(t), copies: '2' } }),
  },
  'POST /api/public/certified-copies': {
    on: 'document',
    mutates: true,
    expect: (_a, t) => (openToAll(t) ? 201 : 404),
    request: (m, _a, t) => ({
      body: { documentId: m.document(t), copies: 1, purpose: 'Matrix certified copy', email: 'matrix@example.org' },
    }),
  },
  'GET /api/public/certified-copies/{id}': {
    on: 'nothing',
    expect: () => 200,
    request: async (m) => {
      const copy = await m.publicCopy();
      return { params: { id: copy.id }, headers: { 'x-access-key': copy.accessKey } };
    },
  },
  'POST /api/public/certified-copies/{id}/download-link': {
    on: 'nothing',
    mutates: true,
    expect: () => 200,
    request: async (m) => {
      const copy = await m.publicCopy();
      return { params: { id: copy.id }, headers: { 'x-access-key': copy.accessKey } };
    },
  },
  'GET /api/certified-copy-downloads/{token}': {
    on: 'nothing',
    expect: () => 200,
    request: async (m) => ({ params: { token: (await m.publicCopy()).downloadToken } }),
  },
  // Rate-limited per client network: the suites raise CERTIFICATION_VERIFY_RATE_LIMIT_PER_MINUTE.
  'GET /api/certified-copy-verification/{code}': {
    on: 'nothing',
    expect: () => 200,
    request: async (m) => ({ params: { code: (await m.publicCopy()).code } }),
  },
  'POST /api/certified-copy-verification': {
    on: 'nothing',
    expect: () => 200,
    request: async (m) => ({ file: new Blob([(await m.publicCopy()).bytes], { type: 'application/pdf' }) }),
  },

  // Court recordings (issue 9).
  'GET /api/hearings/{hearingId}/recordings': {
    on: 'case',
    expect: recordings,
    request: (m, _a, t) => ({ params: { hearingId: m.scene(t).hearingId } }),
  },
  'POST /api/hearings/{hearingId}/recordings/verification': {
    on: 'case',
    expect: recordings,
    request: (m, _a, t) => ({ params: { hearingId: m.scene(t).hearingId } }),
  },
  'GET /api/recording-segments/{segmentId}/media': {
    on: 'case',
    // Every playback is an audit event.
    mutates: true,
    expect: recordings,
    request: async (m, _a, t) => ({ params: { segmentId: await m.sceneSegment(t) } }),
  },

  // Operations and documentation.
  'GET /health': { on: 'nothing', expect: () => 200 },
  'GET /metrics': {
    on: 'nothing',
    undocumented: 'the Prometheus scrape endpoint (ApiExcludeController), for the holder of METRICS_TOKEN only',
    expect: (a) => (a.kind === 'scraper' ? 200 : 401),
  },
  // SwaggerModule's pages: the document and its browser, public like the api's shape they describe.
  ...Object.fromEntries(
    [
      '/docs',
      '/docs/',
      '/docs/index.html',
      '/docs/openapi.json',
      '/docs-yaml',
      '/docs/swagger-ui-init.js',
      '/docs/docs/swagger-ui-init.js',
    ].map((path): [string, Endpoint] => [
      `GET ${path}`,
      { on: 'nothing', undocumented: 'the OpenAPI document and its browser', expect: () => 200 },
    ]),
  ),
  // Mounted by SwaggerModule, but the file is not in the swagger-ui-dist package installed.
  'GET /docs/LICENSE': { on: 'nothing', undocumented: "the OpenAPI browser's licence file", expect: () => 404 },
};

// ---------------------------------------------------------------------------------------------

/** A member of the public's issued copy, with everything that follows it: its key, code, file and a download link's token. */
interface PublicCopy {
  readonly id: string;
  readonly accessKey: string;
  readonly code: string;
  readonly bytes: Buffer;
  readonly downloadToken: string;
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Crockford's base32, as the register's codes are written: 16 letters in four groups. */
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
function verificationCode(): string {
  const letters = [...randomBytes(16)].map((b) => CODE_ALPHABET[b % 32]).join('');
  return letters.match(/.{4}/g)!.join('-');
}

/** The run's context: the fixture, and fresh targets for allowed changes. */
export class MatrixRun {
  setupRequests = 0;
  requests = 0;

  constructor(
    readonly api: RunningApi,
    readonly fx: MatrixFixture,
  ) {}

  side(t: Target) {
    return this.fx[t.side];
  }

  scene(t: Target): Scene {
    return this.fx[t.side].scenes[t.level];
  }

  document(t: Target): string {
    const scene = this.scene(t);
    return (t.docketed ? scene.docketed : scene.pending).documents[t.docLevel];
  }

  async signIn(user: { email: string; password: string }) {
    this.setupRequests += 1;
    return login(this.api.baseUrl, user.email, user.password);
  }

  async freshAccount(disabled: boolean) {
    const user = await createUser({ roles: ['party'], courtId: this.fx.own.court.id });
    if (disabled) await testDb().query('UPDATE users SET disabled_at = now() WHERE id = $1', [user.id]);
    return user;
  }

  async freshCase(level: Level) {
    return createCase({ courtId: this.fx.own.court.id, confidentiality: level });
  }

  async freshWitness(t: Target): Promise<string> {
    return (await createParticipant({ hearingId: this.scene(t).hearingId, hearingRole: 'witness' })).id;
  }

  /**
   * A media node of the api's pool for one drain or undrain (drained already for an undrain),
   * reporting a load that no placement prefers over the suite's own node.
   */
  async freshMediaNode(draining: boolean): Promise<string> {
    const directory = this.api.app.get(MediaNodeDirectory);
    const nodeId = `matrix-drain-${uniqueSuffix()}`;
    const load = { nodeId, url: 'http://127.0.0.1:9', hearings: 0, participants: 0, consumers: 100_000, workers: 1, updatedAt: Date.now() };
    await directory.heartbeat(load, []);
    if (draining) await directory.changeDrain(nodeId, null, { by: 'command', since: Date.now() });
    return nodeId;
  }

  async freshLink(t: Target): Promise<string> {
    this.setupRequests += 1;
    return (await issueLink(this.api, this.fx.own.clerk, this.scene(t).hearingId, this.scene(t).linkSubject)).linkId;
  }

  private readonly sceneSegments = new Map<string, Promise<string>>();

  /**
   * A segment of a stopped recording of the scene's hearing, arranged the first time a request
   * needs it: a stored file and the rows the ledger would write, and its registration in the audit
   * chain (which the segment's row must name) without the court's id, so that arranging it during
   * the reads is not counted as a write of the matrix's.
   */
  sceneSegment(t: Target): Promise<string> {
    const key = `${t.side}/${t.level}`;
    let segment = this.sceneSegments.get(key);
    if (!segment) {
      segment = this.insertSegment(this.scene(t));
      this.sceneSegments.set(key, segment);
    }
    return segment;
  }

  private async insertSegment(scene: Scene): Promise<string> {
    const bytes = randomBytes(512);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const path = join(tmpdir(), `matrix-segment-${randomUUID()}.webm`);
    await writeFile(path, bytes);
    const storageKey = await this.api.app.get(DocumentStore).put({ path, sha256, sizeBytes: bytes.length, fileName: 'segment.webm' });
    await testDb().query(
      `INSERT INTO document_blobs (sha256, size_bytes, page_count, storage_key) VALUES ($1, $2, 0, $3) ON CONFLICT (sha256) DO NOTHING`,
      [sha256, bytes.length, storageKey],
    );
    const recording = await testDb().query(
      `INSERT INTO hearing_recordings (hearing_id, status, started_at, started_by, stopped_at) VALUES ($1, 'stopped', now(), $2, now()) RETURNING id`,
      [scene.hearingId, scene.linkSubject],
    );
    const track = await testDb().query(
      `INSERT INTO recording_tracks (recording_id, participant_id, source, kind, codec, started_at, ended_at)
       VALUES ($1, $2, 'microphone', 'audio', 'opus', now(), now()) RETURNING id`,
      [recording.rows[0].id, scene.linkSubject],
    );
    const segmentId = randomUUID();
    const data = {
      recordingId: recording.rows[0].id,
      trackId: track.rows[0].id,
      sequence: 0,
      sha256,
      sizeBytes: bytes.length,
      offsetMs: 0,
      durationMs: 1000,
    };
    const event = await this.api.app.get(DataSource).transaction((em) =>
      this.api.app.get(AuditLog).record(em, {
        action: 'recording.segment_registered',
        actor: SYSTEM_ACTOR,
        subject: { type: 'recording_segment', id: segmentId },
        hearingId: scene.hearingId,
        data,
      }),
    );
    await testDb().query(
      `INSERT INTO recording_segments (id, track_id, sequence, offset_ms, duration_ms, sha256, size_bytes, storage_key, audit_event_id)
       VALUES ($1, $2, 0, 0, 1000, $3, $4, $5, $6)`,
      [segmentId, data.trackId, sha256, bytes.length, storageKey, event.id],
    );
    return segmentId;
  }

  async freshLinkToken(): Promise<string> {
    const hearingId = this.fx.own.scenes.public.hearingId;
    const witness = await createParticipant({ hearingId, hearingRole: 'witness' });
    this.setupRequests += 1;
    return (await issueLink(this.api, this.fx.own.clerk, hearingId, witness.id)).token;
  }

  private readonly sceneCopies = new Map<string, Promise<string>>();
  private readonly sceneCopyIds = new Map<string, string>();
  private publicCopyOnce: Promise<PublicCopy> | undefined;

  /**
   * The scene's certified copy, arranged the first time a request needs it: issued, of the
   * scene's public docketed document, requested by its court's filer.
   */
  sceneCopy(t: Target): Promise<string> {
    const key = `${t.side}/${t.level}`;
    let copy = this.sceneCopies.get(key);
    if (!copy) {
      copy = this.insertCopy(t, 'issued', { userId: this.side(t).filer.id }).then(({ id }) => {
        this.sceneCopyIds.set(key, id);
        return id;
      });
      this.sceneCopies.set(key, copy);
    }
    return copy;
  }

  /** The scene's copy's id, once a request has arranged it (for the list check, which is synchronous). */
  sceneCopyId(t: Target): string | undefined {
    return this.sceneCopyIds.get(`${t.side}/${t.level}`);
  }

  /** A request in the target's scene for an allowed decision: waiting for a clerk with its fee due, or issued. */
  async freshCopy(t: Target, status: 'requested' | 'issued'): Promise<string> {
    return (await this.insertCopy(t, status, { userId: this.side(t).filer.id })).id;
  }

  /** A member of the public's issued copy in the own court's public case, with its key, code, file and a live download link. */
  publicCopy(): Promise<PublicCopy> {
    this.publicCopyOnce ??= (async () => {
      const t: Target = { side: 'own', level: 'public', docLevel: 'public', docketed: true };
      const accessKey = randomBytes(24).toString('base64url');
      const copy = await this.insertCopy(t, 'issued', { accessKey });
      const downloadToken = randomBytes(32).toString('base64url');
      await testDb().query(
        `INSERT INTO certified_copy_download_links (copy_id, token_sha256, created_at, expires_at) VALUES ($1, $2, now(), now() + interval '1 day')`,
        [copy.id, sha256Hex(downloadToken)],
      );
      return { id: copy.id, accessKey, code: copy.code!, bytes: copy.bytes!, downloadToken };
    })();
    return this.publicCopyOnce;
  }

  /**
   * A certified_copies row of the scene's public docketed document. An issued one is in the
   * register with a file of its own in the document store (a PDF standing in for the sealed copy:
   * the matrix runs no seal job) and a fresh verification code.
   */
  private async insertCopy(
    t: Target,
    status: 'requested' | 'issued',
    requester: { userId: string } | { accessKey: string },
  ): Promise<{ id: string; code: string | null; bytes: Buffer | null }> {
    const scene = this.scene(t);
    const issued = status === 'issued';
    const bytes = issued ? await makePdf({ text: 'Matrix certified copy' }) : null;
    const sha256 = bytes ? createHash('sha256').update(bytes).digest('hex') : null;
    let storageKey: string | null = null;
    if (bytes && sha256) {
      const path = join(tmpdir(), `matrix-copy-${randomUUID()}.pdf`);
      await writeFile(path, bytes);
      storageKey = await this.api.app.get(DocumentStore).put({ path, sha256, sizeBytes: bytes.length, fileName: 'copy.pdf' });
    }
    const code = issued ? verificationCode() : null;
    const { rows } = await testDb().query(
      `INSERT INTO certified_copies (court_id, case_id, document_id, requester_user_id, requester_email, access_key_sha256, copies,
         purpose, fee_per_copy, fee_amount, fee_currency, payment_status, status, requested_at, verification_code, storage_key,
         sha256, size_bytes, issued_at, certified_by)
       VALUES ($1, $2, $3, $4, $5, $6, 1, 'Matrix certified copy', 500, 500, 'EUR', $7, $8, now(), $9, $10, $11, $12, $13, $14)
       RETURNING id`,
      [
        scene.court.id,
        scene.caseId,
        scene.docketed.documents.public,
        'userId' in requester ? requester.userId : null,
        'accessKey' in requester ? 'matrix@example.org' : null,
        'accessKey' in requester ? sha256Hex(requester.accessKey) : null,
        issued ? 'paid' : 'due',
        status,
        code,
        storageKey,
        sha256,
        bytes?.length ?? null,
        issued ? new Date() : null,
        issued ? this.side(t).clerk.id : null,
      ],
    );
    return { id: rows[0].id as string, code, bytes };
  }

  /** A filing waiting in the target's case; claimed by the actor when given. */
  async freshFiling(t: Target, claimant: Actor | null): Promise<string> {
    const filed = await fileThreeLevels(this.api, this.fx.own.filer, this.scene(t).caseId, t.level, 'own');
    this.setupRequests += 1;
    if (claimant) {
      const res = await http(this.api.baseUrl, 'POST', `/api/filings/${filed.id}/claim`, { token: claimant.token! });
      this.setupRequests += 1;
      if (res.status !== 200) throw new Error(`arranging a claim failed with ${res.status}`);
    }
    return filed.id;
  }

  /** The actor's credentials for a target: a link holder holds the link of the own court's hearing at that level. */
  bearerOf(a: Actor, t: Target): string | undefined {
    switch (a.kind) {
      case 'anonymous':
        return undefined;
      case 'link':
        return this.fx.own.scenes[own(t) ? t.level : 'public'].linkToken ?? undefined;
      case 'scraper':
        return TEST_METRICS_TOKEN;
      case 'user':
        return a.token ?? undefined;
    }
  }
}

function targetsFor(on: Endpoint['on']): Target[] {
  const base = { level: 'public' as Level, docLevel: 'public' as Level, docketed: true };
  switch (on) {
    case 'nothing':
      return [{ side: 'own', ...base }];
    case 'court':
      return (['own', 'other'] as const).map((side) => ({ side, ...base }));
    case 'case':
      return (['own', 'other'] as const).flatMap((side) => LEVELS.map((level) => ({ ...base, side, level })));
    case 'document':
      return (['own', 'other'] as const).flatMap((side) =>
        LEVELS.flatMap((level) => LEVELS.flatMap((docLevel) => [true, false].map((docketed) => ({ side, level, docLevel, docketed })))),
      );
  }
}

export function describeTarget(on: Endpoint['on'], t: Target): string {
  switch (on) {
    case 'nothing':
      return '-';
    case 'court':
      return t.side;
    case 'case':
      return `${t.side}/${t.level}`;
    case 'document':
      return `${t.side}/${t.level} case/${t.docLevel} document ${t.docketed ? 'docketed' : 'pending'}`;
  }
}

export interface Combination {
  readonly key: string;
  readonly endpoint: Endpoint;
  readonly actor: Actor;
  readonly target: Target;
  readonly want: Outcome;
  readonly allowed: boolean;
}

/** Every (endpoint, actor, target) of the table, with what the rules say of it. */
export function combinationsOf(fx: MatrixFixture): Combination[] {
  const actors = ACTOR_LABELS.map((label) => fx.actors[label]);
  const combinations: Combination[] = [];
  for (const [key, endpoint] of Object.entries(MATRIX)) {
    for (const target of targetsFor(endpoint.on)) {
      for (const actor of actors) {
        const want = endpoint.expect(actor, target);
        combinations.push({ key, endpoint, actor, target, want, allowed: typeof want === 'string' || want < 300 });
      }
    }
  }
  return combinations;
}

/** One answer of the api, for whoever wants to read it (the canary scan). */
export interface Answer {
  readonly combination: Combination;
  readonly status: number;
  readonly text: string;
  readonly headers: Headers;
}

/**
 * Sends one combination's request as its actor and says how the answer differs from the rules
 * (null: as they say).
 */
export async function attempt(run: MatrixRun, c: Combination, observe?: (answer: Answer) => void): Promise<string | null> {
  const [method, template] = c.key.split(' ');
  const req = (await c.endpoint.request?.(run, c.actor, c.target, c.allowed)) ?? {};
  const path = template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = req.params?.[name];
    if (value === undefined) throw new Error(`${c.key}: no value for {${name}}`);
    return encodeURIComponent(value);
  });
  const query = req.query ? `?${new URLSearchParams(req.query).toString()}` : '';
  const bearer = req.bearer ?? run.bearerOf(c.actor, c.target);
  const res = await fetch(`${run.api.baseUrl}${path}${query}`, {
    method,
    headers: {
      ...(req.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(req.file ? { 'content-type': req.file.type } : {}),
      ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
      ...req.headers,
    },
    body: req.form ?? req.file ?? (req.body === undefined ? undefined : JSON.stringify(req.body)),
  });
  run.requests += 1;
  const text = await res.text();
  observe?.({ combination: c, status: res.status, text, headers: res.headers });
  let body: any;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  const where = `${c.key} as ${c.actor.label} on ${describeTarget(c.endpoint.on, c.target)}`;
  if (typeof c.want === 'string') {
    if (res.status !== 200) return `${where}: expected 200 (${c.want}), got ${res.status} ${text.slice(0, 160)}`;
    if (c.endpoint.lists!(body, run, c.target) !== (c.want === 'listed'))
      return `${where}: expected the target ${c.want}, it is ${c.want === 'listed' ? 'absent' : 'listed'}`;
    return null;
  }
  if (res.status !== c.want) return `${where}: expected ${c.want}, got ${res.status} ${text.slice(0, 160)}`;
  if (res.status >= 400 && (body?.status !== res.status || typeof body?.code !== 'string'))
    return `${where}: refused without a problem document: ${text.slice(0, 160)}`;
  return null;
}

/** Reads and refusals, then allowed changes: the order the matrix runs in (see access-matrix.e2e-spec.ts). */
export function phases(combinations: readonly Combination[]): { readsAndRefusals: Combination[]; allowedChanges: Combination[] } {
  return {
    readsAndRefusals: combinations.filter((c) => !c.endpoint.mutates || !c.allowed),
    allowedChanges: combinations.filter((c) => c.endpoint.mutates && c.allowed),
  };
}

/** Row counts of every table: what "nothing written" is checked against. */
/**
 * The rows the matrix could have written, counted per table over its own two courts (their users,
 * cases, filings and hearings and what hangs off them): other suites write to the same database
 * while this one runs, so a count over whole tables would see their work.
 */
export async function rowCounts(fx: MatrixFixture): Promise<Record<string, number>> {
  const USERS = 'SELECT id FROM users WHERE court_id = ANY($1::uuid[])';
  const CASES = 'SELECT id FROM cases WHERE court_id = ANY($1::uuid[])';
  const FILINGS = 'SELECT id FROM filings WHERE court_id = ANY($1::uuid[])';
  const HEARINGS = 'SELECT id FROM hearings WHERE court_id = ANY($1::uuid[])';
  const scoped: Record<string, string> = {
    users: 'court_id = ANY($1::uuid[])',
    cases: 'court_id = ANY($1::uuid[])',
    case_number_counters: 'court_id = ANY($1::uuid[])',
    court_filing_policies: 'court_id = ANY($1::uuid[])',
    filings: 'court_id = ANY($1::uuid[])',
    hearings: 'court_id = ANY($1::uuid[])',
    user_roles: `user_id IN (${USERS})`,
    sessions: `user_id IN (${USERS})`,
    refresh_tokens: `session_id IN (SELECT id FROM sessions WHERE user_id IN (${USERS}))`,
    inbox_messages: `user_id IN (${USERS})`,
    email_deliveries: `user_id IN (${USERS})`,
    parties: `case_id IN (${CASES})`,
    docket_entries: `case_id IN (${CASES})`,
    filing_documents: `filing_id IN (${FILINGS})`,
    filing_status_history: `filing_id IN (${FILINGS})`,
    filing_parties: `filing_id IN (${FILINGS})`,
    notification_events: `filing_id IN (${FILINGS})`,
    hearing_participants: `hearing_id IN (${HEARINGS})`,
    hearing_summonses: `hearing_id IN (${HEARINGS})`,
    hearing_links: `hearing_id IN (${HEARINGS})`,
    special_measure_orders: `hearing_id IN (${HEARINGS})`,
    audit_events: `court_id = ANY($1::uuid[]) OR actor_id IN (SELECT id::text FROM users WHERE court_id = ANY($1::uuid[]))`,
  };
  const courts = [fx.own.court.id, fx.other.court.id];
  const counts: Record<string, number> = {};
  for (const [table, where] of Object.entries(scoped)) {
    const { rows } = await testDb().query<{ n: string }>(`SELECT count(*) AS n FROM "${table}" WHERE ${where}`, [courts]);
    counts[table] = Number(rows[0].n);
  }
  return counts;
}
