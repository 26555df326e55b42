import { ManualClock } from '@ejustice/platform';
import {
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
} from '@ejustice/testing';

describe('one-time hearing links (e2e)', () => {
  const clock = new ManualClock();
  let api: RunningApi;
  let clerk: TestUser;
  let clerkToken: string;
  let hearingId: string;

  beforeAll(async () => {
    api = await startApiServer({ clock });
    clerk = await createUser({ roles: ['clerk'], courtId: (await createCourt({ timeZone: 'Africa/Cairo' })).id });
    clerkToken = (await login(api.baseUrl, clerk.email, clerk.password)).accessToken;
    const c = await createCase({
      courtId: clerk.courtId,
      caseType: 'trafficking',
      parties: [{ partyRole: 'victim', fullName: 'Amal Haddad', isProtected: true, pseudonym: 'Witness A' }],
    });
    hearingId = (await createHearing({ caseId: c.id, courtId: clerk.courtId })).id;
  });

  afterAll(async () => {
    await api.close();
    await closeTestDb();
  });

  async function issue(participantId: string, body: Record<string, unknown> = {}) {
    const res = await http(api.baseUrl, 'POST', `/api/hearings/${hearingId}/participants/${participantId}/links`, {
      token: clerkToken,
      body,
    });
    expect(res.status).toBe(201);
    return res.body as { linkId: string; token: string; url: string; expiresAt: string };
  }

  function exchange(token: string) {
    return http(api.baseUrl, 'POST', '/api/hearing-links/exchange', { body: { token } });
  }

  it('works once, and is refused the second time', async () => {
    const witness = await createParticipant({ hearingId, hearingRole: 'witness', displayName: 'Witness A' });
    const link = await issue(witness.id);
    expect(link.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(link.url).toMatch(new RegExp(`/join/${link.token}$`));

    const first = await exchange(link.token);
    expect(first.status).toBe(200);
    expect(first.body.participant).toEqual({ id: witness.id, hearingRole: 'witness', displayName: 'Witness A' });
    expect(first.body.hearing.id).toBe(hearingId);
    // A witness has no account: the link's answer names the court's time zone for the hearing's time.
    expect(first.body.hearing.courtTimeZone).toBe('Africa/Cairo');
    expect(typeof first.body.sessionToken).toBe('string');

    const second = await exchange(link.token);
    expect(second.status).toBe(410);
    expect(second.body.code).toBe('hearing_link.used');
  });

  it('stores only a hash of the token', async () => {
    const witness = await createParticipant({ hearingId, hearingRole: 'supporter' });
    const link = await issue(witness.id);
    const { rows } = await testDb().query('SELECT token_hash FROM hearing_links WHERE id = $1', [link.linkId]);
    expect(rows[0].token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0].token_hash).not.toContain(link.token);
  });

  it('is refused once expired', async () => {
    const witness = await createParticipant({ hearingId, hearingRole: 'witness' });
    const link = await issue(witness.id, { ttlHours: 1 });
    clock.advance(3_600_001);
    const res = await exchange(link.token);
    expect(res.status).toBe(410);
    expect(res.body.code).toBe('hearing_link.expired');
  });

  it('is refused once revoked, and issuing a new link withdraws the old one', async () => {
    const witness = await createParticipant({ hearingId, hearingRole: 'interpreter' });
    const revoked = await issue(witness.id);
    expect((await http(api.baseUrl, 'POST', `/api/hearing-links/${revoked.linkId}/revoke`, { token: clerkToken })).status).toBe(204);
    const res = await exchange(revoked.token);
    expect(res.status).toBe(410);
    expect(res.body.code).toBe('hearing_link.revoked');

    const older = await issue(witness.id);
    const newer = await issue(witness.id);
    expect((await exchange(older.token)).body.code).toBe('hearing_link.revoked');
    expect((await exchange(newer.token)).status).toBe(200);
  });

  it('issuing a new link ends the earlier one even after it was used: its session gets no more join tickets', async () => {
    const witness = await createParticipant({ hearingId, hearingRole: 'witness' });
    const intercepted = await issue(witness.id);
    const session = await exchange(intercepted.token);
    expect(session.status).toBe(200);
    const ticket = () => http(api.baseUrl, 'POST', `/api/hearings/${hearingId}/join-ticket`, { token: session.body.sessionToken });
    // Before: the session is honoured (no media node runs in this suite, hence not a ticket, but no refusal of the session).
    expect((await ticket()).body.code).not.toBe('hearing_link.revoked');

    const fresh = await issue(witness.id);
    const refused = await ticket();
    expect(refused.status).toBe(410);
    expect(refused.body.code).toBe('hearing_link.revoked');
    const { rows } = await testDb().query('SELECT revoked_at FROM hearing_links WHERE id = $1', [intercepted.linkId]);
    expect(rows[0].revoked_at).not.toBeNull();
    expect((await exchange(fresh.token)).status).toBe(200);
  });

  it('is not issued for the bench nor for anyone with an account: they join through their own signed-in session', async () => {
    const judgeUser = await createUser({ roles: ['judge'], courtId: clerk.courtId });
    const judge = await createParticipant({ hearingId, hearingRole: 'judge', userId: judgeUser.id, displayName: judgeUser.displayName });
    const counselUser = await createUser({ roles: ['counsel'], courtId: clerk.courtId });
    const counsel = await createParticipant({ hearingId, hearingRole: 'defence_counsel', userId: counselUser.id });
    const clerkRow = await createParticipant({ hearingId, hearingRole: 'clerk' });
    for (const participant of [judge, counsel, clerkRow]) {
      const res = await http(api.baseUrl, 'POST', `/api/hearings/${hearingId}/participants/${participant.id}/links`, {
        token: clerkToken,
        body: {},
      });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('hearing_link.not_for_account');
      const { rows } = await testDb().query('SELECT count(*)::int AS n FROM hearing_links WHERE participant_id = $1', [participant.id]);
      expect(rows[0].n).toBe(0);
    }
  });

  it('is refused when unknown or malformed, without saying more', async () => {
    expect((await exchange('A'.repeat(43))).body.code).toBe('hearing_link.not_found');
    expect((await exchange('short')).body.code).toBe('hearing_link.not_found');
  });

  it('is refused for a participant the judge removed', async () => {
    const witness = await createParticipant({ hearingId, hearingRole: 'witness' });
    const link = await issue(witness.id);
    await testDb().query(`UPDATE hearing_participants SET state = 'removed' WHERE id = $1`, [witness.id]);
    const res = await exchange(link.token);
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('hearing.participant_removed');
  });

  it('is exchanged exactly once even when opened twice at the same moment', async () => {
    const witness = await createParticipant({ hearingId, hearingRole: 'witness' });
    const link = await issue(witness.id);
    const results = await Promise.all(Array.from({ length: 6 }, () => exchange(link.token)));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 410).every((r) => r.body.code === 'hearing_link.used')).toBe(true);
    expect(results.filter((r) => r.status === 410)).toHaveLength(5);
  });

  it('cannot be issued by someone who does not run the court’s hearings', async () => {
    const counsel = await createUser({ roles: ['counsel'], courtId: clerk.courtId });
    const token = (await login(api.baseUrl, counsel.email, counsel.password)).accessToken;
    const witness = await createParticipant({ hearingId, hearingRole: 'witness' });
    const res = await http(api.baseUrl, 'POST', `/api/hearings/${hearingId}/participants/${witness.id}/links`, { token, body: {} });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('auth.forbidden');
  });

  it('records issuing and exchanging in the audit trail', async () => {
    const witness = await createParticipant({ hearingId, hearingRole: 'witness' });
    const link = await issue(witness.id);
    await exchange(link.token);
    const { rows } = await testDb().query(`SELECT action, actor_type FROM audit_events WHERE subject_id = $1 ORDER BY seq`, [link.linkId]);
    expect(rows).toEqual([
      { action: 'hearing_link.issued', actor_type: 'user' },
      { action: 'hearing_link.exchanged', actor_type: 'participant' },
    ]);
  });
});
