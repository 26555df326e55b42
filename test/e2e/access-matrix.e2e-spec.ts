import { DeliverNotification } from '@ejustice/filing';
import { MediaNodeDirectory } from '@ejustice/hearings';
import { type RunningApi, closeTestDb, startApiServer, testDb, uniqueSuffix } from '@ejustice/testing';
import { freshStorageDir } from './filing/filing-support';
import { MATRIX, MatrixRun, attempt, combinationsOf, phases, rowCounts } from './access-matrix/access-table';
import { ACTOR_LABELS, arrangeMatrix } from './access-matrix/matrix-fixture';
import { documentedRoutes, mountedRoutes } from './access-matrix/route-table';

/*
 * Proof R6 of the security review, first half: every endpoint, for every role, on its own court's
 * and another court's record, at every level of confidentiality, against the access rules as the
 * code states them. The table (access-matrix/access-table.ts) is keyed by the routes the api
 * really mounts and documents: a route it does not name, or a name no route answers to, fails the
 * suite, so a new endpoint cannot be forgotten. Every request carries a valid body, so a refusal
 * is about access and nothing else. Reads and refusals run first and must leave the database as it
 * was; then every allowed change runs, each on a fresh target where it would otherwise spoil the
 * next.
 */

jest.setTimeout(900_000);

/** A media node of the suite's own pool, so that an allowed join ticket is a ticket and not a 503. */
function fakeMediaNode(api: RunningApi, pool: string): NodeJS.Timeout {
  const directory = api.app.get(MediaNodeDirectory);
  const beat = () =>
    directory.heartbeat(
      {
        nodeId: `matrix-node-${pool}`,
        url: 'http://127.0.0.1:9',
        hearings: 0,
        participants: 0,
        consumers: 0,
        workers: 1,
        updatedAt: Date.now(),
      },
      [],
    );
  void beat();
  return setInterval(() => void beat(), 2_000);
}

describe('access matrix: every endpoint, role, court and level of confidentiality (e2e, proof R6)', () => {
  const pool = `e2e-access-matrix-${uniqueSuffix()}`;
  let api: RunningApi;
  let run: MatrixRun;
  let heartbeat: NodeJS.Timeout | undefined;

  beforeAll(async () => {
    // A Redis database of its own, so that no other suite's job worker takes this suite's jobs.
    // Every actor verifies certified copies from the one test network, more often than the
    // default per-minute limit allows (certified-copies.e2e-spec.ts proves the limit itself).
    api = await startApiServer({
      env: {
        STORAGE_DIR: freshStorageDir('access-matrix'),
        MEDIA_POOL: pool,
        REDIS_URL: 'redis://127.0.0.1:6379/15',
        CERTIFICATION_VERIFY_RATE_LIMIT_PER_MINUTE: '1000',
      },
    });
    heartbeat = fakeMediaNode(api, pool);
    run = new MatrixRun(api, await arrangeMatrix(api));
    run.setupRequests += run.fx.setupRequests;
    // The arranged filings' notifications are delivered now, as a worker would, so that nothing
    // (such as another suite's outbox sweep) delivers them while the reads are counted.
    const deliver = api.app.get(DeliverNotification);
    const courts = [run.fx.own.court.id, run.fx.other.court.id];
    const { rows } = await testDb().query<{ id: string }>(
      'SELECT e.id FROM notification_events e JOIN filings f ON f.id = e.filing_id WHERE f.court_id = ANY($1::uuid[]) AND e.processed_at IS NULL',
      [courts],
    );
    for (const { id } of rows) await deliver.execute(id);
  });

  afterAll(async () => {
    if (heartbeat) clearInterval(heartbeat);
    await api.close();
    await closeTestDb();
  });

  it('names in its table exactly the routes the api mounts, and the OpenAPI document exactly the documented ones', async () => {
    const documented = await documentedRoutes(api.baseUrl);
    const mounted = mountedRoutes(api.app);
    const table = Object.keys(MATRIX).sort();
    const undocumented = Object.entries(MATRIX)
      .filter(([, e]) => e.undocumented)
      .map(([k]) => k)
      .sort();
    // Middleware Nest mounts for every method of a path (forRoutes('*')): not an endpoint, it only
    // passes the request on. Exactly the one the api module declares, so an @All() route cannot hide here.
    expect(mounted.middleware).toEqual(['{/*splat}']);
    expect({ missingFromTable: mounted.routes.filter((r) => !table.includes(r)) }).toEqual({ missingFromTable: [] });
    expect({ notMounted: table.filter((r) => !mounted.routes.includes(r)) }).toEqual({ notMounted: [] });
    expect({ documentedButNotMounted: documented.filter((r) => !mounted.routes.includes(r)) }).toEqual({ documentedButNotMounted: [] });
    expect(mounted.routes.filter((r) => !documented.includes(r))).toEqual(undocumented);
  });

  it('answers every actor on every target exactly as the access rules say, and no read or refusal writes anything', async () => {
    const combinations = combinationsOf(run.fx);
    const { readsAndRefusals, allowedChanges } = phases(combinations);
    const failures: string[] = [];

    const before = await rowCounts(run.fx);
    for (const c of readsAndRefusals) {
      const failure = await attempt(run, c);
      if (failure) failures.push(failure);
    }
    expect(await rowCounts(run.fx)).toEqual(before);
    for (const c of allowedChanges) {
      const failure = await attempt(run, c);
      if (failure) failures.push(failure);
    }

    const allowed = combinations.filter((c) => c.allowed).length;
    console.log(
      `access matrix: ${Object.keys(MATRIX).length} endpoints x ${ACTOR_LABELS.length} actors x their targets = ${combinations.length} combinations ` +
        `(${allowed} allowed, ${combinations.length - allowed} refused); ${run.requests} matrix requests, ${run.setupRequests} arranging requests; ` +
        `${failures.length} not as the rules say`,
    );
    expect(failures).toEqual([]);
  });
});
