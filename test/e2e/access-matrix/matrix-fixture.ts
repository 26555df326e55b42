import { randomUUID } from 'node:crypto';
import type { Role } from '@ejustice/vocabulary/role';
import type { HearingRole } from '@ejustice/vocabulary/hearing-role';
import {
  type RunningApi,
  TEST_METRICS_TOKEN,
  type TestCourt,
  type TestUser,
  createCase,
  createCourt,
  createHearing,
  createParticipant,
  createSpecialMeasureOrder,
  createUser,
  http,
  login,
  testDb,
} from '@ejustice/testing';
import { makePdf, submitFiling } from '../filing/filing-support';

/*
 * The world the access matrix runs in: two courts, and in each a case at every level of
 * confidentiality with its parties (a protected victim among them) and counsel, a hearing with its
 * participants and orders (an anonymity order among them), a filing docketed with a document at
 * every level, a filing waiting for review with the same, a wholly sealed filing, an inbox message
 * and an account for the administrator to act on. The actors are all accounts of the first court
 * ("own"), plus the anonymous caller, a hearing-link holder and the metrics scraper; the second
 * court ("other") is the neighbour they must not reach. Filings, links, the anonymity orders and
 * sign-outs go through the api itself, so documents are real, stored and docketed as in
 * production; the rest is arranged through the factories.
 */

export const LEVELS = ['public', 'confidential', 'sealed'] as const;

/**
 * Distinctive strings planted, in each court, in every field the platform must keep from those
 * not entitled to it (canary-leaks.e2e-spec.ts scans every answer, frame, e-mail and log line for
 * them): a protected party's full name (also typed into the case's and the hearing's titles); the
 * display name of a witness under an anonymity order (and the judge's reason for it); the title
 * of a wholly sealed filing; a sealed document's title and its file name. Each is one word with
 * no part in common with another: the platform masks a protected name word by word, so a canary
 * made of shared words ("CANARY-VICTIM", "CANARY-WITNESS") would be half-masked by another's rule
 * and slip past a scan for the whole.
 */
export const CANARIES = {
  own: {
    victim: 'CANARYVICTIM7f3a',
    witness: 'CANARYWITNESSc41e',
    sealedTitle: 'CANARYSEALEDTITLE2b9d',
    sealedDocument: 'CANARYSEALEDDOC91c0',
    sealedFile: 'canarysealedfile5e77',
  },
  other: {
    victim: 'CANARYTHEIRVICTIM0d52',
    witness: 'CANARYTHEIRWITNESS8a19',
    sealedTitle: 'CANARYTHEIRSEALEDTITLE6c3e',
    sealedDocument: 'CANARYTHEIRSEALEDDOCa7b1',
    sealedFile: 'canarytheirsealedfile44f0',
  },
} as const;
export type Level = (typeof LEVELS)[number];
export type Side = 'own' | 'other';

export const ACTOR_LABELS = [
  'anonymous',
  'linkHolder',
  'metricsScraper',
  'admin',
  'judge',
  'otherJudge',
  'clerk',
  'prosecutor',
  'strangerProsecutor',
  'counsel',
  'strangerCounsel',
  'party',
  'strangerParty',
  'interpreter',
  'supporter',
  'observer',
  'formerJudge',
  'disabledClerk',
  'signedOutJudge',
] as const;
export type ActorLabel = (typeof ACTOR_LABELS)[number];

export interface Actor {
  readonly label: ActorLabel;
  /**
   * anonymous: no credentials; link: the hearing-session token a one-time link is exchanged for
   * (of the own court's hearing at the target's level); scraper: the metrics token; user: an
   * account's access token.
   */
  readonly kind: 'anonymous' | 'link' | 'scraper' | 'user';
  /** The account's roles as they are now (a token minted before a change still names the old ones). */
  readonly roles: readonly Role[];
  /** The token names a session that has ended, or an account that has been disabled. */
  readonly dead?: true;
  readonly user: TestUser | null;
  readonly token: string | null;
  /** Party (the defendant), defence counsel or prosecution counsel in every case of the own court. */
  readonly linked: boolean;
  /** Listed, as this, in every hearing of the own court. */
  readonly hearingRole: HearingRole | null;
  /** Presides over every hearing of the own court (and is its cases' assigned judge). */
  readonly presiding: boolean;
  /** Filer of the own court's filings and owner of its inbox message. */
  readonly filer: boolean;
}

export interface FiledDocuments {
  readonly id: string;
  readonly documents: Record<Level, string>;
}

