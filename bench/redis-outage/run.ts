/*
 * Redis outage benchmark (issue 12, R4): Redis killed for 60 s under filing and notification
 * traffic, then started again empty (no persistence, as after a crash).
 *
 * The real api and job worker run as in production (dist/apps/*, NODE_ENV=production, default
 * outbox sweep period) in their own processes, on their own database (`ejustice_bench_redis_outage`)
 * and on a redis-server of the benchmark's own on a free port, which it kills with SIGKILL. An
 * SMTP sink in this process receives the e-mails. Filers keep submitting motions into one case
 * and a clerk keeps deciding them before, during and after the outage (bench/redis-outage/
 * outage-traffic.ts, shared with test/e2e/filing/redis-outage.e2e-spec.ts). Then it prints:
 * - every request's answer per phase (201 / 200 / 503 problem / other / none within 30 s) and the
 *   slowest; /health and sign-in while Redis is down;
 * - filings attempted, acknowledged (201), refused (503), lost (acknowledged but not in PostgreSQL);
 * - notification events, (event, recipient) pairs delivered exactly once (one inbox message, one
 *   delivery record, one e-mail received), missing, duplicate e-mails; delivery runs per event
 *   (from the worker's log);
 * - time to drain: from Redis's restart until every event decided before it is delivered.
 * And one JSON line prefixed "BENCH_REDIS_OUTAGE_JSON ". Prints figures; never part of the tests.
 *
 *   ./ejustice bench redis-outage [--outage-seconds 60] [--filers 3] [--filer-pause-ms 1000] [--clerk-pause-ms 250]
 *                                 [--warmup-seconds 10] [--after-seconds 10]
 *   (each option also BENCH_REDIS_OUTAGE_<NAME> in the environment, e.g. BENCH_REDIS_OUTAGE_OUTAGE_SECONDS=60)
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import * as argon2 from 'argon2';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { Pool } from 'pg';
import { SMTPServer } from 'smtp-server';
import { deriveAppDatabaseUrl } from '@ejustice/platform';
import { dropDatabase, migrateUp } from '../../scripts/migrate';
import { freePort, logFile, stopChild, tailOf } from '../sfu/processes';
import { RedisServer } from '../support/redis-server';
import { type Answer, FilingTraffic, type Phase, deliveryLedger, lostFilings, waitForDrain } from './outage-traffic';

const ROOT = resolve(__dirname, '../../..');
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/ejustice_bench_redis_outage';
const PASSWORD = `bench ${randomBytes(12).toString('hex')}`;
const ANSWER_TIMEOUT_MS = 30_000;

interface Options {
  readonly outageSeconds: number;
  readonly filers: number;
  readonly filerPauseMs: number;
  readonly clerkPauseMs: number;
  readonly warmupSeconds: number;
  readonly afterSeconds: number;
}

function options(): Options {
  const names = ['outage-seconds', 'filers', 'filer-pause-ms', 'clerk-pause-ms', 'warmup-seconds', 'after-seconds'] as const;
  const defaults = {
    'outage-seconds': '60',
    filers: '3',
    'filer-pause-ms': '1000',
    'clerk-pause-ms': '250',
    'warmup-seconds': '10',
    'after-seconds': '10',
  };
  const { values } = parseArgs({ options: Object.fromEntries(names.map((n) => [n, { type: 'string' }])) as never, strict: true });
  const get = (n: (typeof names)[number]) => {
    const raw =
      (values as Record<string, string | undefined>)[n] ??
      process.env[`BENCH_REDIS_OUTAGE_${n.toUpperCase().replace(/-/g, '_')}`] ??
      defaults[n];
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 1) throw new Error(`--${n} must be a whole number of at least 1, not "${raw}"`);
    return value;
  };
  return {
    outageSeconds: get('outage-seconds'),
    filers: get('filers'),
    filerPauseMs: get('filer-pause-ms'),
    clerkPauseMs: get('clerk-pause-ms'),
    warmupSeconds: get('warmup-seconds'),
    afterSeconds: get('after-seconds'),
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Seeded {
  readonly caseId: string;
  readonly filers: { id: string; email: string }[];
  readonly clerk: { id: string; email: string };
  /** Everyone an acceptance is announced to: the filers (counsel of the plaintiffs), the defendant and their counsel. */
  readonly everyone: string[];
}

