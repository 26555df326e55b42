// Account administration and its reach: an admin of the court disables, re-enables, demotes and
// promotes accounts, and the api honours the account as it stands now at every request, not as
// the access token remembers it.
import {
  type RunningApi,
  type TestUser,
  closeTestDb,
  createCourt,
  createUser,
  http,
  login,
  startApiServer,
  testDb,
} from '@ejustice/testing';

describe('account administration and enforcement (e2e)', () => {
  let api: RunningApi;
  let courtId: string;
  let admin: TestUser;
  let adminToken: string;

  beforeAll(async () => {
    api = await startApiServer();
    courtId = (await createCourt()).id;
    admin = await createUser({ roles: ['admin'], courtId });
    adminToken = (await login(api.baseUrl, admin.email, admin.password)).accessToken;
  });

  afterAll(async () => {
    await api.close();
    await closeTestDb();
  });

  async function userEvents(
    userId: string,
  ): Promise<{ action: string; actor_type: string; actor_id: string | null; court_id: string; data: any }[]> {
    const { rows } = await testDb().query(
      `SELECT action, actor_type, actor_id, court_id, data FROM audit_events WHERE subject_type = 'user' AND subject_id = $1 ORDER BY seq`,
      [userId],
    );
    return rows;
  }

  async function userRow(userId: string): Promise<{ disabled_at: Date | null; roles: string[] }> {
    const { rows } = await testDb().query(
      `SELECT u.disabled_at, coalesce(array_agg(r.role ORDER BY r.role) FILTER (WHERE r.role IS NOT NULL), '{}') AS roles
         FROM users u LEFT JOIN user_roles r ON r.user_id = u.id WHERE u.id = $1 GROUP BY u.id`,
      [userId],
    );
    return rows[0];
  }

  describe('roles', () => {
    it("takes a judge's powers away at the next request, with the same access token, and gives them back", async () => {
      const judge = await createUser({ roles: ['judge'], courtId });
      const token = (await login(api.baseUrl, judge.email, judge.password)).accessToken;
      expect((await http(api.baseUrl, 'GET', '/api/hearings/today', { token })).status).toBe(200);

      const demoted = await http(api.baseUrl, 'PUT', `/api/admin/users/${judge.id}/roles`, {
        token: adminToken,
        body: { roles: ['observer'] },
      });
      expect(demoted.status).toBe(200);
      expect(demoted.body).toMatchObject({ id: judge.id, courtId, roles: ['observer'], disabled: false });
      expect((await userRow(judge.id)).roles).toEqual(['observer']);

      // The token still says 'judge'; the account no longer does.
      const refused = await http(api.baseUrl, 'GET', '/api/hearings/today', { token });
      expect(refused.status).toBe(403);
      expect(refused.body.code).toBe('auth.forbidden');
      const me = await http(api.baseUrl, 'GET', '/api/me', { token });
      expect(me.status).toBe(200);
      expect(me.body.roles).toEqual(['observer']);

      const promoted = await http(api.baseUrl, 'PUT', `/api/admin/users/${judge.id}/roles`, {
        token: adminToken,
        body: { roles: ['judge', 'clerk'] },
      });
      expect(promoted.status).toBe(200);
      expect(promoted.body.roles).toEqual(['clerk', 'judge']);
      expect((await http(api.baseUrl, 'GET', '/api/hearings/today', { token })).status).toBe(200);

      const events = await userEvents(judge.id);
      expect(events.map((e) => e.action)).toEqual(['user.roles_changed', 'user.roles_changed']);
      expect(events[0]).toMatchObject({
        actor_type: 'user',
        actor_id: admin.id,
        court_id: courtId,
        data: { from: ['judge'], to: ['observer'] },
      });
      expect(events[1].data).toEqual({ from: ['observer'], to: ['clerk', 'judge'] });
    });

    it('changes nothing and records nothing when the roles are already those', async () => {
      const clerk = await createUser({ roles: ['clerk'], courtId });
      const res = await http(api.baseUrl, 'PUT', `/api/admin/users/${clerk.id}/roles`, { token: adminToken, body: { roles: ['clerk'] } });
      expect(res.status).toBe(200);
      expect(res.body.roles).toEqual(['clerk']);
      expect(await userEvents(clerk.id)).toEqual([]);
    });

    it('lets an admin grant themselves more roles but not take away their own admin role', async () => {
      const other = await createUser({ roles: ['admin'], courtId });
      const otherToken = (await login(api.baseUrl, other.email, other.password)).accessToken;
      const more = await http(api.baseUrl, 'PUT', `/api/admin/users/${other.id}/roles`, {
        token: otherToken,
        body: { roles: ['admin', 'clerk'] },
      });
      expect(more.status).toBe(200);
      const refused = await http(api.baseUrl, 'PUT', `/api/admin/users/${other.id}/roles`, {
        token: otherToken,
        body: { roles: ['clerk'] },
      });
      expect(refused.status).toBe(409);
      expect(refused.body.code).toBe('user.cannot_remove_own_admin');
      expect(refused.body.detail).toMatch(/another administrator/);
      expect((await userRow(other.id)).roles).toEqual(['admin', 'clerk']);
      expect((await userEvents(other.id)).map((e) => e.action)).toEqual(['user.roles_changed']);
    });

    it('lists every invalid field of a malformed role change and changes nothing', async () => {
      const clerk = await createUser({ roles: ['clerk'], courtId });
      for (const body of [{ roles: [] }, { roles: ['emperor'] }, {}, { roles: 'judge' }, { roles: ['judge'], disabled: true }]) {
        const res = await http(api.baseUrl, 'PUT', `/api/admin/users/${clerk.id}/roles`, { token: adminToken, body });
        expect(res.status).toBe(400);
        expect(res.body.code).toBe('validation_failed');
      }
      expect((await userRow(clerk.id)).roles).toEqual(['clerk']);
      expect(await userEvents(clerk.id)).toEqual([]);
    });
  });

  describe('disabling', () => {
    it('refuses the next request of a disabled account, ends its sessions, and re-enabling lets it sign in again', async () => {
      const clerk = await createUser({ roles: ['clerk'], courtId });
      const first = await login(api.baseUrl, clerk.email, clerk.password);
      const second = await login(api.baseUrl, clerk.email, clerk.password);
      expect((await http(api.baseUrl, 'GET', '/api/me', { token: first.accessToken })).status).toBe(200);

      const disabled = await http(api.baseUrl, 'POST', `/api/admin/users/${clerk.id}/disable`, { token: adminToken });
      expect(disabled.status).toBe(200);
      expect(disabled.body).toMatchObject({ id: clerk.id, disabled: true, roles: ['clerk'] });

      for (const token of [first.accessToken, second.accessToken]) {
        const me = await http(api.baseUrl, 'GET', '/api/me', { token });
        expect(me.status).toBe(401);
        expect(me.body.code).toBe('auth.account_disabled');
        expect(me.body.detail).toMatch(/disabled/);
      }
      expect((await http(api.baseUrl, 'POST', '/api/auth/refresh', { body: { refreshToken: first.refreshToken } })).status).toBe(401);
      const { rows: sessions } = await testDb().query('SELECT id, revoked_reason FROM sessions WHERE user_id = $1 ORDER BY created_at', [
        clerk.id,
      ]);
      expect(sessions.map((s: { revoked_reason: string }) => s.revoked_reason)).toEqual(['account_disabled', 'account_disabled']);
      expect((await http(api.baseUrl, 'POST', '/api/auth/login', { body: { email: clerk.email, password: clerk.password } })).status).toBe(
        401,
      );

      // Disabling twice changes nothing more.
      expect((await http(api.baseUrl, 'POST', `/api/admin/users/${clerk.id}/disable`, { token: adminToken })).status).toBe(200);

      const enabled = await http(api.baseUrl, 'POST', `/api/admin/users/${clerk.id}/enable`, { token: adminToken });
      expect(enabled.status).toBe(200);
      expect(enabled.body).toMatchObject({ id: clerk.id, disabled: false });
      expect((await userRow(clerk.id)).disabled_at).toBeNull();
      // The ended sessions stay ended; signing in again works.
      const old = await http(api.baseUrl, 'GET', '/api/me', { token: first.accessToken });
      expect(old.status).toBe(401);
      expect(old.body.code).toBe('auth.session_ended');
      const again = await login(api.baseUrl, clerk.email, clerk.password);
      expect((await http(api.baseUrl, 'GET', '/api/me', { token: again.accessToken })).status).toBe(200);

      const events = await userEvents(clerk.id);
      expect(events.map((e) => e.action)).toEqual(['user.disabled', 'user.enabled']);
      expect(events[0]).toMatchObject({ actor_type: 'user', actor_id: admin.id, court_id: courtId });
      expect([...events[0].data.endedSessionIds].sort()).toEqual(sessions.map((s: { id: string }) => s.id).sort());
    });

    it('does not let an admin disable themselves', async () => {
      const res = await http(api.baseUrl, 'POST', `/api/admin/users/${admin.id}/disable`, { token: adminToken });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('user.cannot_disable_self');
      expect(res.body.detail).toMatch(/another administrator/);
      expect((await userRow(admin.id)).disabled_at).toBeNull();
      expect(await userEvents(admin.id)).toEqual([]);
    });

    it('keeps the court with an admin when two admins disable each other at the same moment', async () => {
      const a = await createUser({ roles: ['admin'], courtId });
      const b = await createUser({ roles: ['admin'], courtId });
      const [aToken, bToken] = [
        (await login(api.baseUrl, a.email, a.password)).accessToken,
        (await login(api.baseUrl, b.email, b.password)).accessToken,
      ];
      const results = await Promise.all([
        http(api.baseUrl, 'POST', `/api/admin/users/${b.id}/disable`, { token: aToken }),
        http(api.baseUrl, 'POST', `/api/admin/users/${a.id}/disable`, { token: bToken }),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 401]);
      expect(results.find((r) => r.status === 401)?.body.code).toBe('auth.account_disabled');
      const stillEnabled = [await userRow(a.id), await userRow(b.id)].filter((u) => u.disabled_at === null);
      expect(stillEnabled).toHaveLength(1);
    });
  });

  describe('who may', () => {
    it('refuses anyone but an admin, and changes nothing', async () => {
      const clerk = await createUser({ roles: ['clerk'], courtId });
      const judge = await createUser({ roles: ['judge'], courtId });
      const clerkToken = (await login(api.baseUrl, clerk.email, clerk.password)).accessToken;
      for (const [method, path, body] of [
        ['POST', `/api/admin/users/${judge.id}/disable`, undefined],
        ['POST', `/api/admin/users/${judge.id}/enable`, undefined],
        ['PUT', `/api/admin/users/${judge.id}/roles`, { roles: ['clerk'] }],
        ['PUT', `/api/admin/users/${clerk.id}/roles`, { roles: ['admin'] }],
      ] as const) {
        const res = await http(api.baseUrl, method, path, { token: clerkToken, body });
        expect(res.status).toBe(403);
        expect(res.body.code).toBe('auth.forbidden');
      }
      expect(await userRow(judge.id)).toEqual({ disabled_at: null, roles: ['judge'] });
      expect(await userRow(clerk.id)).toEqual({ disabled_at: null, roles: ['clerk'] });
      expect((await http(api.baseUrl, 'POST', `/api/admin/users/${judge.id}/disable`)).status).toBe(401);
    });

    it('answers an admin of another court, and an unknown account, as if it did not exist', async () => {
      const elsewhere = await createUser({ roles: ['judge'] });
      const unknown = await http(api.baseUrl, 'POST', '/api/admin/users/00000000-0000-4000-8000-000000000000/disable', {
        token: adminToken,
      });
      expect(unknown.status).toBe(404);
      expect(unknown.body.code).toBe('user.not_found');
      for (const [method, path, body] of [
        ['POST', `/api/admin/users/${elsewhere.id}/disable`, undefined],
        ['POST', `/api/admin/users/${elsewhere.id}/enable`, undefined],
        ['PUT', `/api/admin/users/${elsewhere.id}/roles`, { roles: ['clerk'] }],
      ] as const) {
        const res = await http(api.baseUrl, method, path, { token: adminToken, body });
        expect(res.status).toBe(404);
        expect(res.body.code).toBe('user.not_found');
        expect(res.body.detail).toBe(unknown.body.detail);
      }
      expect(await userRow(elsewhere.id)).toEqual({ disabled_at: null, roles: ['judge'] });
      expect(await userEvents(elsewhere.id)).toEqual([]);

      const malformed = await http(api.baseUrl, 'POST', '/api/admin/users/not-a-uuid/disable', { token: adminToken });
      expect(malformed.status).toBe(400);
      expect(malformed.body.code).toBe('invalid_id');
    });
  });
});