/** One case of one court at one level, with everything hanging off it. */
export interface Scene {
  readonly side: Side;
  readonly level: Level;
  readonly court: TestCourt;
  readonly caseId: string;
  readonly hearingId: string;
  /** A witness without an account whose links the matrix issues, lists and revokes. */
  readonly linkSubject: string;
  /** A link of linkSubject, issued when arranging. */
  readonly linkId: string;
  /** A pending summons of linkSubject, as a publication leaves one: the refused delivery calls name it. */
  readonly summonsId: string;
  /** A witness the refused make-order calls name (none has an order for them). */
  readonly orderSubject: string;
  /** audio_only orders in force, version 1: one for the change calls, one for the revoke calls. */
  readonly changeOrderId: string;
  readonly revokeOrderId: string;
  /** The witness under an anonymity order (their display name is the court's witness canary). */
  readonly protectedWitness: string;
  readonly anonymityOrderId: string;
  /** A wholly sealed filing, docketed: its title is the court's sealed-title canary. */
  readonly sealedFilingId: string;
  /** The session token of the own court's link holder (a witness) in this hearing; null in the other court. */
  readonly linkToken: string | null;
  readonly docketed: FiledDocuments;
  readonly pending: FiledDocuments;
}

/** What the matrix needs of each court besides its scenes. */
export interface CourtSide {
  readonly court: TestCourt;
  /** The judge and clerk who preside and review there, the party who files there. */
  readonly judge: TestUser & { token: string };
  readonly clerk: TestUser & { token: string };
  readonly filer: TestUser & { token: string };
  /** An account of the court for the administrator endpoints (never changed by an allowed call). */
  readonly account: TestUser;
  /** A message in the filer's inbox. */
  readonly inboxMessageId: string;
  readonly scenes: Record<Level, Scene>;
}

export interface MatrixFixture {
  readonly actors: Record<ActorLabel, Actor>;
  readonly own: CourtSide;
  readonly other: CourtSide;
  /** An account that only signs in: the login and refresh endpoints use its credentials. */
  readonly signInUser: TestUser;
  /** Requests the arranging made through the api. */
  readonly setupRequests: number;
}

/**
 * A fixed UTC offset at which it is about noon now, so that "today's hearings" in the court's
 * time zone hold the hearings whatever the hour the suite runs at.
 */
function noonZone(now = new Date()): string {
  const offset = 12 - now.getUTCHours();
  if (offset === 0) return 'Etc/GMT';
  // POSIX sign: Etc/GMT-5 is five hours ahead of UTC.
  return offset > 0 ? `Etc/GMT-${offset}` : `Etc/GMT+${-offset}`;
}

export type Signed = TestUser & { token: string };

async function signedIn(api: RunningApi, roles: Role[], courtId: string, counter: { n: number }): Promise<Signed> {
  const user = await createUser({ roles, courtId });
  counter.n += 1;
  return { ...user, token: (await login(api.baseUrl, user.email, user.password)).accessToken };
}

/** Submits a motion with one document at each level into the case; returns the filing and its documents. */
export async function fileThreeLevels(api: RunningApi, filer: Signed, caseId: string, level: Level, side: Side): Promise<FiledDocuments> {
  // The sealed document's title and file name are the court's canaries.
  const title = (l: Level) => (l === 'sealed' ? CANARIES[side].sealedDocument : `Document ${l}`);
  const fileName = (l: Level) => (l === 'sealed' ? `${CANARIES[side].sealedFile}.pdf` : `document-${l}.pdf`);
  const res = await submitFiling(
    api.baseUrl,
    filer.token,
    {
      filingType: 'motion',
      caseId,
      title: `Matrix motion ${randomUUID().slice(0, 8)}`,
      confidentiality: level,
      documents: LEVELS.map((l) => ({ title: title(l), confidentiality: l })),
    },
    await Promise.all(LEVELS.map(async (l) => ({ name: fileName(l), bytes: await makePdf({ text: `Matrix ${l}` }) }))),
  );
  if (res.status !== 201) throw new Error(`arranging a filing failed with ${res.status}: ${JSON.stringify(res.body)}`);
  const ids = res.body.documents.map((d: { id: string }) => d.id) as string[];
  return { id: res.body.filingId, documents: { public: ids[0], confidential: ids[1], sealed: ids[2] } };
}

