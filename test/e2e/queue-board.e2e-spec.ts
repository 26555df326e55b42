import { randomUUID } from 'node:crypto';
import { getQueueToken } from '@nestjs/bull';
import type { Queue } from 'bull';
import { type RunningApi, type TestUser, closeTestDb, createCourt, createUser, login, startApiServer } from '@ejustice/testing';
import { BOARD_QUEUES, WORKER_ONLY_QUEUES } from '../../apps/api/src/admin/queue-board/queue-board';
import { AUDIT_QUEUE } from '../../apps/worker/src/audit/audit-checkpoint.processor';
import { MAINTENANCE_QUEUE } from '../../apps/worker/src/maintenance/maintenance.processor';

/*
 * The Bull queue board at /api/admin/queues/, through HTTP as a browser meets it: closed to the
 * anonymous (401) and to every role but the administrator (403); opened for an administrator's
 * browser by a board session cookie (the web app's bearer token cannot travel with the board's
 * own requests), or by the bearer token itself; its page and its assets load under the content
 * security policy; it lists the platform's queues and their jobs, and refuses to change any.
 */

const BOARD = '/api/admin/queues';

describe('the queue board, for administrators only (e2e)', () => {
  let api: RunningApi;
  let admin: TestUser;
  let clerk: TestUser;

  beforeAll(async () => {
    // A Redis database of its own: no worker of another suite takes the job put on the board here.
    api = await startApiServer({ env: { REDIS_URL: 'redis://127.0.0.1:6379/2' } });
    const court = await createCourt();
    admin = await createUser({ roles: ['admin'], courtId: court.id });
    clerk = await createUser({ roles: ['clerk'], courtId: court.id });
  });

  afterAll(async () => {
    await api.close();
    await closeTestDb();
  });

  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${api.baseUrl}${path}`, { headers, redirect: 'manual' });
  const bearer = async (user: TestUser) => ({
    authorization: `Bearer ${(await login(api.baseUrl, user.email, user.password)).accessToken}`,
  });

  /** The board session cookie, as the web app asks for it with the administrator's bearer token. */
  async function boardCookie(headers: Record<string, string>): Promise<{ status: number; setCookie: string | null; cookie: string }> {
    const res = await fetch(`${api.baseUrl}/api/admin/queue-board/session`, { method: 'POST', headers });
    const setCookie = res.headers.get('set-cookie');
    return { status: res.status, setCookie, cookie: setCookie?.split(';')[0] ?? '' };
  }

  it('refuses the anonymous with 401, the page and its API alike, as coded problems', async () => {
    for (const path of [`${BOARD}/`, `${BOARD}/api/queues`, `${BOARD}/static/css/x.css`]) {
      const res = await get(path);
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(await res.json()).toMatchObject({ status: 401, code: 'auth.unauthenticated', detail: 'Sign in to continue.' });
    }
    expect((await boardCookie({})).status).toBe(401);
    expect((await get(`${BOARD}/`, { cookie: 'ejustice_queue_board=not-a-token' })).status).toBe(401);
  });

  it('refuses any other role with 403, and gives it no board cookie', async () => {
    const headers = await bearer(clerk);
    const res = await get(`${BOARD}/api/queues`, headers);
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ code: 'auth.forbidden' });
    const session = await boardCookie(headers);
    expect(session.status).toBe(403);
    expect(session.setCookie).toBeNull();
  });

  it("opens for an administrator's browser through the board cookie: the page, its assets, its API", async () => {
    const session = await boardCookie(await bearer(admin));
    expect(session.status).toBe(204);
    expect(session.setCookie).toMatch(
      /^ejustice_queue_board=[\w-]+\.[\w-]+\.[\w-]+; Path=\/api\/admin\/queues; HttpOnly; SameSite=Strict$/,
    );
    const cookie = { cookie: session.cookie };

    const page = await get(`${BOARD}/`, cookie);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(`<base href="${BOARD}/" />`);
    // Its own scripts only, and a <base> of its own origin.
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("base-uri 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    const assets = [...html.matchAll(/(?:src|href)="(static\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]);
    expect(assets.some((a) => a.endsWith('.js'))).toBe(true);
    expect(assets.some((a) => a.endsWith('.css'))).toBe(true);
    for (const asset of assets) {
      const res = await get(`${BOARD}/${asset}`, cookie);
      expect({ asset, status: res.status }).toEqual({ asset, status: 200 });
      expect(res.headers.get('content-type')).toMatch(asset.endsWith('.js') ? /javascript/ : /text\/css/);
    }

    const queues = await get(`${BOARD}/api/queues`, cookie);
    expect(queues.status).toBe(200);
    const body = (await queues.json()) as { queues: { name: string; readOnlyMode: boolean }[] };
    expect(body.queues.map((q) => q.name).sort()).toEqual([...BOARD_QUEUES].sort());
    expect(body.queues.every((q) => q.readOnlyMode)).toBe(true);
  });

  it('opens for a bearer token of an administrator too (scripts, curl)', async () => {
    expect((await get(`${BOARD}/api/queues`, await bearer(admin))).status).toBe(200);
  });

  it('shows a job, and refuses to change the queues (read-only)', async () => {
    const maintenance = api.app.get<Queue>(getQueueToken(MAINTENANCE_QUEUE), { strict: false });
    const jobId = `board-${randomUUID()}`;
    await maintenance.add({ probe: true }, { jobId, delay: 3_600_000 });
    try {
      const cookie = { cookie: (await boardCookie(await bearer(admin))).cookie };
      const job = await get(`${BOARD}/api/queues/${MAINTENANCE_QUEUE}/${jobId}`, cookie);
      expect(job.status).toBe(200);
      expect(await job.json()).toMatchObject({ job: { id: jobId, data: { probe: true } } });

      for (const action of ['pause', 'promote', 'clean/delayed', 'empty']) {
        const res = await fetch(`${api.baseUrl}${BOARD}/api/queues/${MAINTENANCE_QUEUE}/${action}`, { method: 'PUT', headers: cookie });
        expect({ action, status: res.status }).toEqual({ action, status: 405 });
      }
      const added = await fetch(`${api.baseUrl}${BOARD}/api/queues/${MAINTENANCE_QUEUE}/add`, {
        method: 'POST',
        headers: { ...cookie, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'x', data: {} }),
      });
      expect(added.status).toBe(405);
      expect(await maintenance.isPaused()).toBe(false);
      expect(await maintenance.getJob(jobId)).not.toBeNull();
    } finally {
      await (await maintenance.getJob(jobId))?.remove();
    }
  });

  it("closes with the administrator's session: after sign-out the cookie opens nothing", async () => {
    const tokens = await login(api.baseUrl, admin.email, admin.password);
    const { cookie } = await boardCookie({ authorization: `Bearer ${tokens.accessToken}` });
    expect((await get(`${BOARD}/api/queues`, { cookie })).status).toBe(200);
    const out = await fetch(`${api.baseUrl}/api/auth/logout`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.accessToken}` },
    });
    expect(out.status).toBe(204);
    const after = await get(`${BOARD}/api/queues`, { cookie });
    expect(after.status).toBe(401);
    expect(await after.json()).toMatchObject({ code: 'auth.session_ended' });
  });

  it("names the worker's queues as the worker does", () => {
    expect([...WORKER_ONLY_QUEUES].sort()).toEqual([AUDIT_QUEUE, MAINTENANCE_QUEUE].sort());
  });
});
