import {
  type RunningApi,
  type TestUser,
  closeTestDb,
  createCourt,
  createUser,
  http,
  login,
  startApiServer,
  uniqueSuffix,
} from '@ejustice/testing';

/*
 * The platform's shared machinery (media nodes, job queues) in an installation of many courts,
 * PLATFORM_OPERATOR_COURT_ID naming the court that operates it: its administrators keep every
 * right they had; another court's administrator, who manages that court's accounts, is refused
 * the media nodes and the queue board with a coded sentence. Without the variable every
 * administrator may, as before (media-node-drain and queue-board e2e tests).
 */

const NOT_OPERATOR = {
  status: 403,
  code: 'admin.not_platform_operator',
  detail: 'Only the administrators of the court that operates the platform can manage its media nodes and job queues.',
};

describe('the platform operators (e2e)', () => {
  let api: RunningApi;
  let operator: TestUser;
  let otherAdmin: TestUser;
  let operatorToken: string;
  let otherToken: string;

  beforeAll(async () => {
    const operating = await createCourt();
    const other = await createCourt();
    api = await startApiServer({
      env: {
        PLATFORM_OPERATOR_COURT_ID: operating.id,
        MEDIA_POOL: `e2e-operators-${uniqueSuffix()}`,
        REDIS_URL: 'redis://127.0.0.1:6379/3',
      },
    });
    operator = await createUser({ roles: ['admin'], courtId: operating.id });
    otherAdmin = await createUser({ roles: ['admin'], courtId: other.id });
    operatorToken = (await login(api.baseUrl, operator.email, operator.password)).accessToken;
    otherToken = (await login(api.baseUrl, otherAdmin.email, otherAdmin.password)).accessToken;
  });

  afterAll(async () => {
    await api?.close();
    await closeTestDb();
  });

  describe('media nodes', () => {
    it("refuses another court's administrator the list, drain and undrain, saying why", async () => {
      for (const [method, path] of [
        ['GET', '/api/admin/media-nodes'],
        ['POST', '/api/admin/media-nodes/some-node/drain'],
        ['DELETE', '/api/admin/media-nodes/some-node/drain'],
      ] as const) {
        const res = await http(api.baseUrl, method, path, { token: otherToken });
        expect({ method, path, status: res.status, body: res.body }).toEqual({
          method,
          path,
          status: 403,
          body: expect.objectContaining(NOT_OPERATOR),
        });
      }
    });

    it("serves the operating court's administrator as before", async () => {
      const listed = await http(api.baseUrl, 'GET', '/api/admin/media-nodes', { token: operatorToken });
      expect(listed.status).toBe(200);
      expect(Array.isArray(listed.body)).toBe(true);
      // Past the operator check: the use case answers (no such node in this pool).
      const drain = await http(api.baseUrl, 'POST', '/api/admin/media-nodes/no-such-node/drain', { token: operatorToken });
      expect(drain.status).toBe(404);
      expect(drain.body).toMatchObject({ code: 'media.node_not_found' });
    });
  });

  describe('the queue board', () => {
    const BOARD = '/api/admin/queues';
    const session = (token: string) =>
      fetch(`${api.baseUrl}/api/admin/queue-board/session`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });

    it("gives another court's administrator no board cookie, and no board by bearer token", async () => {
      const res = await session(otherToken);
      expect(res.status).toBe(403);
      expect(res.headers.get('set-cookie')).toBeNull();
      expect(await res.json()).toMatchObject(NOT_OPERATOR);

      for (const path of [`${BOARD}/`, `${BOARD}/api/queues`]) {
        const board = await fetch(`${api.baseUrl}${path}`, { headers: { authorization: `Bearer ${otherToken}` }, redirect: 'manual' });
        expect({ path, status: board.status }).toEqual({ path, status: 403 });
        expect(await board.json()).toMatchObject(NOT_OPERATOR);
      }
    });

    it("opens the board for the operating court's administrator, by cookie and by bearer token", async () => {
      const res = await session(operatorToken);
      expect(res.status).toBe(204);
      const cookie = res.headers.get('set-cookie')?.split(';')[0] ?? '';
      expect((await fetch(`${api.baseUrl}${BOARD}/api/queues`, { headers: { cookie } })).status).toBe(200);
      expect((await fetch(`${api.baseUrl}${BOARD}/api/queues`, { headers: { authorization: `Bearer ${operatorToken}` } })).status).toBe(
        200,
      );
    });
  });
});