/** Issues a one-time link for a participant as the court's clerk; returns its id and token. */
export async function issueLink(
  api: RunningApi,
  clerk: Signed,
  hearingId: string,
  participantId: string,
): Promise<{ linkId: string; token: string }> {
  const res = await http(api.baseUrl, 'POST', `/api/hearings/${hearingId}/participants/${participantId}/links`, {
    token: clerk.token,
    body: {},
  });
  if (res.status !== 201) throw new Error(`arranging a link failed with ${res.status}: ${JSON.stringify(res.body)}`);
  return { linkId: res.body.linkId, token: res.body.token };
}

/** The clerk claims the filing and accepts every document: they go on the docket. */
export async function accept(api: RunningApi, clerk: Signed, filingId: string, documentIds: readonly string[]): Promise<void> {
  const claimed = await http(api.baseUrl, 'POST', `/api/filings/${filingId}/claim`, { token: clerk.token });
  const accepted = await http(api.baseUrl, 'POST', `/api/filings/${filingId}/review`, {
    token: clerk.token,
    body: { action: 'accept', documents: documentIds.map((documentId) => ({ documentId, decision: 'accept' })) },
  });
  if (claimed.status !== 200 || accepted.status !== 200) throw new Error(`arranging a docket failed: ${JSON.stringify(accepted.body)}`);
}