/** The benchmark's court, straight into its database (arranging a benchmark is not a court action). */
async function seed(db: Pool, filers: number): Promise<Seeded> {
  const hash = await argon2.hash(PASSWORD, { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 });
  const tag = randomBytes(3).toString('hex').toUpperCase();
  const court = (
    await db.query(`INSERT INTO courts (code, name, time_zone) VALUES ($1, 'Outage Benchmark Court', 'UTC') RETURNING id`, [`RO${tag}`])
  ).rows[0].id as string;
  const user = async (role: string, label: string) => {
    const email = `${label}-${tag.toLowerCase()}@bench.court`;
    const id = (
      await db.query(`INSERT INTO users (court_id, email, display_name, password_hash) VALUES ($1, $2, $3, $4) RETURNING id`, [
        court,
        email,
        label,
        hash,
      ])
    ).rows[0].id as string;
    await db.query(`INSERT INTO user_roles (user_id, role) VALUES ($1, $2)`, [id, role]);
    return { id, email };
  };
  const filerUsers = [];
  for (let i = 0; i < filers; i++) filerUsers.push(await user('counsel', `filer-${i + 1}`));
  const clerk = await user('clerk', 'clerk');
  const defendant = await user('party', 'defendant');
  const defenceCounsel = await user('counsel', 'defence-counsel');
  const caseId = (
    await db.query(
      `INSERT INTO cases (court_id, number, case_type, title, confidentiality, opened_at) VALUES ($1, $2, 'civil', 'Outage benchmark case', 'public', now()) RETURNING id`,
      [court, `RO-${tag}-1`],
    )
  ).rows[0].id as string;
  for (const [i, f] of filerUsers.entries()) {
    await db.query(`INSERT INTO parties (case_id, party_role, full_name, counsel_user_id) VALUES ($1, 'plaintiff', $2, $3)`, [
      caseId,
      `Plaintiff ${i + 1}`,
      f.id,
    ]);
  }
  await db.query(
    `INSERT INTO parties (case_id, party_role, full_name, user_id, counsel_user_id) VALUES ($1, 'defendant', 'Defendant', $2, $3)`,
    [caseId, defendant.id, defenceCounsel.id],
  );
  return { caseId, filers: filerUsers, clerk, everyone: [...filerUsers.map((f) => f.id), defendant.id, defenceCounsel.id] };
}

/** An SMTP server that keeps the Message-ID of every e-mail it accepts. */
async function startMailSink(): Promise<{ url: string; mails: { messageId: string }[]; close(): Promise<void> }> {
  const mails: { messageId: string }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      let raw = '';
      stream.setEncoding('utf8');
      stream.on('data', (c: string) => (raw += c));
      stream.on('end', () => {
        const head = raw.slice(0, raw.search(/\r?\n\r?\n/)).replace(/\r?\n[ \t]+/g, ' ');
        mails.push({ messageId: /^Message-ID:[ \t]*(.*)$/im.exec(head)?.[1].trim() ?? '' });
        callback();
      });
    },
  });
  const port = await freePort();
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  return { url: `smtp://127.0.0.1:${port}`, mails, close: () => new Promise<void>((r) => server.close(() => r())) };
}

async function startApp(label: 'api' | 'worker', env: NodeJS.ProcessEnv, healthUrl: string, log: string): Promise<ChildProcess> {
  const fd = logFile(log);
  const child = spawn(process.execPath, [join(ROOT, `dist/apps/${label}/src/main.js`)], { env, stdio: ['ignore', fd, fd] });
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`the ${label} exited with ${child.exitCode}:\n${tailOf(log)}`);
    try {
      if ((await fetch(healthUrl)).ok) return child;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  await stopChild(child);
  throw new Error(`the ${label} did not become healthy in 30 s:\n${tailOf(log)}`);
}

async function timed(url: string, init: RequestInit = {}): Promise<{ status: number; code: string | null; ms: number }> {
  const started = performance.now();
  try {
    const res = await fetch(url, { ...init, signal: AbortSignal.timeout(ANSWER_TIMEOUT_MS) });
    const text = await res.text();
    let code: string | null = null;
    try {
      code = (JSON.parse(text) as { code?: string }).code ?? null;
    } catch {
      // not JSON
    }
    return { status: res.status, code, ms: performance.now() - started };
  } catch {
    return { status: 0, code: null, ms: performance.now() - started };
  }
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(header), ...rows.map(line)];
}

