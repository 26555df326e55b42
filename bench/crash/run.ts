/*
 * Crash soak (issue 12, proof R3): filers upload real PDFs (some 5-20 MB, so uploads are in
 * flight) and clerks claim and review filings through the real api, while the api is SIGKILLed at
 * a random moment (uniform over --min-up..--max-up seconds after it answered /health) and
 * restarted, --kills times. The clients retry what was not acknowledged, as real ones do (same
 * Idempotency-Key, same bytes). Then the orphan sweep runs (cut-off: now) and the soak checks:
 * no partial filing or half-applied review, every acknowledged filing and review present, no
 * orphan file left, the audit chain intact. Prints the figures; exits 1 on any violation. Redis: a
 * redis-server of its own on a free port, unless --redis-url names one (then flushed at start).
 *
 *   ./ejustice bench crash [--kills 100]       (or: node dist/bench/crash/run.js --help)
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Logger } from '@nestjs/common';
import * as argon2 from 'argon2';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import { deriveAppDatabaseUrl } from '@ejustice/platform';
import { dropDatabase, migrateUp } from '../../scripts/migrate';
import { cleanUpAll, freePort, onCleanup } from '../sfu/processes';
import { ownRedis } from '../support/redis-server';
import { ApiProcess } from './api-process';
import { countOrphans, readSnapshot, sweepOrphans, verifyAuditChain } from './checks';
import { Clerk, type Control, Filer, type InFlight, PdfFactory } from './clients';
import { judge } from './consistency';
import { Ledger } from './ledger';
import { type CrashOptions, USAGE, parseOptions, seededRandom } from './options';

const ROOT = resolve(__dirname, '../../..');
const PASSWORD = 'crash soak password 0123456789';

interface KillRecord {
  readonly upMs: number;
  readonly uploads: number;
  readonly uploadBytes: number;
  readonly reviews: number;
  restartMs?: number;
}

async function seed(databaseUrl: string, filers: number, clerks: number): Promise<{ filers: User[]; clerks: User[] }> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const hash = await argon2.hash(PASSWORD, { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 });
    const code = `CRASH${randomBytes(2).toString('hex').toUpperCase()}`.replace(/[^A-Z0-9]/g, 'X');
    const court = await db.query(`INSERT INTO courts (code, name, time_zone) VALUES ($1, 'Crash Soak Court', 'UTC') RETURNING id`, [code]);
    const make = async (role: 'counsel' | 'clerk', i: number): Promise<User> => {
      const email = `${role}-${i}@crash.court`;
      const u = await db.query(`INSERT INTO users (court_id, email, display_name, password_hash) VALUES ($1, $2, $3, $4) RETURNING id`, [
        court.rows[0].id,
        email,
        `${role} ${i}`,
        hash,
      ]);
      await db.query(`INSERT INTO user_roles (user_id, role) VALUES ($1, $2)`, [u.rows[0].id, role]);
      return { id: u.rows[0].id, email, token: '' };
    };
    const out = { filers: [] as User[], clerks: [] as User[] };
    for (let i = 0; i < filers; i++) out.filers.push(await make('counsel', i));
    for (let i = 0; i < clerks; i++) out.clerks.push(await make('clerk', i));
    return out;
  } finally {
    await db.end();
  }
}

interface User {
  readonly id: string;
  readonly email: string;
  token: string;
}

async function login(url: string, user: User): Promise<void> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: user.email, password: PASSWORD }),
  });
  if (!res.ok) throw new Error(`${user.email} could not sign in: ${res.status} ${await res.text()}`);
  user.token = ((await res.json()) as { accessToken: string }).accessToken;
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)} min ${s % 60} s`;
}

async function main(opts: CrashOptions): Promise<number> {
  const t0 = performance.now();
  const random = seededRandom(opts.seed);
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const outDir = join(ROOT, 'bench/out', `crash-${stamp}`);
  mkdirSync(outDir, { recursive: true });
  const storageDir = mkdtempSync(join(tmpdir(), 'ejustice-crash-storage-'));
  const log = join(outDir, 'api.log');
  console.log(
    `crash soak: ${opts.kills} kills (each ${opts.minUpSeconds}-${opts.maxUpSeconds} s after the api is ready), ${opts.filers} filers, ${opts.clerks} clerks, ` +
      `${Math.round(opts.largeShare * 100)} % of leads 5-20 MB, seed ${opts.seed}; ${cpus().length} cores, Node ${process.version}`,
  );
  const redis = await ownRedis(opts.redisUrl);
  onCleanup(() => redis.stop());
  console.log(
    `database ${opts.databaseUrl.replace(/\/\/[^@]*@/, '//')}, redis ${redis.url}${redis.own ? ' (its own redis-server)' : ''}, ` +
      `storage ${storageDir}, api log ${log}`,
  );

  await dropDatabase(opts.databaseUrl);
  await migrateUp(opts.databaseUrl);
  if (!redis.own) {
    // A Redis the operator named: its database is the soak's, emptied as its own would be.
    const client = new Redis(redis.url, { lazyConnect: true });
    await client.connect();
    await client.flushdb();
    await client.quit();
  }
  const users = await seed(opts.databaseUrl, opts.filers, opts.clerks);
  const pdfs = await PdfFactory.create();

  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const apiEnv: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    EJ_ROOT_DIR: ROOT,
    JWT_SECRET: randomBytes(32).toString('hex'),
    // Production wants a join-ticket key pair of its own (the soak issues no tickets).
    MEDIA_TICKET_PRIVATE_KEY: generateKeyPairSync('ec', { namedCurve: 'P-256' })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString(),
    API_HOST: '127.0.0.1',
    API_PORT: String(port),
    PUBLIC_URL: url,
    DATABASE_URL: opts.databaseUrl,
    DATABASE_APP_URL: deriveAppDatabaseUrl(opts.databaseUrl),
    REDIS_URL: redis.url,
    STORAGE_DIR: storageDir,
    AUDIT_SIGNING_KEY_FILE: join(outDir, 'audit-signing-key.pem'),
    LOG_LEVEL: process.env.BENCH_CRASH_API_LOG_LEVEL ?? 'warn',
    LOGIN_RATE_LIMIT_PER_MINUTE: '100000',
    // Signed in once: the tokens must outlive the run (the sessions survive every restart).
    ACCESS_TOKEN_TTL_SECONDS: '86400',
    FILING_MAX_DOCUMENT_MB: '50',
  };
  const api = new ApiProcess(ROOT, apiEnv, url, log);
  onCleanup(() => api.kill());
  const hardStop = setTimeout(() => {
    console.error(`the soak ran past --max-minutes ${opts.maxMinutes}: stopping (storage kept at ${storageDir})`);
    void cleanUpAll().finally(() => process.exit(3));
  }, opts.maxMinutes * 60_000);
  hardStop.unref();

  await api.start();
  for (const u of [...users.filers, ...users.clerks]) await login(url, u);

  const ledger = new Ledger();
  const inFlight: InFlight = { uploads: 0, uploadBytes: 0, reviews: 0 };
  const ctl: Control = { stopNewWork: false, deadline: Infinity };
  const clients = [
    ...users.filers.map((u, i) =>
      new Filer(i, u.id, u.token, url, pdfs, seededRandom(opts.seed + 1000 + i), opts.largeShare, ledger, inFlight).run(ctl),
    ),
    ...users.clerks.map((u, i) => new Clerk(i, u.id, u.token, url, seededRandom(opts.seed + 2000 + i), ledger, inFlight).run(ctl)),
  ];

  const kills: KillRecord[] = [];
  const soakStart = performance.now();
  for (let k = 1; k <= opts.kills; k++) {
    const upMs = (opts.minUpSeconds + random() * (opts.maxUpSeconds - opts.minUpSeconds)) * 1000;
    await new Promise((r) => setTimeout(r, upMs));
    const kill: KillRecord = { upMs, uploads: inFlight.uploads, uploadBytes: inFlight.uploadBytes, reviews: inFlight.reviews };
    await api.kill();
    kills.push(kill);
    kill.restartMs = await api.start();
    if (k % 10 === 0 || k === opts.kills) {
      const acked = ledger.submissions.filter((s) => s.state === 'acknowledged').length;
      const pending = ledger.submissions.filter((s) => s.state === 'pending').length;
      const reviews = ledger.reviews.filter((r) => r.state === 'acknowledged').length;
      console.log(
        `  kill ${k}/${opts.kills} at ${duration(performance.now() - soakStart)}: filings acknowledged ${acked}, pending ${pending}; reviews acknowledged ${reviews}; ` +
          `this kill cut ${kill.uploads} upload(s) (${mb(kill.uploadBytes)}) and ${kill.reviews} review(s); restart ${seconds(kill.restartMs)}`,
      );
    }
  }

  // The drain: the api stays up; the clients settle what they have pending and start nothing new.
  const drainStart = performance.now();
  ctl.stopNewWork = true;
  ctl.deadline = drainStart + opts.drainSeconds * 1000;
  await Promise.all(clients);
  const drainMs = performance.now() - drainStart;
  await api.stop();
  console.log(`  drained in ${seconds(drainMs)}; the api is stopped; checking...`);

  // The checks: orphans, the sweep, orphans again, then the rows against the files and the ledger.
  Logger.overrideLogger(['error', 'warn']);
  const before = await countOrphans(opts.databaseUrl, storageDir);
  const swept = await sweepOrphans(apiEnv);
  const after = await countOrphans(opts.databaseUrl, storageDir);
  const verdict = judge(await readSnapshot(opts.databaseUrl, storageDir), ledger);
  const audit = await verifyAuditChain(ROOT, apiEnv);

  const sub = (state: string) => ledger.submissions.filter((s) => s.state === state);
  const rev = (state: string) => ledger.reviews.filter((r) => r.state === state);
  const violations: string[] = [...verdict.findings, ...ledger.receiptProblems];
  for (const s of sub('abandoned'))
    violations.push(
      `submission ${s.key} (filer ${s.filer}) still unacknowledged ${opts.drainSeconds} s after the last restart: last answer ${s.lastAnswer}`,
    );
  for (const s of sub('refused')) violations.push(`submission ${s.key} (filer ${s.filer}) refused: ${s.lastAnswer}`);
  for (const r of [...rev('abandoned'), ...rev('refused')])
    violations.push(`review ${r.action} of filing ${r.filingId} ${r.state}: last answer ${r.lastAnswer}`);
  if (after.stored + after.staged > 0)
    violations.push(`${after.stored} stored and ${after.staged} staged orphan file(s) left after the sweep`);
  if (audit.code !== 0) violations.push(`audit-verify exited ${audit.code}: ${audit.output.split('\n')[0]}`);

  const attempts = ledger.submissions.reduce((n, s) => n + s.attempts, 0);
  const cut = ledger.submissions.reduce((n, s) => n + s.interrupted, 0);
  const keyInUse = ledger.submissions.reduce((n, s) => n + s.keyInUse, 0);
  const keyInUseSubmissions = ledger.submissions.filter((s) => s.keyInUse > 0).length;
  const serverErrors = ledger.submissions.reduce((n, s) => n + s.serverErrors, 0);
  const reviewCut = ledger.reviews.reduce((n, r) => n + r.interrupted, 0);
  const figures = {
    seed: opts.seed,
    kills: kills.length,
    upP50Ms: Math.round(
      percentile(
        kills.map((k) => k.upMs),
        50,
      ),
    ),
    restartP50Ms: Math.round(
      percentile(
        kills.map((k) => k.restartMs ?? 0),
        50,
      ),
    ),
    restartMaxMs: Math.round(Math.max(0, ...kills.map((k) => k.restartMs ?? 0))),
    killsDuringUpload: kills.filter((k) => k.uploads > 0).length,
    killsDuringReview: kills.filter((k) => k.reviews > 0).length,
    filingsAttempted: ledger.submissions.length,
    filingsAcknowledged: sub('acknowledged').length,
    filingsAcknowledgedByReplay: sub('acknowledged').filter((s) => s.replayed).length,
    filingsPresent: verdict.acknowledgedPresent,
    filingsAbandoned: sub('abandoned').length,
    filingsRefused: sub('refused').length,
    filingsInDatabase: verdict.filingsInDatabase,
    filedUnacknowledged: verdict.filedUnacknowledged,
    submissionAttempts: attempts,
    uploadsCut: cut,
    keyInUseAnswers: keyInUse,
    keyInUseSubmissions,
    serverErrors,
    partialFilings: verdict.partialFilings,
    reviewsAttempted: ledger.reviews.length,
    reviewsAcknowledged: rev('acknowledged').length,
    reviewsAppliedAnswerLost: rev('applied_unacknowledged').length,
    reviewsPresent: verdict.reviewsPresent,
    reviewsCut: reviewCut,
    orphansBefore: before,
    swept,
    orphansAfter: after,
    auditVerifyExit: audit.code,
    drainMs: Math.round(drainMs),
    durationMs: Math.round(performance.now() - t0),
    violations: violations.length,
  };

  const rows: [string, string][] = [
    [
      'kills',
      `${figures.kills}  (up p50 ${seconds(figures.upP50Ms)} before each; restart to healthy p50 ${seconds(figures.restartP50Ms)}, max ${seconds(figures.restartMaxMs)})`,
    ],
    ['kills with an upload / a review on the wire', `${figures.killsDuringUpload} / ${figures.killsDuringReview}`],
    [
      'filings attempted / acknowledged / present',
      `${figures.filingsAttempted} / ${figures.filingsAcknowledged} / ${figures.filingsPresent}  (${figures.filingsAcknowledgedByReplay} acknowledged by a replay; ${figures.filingsAbandoned} unacknowledged at the end, ${figures.filingsRefused} refused)`,
    ],
    [
      'submission attempts',
      `${figures.submissionAttempts}: ${figures.uploadsCut} cut off by a kill, ${figures.keyInUseAnswers} answered 409 key in use (${figures.keyInUseSubmissions} submissions), ${figures.serverErrors} answered 5xx`,
    ],
    ['filings in the database', `${figures.filingsInDatabase}  (${figures.filedUnacknowledged} filed whose client never got the receipt)`],
    ['partial filings', String(figures.partialFilings)],
    [
      'reviews attempted / acknowledged / present',
      `${figures.reviewsAttempted} / ${figures.reviewsAcknowledged} / ${figures.reviewsPresent}  (${figures.reviewsCut} attempts cut off; ${figures.reviewsAppliedAnswerLost} applied with the answer lost, found decided on retry)`,
    ],
    [
      'orphans before the sweep',
      `${before.stored} stored (${mb(before.storedBytes)}) + ${before.staged} staged; the sweep removed ${swept.documents} + ${swept.staged}`,
    ],
    ['orphans after the sweep', `${after.stored} stored + ${after.staged} staged`],
    ['audit chain', `${audit.output.split('\n')[0]} (audit-verify exit ${audit.code})`],
    ['duration', `${duration(figures.durationMs)}  (drain ${seconds(figures.drainMs)})`],
  ];
  console.log('');
  const width = Math.max(...rows.map(([k]) => k.length));
  for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v}`);
  if (ledger.oddities.size > 0) {
    console.log('\nunexpected answers (counted):');
    for (const [what, n] of ledger.oddities) console.log(`  ${n} x ${what}`);
  }
  if (audit.code !== 0) console.log(`\naudit-verify said:\n${audit.output}`);
  if (violations.length > 0) {
    console.log(`\nVIOLATIONS (${violations.length}):`);
    for (const v of violations.slice(0, 40)) console.log(`  - ${v}`);
    if (violations.length > 40) console.log(`  ... and ${violations.length - 40} more`);
    console.log(`storage kept at ${storageDir}; api log ${log}`);
  } else {
    console.log('\nno violation: 0 partial filings, every acknowledged filing and review present, 0 orphans after the sweep.');
    if (!opts.keepStorage) rmSync(storageDir, { recursive: true, force: true });
  }
  console.log(`BENCH_CRASH_JSON ${JSON.stringify(figures)}`);
  return violations.length > 0 ? 1 : 0;
}

let options: CrashOptions;
try {
  options = parseOptions(process.argv.slice(2), process.env);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  console.error(USAGE);
  process.exit(2);
}
if (options.help) {
  console.log(USAGE);
  process.exit(0);
}
// Ctrl-C, the end and an error stop what the run started (the api, its own redis-server), newest first.
const onSignal = () => void cleanUpAll().finally(() => process.exit(130));
process.once('SIGINT', onSignal);
process.once('SIGTERM', onSignal);
main(options).then(
  (code) => void cleanUpAll().finally(() => process.exit(code)),
  (error: unknown) => {
    console.error(error instanceof Error ? error.stack : error);
    void cleanUpAll().finally(() => process.exit(1));
  },
);