async function arrangeSide(
  api: RunningApi,
  side: Side,
  people: {
    judge: Signed;
    clerk: Signed;
    filer: Signed;
    counsel: TestUser | null;
    prosecutor: TestUser | null;
    listed: { user: TestUser; role: HearingRole; party?: boolean }[];
  },
  court: TestCourt,
  counter: { n: number },
): Promise<CourtSide> {
  const scenes = {} as Record<Level, Scene>;
  const now = Date.now();
  for (const [i, level] of LEVELS.entries()) {
    const canary = CANARIES[side];
    const kase = await createCase({
      courtId: court.id,
      caseType: 'trafficking',
      confidentiality: level,
      title: `Matrix ${side} ${level}: trafficking of ${canary.victim}`,
      assignedJudgeId: people.judge.id,
      parties: [
        {
          partyRole: 'defendant',
          fullName: `Defendant ${side} ${level}`,
          userId: people.filer.id,
          counselUserId: people.counsel?.id ?? null,
        },
        { partyRole: 'prosecution', fullName: 'Public Prosecution', counselUserId: people.prosecutor?.id ?? null },
        { partyRole: 'victim', fullName: canary.victim, isProtected: true, pseudonym: `V-${side}-${level}` },
      ],
    });
    const defendantPartyId = kase.parties[0].id;
    const hearing = await createHearing({ caseId: kase.id, courtId: court.id });
    // One presiding judge for the three hearings: back to back, so the bench is never booked twice.
    const start = new Date(now + (5 + 60 * i) * 60_000);
    await testDb().query(
      'UPDATE hearings SET title = $1, scheduled_start = $2, scheduled_end = $3, presiding_judge_id = $4 WHERE id = $5',
      [`Testimony of ${canary.victim}`, start, new Date(start.getTime() + 50 * 60_000), people.judge.id, hearing.id],
    );
    await createParticipant({
      hearingId: hearing.id,
      hearingRole: 'judge',
      userId: people.judge.id,
      displayName: people.judge.displayName,
    });
    for (const l of people.listed) {
      await createParticipant({
        hearingId: hearing.id,
        hearingRole: l.role,
        userId: l.user.id,
        partyId: l.party ? defendantPartyId : null,
        displayName: l.user.displayName,
      });
    }
    const linkSubject = await createParticipant({ hearingId: hearing.id, hearingRole: 'witness', displayName: 'Link subject' });
    const orderSubject = await createParticipant({ hearingId: hearing.id, hearingRole: 'witness', displayName: 'Order subject' });
    const changeSubject = await createParticipant({ hearingId: hearing.id, hearingRole: 'witness', displayName: 'Change subject' });
    const revokeSubject = await createParticipant({ hearingId: hearing.id, hearingRole: 'witness', displayName: 'Revoke subject' });
    const order = (participantId: string) =>
      createSpecialMeasureOrder({ hearingId: hearing.id, kind: 'audio_only', participantId, madeBy: people.judge.id });
    const link = await issueLink(api, people.clerk, hearing.id, linkSubject.id);
    const summons = await testDb().query(
      `WITH run AS (INSERT INTO schedule_runs (court_id, requested_by, horizon_start, seed, time_limit_seconds) VALUES ($1, $2, '2027-03-01', 1, 1) RETURNING id)
       INSERT INTO hearing_summonses (court_id, hearing_id, participant_id, schedule_run_id, reason, created_at)
       SELECT $1, $3, $4, run.id, 'listed', now() FROM run RETURNING id`,
      [court.id, people.clerk.id, hearing.id, linkSubject.id],
    );
    // The presiding judge lists a witness and hides him from everyone else, as the court does.
    const witness = await http(api.baseUrl, 'POST', `/api/hearings/${hearing.id}/participants`, {
      token: people.judge.token,
      body: { hearingRole: 'witness', displayName: canary.witness },
    });
    const anonymity = await http(api.baseUrl, 'POST', `/api/hearings/${hearing.id}/orders`, {
      token: people.judge.token,
      body: {
        kind: 'anonymity',
        participantId: witness.body.id,
        pseudonym: `Witness W-${level}`,
        reason: `${canary.witness} was threatened after reporting the defendant.`,
      },
    });
    if (witness.status !== 201 || anonymity.status !== 201)
      throw new Error(`arranging an anonymity order failed: ${JSON.stringify(anonymity.body)}`);
    counter.n += 3;
    let linkToken: string | null = null;
    if (side === 'own') {
      const holder = await createParticipant({ hearingId: hearing.id, hearingRole: 'witness', displayName: 'Link holder' });
      const issued = await issueLink(api, people.clerk, hearing.id, holder.id);
      const exchanged = await http(api.baseUrl, 'POST', '/api/hearing-links/exchange', { body: { token: issued.token } });
      counter.n += 2;
      if (exchanged.status !== 200) throw new Error(`arranging a link session failed with ${exchanged.status}`);
      linkToken = exchanged.body.sessionToken;
    }

    const docketed = await fileThreeLevels(api, people.filer, kase.id, level, side);
    await accept(api, people.clerk, docketed.id, Object.values(docketed.documents));
    const pending = await fileThreeLevels(api, people.filer, kase.id, level, side);
    const sealed = await submitFiling(
      api.baseUrl,
      people.filer.token,
      {
        filingType: 'motion',
        caseId: kase.id,
        title: canary.sealedTitle,
        confidentiality: 'sealed',
        documents: [{ title: 'Sealed motion' }],
      },
      [{ name: 'sealed-motion.pdf', bytes: await makePdf() }],
    );
    if (sealed.status !== 201) throw new Error(`arranging a sealed filing failed with ${sealed.status}`);
    await accept(api, people.clerk, sealed.body.filingId, [sealed.body.documents[0].id]);
    counter.n += 9;

    scenes[level] = {
      side,
      level,
      court,
      caseId: kase.id,
      hearingId: hearing.id,
      linkSubject: linkSubject.id,
      summonsId: summons.rows[0].id,
      linkId: link.linkId,
      orderSubject: orderSubject.id,
      changeOrderId: (await order(changeSubject.id)).id,
      revokeOrderId: (await order(revokeSubject.id)).id,
      protectedWitness: witness.body.id,
      anonymityOrderId: anonymity.body.id,
      sealedFilingId: sealed.body.filingId,
      linkToken,
      docketed,
      pending,
    };
  }
  // The accepted filings' notification events stand behind an inbox message for the filer.
  const { rows } = await testDb().query(
    `INSERT INTO inbox_messages (event_id, user_id, kind, subject, body, created_at)
     SELECT e.id, $1, e.kind, 'Your filing was accepted', 'Matrix inbox message', now()
       FROM notification_events e WHERE e.filing_id = $2 RETURNING id`,
    [people.filer.id, scenes.public.docketed.id],
  );
  const account = await createUser({ roles: ['party'], courtId: court.id });
  return {
    court,
    judge: people.judge,
    clerk: people.clerk,
    filer: people.filer,
    account,
    inboxMessageId: rows[0].id,
    scenes,
  };
}

