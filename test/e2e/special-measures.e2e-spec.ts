// Special-measures orders through the real api: the presiding judge makes, changes and revokes
// each kind of order; each change is one row change and one audit event in one transaction; every
// other role is refused; bad terms write nothing; stale versions and concurrent orders are refused;
// and the media nodes are told (Redis) only once the change is committed.
import { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { ORDER_NOTICE_CHANNEL, type OrderKind, decodeHearingNotice, loadOrdersInForce } from '@ejustice/hearings';
import { verifyAuditChain } from '@ejustice/platform';
import {
  type RunningApi,
  TEST_REDIS_URL,
  type TestUser,
  closeTestDb,
  createCase,
  createCourt,
  createHearing,
  createParticipant,
  createSpecialMeasureOrder,
  createUser,
  http,
  login,
  startApiServer,
  testDb,
} from '@ejustice/testing';

type Who = 'judge' | 'clerk' | 'prosecutor' | 'counsel' | 'otherJudge' | 'party' | 'observer' | 'foreignJudge';

interface Fixture {
  hearingId: string;
  /** Participant ids by part. */
  p: Record<
    | 'judge'
    | 'clerk'
    | 'witness'
    | 'victim'
    | 'defendant'
    | 'counsel'
    | 'prosecutor'
    | 'supporter'
    | 'supporter2'
    | 'interpreter'
    | 'observer',
    string
  >;
}

describe('special-measures orders (e2e)', () => {
  let api: RunningApi;
  let db: DataSource;
  let subscriber: Redis;
  const users = {} as Record<Who, TestUser>;
  const tokens = {} as Record<Who, string>;
  let hearingSlot = 0;

  beforeAll(async () => {
    api = await startApiServer();
    db = api.app.get(DataSource);
    users.judge = await createUser({ roles: ['judge'] });
    const courtId = users.judge.courtId;
    users.clerk = await createUser({ roles: ['clerk'], courtId });
    users.prosecutor = await createUser({ roles: ['prosecutor'], courtId });
    users.counsel = await createUser({ roles: ['counsel'], courtId });
    users.otherJudge = await createUser({ roles: ['judge'], courtId });
    users.party = await createUser({ roles: ['party'], courtId });
    users.observer = await createUser({ roles: ['observer'], courtId });
    users.foreignJudge = await createUser({ roles: ['judge'], courtId: (await createCourt()).id });
    for (const who of Object.keys(users) as Who[])
      tokens[who] = (await login(api.baseUrl, users[who].email, users[who].password)).accessToken;
    subscriber = new Redis(TEST_REDIS_URL, { lazyConnect: true });
    await subscriber.connect();
    await subscriber.subscribe(ORDER_NOTICE_CHANNEL);
  });

  afterAll(async () => {
    await subscriber?.quit();
    await api?.close();
    await closeTestDb();
  });

  /** A trafficking case's testimony hearing presided over by `judge`, with everyone in it. */
  async function newFixture(): Promise<Fixture> {
    const courtId = users.judge.courtId;
    const c = await createCase({
      courtId,
      caseType: 'trafficking',
      parties: [
        { partyRole: 'victim', fullName: 'Amal Haddad', isProtected: true, pseudonym: 'Witness A' },
        { partyRole: 'victim', fullName: 'Sara Nasser', isProtected: true, pseudonym: 'Witness B' },
        { partyRole: 'defendant', fullName: users.party.displayName, userId: users.party.id, counselUserId: users.counsel.id },
      ],
    });
    // One judge cannot sit in two overlapping live hearings: each fixture gets its own slot.
    const hearing = await createHearing({
      caseId: c.id,
      courtId,
      presidingJudgeId: users.judge.id,
      startInMinutes: 5 + 200 * hearingSlot++,
    });
    const add = async (
      hearingRole: Parameters<typeof createParticipant>[0]['hearingRole'],
      over: { displayName?: string; userId?: string; partyId?: string } = {},
    ) => (await createParticipant({ hearingId: hearing.id, hearingRole, ...over })).id;
    return {
      hearingId: hearing.id,
      p: {
        judge: await add('judge', { userId: users.judge.id, displayName: users.judge.displayName }),
        clerk: await add('clerk', { userId: users.clerk.id }),
        // The display name is the real name here, on the court record too.
        witness: await add('witness', { displayName: 'Amal Haddad', partyId: c.parties[0].id }),
        // Listed under the case's pseudonym; the real name is on the court record only.
        victim: await add('victim', { displayName: 'Witness B', partyId: c.parties[1].id }),
        defendant: await add('defendant', { userId: users.party.id, partyId: c.parties[2].id }),
        counsel: await add('defence_counsel', { userId: users.counsel.id }),
        prosecutor: await add('prosecutor', { userId: users.prosecutor.id }),
        supporter: await add('supporter'),
        supporter2: await add('supporter'),
        interpreter: await add('interpreter'),
        observer: await add('observer', { userId: users.observer.id }),
      },
    };
  }

  const makeOrder = (f: Fixture, body: Record<string, unknown>, who: Who = 'judge') =>
    http(api.baseUrl, 'POST', `/api/hearings/${f.hearingId}/orders`, { token: tokens[who], body });
  const changeOrder = (f: Fixture, orderId: string, body: Record<string, unknown>, who: Who = 'judge') =>
    http(api.baseUrl, 'PATCH', `/api/hearings/${f.hearingId}/orders/${orderId}`, { token: tokens[who], body });
  const revokeOrder = (f: Fixture, orderId: string, body: Record<string, unknown>, who: Who = 'judge') =>
    http(api.baseUrl, 'POST', `/api/hearings/${f.hearingId}/orders/${orderId}/revoke`, { token: tokens[who], body });
  const listOrders = (f: Fixture, who: Who = 'judge') =>
    http(api.baseUrl, 'GET', `/api/hearings/${f.hearingId}/orders`, { token: tokens[who] });

  async function auditOf(orderId: string): Promise<{ action: string; actor_id: string; hearing_id: string; data: Record<string, any> }[]> {
    const { rows } = await testDb().query(
      'SELECT action, actor_id, hearing_id, data FROM audit_events WHERE subject_id = $1 ORDER BY seq',
      [orderId],
    );
    return rows;
  }

  async function rowOf(orderId: string) {
    const { rows } = await testDb().query('SELECT * FROM special_measure_orders WHERE id = $1', [orderId]);
    return rows[0];
  }

  /** What a refused request must not have left behind: rows and audit events of the hearing. */
  async function footprint(f: Fixture): Promise<{ orders: number; events: number }> {
    const { rows } = await testDb().query(
      `SELECT (SELECT count(*)::int FROM special_measure_orders WHERE hearing_id = $1) AS orders,
              (SELECT count(*)::int FROM audit_events WHERE hearing_id = $1) AS events`,
      [f.hearingId],
    );
    return rows[0];
  }

  /**
   * Resolves on the next order notice for the hearing, with how many of its orders the database
   * shows at that instant: a node re-reading on the notice must find the change committed.
   */
  function nextNotice(hearingId: string): Promise<{ ordersVisible: number; revokedVisible: number }> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        subscriber.off('message', onMessage);
        reject(new Error(`no order notice for hearing ${hearingId} within 5 s`));
      }, 5_000);
      function onMessage(channel: string, message: string): void {
        if (channel !== ORDER_NOTICE_CHANNEL || decodeHearingNotice(message)?.hearingId !== hearingId) return;
        subscriber.off('message', onMessage);
        clearTimeout(timer);
        testDb()
          .query(`SELECT count(*)::int AS n, count(revoked_at)::int AS revoked FROM special_measure_orders WHERE hearing_id = $1`, [
            hearingId,
          ])
          .then((r) => resolve({ ordersVisible: r.rows[0].n, revokedVisible: r.rows[0].revoked }), reject);
      }
      subscriber.on('message', onMessage);
    });
  }

  /** Per kind: what the judge orders, how it changes, and what the media policy then reads. */
  const KINDS: {
    kind: OrderKind;
    make: (f: Fixture) => Record<string, unknown>;
    change: (f: Fixture) => Record<string, unknown> | undefined;
    measure: (f: Fixture, id: string) => Record<string, unknown>;
  }[] = [
    {
      kind: 'anonymity',
      make: (f) => ({ participantId: f.p.witness, pseudonym: ' Witness  A ', disclosedToRoles: ['clerk'] }),
      change: (f) => ({
        pseudonym: 'Witness A',
        picture: 'silhouette',
        disclosedToRoles: ['clerk'],
        disclosedToParticipantIds: [f.p.supporter],
      }),
      measure: (f, id) => ({
        kind: 'anonymity',
        id,
        participantId: f.p.witness,
        pseudonym: 'Witness A',
        picture: 'silhouette',
        disclosedToRoles: ['clerk'],
        disclosedToParticipantIds: [f.p.supporter],
      }),
    },
    {
      kind: 'screen',
      make: (f) => ({ participantId: f.p.witness, fromRoles: ['defendant'] }),
      change: (f) => ({ fromRoles: ['defendant', 'observer'], fromParticipantIds: [f.p.counsel] }),
      measure: (f, id) => ({
        kind: 'screen',
        id,
        participantId: f.p.witness,
        fromRoles: ['defendant', 'observer'],
        fromParticipantIds: [f.p.counsel],
      }),
    },
    {
      kind: 'audio_only',
      make: (f) => ({ participantId: f.p.victim }),
      change: () => undefined,
      measure: (f, id) => ({ kind: 'audio_only', id, participantId: f.p.victim }),
    },
    {
      kind: 'supporter',
      make: (f) => ({ participantId: f.p.witness, supporterId: f.p.supporter, capacity: 'supporter' }),
      change: (f) => ({ supporterId: f.p.supporter2, capacity: 'intermediary' }),
      measure: (f, id) => ({ kind: 'supporter', id, participantId: f.p.witness, supporterId: f.p.supporter2, capacity: 'intermediary' }),
    },
    {
      kind: 'evidence_in_private',
      make: () => ({}),
      change: () => undefined,
      measure: (_f, id) => ({ kind: 'evidence_in_private', id }),
    },
    {
      kind: 'remote_witness_room',
      make: (f) => ({ participantId: f.p.victim, location: 'Witness suite 2, Northern shelter' }),
      change: () => ({ location: 'Witness suite 3, Northern shelter' }),
      measure: (f, id) => ({ kind: 'remote_witness_room', id, participantId: f.p.victim, location: 'Witness suite 3, Northern shelter' }),
    },
  ];

  describe.each(KINDS)('$kind order', ({ kind, make, change, measure }) => {
    it('is made, listed, changed and revoked by the presiding judge, each step one row change and one audit event', async () => {
      const f = await newFixture();

      // Make
      const made = await makeOrder(f, { kind, ...make(f), reason: 'The witness fears the defendant' });
      expect(made.status).toBe(201);
      const orderId: string = made.body.id;
      expect(made.body).toMatchObject({
        hearingId: f.hearingId,
        kind,
        reason: 'The witness fears the defendant',
        version: 1,
        inForce: true,
        made: { by: { userId: users.judge.id, displayName: users.judge.displayName } },
        changed: null,
        revoked: null,
      });
      expect(await rowOf(orderId)).toMatchObject({ hearing_id: f.hearingId, kind, version: 1, made_by: users.judge.id, revoked_at: null });
      let audit = await auditOf(orderId);
      expect(audit.map((e) => e.action)).toEqual(['hearing.order_made']);
      expect(audit[0]).toMatchObject({
        actor_id: users.judge.id,
        hearing_id: f.hearingId,
        data: { orderId, kind, participantId: made.body.participantId, version: 1, reason: 'The witness fears the defendant' },
      });
      expect((await loadOrdersInForce(db, f.hearingId)).map((o) => o.kind)).toEqual([kind]);

      // List
      const listed = await listOrders(f);
      expect(listed.status).toBe(200);
      expect(listed.body).toEqual([made.body]);

      // Change
      const terms = change(f);
      const changed = await changeOrder(f, orderId, { ...(terms ? { terms } : {}), reason: 'The witness asked for more', version: 1 });
      expect(changed.status).toBe(200);
      expect(changed.body).toMatchObject({ id: orderId, version: 2, reason: 'The witness asked for more', inForce: true });
      expect(changed.body.changed).toMatchObject({ by: { userId: users.judge.id } });
      expect(await rowOf(orderId)).toMatchObject({ version: 2, reason: 'The witness asked for more', changed_by: users.judge.id });
      audit = await auditOf(orderId);
      expect(audit.map((e) => e.action)).toEqual(['hearing.order_made', 'hearing.order_changed']);
      expect(audit[1].data).toMatchObject({ orderId, kind, version: 2, changed: terms ? ['terms', 'reason'] : ['reason'] });
      // Exactly the media policy's shape, with the order's row id.
      expect(await loadOrdersInForce(db, f.hearingId)).toStrictEqual([measure(f, orderId)]);

      // Revoke
      const revoked = await revokeOrder(f, orderId, { reason: 'The witness has finished her evidence' });
      expect(revoked.status).toBe(200);
      expect(revoked.body).toMatchObject({
        id: orderId,
        version: 3,
        inForce: false,
        revoked: { by: { userId: users.judge.id, displayName: users.judge.displayName }, reason: 'The witness has finished her evidence' },
      });
      expect(await rowOf(orderId)).toMatchObject({
        version: 3,
        revoked_by: users.judge.id,
        revoke_reason: 'The witness has finished her evidence',
      });
      audit = await auditOf(orderId);
      expect(audit.map((e) => e.action)).toEqual(['hearing.order_made', 'hearing.order_changed', 'hearing.order_revoked']);
      expect(audit[2].data).toEqual({
        orderId,
        kind,
        participantId: made.body.participantId,
        version: 3,
        reason: 'The witness has finished her evidence',
      });
      expect(await loadOrdersInForce(db, f.hearingId)).toEqual([]);

      // The bench still reads the revoked order, with who revoked it, when and why.
      const after = await listOrders(f, 'clerk');
      expect(after.status).toBe(200);
      expect(after.body).toEqual([revoked.body]);
      expect(new Date(after.body[0].revoked.at).getTime()).not.toBeNaN();

      // No real name in the chain (the pseudonym is fine); the shelter's location stays on the order.
      const chain = JSON.stringify(audit);
      expect(chain).not.toMatch(/Amal|Haddad|Sara|Nasser/);
      expect(chain).not.toContain('shelter');
      expect(await footprint(f)).toEqual({ orders: 1, events: 3 });
    });
  });

  describe('who may make, change, revoke and read orders', () => {
    let f: Fixture;
    let orderId: string;

    beforeAll(async () => {
      f = await newFixture();
      const res = await makeOrder(f, { kind: 'audio_only', participantId: f.p.witness, reason: 'Distress on camera' });
      expect(res.status).toBe(201);
      orderId = res.body.id;
    });

    it.each<Who>(['clerk', 'prosecutor', 'counsel', 'otherJudge', 'party', 'observer'])(
      'refuses %s with 403 order.forbidden and writes nothing',
      async (who) => {
        const before = await footprint(f);
        const made = await makeOrder(f, { kind: 'anonymity', participantId: f.p.witness, pseudonym: 'Witness Z', reason: 'r' }, who);
        expect(made.status).toBe(403);
        expect(made.body.code).toBe('order.forbidden');
        const changed = await changeOrder(f, orderId, { reason: 'Another reason', version: 1 }, who);
        expect([changed.status, changed.body.code]).toEqual([403, 'order.forbidden']);
        const revoked = await revokeOrder(f, orderId, { reason: 'No longer needed' }, who);
        expect([revoked.status, revoked.body.code]).toEqual([403, 'order.forbidden']);
        expect(await footprint(f)).toEqual(before);
        expect(await rowOf(orderId)).toMatchObject({ version: 1, revoked_at: null });
      },
    );

    it.each<Who>(['prosecutor', 'counsel', 'party', 'observer'])('does not let %s read them', async (who) => {
      const res = await listOrders(f, who);
      expect([res.status, res.body.code]).toEqual([403, 'order.forbidden']);
    });

    it.each<Who>(['judge', 'clerk', 'otherJudge'])('lets the bench (%s) read them', async (who) => {
      const res = await listOrders(f, who);
      expect(res.status).toBe(200);
      expect(res.body.map((o: { id: string }) => o.id)).toEqual([orderId]);
    });

    it('tells a judge of another court that there is no such hearing', async () => {
      const made = await makeOrder(f, { kind: 'evidence_in_private', reason: 'r' }, 'foreignJudge');
      expect([made.status, made.body.code]).toEqual([404, 'hearing.not_found']);
      expect((await listOrders(f, 'foreignJudge')).status).toBe(404);
    });

    it('does not let a witness who came by a one-time link in at all', async () => {
      const link = await http(api.baseUrl, 'POST', `/api/hearings/${f.hearingId}/participants/${f.p.victim}/links`, {
        token: tokens.clerk,
        body: {},
      });
      expect(link.status).toBe(201);
      const session = await http(api.baseUrl, 'POST', '/api/hearing-links/exchange', { body: { token: link.body.token } });
      expect(session.status).toBe(200);
      const res = await http(api.baseUrl, 'POST', `/api/hearings/${f.hearingId}/orders`, {
        token: session.body.sessionToken,
        body: { kind: 'evidence_in_private', reason: 'r' },
      });
      expect(res.status).toBe(401);
      expect((await http(api.baseUrl, 'GET', `/api/hearings/${f.hearingId}/orders`, { token: session.body.sessionToken })).status).toBe(
        401,
      );
    });

    it('refuses an unknown hearing and a malformed id', async () => {
      const unknown = await http(api.baseUrl, 'POST', '/api/hearings/00000000-0000-4000-8000-000000000000/orders', {
        token: tokens.judge,
        body: { kind: 'evidence_in_private', reason: 'r' },
      });
      expect([unknown.status, unknown.body.code]).toEqual([404, 'hearing.not_found']);
      const malformed = await http(api.baseUrl, 'PATCH', `/api/hearings/${f.hearingId}/orders/not-a-uuid`, {
        token: tokens.judge,
        body: { reason: 'r', version: 1 },
      });
      expect([malformed.status, malformed.body.code]).toEqual([400, 'invalid_id']);
    });
  });

  describe('terms the court refuses', () => {
    let f: Fixture;
    let other: Fixture;

    beforeAll(async () => {
      f = await newFixture();
      other = await newFixture();
    });

    const CASES: [string, (f: Fixture, other: Fixture) => Record<string, unknown>, string][] = [
      ['a screen from nobody', (f) => ({ kind: 'screen', participantId: f.p.witness, fromRoles: [] }), 'order.invalid'],
      [
        'a screen from the judge',
        (f) => ({ kind: 'screen', participantId: f.p.witness, fromRoles: ['defendant', 'judge'] }),
        'order.invalid',
      ],
      [
        'a screen from the clerk by name',
        (f) => ({ kind: 'screen', participantId: f.p.witness, fromParticipantIds: [f.p.clerk] }),
        'order.invalid',
      ],
      [
        'a screen from the witness herself',
        (f) => ({ kind: 'screen', participantId: f.p.witness, fromParticipantIds: [f.p.witness] }),
        'order.invalid',
      ],
      [
        'anonymity for defence counsel',
        (f) => ({ kind: 'anonymity', participantId: f.p.counsel, pseudonym: 'Counsel X' }),
        'order.subject_invalid',
      ],
      ['audio only for the defendant', (f) => ({ kind: 'audio_only', participantId: f.p.defendant }), 'order.subject_invalid'],
      [
        'an interpreter as supporter',
        (f) => ({ kind: 'supporter', participantId: f.p.witness, supporterId: f.p.interpreter, capacity: 'supporter' }),
        'order.subject_invalid',
      ],
      [
        'a supporter without capacity',
        (f) => ({ kind: 'supporter', participantId: f.p.witness, supporterId: f.p.supporter }),
        'order.invalid',
      ],
      ['evidence in private naming a participant', (f) => ({ kind: 'evidence_in_private', participantId: f.p.witness }), 'order.invalid'],
      [
        'a remote room without location',
        (f) => ({ kind: 'remote_witness_room', participantId: f.p.witness, location: '  ' }),
        'order.invalid',
      ],
      ['anonymity without pseudonym', (f) => ({ kind: 'anonymity', participantId: f.p.witness }), 'order.invalid'],
      [
        'anonymity with a location',
        (f) => ({ kind: 'anonymity', participantId: f.p.witness, pseudonym: 'Witness Q', location: 'Suite 1' }),
        'order.invalid',
      ],
      [
        'a participant of another hearing',
        (f, other) => ({ kind: 'audio_only', participantId: other.p.witness }),
        'order.participant_not_found',
      ],
      [
        'disclosure to another hearing’s participant',
        (f, other) => ({
          kind: 'anonymity',
          participantId: f.p.witness,
          pseudonym: 'Witness Q',
          disclosedToParticipantIds: [other.p.supporter],
        }),
        'order.participant_not_found',
      ],
      ['an unknown kind', (f) => ({ kind: 'recording', participantId: f.p.witness }), 'validation_failed'],
      [
        'an unknown field',
        (f) => ({ kind: 'anonymity', participantId: f.p.witness, pseudonym: 'Witness Q', realName: 'Amal Haddad' }),
        'validation_failed',
      ],
      [
        'an overlong pseudonym',
        (f) => ({ kind: 'anonymity', participantId: f.p.witness, pseudonym: 'W'.repeat(101) }),
        'validation_failed',
      ],
      ['a role that does not exist', (f) => ({ kind: 'screen', participantId: f.p.witness, fromRoles: ['jury'] }), 'validation_failed'],
      [
        'a picture that does not exist',
        (f) => ({ kind: 'anonymity', participantId: f.p.witness, pseudonym: 'Witness Q', picture: 'pixelate' }),
        'validation_failed',
      ],
    ];

    it.each(CASES)('refuses %s with 400 and writes nothing', async (_what, body, code) => {
      const before = await footprint(f);
      const res = await makeOrder(f, { reason: 'Because', ...body(f, other) });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe(code);
      expect(res.body.detail).toEqual(expect.any(String));
      expect(await footprint(f)).toEqual(before);
    });

    it('refuses an order without a reason', async () => {
      const before = await footprint(f);
      const missing = await makeOrder(f, { kind: 'audio_only', participantId: f.p.witness });
      expect([missing.status, missing.body.code]).toEqual([400, 'validation_failed']);
      const blank = await makeOrder(f, { kind: 'audio_only', participantId: f.p.witness, reason: '   ' });
      expect([blank.status, blank.body.code]).toEqual([400, 'order.invalid']);
      expect(await footprint(f)).toEqual(before);
    });

    it.each([
      ['the display name, in other case and spacing', (f: Fixture) => ({ participantId: f.p.witness, pseudonym: '  amal   HADDAD ' })],
      ['the name on the court record', (f: Fixture) => ({ participantId: f.p.victim, pseudonym: 'Sara Nasser' })],
    ])('refuses a pseudonym that is the real name: %s', async (_what, body) => {
      const before = await footprint(f);
      const res = await makeOrder(f, { kind: 'anonymity', reason: 'Because', ...body(f) });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('order.pseudonym_is_real_name');
      expect(res.body.detail).not.toMatch(/Amal|Haddad|Sara|Nasser/);
      expect(await footprint(f)).toEqual(before);
    });

    it('refuses a pseudonym another order in force uses', async () => {
      const g = await newFixture();
      await createSpecialMeasureOrder({
        hearingId: g.hearingId,
        kind: 'anonymity',
        participantId: g.p.victim,
        terms: { pseudonym: 'Witness Q', picture: 'blur', disclosedToRoles: [], disclosedToParticipantIds: [] },
        madeBy: users.judge.id,
      });
      const res = await makeOrder(g, { kind: 'anonymity', participantId: g.p.witness, pseudonym: 'witness q', reason: 'Because' });
      expect([res.status, res.body.code]).toEqual([400, 'order.pseudonym_taken']);
    });

    it('refuses a supporter who already sits beside another witness', async () => {
      const g = await newFixture();
      await createSpecialMeasureOrder({
        hearingId: g.hearingId,
        kind: 'supporter',
        participantId: g.p.victim,
        terms: { supporterId: g.p.supporter, capacity: 'supporter' },
        madeBy: users.judge.id,
      });
      const before = await footprint(g);
      const res = await makeOrder(g, {
        kind: 'supporter',
        participantId: g.p.witness,
        supporterId: g.p.supporter,
        capacity: 'intermediary',
        reason: 'Because',
      });
      expect([res.status, res.body.code]).toEqual([409, 'order.supporter_taken']);
      expect(await footprint(g)).toEqual(before);
    });
  });

  describe('the state of the order and of the hearing', () => {
    it('refuses a change from a stale version, and keeps the newer one', async () => {
      const f = await newFixture();
      const made = await makeOrder(f, { kind: 'remote_witness_room', participantId: f.p.witness, location: 'Suite 1', reason: 'Distance' });
      const orderId = made.body.id;
      expect((await changeOrder(f, orderId, { terms: { location: 'Suite 2' }, reason: 'Moved', version: 1 })).status).toBe(200);
      const before = await footprint(f);
      const stale = await changeOrder(f, orderId, { terms: { location: 'Suite 3' }, reason: 'Moved again', version: 1 });
      expect(stale.status).toBe(409);
      expect(stale.body).toMatchObject({ code: 'order.conflict', currentVersion: 2 });
      expect(await footprint(f)).toEqual(before);
      expect(await rowOf(orderId)).toMatchObject({ version: 2, terms: { location: 'Suite 2' } });
    });

    it('refuses to change or revoke a revoked order', async () => {
      const f = await newFixture();
      const made = await makeOrder(f, { kind: 'audio_only', participantId: f.p.witness, reason: 'Distress' });
      const orderId = made.body.id;
      expect((await revokeOrder(f, orderId, { reason: 'Recovered' })).status).toBe(200);
      const before = await footprint(f);
      const change = await changeOrder(f, orderId, { reason: 'Distress again', version: 2 });
      expect([change.status, change.body.code]).toEqual([410, 'order.revoked']);
      const again = await revokeOrder(f, orderId, { reason: 'Twice' });
      expect([again.status, again.body.code]).toEqual([410, 'order.revoked']);
      expect(await footprint(f)).toEqual(before);
      // A new order of the same kind may be made once the old one is revoked.
      expect((await makeOrder(f, { kind: 'audio_only', participantId: f.p.witness, reason: 'Distress again' })).status).toBe(201);
    });

    it('refuses a second order of a kind for one witness, and an unknown order', async () => {
      const f = await newFixture();
      expect((await makeOrder(f, { kind: 'anonymity', participantId: f.p.witness, pseudonym: 'Witness A', reason: 'Fear' })).status).toBe(
        201,
      );
      const second = await makeOrder(f, { kind: 'anonymity', participantId: f.p.witness, pseudonym: 'Witness C', reason: 'Fear' });
      expect([second.status, second.body.code]).toEqual([409, 'order.already_in_force']);
      const unknown = await changeOrder(f, '00000000-0000-4000-8000-000000000000', { reason: 'r', version: 1 });
      expect([unknown.status, unknown.body.code]).toEqual([404, 'order.not_found']);
    });

    it.each(['closed', 'adjourned'])('refuses orders once the hearing is %s', async (status) => {
      const f = await newFixture();
      const made = await makeOrder(f, { kind: 'audio_only', participantId: f.p.witness, reason: 'Distress' });
      await testDb().query('UPDATE hearings SET status = $1 WHERE id = $2', [status, f.hearingId]);
      const before = await footprint(f);
      const res = await makeOrder(f, { kind: 'evidence_in_private', reason: 'Sensitive evidence' });
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ code: 'order.hearing_ended', hearingStatus: status });
      const revoke = await revokeOrder(f, made.body.id, { reason: 'r' });
      expect([revoke.status, revoke.body.code]).toEqual([409, 'order.hearing_ended']);
      expect(await footprint(f)).toEqual(before);
    });

    it.each(['open', 'in_recess'])('takes orders while the hearing is %s', async (status) => {
      const f = await newFixture();
      await testDb().query('UPDATE hearings SET status = $1 WHERE id = $2', [status, f.hearingId]);
      expect((await makeOrder(f, { kind: 'evidence_in_private', reason: 'Sensitive evidence' })).status).toBe(201);
    });
  });

  describe('concurrency', () => {
    it('lets exactly one of several simultaneous anonymity orders for one witness through', async () => {
      const f = await newFixture();
      const results = await Promise.all(
        ['Witness C', 'Witness D', 'Witness E', 'Witness F'].map((pseudonym) =>
          makeOrder(f, { kind: 'anonymity', participantId: f.p.witness, pseudonym, reason: 'Fear of reprisals' }),
        ),
      );
      expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409]);
      expect(results.filter((r) => r.status === 409).every((r) => r.body.code === 'order.already_in_force')).toBe(true);
      expect(await footprint(f)).toEqual({ orders: 1, events: 1 });
    });

    it('lets exactly one of two simultaneous changes from one version through', async () => {
      const f = await newFixture();
      const made = await makeOrder(f, { kind: 'screen', participantId: f.p.witness, fromRoles: ['defendant'], reason: 'Fear' });
      const results = await Promise.all([
        changeOrder(f, made.body.id, { terms: { fromRoles: ['observer'] }, reason: 'Public gallery', version: 1 }),
        changeOrder(f, made.body.id, { terms: { fromRoles: ['defendant', 'observer'] }, reason: 'Both', version: 1 }),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      expect(results.find((r) => r.status === 409)?.body.code).toBe('order.conflict');
      expect((await auditOf(made.body.id)).map((e) => e.action)).toEqual(['hearing.order_made', 'hearing.order_changed']);
    });
  });

  describe('notice to the media nodes', () => {
    it('is published on Redis after the change is committed', async () => {
      const f = await newFixture();
      const madeNotice = nextNotice(f.hearingId);
      const made = await makeOrder(f, { kind: 'anonymity', participantId: f.p.witness, pseudonym: 'Witness A', reason: 'Fear' });
      expect(made.status).toBe(201);
      await expect(madeNotice).resolves.toEqual({ ordersVisible: 1, revokedVisible: 0 });

      const revokedNotice = nextNotice(f.hearingId);
      expect((await revokeOrder(f, made.body.id, { reason: 'Evidence finished' })).status).toBe(200);
      await expect(revokedNotice).resolves.toEqual({ ordersVisible: 1, revokedVisible: 1 });
    });

    it('is not published for a refused order', async () => {
      const f = await newFixture();
      const notice = nextNotice(f.hearingId);
      expect((await makeOrder(f, { kind: 'anonymity', participantId: f.p.witness, pseudonym: 'Amal Haddad', reason: 'Fear' })).status).toBe(
        400,
      );
      expect((await makeOrder(f, { kind: 'evidence_in_private', reason: 'r' }, 'clerk')).status).toBe(403);
      await expect(notice).rejects.toThrow('no order notice');
    });
  });

  it('leaves the audit chain intact', async () => {
    await expect(verifyAuditChain(db)).resolves.toMatchObject({ intact: true });
  });
});