function answersTable(answers: readonly Answer[]): string[] {
  const phases: (Phase | 'all')[] = ['before', 'outage', 'after', 'all'];
  const of = (p: Phase | 'all') => answers.filter((a) => p === 'all' || a.phase === p);
  const row = (label: string, pick: (a: Answer) => boolean) => [label, ...phases.map((p) => String(of(p).filter(pick).length))];
  const slowest = (step: Answer['step']) => [
    `slowest ${step} answer (ms)`,
    ...phases.map((p) =>
      String(
        Math.round(
          Math.max(
            0,
            ...of(p)
              .filter((a) => a.step === step)
              .map((a) => a.ms),
          ),
        ),
      ),
    ),
  ];
  const p99 = (step: Answer['step']) => [
    `p99 ${step} answer (ms)`,
    ...phases.map((p) =>
      String(
        Math.round(
          percentile(
            of(p)
              .filter((a) => a.step === step)
              .map((a) => a.ms)
              .sort((x, y) => x - y),
            99,
          ),
        ),
      ),
    ),
  ];
  return table(
    ['requests sent while Redis was ...', 'up (before)', 'down', 'up (after)', 'all'],
    [
      row('submissions', (a) => a.step === 'submit'),
      row('  answered 201 (filed)', (a) => a.step === 'submit' && a.status === 201),
      row('  answered 200 (replay of a key)', (a) => a.step === 'submit' && a.status === 200),
      row('  refused 503 (problem)', (a) => a.step === 'submit' && a.status === 503),
      row('  other status', (a) => a.step === 'submit' && ![0, 200, 201, 503].includes(a.status)),
      row('  no answer in 30 s', (a) => a.step === 'submit' && a.status === 0),
      row('claims + decisions', (a) => a.step !== 'submit'),
      row('  answered 200', (a) => a.step !== 'submit' && a.status === 200),
      row('  refused 503 (problem)', (a) => a.step !== 'submit' && a.status === 503),
      row('  other status', (a) => a.step !== 'submit' && ![0, 200, 503].includes(a.status)),
      row('  no answer in 30 s', (a) => a.step !== 'submit' && a.status === 0),
      p99('submit'),
      slowest('submit'),
      p99('review'),
      slowest('review'),
    ],
  );
}

/** How many times the worker ran each event's delivery: its log line `execute() delivered [event:...]`. */
function deliveryRuns(log: string): Map<string, number> {
  const runs = new Map<string, number>();
  for (const m of readFileSync(log, 'utf8').matchAll(/execute\(\) delivered \[event:([0-9a-f-]{36})\]/g))
    runs.set(m[1], (runs.get(m[1]) ?? 0) + 1);
  return runs;
}