export async function arrangeMatrix(api: RunningApi): Promise<MatrixFixture> {
  const counter = { n: 0 };
  const zone = noonZone();
  const ownCourt = await createCourt({ timeZone: zone });
  const otherCourt = await createCourt({ timeZone: zone });
  const signed = (roles: Role[], court = ownCourt) => signedIn(api, roles, court.id, counter);

  const u = {
    admin: await signed(['admin']),
    judge: await signed(['judge']),
    otherJudge: await signed(['judge']),
    clerk: await signed(['clerk']),
    prosecutor: await signed(['prosecutor']),
    strangerProsecutor: await signed(['prosecutor']),
    counsel: await signed(['counsel']),
    strangerCounsel: await signed(['counsel']),
    party: await signed(['party']),
    strangerParty: await signed(['party']),
    interpreter: await signed(['interpreter']),
    supporter: await signed(['supporter']),
    observer: await signed(['observer']),
    // Signed in as a judge and seated on the bench of every hearing beside the presiding judge;
    // then the administrator withdrew the judge role (the account is a party's now).
    formerJudge: await signed(['judge']),
    disabledClerk: await signed(['clerk']),
    signedOutJudge: await signed(['judge']),
  };
  const own = await arrangeSide(
    api,
    'own',
    {
      judge: u.judge,
      clerk: u.clerk,
      filer: u.party,
      counsel: u.counsel,
      prosecutor: u.prosecutor,
      listed: [
        { user: u.formerJudge, role: 'judge' },
        { user: u.prosecutor, role: 'prosecutor' },
        { user: u.counsel, role: 'defence_counsel' },
        { user: u.party, role: 'defendant', party: true },
        { user: u.interpreter, role: 'interpreter' },
        { user: u.supporter, role: 'supporter' },
        { user: u.observer, role: 'observer' },
      ],
    },
    ownCourt,
    counter,
  );
  // What the administrator did after these people signed in (their tokens stay as they were).
  await testDb().query(`UPDATE user_roles SET role = 'party' WHERE user_id = $1`, [u.formerJudge.id]);
  await testDb().query('UPDATE users SET disabled_at = now() WHERE id = $1', [u.disabledClerk.id]);
  const signedOut = await http(api.baseUrl, 'POST', '/api/auth/logout', { token: u.signedOutJudge.token });
  counter.n += 1;
  if (signedOut.status !== 204) throw new Error(`arranging a sign-out failed with ${signedOut.status}`);

  const theirs = {
    judge: await signed(['judge'], otherCourt),
    clerk: await signed(['clerk'], otherCourt),
    party: await signed(['party'], otherCourt),
    counsel: await signed(['counsel'], otherCourt),
    prosecutor: await signed(['prosecutor'], otherCourt),
  };
  const other = await arrangeSide(
    api,
    'other',
    {
      judge: theirs.judge,
      clerk: theirs.clerk,
      filer: theirs.party,
      counsel: theirs.counsel,
      prosecutor: theirs.prosecutor,
      listed: [
        { user: theirs.prosecutor, role: 'prosecutor' },
        { user: theirs.counsel, role: 'defence_counsel' },
        { user: theirs.party, role: 'defendant', party: true },
      ],
    },
    otherCourt,
    counter,
  );

  const person = (
    label: Exclude<ActorLabel, 'anonymous' | 'linkHolder' | 'metricsScraper'>,
    over: Partial<Pick<Actor, 'linked' | 'hearingRole' | 'presiding' | 'filer'>> = {},
  ): Actor => ({
    label,
    kind: 'user',
    roles: u[label].roles,
    user: u[label],
    token: u[label].token,
    linked: false,
    hearingRole: null,
    presiding: false,
    filer: false,
    ...over,
  });
  const nobody = { roles: [], user: null, linked: false, hearingRole: null, presiding: false, filer: false } as const;
  const actors: Record<ActorLabel, Actor> = {
    anonymous: { label: 'anonymous', kind: 'anonymous', token: null, ...nobody },
    // Its token depends on the target (the link of the target's hearing): see bearerOf.
    linkHolder: { label: 'linkHolder', kind: 'link', token: null, ...nobody, hearingRole: 'witness' },
    metricsScraper: { label: 'metricsScraper', kind: 'scraper', token: TEST_METRICS_TOKEN, ...nobody },
    admin: person('admin'),
    judge: person('judge', { hearingRole: 'judge', presiding: true }),
    otherJudge: person('otherJudge'),
    clerk: person('clerk'),
    prosecutor: person('prosecutor', { linked: true, hearingRole: 'prosecutor' }),
    strangerProsecutor: person('strangerProsecutor'),
    counsel: person('counsel', { linked: true, hearingRole: 'defence_counsel' }),
    strangerCounsel: person('strangerCounsel'),
    party: person('party', { linked: true, hearingRole: 'defendant', filer: true }),
    strangerParty: person('strangerParty'),
    interpreter: person('interpreter', { hearingRole: 'interpreter' }),
    supporter: person('supporter', { hearingRole: 'supporter' }),
    observer: person('observer', { hearingRole: 'observer' }),
    formerJudge: { ...person('formerJudge', { hearingRole: 'judge' }), roles: ['party'] },
    disabledClerk: { ...person('disabledClerk'), dead: true },
    signedOutJudge: { ...person('signedOutJudge'), dead: true },
  };
  const signInUser = await createUser({ roles: ['party'], courtId: ownCourt.id });
  return { actors, own, other, signInUser, setupRequests: counter.n };
}
