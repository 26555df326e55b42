// Canary for protected names in free text. A protected victim's real name is planted in every
// field people type — the case title, a hearing title, a supporter's display name, the judge's
// reason for an anonymity order, a filing title, clerks' review notes — and so is the name of a
// witness under an anonymity order. Then every view each participant can reach, over REST and on
// the media node's socket, is recorded, and none may carry a name to someone not entitled to it
// (the bench may: the scan must be able to fail). The pseudonyms hold `$&`, which a string
// replacement would turn back into the very name it replaced.
import { DeliverNotification } from '@ejustice/filing';
import {
  type HttpResult,
  type RunningApi,
  type TestUser,
  closeTestDb,
  createCase,
  createCourt,
  createHearing,
  createParticipant,
  createUser,
  http,
  login,
  startApiServer,
  testDb,
  uniqueSuffix,
} from '@ejustice/testing';
import type { HearingClient } from '@ejustice/testing/media/hearing-client';
import { enter } from '@ejustice/testing/media/hearing-room';
import { type RunningMediaNode, startMediaNode } from '@ejustice/testing/media/media-node';
import { freshStorageDir, makePdf, submitFiling } from './filing/filing-support';

jest.setTimeout(120_000);

/** A protected party of the case (a trafficking victim): the court record holds her name. */
const VICTIM = 'Mariam Yousef Khalil';
const VICTIM_PSEUDONYM = 'V-$& (victim)';
/** Not a party: a witness the judge protects by an anonymity order disclosed to no one else. */
const WITNESS = 'Samir Odeh';
const WITNESS_PSEUDONYM = 'Witness $&S';

type Name = typeof VICTIM | typeof WITNESS;

/** The whole name and each part of it a reader would recognise. */
function partsOf(name: string): string[] {
  return [name, ...name.split(/\s+/).filter((p) => p.length >= 3)];
}

interface Seen {
  readonly viewer: string;
  readonly what: string;
  readonly text: string;
}