async function main(): Promise<void> {
  const opts = options();
  const out = join(ROOT, 'bench/out', `redis-outage-${new Date().toISOString().replace(/[:.]/g, '-')}`);
  mkdirSync(out, { recursive: true });
  const scratch = mkdtempSync(join(tmpdir(), 'ejustice-bench-redis-outage-'));
  console.log(
    `redis-outage benchmark: ${cpus().length} cores, Node ${process.version}; Redis down ${opts.outageSeconds} s under ${opts.filers} filers and 1 clerk`,
  );
  console.log(`preparing ${DATABASE_URL.replace(/\/\/[^@]*@/, '//')}; logs in ${out}`);
  await dropDatabase(DATABASE_URL);
  await migrateUp(DATABASE_URL);
  const db = new Pool({ connectionString: DATABASE_URL, max: 3 });
  const children: ChildProcess[] = [];
  let redis: RedisServer | undefined;
  let sink: Awaited<ReturnType<typeof startMailSink>> | undefined;
  const cleanUp = async () => {
    for (const c of children.reverse()) await stopChild(c).catch(() => undefined);
    await redis?.kill();
    await sink?.close();
    await db.end().catch(() => undefined);
    rmSync(scratch, { recursive: true, force: true });
  };
  process.once('SIGINT', () => void cleanUp().finally(() => process.exit(130)));
  try {
    const seeded = await seed(db, opts.filers);
    redis = await RedisServer.start();
    sink = await startMailSink();
    const [apiPort, workerPort] = [await freePort(), await freePort()];
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'production',
      EJ_ROOT_DIR: ROOT,
      JWT_SECRET: randomBytes(32).toString('hex'),
      DATABASE_URL,
      // The role `migrate up` provisioned for the apps (production wants it named explicitly).
      DATABASE_APP_URL: deriveAppDatabaseUrl(DATABASE_URL),
      REDIS_URL: redis.url,
      STORAGE_DIR: join(scratch, 'storage'),
      AUDIT_SIGNING_KEY_FILE: join(scratch, 'audit-signing-key.pem'),
      SMTP_URL: sink.url,
      API_HOST: '127.0.0.1',
      API_PORT: String(apiPort),
      WORKER_PORT: String(workerPort),
      LOGIN_RATE_LIMIT_PER_MINUTE: '100000',
    };
    const baseUrl = `http://127.0.0.1:${apiPort}`;
    // The api signs hearing join tickets, which production wants a key of its own for (unused here).
    const ticketKey = generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    children.push(
      await startApp('api', { ...env, LOG_LEVEL: 'warn', MEDIA_TICKET_PRIVATE_KEY: ticketKey }, `${baseUrl}/health`, join(out, 'api.log')),
    );
    const workerLog = join(out, 'worker.log');
    // The worker logs each delivery (info), which is how the runs per event are counted.
    children.push(await startApp('worker', { ...env, LOG_LEVEL: 'info' }, `http://127.0.0.1:${workerPort}/health`, workerLog));

    const signIn = (email: string) =>
      fetch(`${baseUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: PASSWORD }),
      });
    const tokens: string[] = [];
    for (const u of [...seeded.filers, seeded.clerk])
      tokens.push(((await (await signIn(u.email)).json()) as { accessToken: string }).accessToken);
    const pdf = await (async () => {
      const doc = await PDFDocument.create();
      doc.addPage([595, 842]).drawText('Motion', { x: 50, y: 780, size: 14, font: await doc.embedFont(StandardFonts.Helvetica) });
      return Buffer.from(await doc.save());
    })();
    const traffic = new FilingTraffic({
      baseUrl,
      filerTokens: tokens.slice(0, seeded.filers.length),
      clerkToken: tokens[seeded.filers.length],
      caseId: seeded.caseId,
      document: () => Promise.resolve(pdf),
      answerTimeoutMs: ANSWER_TIMEOUT_MS,
      lanes: opts.filers,
      pauseMs: opts.filerPauseMs,
      clerkPauseMs: opts.clerkPauseMs,
    });

    traffic.start();
    let recovered: number;
    let recoveredAt: Date;
    let probes: { health: Awaited<ReturnType<typeof timed>>; signIn: Awaited<ReturnType<typeof timed>> };
    try {
      console.log(`before: ${opts.warmupSeconds} s of traffic with Redis up`);
      await sleep(opts.warmupSeconds * 1000);
      console.log(`outage: redis-server killed (SIGKILL) for ${opts.outageSeconds} s`);
      traffic.phase = 'outage';
      await redis.kill();
      const down = performance.now();
      probes = {
        health: await timed(`${baseUrl}/health`),
        signIn: await timed(`${baseUrl}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: seeded.clerk.email, password: PASSWORD }),
        }),
      };
      await sleep(Math.max(0, opts.outageSeconds * 1000 - (performance.now() - down)));
      traffic.phase = 'after';
      await redis.restart();
      recovered = performance.now();
      recoveredAt = new Date();
      console.log(`after: redis-server started again, empty; ${opts.afterSeconds} s more traffic`);
      await sleep(opts.afterSeconds * 1000);
    } finally {
      await traffic.stop();
    }
    console.log('settling: the clerk decides what is left; waiting for every notification...');
    await traffic.settle(Date.now() + 120_000);
    const drainMs = await waitForDrain(db, seeded.caseId, recoveredAt, recovered, 600_000);
    await waitForDrain(db, seeded.caseId, new Date(), performance.now(), 600_000);
    // Room for a late second delivery to show itself.
    await sleep(5_000);

    const lost = await lostFilings(db, traffic.submissions);
    const ledger = await deliveryLedger(db, seeded.caseId, sink.mails, (kind, filer) =>
      kind === 'filing.accepted' ? seeded.everyone : [filer],
    );
    const runs = deliveryRuns(workerLog);
    const eventIds = (
      (await db.query(`SELECT e.id FROM notification_events e JOIN filings f ON f.id = e.filing_id WHERE f.case_id = $1`, [seeded.caseId]))
        .rows as { id: string }[]
    ).map((r) => r.id);
    const runCounts = eventIds.map((id) => runs.get(id) ?? 0);
    const outageEvents = Number(
      (
        await db.query(
          `SELECT count(*)::int AS n FROM notification_events e JOIN filings f ON f.id = e.filing_id
            WHERE f.case_id = $1 AND e.created_at < $2 AND e.created_at > $2::timestamptz - make_interval(secs => $3)`,
          [seeded.caseId, recoveredAt, opts.outageSeconds],
        )
      ).rows[0].n,
    );
    const submitted = traffic.submissions;
    const figures = {
      outageSeconds: opts.outageSeconds,
      filings: {
        attempted: submitted.length,
        acknowledged201: submitted.filter((s) => s.acknowledged).length,
        firstSentDuringOutage: submitted.filter((s) => s.firstPhase === 'outage').length,
        refused503Answers: traffic.answers.filter((a) => a.step === 'submit' && a.status === 503).length,
        unanswered: traffic.answers.filter((a) => a.step === 'submit' && a.status === 0).length,
        lost: lost.length,
        neverFiled: submitted.filter((s) => !s.filingId).length,
      },
      duringOutage: {
        health: { status: probes.health.status, ms: Math.round(probes.health.ms) },
        signIn: { status: probes.signIn.status, code: probes.signIn.code, ms: Math.round(probes.signIn.ms) },
        slowestAnswerMs: Math.round(Math.max(0, ...traffic.answers.filter((a) => a.phase === 'outage').map((a) => a.ms))),
      },
      notifications: {
        events: ledger.events,
        decidedDuringOutage: outageEvents,
        processed: ledger.processed,
        pairs: ledger.pairs,
        deliveredExactlyOnce: ledger.exactlyOnce,
        missing: ledger.missing,
        duplicateEmails: ledger.duplicateMails,
        unexpected: ledger.unexpected,
        runsExactlyOnce: runCounts.filter((n) => n === 1).length,
        runsMoreThanOnce: runCounts.filter((n) => n > 1).length,
        neverRun: runCounts.filter((n) => n === 0).length,
      },
      drainAfterRecoveryMs: drainMs === null ? null : Math.round(drainMs),
    };

    console.log('');
    for (const l of answersTable(traffic.answers)) console.log(l);
    console.log('');
    console.log(
      `while Redis was down: /health ${figures.duringOutage.health.status} in ${figures.duringOutage.health.ms} ms; ` +
        `sign-in ${figures.duringOutage.signIn.status} ${figures.duringOutage.signIn.code ?? ''} in ${figures.duringOutage.signIn.ms} ms`,
    );
    console.log('');
    const f = figures.filings;
    console.log(
      `filings: ${f.attempted} attempted (${f.firstSentDuringOutage} first sent while Redis was down), ${f.acknowledged201} accepted (201), ` +
        `${f.refused503Answers} answers refused 503, ${f.unanswered} unanswered, ${f.lost} lost (acknowledged but not in PostgreSQL), ${f.neverFiled} never filed`,
    );
    const n = figures.notifications;
    console.log(
      `notification events: ${n.events} (${n.decidedDuringOutage} decided while Redis was down), ${n.processed} processed; ` +
        `(event, recipient) pairs: ${n.pairs}, delivered exactly once ${n.deliveredExactlyOnce}, missing ${n.missing}, ` +
        `duplicate e-mails ${n.duplicateEmails}, to someone not a recipient ${n.unexpected}`,
    );
    console.log(
      `delivery runs per event (worker log): exactly once ${n.runsExactlyOnce}, more than once ${n.runsMoreThanOnce}, never ${n.neverRun}`,
    );
    console.log(
      `time to drain after recovery: ${figures.drainAfterRecoveryMs === null ? 'not drained in 10 min' : `${(figures.drainAfterRecoveryMs / 1000).toFixed(1)} s`} ` +
        `(Redis restart -> every event decided before it delivered)`,
    );
    console.log(`BENCH_REDIS_OUTAGE_JSON ${JSON.stringify(figures)}`);
  } finally {
    await cleanUp();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