describe('protected names in free text, on every path out (e2e)', () => {
  const pool = `e2e-protected-text-${uniqueSuffix()}`;
  let api: RunningApi;
  let media: RunningMediaNode;
  const seen: Seen[] = [];
  const clients: HearingClient[] = [];
  const users = {} as Record<'judge' | 'clerk' | 'prosecutor' | 'defenceCounsel' | 'defendant' | 'observer', TestUser & { token: string }>;
  /** Who may know each name: everyone else must never read it. */
  const entitled: Record<Name, readonly string[]> = {
    // The court, the prosecution that calls her, and she herself.
    [VICTIM]: ['judge', 'clerk', 'prosecutor', 'victim'],
    // The order names no one: the judge by office, and he himself.
    [WITNESS]: ['judge', 'witness'],
  };
  let caseId: string;
  let hearingId: string;
  const p = {} as Record<'judge' | 'prosecutor' | 'defenceCounsel' | 'defendant' | 'observer' | 'victim' | 'supporter' | 'witness', string>;
  let orderId: string;
  let prosecutionFilingId: string;
  let defenceFilingId: string;
  let returnedFilingId: string;

  function record(viewer: string, what: string, body: unknown): void {
    seen.push({ viewer, what, text: typeof body === 'string' ? body : JSON.stringify(body ?? '') });
  }

  async function get(viewer: keyof typeof users, path: string): Promise<HttpResult> {
    const res = await http(api.baseUrl, 'GET', path, { token: users[viewer].token });
    record(viewer, `GET ${path}`, res.body);
    return res;
  }

  /** Issues a link (as the clerk) and exchanges it, as a witness's browser does; the exchange answer is recorded. */
  async function linkSession(viewer: string, participantId: string): Promise<string> {
    const issued = await http(api.baseUrl, 'POST', `/api/hearings/${hearingId}/participants/${participantId}/links`, {
      token: users.clerk.token,
      body: {},
    });
    expect(issued.status).toBe(201);
    const exchanged = await http(api.baseUrl, 'POST', '/api/hearing-links/exchange', { body: { token: issued.body.token } });
    expect(exchanged.status).toBe(200);
    record(viewer, 'POST /api/hearing-links/exchange', exchanged.body);
    return exchanged.body.sessionToken;
  }

  async function enterRoom(viewer: string, bearer: string): Promise<HearingClient> {
    const { client, joined } = await enter(api.baseUrl, bearer, hearingId);
    clients.push(client);
    record(viewer, 'join', joined);
    return client;
  }

  async function fileMotion(filer: keyof typeof users, title: string, documents: string[]): Promise<{ id: string; documentIds: string[] }> {
    const res = await submitFiling(
      api.baseUrl,
      users[filer].token,
      { filingType: 'motion', caseId, title, confidentiality: 'public', documents: documents.map((t) => ({ title: t })) },
      await Promise.all(documents.map(async (_, i) => ({ name: `motion-${i}.pdf`, bytes: await makePdf() }))),
    );
    expect(res.status).toBe(201);
    const claimed = await http(api.baseUrl, 'POST', `/api/filings/${res.body.filingId}/claim`, { token: users.clerk.token });
    expect(claimed.status).toBe(200);
    return { id: res.body.filingId, documentIds: res.body.documents.map((d: { id: string }) => d.id) };
  }

  async function review(filingId: string, body: Record<string, unknown>): Promise<void> {
    const res = await http(api.baseUrl, 'POST', `/api/filings/${filingId}/review`, { token: users.clerk.token, body });
    expect(res.status).toBe(200);
    // Deliver its notifications as the worker does, so the inboxes hold them.
    const { rows } = await testDb().query('SELECT id FROM notification_events WHERE filing_id = $1', [filingId]);
    for (const row of rows) await api.app.get(DeliverNotification).execute(row.id);
  }

  beforeAll(async () => {
    media = await startMediaNode({ env: { MEDIA_POOL: pool } });
    api = await startApiServer({ env: { MEDIA_POOL: pool, STORAGE_DIR: freshStorageDir('protected-free-text') } });
    const court = await createCourt();
    for (const [who, role] of [
      ['judge', 'judge'],
      ['clerk', 'clerk'],
      ['prosecutor', 'prosecutor'],
      ['defenceCounsel', 'counsel'],
      ['defendant', 'party'],
      ['observer', 'observer'],
    ] as const) {
      const user = await createUser({ roles: [role], courtId: court.id, displayName: `${who} ${uniqueSuffix()}` });
      users[who] = { ...user, token: (await login(api.baseUrl, user.email, user.password)).accessToken };
    }

    // A public case opened outside e-filing, its title typed with her name in it.
    const c = await createCase({
      courtId: court.id,
      caseType: 'trafficking',
      confidentiality: 'public',
      title: `Prosecution v. Dahan (trafficking of ${VICTIM})`,
      parties: [
        { partyRole: 'victim', fullName: VICTIM, isProtected: true, pseudonym: VICTIM_PSEUDONYM },
        { partyRole: 'prosecution', fullName: 'Public Prosecution', counselUserId: users.prosecutor.id },
        { partyRole: 'defendant', fullName: 'Karim Dahan', userId: users.defendant.id, counselUserId: users.defenceCounsel.id },
      ],
    });
    caseId = c.id;
    const hearing = await createHearing({ caseId, courtId: court.id, presidingJudgeId: users.judge.id, startInMinutes: 0 });
    hearingId = hearing.id;
    await testDb().query('UPDATE hearings SET title = $1 WHERE id = $2', [`Testimony of ${VICTIM}`, hearingId]);
    const add = async (
      hearingRole: Parameters<typeof createParticipant>[0]['hearingRole'],
      over: { displayName?: string; userId?: string; partyId?: string },
    ) => (await createParticipant({ hearingId, hearingRole, ...over })).id;
    p.judge = await add('judge', { userId: users.judge.id, displayName: users.judge.displayName });
    p.prosecutor = await add('prosecutor', { userId: users.prosecutor.id, displayName: users.prosecutor.displayName });
    p.defenceCounsel = await add('defence_counsel', { userId: users.defenceCounsel.id, displayName: users.defenceCounsel.displayName });
    p.defendant = await add('defendant', { userId: users.defendant.id, partyId: c.parties[2].id, displayName: 'Karim Dahan' });
    p.observer = await add('observer', { userId: users.observer.id, displayName: 'Press reporter' });
    p.victim = await add('victim', { partyId: c.parties[0].id, displayName: VICTIM });
    // Typed by a clerk: not a party, so no pseudonym of her own; her name says whose mother she is.
    p.supporter = await add('supporter', { displayName: `Mother of ${VICTIM}` });
    p.witness = await add('witness', { displayName: WITNESS });

    const order = await http(api.baseUrl, 'POST', `/api/hearings/${hearingId}/orders`, {
      token: users.judge.token,
      body: {
        kind: 'anonymity',
        participantId: p.witness,
        pseudonym: WITNESS_PSEUDONYM,
        reason: `${WITNESS} saw the defendant threaten ${VICTIM}; his family was threatened since.`,
      },
    });
    expect(order.status).toBe(201);
    orderId = order.body.id;

    // The prosecution files a motion naming her; the clerk accepts it with a note naming her.
    const prosecution = await fileMotion('prosecutor', `Motion to protect ${VICTIM}`, ['Motion']);
    prosecutionFilingId = prosecution.id;
    await review(prosecution.id, {
      action: 'accept',
      documents: [{ documentId: prosecution.documentIds[0], decision: 'accept', note: `Docketed with ${VICTIM} by pseudonym.` }],
    });
    // The defence files without her name; the clerk's notes to the defence name her.
    const defence = await fileMotion('defenceCounsel', 'Motion for disclosure', ['Motion', 'Exhibit']);
    defenceFilingId = defence.id;
    await review(defence.id, {
      action: 'accept',
      documents: [
        { documentId: defence.documentIds[0], decision: 'accept', note: `Accepted; it concerns the statement of ${VICTIM}.` },
        { documentId: defence.documentIds[1], decision: 'reject', reasonCode: 'illegible', note: `The exhibit names ${VICTIM}.` },
      ],
    });
    const returned = await fileMotion('defenceCounsel', 'Motion to adjourn', ['Motion']);
    returnedFilingId = returned.id;
    await review(returned.id, {
      action: 'return',
      reasonCode: 'missing_information',
      note: `Say which hearing of ${VICTIM} you mean.`,
    });
  });

  let sittingOnce: Promise<Record<string, HearingClient>> | undefined;

  /** The hearing sitting on the media node, everyone admitted (once for the file). */
  function sitting(): Promise<Record<string, HearingClient>> {
    sittingOnce ??= (async () => {
      const judge = await enterRoom('judge', users.judge.token);
      await judge.call('openHearing');
      const room: Record<string, HearingClient> = { judge };
      for (const who of ['prosecutor', 'defenceCounsel', 'defendant', 'observer'] as const)
        room[who] = await enterRoom(who, users[who].token);
      for (const who of ['victim', 'supporter', 'witness'] as const) room[who] = await enterRoom(who, await linkSession(who, p[who]));
      for (const who of ['prosecutor', 'defenceCounsel', 'defendant', 'observer', 'victim', 'supporter', 'witness'] as const)
        await judge.call('admit', { participantId: p[who] });
      await room.observer.waitFor('participantsChanged', (c) => c.appeared.some((line) => line.id === p.supporter));
      return room;
    })();
    return sittingOnce;
  }

  afterAll(async () => {
    for (const c of clients.splice(0)) c.close();
    await api?.close();
    await media?.close();
    await closeTestDb();
  });

  it('sends no protected name, in any free text, to anyone not entitled to it; the bench reads them all', async () => {
    // REST, as each account holder reaches it.
    for (const who of ['judge', 'clerk', 'prosecutor', 'defenceCounsel', 'defendant', 'observer'] as const) {
      await get(who, '/api/cases');
      await get(who, `/api/cases/${caseId}`);
      await get(who, `/api/cases/${caseId}/docket`);
      await get(who, '/api/hearings/mine');
      await get(who, `/api/hearings/${hearingId}`);
      await get(who, `/api/hearings/${hearingId}/orders`);
      await get(who, '/api/filings');
      for (const id of [prosecutionFilingId, defenceFilingId, returnedFilingId]) {
        await get(who, `/api/filings/${id}`);
        await get(who, `/api/filings/${id}/history`);
      }
      await get(who, '/api/inbox');
    }
    for (const who of ['judge', 'clerk'] as const) await get(who, '/api/hearings/today');

    // The live room: everyone comes in and is admitted; the lists and every notification are recorded.
    const room = await sitting();
    const judge = room.judge;
    for (const [who, client] of Object.entries(room)) {
      record(who, 'getRoomState', await client.call('getRoomState'));
      record(who, 'notifications', client.notifications);
    }

    expect(seen.length).toBeGreaterThan(100);
    const leaks = seen.flatMap((s) =>
      ([VICTIM, WITNESS] as const)
        .filter((name) => !entitled[name].includes(s.viewer))
        .flatMap((name) => partsOf(name).filter((part) => s.text.toLowerCase().includes(part.toLowerCase())))
        .map((part) => `${s.viewer} read "${part}" in ${s.what}`),
    );
    expect(leaks).toEqual([]);

    // The bench still reads the names (so the scan above can fail), and the entitled read theirs.
    const judgeHearing = await get('judge', `/api/hearings/${hearingId}`);
    expect(judgeHearing.body.title).toBe(`Testimony of ${VICTIM}`);
    expect(judgeHearing.body.participants.map((l: { displayName: string }) => l.displayName)).toEqual(
      expect.arrayContaining([VICTIM, `Mother of ${VICTIM}`, WITNESS]),
    );
    const judgeOrders = await get('judge', `/api/hearings/${hearingId}/orders`);
    expect(judgeOrders.body.find((o: { id: string }) => o.id === orderId).reason).toContain(WITNESS);
    expect((await get('judge', `/api/cases/${caseId}`)).body.title).toContain(VICTIM);
    const clerkFiling = await get('clerk', `/api/filings/${returnedFilingId}`);
    expect(clerkFiling.body.decision.note).toBe(`Say which hearing of ${VICTIM} you mean.`);
    // The clerk knows the parties of the case but not the witness the order hides from all but the judge.
    const clerkOrders = await get('clerk', `/api/hearings/${hearingId}/orders`);
    expect(clerkOrders.body.find((o: { id: string }) => o.id === orderId).reason).toBe(
      `${WITNESS_PSEUDONYM} saw the defendant threaten ${VICTIM}; his family was threatened since.`,
    );
    const prosecutorRoom = await room.prosecutor.call('getRoomState');
    expect(prosecutorRoom.participants.find((l) => l.id === p.supporter)?.displayName).toBe(`Mother of ${VICTIM}`);
    expect(JSON.stringify(await judge.call('getRoomState'))).toContain(`Mother of ${VICTIM}`);

    // What the unentitled read instead: the pseudonym as written, `$&` and all.
    const counselHearing = await get('defenceCounsel', `/api/hearings/${hearingId}`);
    expect(counselHearing.body.title).toBe(`Testimony of ${VICTIM_PSEUDONYM}`);
    const counselRoom = await room.defenceCounsel.call('getRoomState');
    expect(counselRoom.hearing.title).toBe(`Testimony of ${VICTIM_PSEUDONYM}`);
    expect(counselRoom.participants.find((l) => l.id === p.supporter)?.displayName).toBe(`Mother of ${VICTIM_PSEUDONYM}`);
    const counselFiling = await get('defenceCounsel', `/api/filings/${returnedFilingId}`);
    expect(counselFiling.body.decision.note).toBe(`Say which hearing of ${VICTIM_PSEUDONYM} you mean.`);
    expect((await get('observer', '/api/cases')).body.items.find((c: { id: string }) => c.id === caseId).title).toBe(
      `Prosecution v. Dahan (trafficking of ${VICTIM_PSEUDONYM})`,
    );
  });

  it('an anonymity order made during the sitting masks her name at once in the lines that carry it, not only in her own', async () => {
    const room = await sitting();
    const NADIA = 'Nadia Saleh';
    const nadia = await createParticipant({ hearingId, hearingRole: 'witness', displayName: NADIA });
    const sister = await createParticipant({ hearingId, hearingRole: 'supporter', displayName: `Sister of ${NADIA}` });
    const sisterClient = await enterRoom('sister', await linkSession('sister', sister.id));
    await room.judge.call('admit', { participantId: sister.id });
    // Before any order her name is no secret.
    await room.defenceCounsel.waitFor('participantsChanged', (c) =>
      c.appeared.some((l) => l.id === sister.id && l.displayName === `Sister of ${NADIA}`),
    );

    const order = await http(api.baseUrl, 'POST', `/api/hearings/${hearingId}/orders`, {
      token: users.judge.token,
      body: { kind: 'anonymity', participantId: nadia.id, pseudonym: 'Witness N', reason: 'Threats against the witness.' },
    });
    expect(order.status).toBe(201);
    const told = await room.defenceCounsel.waitFor('participantsChanged', (c) => c.changed.some((l) => l.id === sister.id));
    expect(told.changed.find((l) => l.id === sister.id)?.displayName).toBe('Sister of Witness N');
    const state = await room.defenceCounsel.call('getRoomState');
    expect(state.participants.find((l) => l.id === sister.id)?.displayName).toBe('Sister of Witness N');
    // The judge still reads it; the sister herself is not the one the order protects, and reads it masked too.
    expect((await room.judge.call('getRoomState')).participants.find((l) => l.id === sister.id)?.displayName).toBe(`Sister of ${NADIA}`);
    expect((await sisterClient.call('getRoomState')).self.displayName).toBe('Sister of Witness N');
  });
});
