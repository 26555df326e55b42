/*
 * Filing benchmark: N concurrent filers (8 and 50 by default) submit 1 MB and 20 MB PDFs through
 * the real api (a child process started here, against its own database and storage directory),
 * and, for the same bytes at the same concurrency in the same run, two baselines: the rate of
 * simply streaming them to disk while hashing them, and the rate and latency of a bare HTTP server
 * that only does that (bare-server.ts). For each scenario: filings/s, MB/s, p50/p99 latency, the
 * ratio to the raw rate, the bare server's filings/s and p50/p99, the api's and the runner's CPU,
 * the load average, and where the api's time went (its per-phase histogram, read from /metrics).
 * Prints figures; never part of the tests.
 *
 *   ./ejustice bench filing                    (or: node dist/bench/filing/run.js)
 *   BENCH_CONCURRENCY=8,50 BENCH_SMALL_COUNT=200 BENCH_LARGE_COUNT=48 ./ejustice bench filing
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash, generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { open, rename } from 'node:fs/promises';
import { Agent, request } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as argon2 from 'argon2';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { Client } from 'pg';
import { deriveAppDatabaseUrl } from '@ejustice/platform';
import { dropDatabase, migrateUp } from '../../scripts/migrate';
import { freePort } from '../sfu/processes';
import { ownRedis } from '../support/redis-server';

const ROOT = resolve(__dirname, '../../..');
const CONCURRENCIES = (process.env.BENCH_CONCURRENCY ?? '8,50')
  .split(',')
  .map((c) => Number(c.trim()))
  .filter((c) => Number.isInteger(c) && c > 0);
/**
 * Per concurrency: enough filings that p99 is not just the slowest one and every filer sends
 * several; the defaults are the settings bench/README.md's figures were measured with.
 */
const smallCount = (c: number) => Number(process.env.BENCH_SMALL_COUNT ?? Math.max(200, 4 * c));
const largeCount = (c: number) => Number(process.env.BENCH_LARGE_COUNT ?? Math.max(48, 2 * c));
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/ejustice_bench';
/** Unset: a redis-server of the benchmark's own on a free port, so a test suite's Redis database is never shared. */
const BENCH_REDIS_URL = process.env.BENCH_REDIS_URL;
const PASSWORD = 'bench password 0123456789';
const METRICS_TOKEN = randomBytes(24).toString('hex');
const MB = 1024 * 1024;
/** The api's phases, in the order a filing passes them (see libs/filing/src/submission/filing-phases.ts). */
const PHASES = [
  'receive',
  'hash',
  'write',
  'sync',
  'inspect_file',
  'inspect',
  'prepare',
  'transaction',
  'store',
  'rows',
  'commit',
  'seal',
  'total',
];

interface Scenario {
  readonly label: string;
  readonly bytes: number;
  readonly count: number;
  readonly concurrency: number;
}

/** A real PDF of about `size` bytes: one page of text and a stream of incompressible bytes (as a scan would be). */
async function makePdf(size: number): Promise<{ pdf: Buffer; markerOffset: number }> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  page.drawText('Benchmark filing', { x: 50, y: 780, size: 14, font: await doc.embedFont(StandardFonts.Helvetica) });
  const marker = Buffer.from('BENCHMARK-MARKER-0000000000000000');
  const filler = randomBytes(Math.max(1024, size - 2048));
  marker.copy(filler, 0);
  doc.context.register(doc.context.stream(filler, {}));
  const pdf = Buffer.from(await doc.save({ useObjectStreams: false }));
  return { pdf, markerOffset: pdf.indexOf(marker) };
}

/** Each submission gets different bytes (so content addressing cannot skip work), same length. */
function variant(base: { pdf: Buffer; markerOffset: number }, n: number): Buffer {
  const copy = Buffer.from(base.pdf);
  copy.write(`BENCHMARK-MARKER-${String(n).padStart(16, '0')}`, base.markerOffset, 'latin1');
  return copy;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

async function runPool<T>(count: number, concurrency: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      for (;;) {
        const i = next++;
        if (i >= count) return;
        results[i] = await task(i);
      }
    }),
  );
  return results;
}

/** The baseline: the same bytes streamed in 64 KB chunks to a temporary file while hashed, fsynced and renamed. */
async function streamToDisk(bytes: Buffer, dir: string): Promise<void> {
  const hash = createHash('sha256');
  const tmp = join(dir, `${randomUUID()}.part`);
  const handle = await open(tmp, 'wx', 0o600);
  try {
    for (let at = 0; at < bytes.length; at += 64 * 1024) {
      const chunk = bytes.subarray(at, at + 64 * 1024);
      hash.update(chunk);
      await handle.write(chunk);
    }
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(tmp, join(dir, hash.digest('hex')));
}

async function seed(courtCode: string, users: number): Promise<{ emails: string[] }> {
  const db = new Client({ connectionString: DATABASE_URL });
  await db.connect();
  try {
    const hash = await argon2.hash(PASSWORD, { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 });
    const court = await db.query(`INSERT INTO courts (code, name, time_zone) VALUES ($1, 'Benchmark Court', 'UTC') RETURNING id`, [
      courtCode,
    ]);
    const emails: string[] = [];
    for (let i = 0; i < users; i++) {
      const email = `filer-${i}@bench.court`;
      const u = await db.query(`INSERT INTO users (court_id, email, display_name, password_hash) VALUES ($1, $2, $3, $4) RETURNING id`, [
        court.rows[0].id,
        email,
        `Filer ${i}`,
        hash,
      ]);
      await db.query(`INSERT INTO user_roles (user_id, role) VALUES ($1, 'counsel')`, [u.rows[0].id]);
      emails.push(email);
    }
    return { emails };
  } finally {
    await db.end();
  }
}

async function startApi(storageDir: string, redisUrl: string): Promise<{ child: ChildProcess; baseUrl: string }> {
  const port = await freePort();
  // BENCH_API_NODE_ARGS: extra Node flags for the api, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to see where its CPU goes.
  const nodeArgs = (process.env.BENCH_API_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, join(ROOT, 'dist/apps/api/src/main.js')], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      JWT_SECRET: randomBytes(32).toString('hex'),
      // The api issues join tickets with it; production wants a key of its own.
      MEDIA_TICKET_PRIVATE_KEY: generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
        .privateKey.export({ type: 'pkcs8', format: 'pem' })
        .toString(),
      EJ_ROOT_DIR: ROOT,
      API_PORT: String(port),
      DATABASE_URL,
      // The role `migrate up` provisioned for the apps (production wants it named explicitly).
      DATABASE_APP_URL: deriveAppDatabaseUrl(DATABASE_URL),
      REDIS_URL: redisUrl,
      STORAGE_DIR: storageDir,
      LOG_LEVEL: process.env.BENCH_API_LOG_LEVEL ?? 'warn',
      LOGIN_RATE_LIMIT_PER_MINUTE: '100000',
      FILING_MAX_DOCUMENT_MB: '50',
      METRICS_TOKEN,
    },
    stdio: ['ignore', process.env.BENCH_API_LOG_LEVEL ? 'inherit' : 'ignore', 'inherit'],
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error(`the api exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${baseUrl}/health`)).ok) return { child, baseUrl };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGTERM');
  throw new Error('the api did not become healthy in 20 s');
}

/** The bare server (bare-server.ts), in a process of its own as the api is; it prints its port when listening. */
async function startBareServer(dir: string): Promise<{ child: ChildProcess; baseUrl: string }> {
  const child = spawn(process.execPath, [join(__dirname, 'bare-server.js'), dir], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolvePort, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = /^(\d+)\n/.exec(out);
      if (line) resolvePort(Number(line[1]));
    });
    child.once('exit', (code) => reject(new Error(`the bare server exited with ${code}`)));
  });
  return { child, baseUrl: `http://127.0.0.1:${port}` };
}

/**
 * The load generator shares the machine with the api, so it does as little as a client can: the
 * multipart body is the document's own buffer between a small head and tail, written as they
 * are (no FormData, no Blob copy), over keep-alive connections: a fresh set for each scenario
 * (see runScenario).
 */
const keepAlive = () => new Agent({ keepAlive: true, maxSockets: 256 });
let agent = keepAlive();

async function submit(baseUrl: string, token: string, bytes: Buffer, n: number): Promise<number> {
  const boundary = `----ejustice-bench-${randomBytes(12).toString('hex')}`;
  const metadata = JSON.stringify({
    filingType: 'petition',
    newCase: {
      caseType: 'civil',
      title: `Benchmark ${n}`,
      confidentiality: 'public',
      parties: [{ partyRole: 'plaintiff', fullName: `Plaintiff ${n}`, representedByFiler: true }],
    },
    title: `Benchmark petition ${n}`,
    confidentiality: 'public',
    documents: [{ title: 'Petition' }],
  });
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="metadata"\r\n\r\n${metadata}\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="documents"; filename="bench-${n}.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const started = performance.now();
  const { status, body } = await new Promise<{ status: number; body: string }>((resolveAnswer, reject) => {
    const req = request(
      `${baseUrl}/api/filings`,
      {
        method: 'POST',
        agent,
        headers: {
          authorization: `Bearer ${token}`,
          'idempotency-key': randomUUID(),
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'content-length': head.length + bytes.length + tail.length,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolveAnswer({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
        res.on('error', reject);
      },
    );
    req.on('error', (error) => reject(new Error(`submission ${n} got no answer: ${error.message}`, { cause: error })));
    req.write(head);
    req.write(bytes);
    req.end(tail);
  });
  if (status !== 201) throw new Error(`submission ${n} failed with ${status}: ${body.slice(0, 300)}`);
  return performance.now() - started;
}

/** One histogram series, cumulative: its bucket counts (by upper bound), sum and count. */
interface Series {
  readonly buckets: Map<number, number>;
  sum: number;
  count: number;
}

/**
 * GET /metrics on a connection of its own: a scenario of large filings outlasts the api's
 * keep-alive timeout, and a pooled socket the api closed meanwhile would fail the scrape after it.
 */
async function scrapeMetrics(baseUrl: string): Promise<string> {
  return new Promise((resolveText, reject) => {
    const req = request(`${baseUrl}/metrics`, { agent: false, headers: { authorization: `Bearer ${METRICS_TOKEN}` } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        res.statusCode === 200 ? resolveText(Buffer.concat(chunks).toString()) : reject(new Error(`/metrics answered ${res.statusCode}`)),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** What one scrape of the api tells: its filing phases, and its main thread's busy seconds so far. */
async function scrapeApi(baseUrl: string): Promise<{ phases: Map<string, Series>; loopBusySeconds: number }> {
  const text = await scrapeMetrics(baseUrl);
  const out = new Map<string, Series>();
  const series = (phase: string) => {
    let s = out.get(phase);
    if (!s) out.set(phase, (s = { buckets: new Map(), sum: 0, count: 0 }));
    return s;
  };
  for (const line of text.split('\n')) {
    const m = /^ejustice_filing_phase_seconds_(bucket|sum|count)\{([^}]*)\} (\S+)$/.exec(line);
    if (!m) continue;
    const labels = Object.fromEntries([...m[2].matchAll(/(\w+)="([^"]*)"/g)].map((l) => [l[1], l[2]]));
    const s = series(labels.phase);
    const value = Number(m[3]);
    if (m[1] === 'bucket') s.buckets.set(labels.le === '+Inf' ? Infinity : Number(labels.le), value);
    else if (m[1] === 'sum') s.sum = value;
    else s.count = value;
  }
  const busy = /^ejustice_event_loop_busy_seconds_total (\S+)$/m.exec(text);
  if (!busy) throw new Error('the api serves no ejustice_event_loop_busy_seconds_total');
  return { phases: out, loopBusySeconds: Number(busy[1]) };
}

/** The mean and the p50/p99 (as the upper bound of their bucket) of what a scenario added to each phase. */
function phaseFigures(before: Map<string, Series>, after: Map<string, Series>): Record<string, { mean: number; p50: number; p99: number }> {
  const figures: Record<string, { mean: number; p50: number; p99: number }> = {};
  for (const phase of PHASES) {
    const a = after.get(phase);
    if (!a) continue;
    const b = before.get(phase);
    const count = a.count - (b?.count ?? 0);
    if (count <= 0) continue;
    const bounds = [...a.buckets.keys()].sort((x, y) => x - y);
    const upTo = (p: number) => bounds.find((le) => (a.buckets.get(le) ?? 0) - (b?.buckets.get(le) ?? 0) >= (p / 100) * count) ?? Infinity;
    figures[phase] = { mean: ((a.sum - (b?.sum ?? 0)) / count) * 1000, p50: upTo(50) * 1000, p99: upTo(99) * 1000 };
  }
  return figures;
}

/** CPU seconds a process has used so far (user + system), from /proc. */
function cpuSecondsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'latin1')
    .replace(/^.*\) /, '')
    .split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

interface Row {
  readonly scenario: Scenario;
  readonly filingsPerSecond: number;
  readonly apiMbps: number;
  readonly p50: number;
  readonly p99: number;
  readonly diskMbps: number;
  readonly ratio: number;
  /** The bare server (bare-server.ts): the same submissions, only received, hashed, written, fsynced and renamed. */
  readonly bareFilingsPerSecond: number;
  readonly bareP50: number;
  readonly bareP99: number;
  readonly bareRatio: number;
  readonly apiCpuPercent: number;
  /** The api's CPU (all its threads) per accepted filing: less at the mercy of the neighbours than the rates. */
  readonly apiCpuMsPerFiling: number;
  /**
   * How busy the api's main thread was (event-loop utilisation): near 100 % it is what limits the
   * rate, whatever CPU the machine has left; the CPU figures include the inspection threads.
   */
  readonly apiLoopBusyPercent: number;
  readonly runnerCpuPercent: number;
  readonly loadBefore: string;
  readonly loadAfter: string;
  readonly phases: Record<string, { mean: number; p50: number; p99: number }>;
  /** Submissions that got no 201, and the first of their errors. */
  readonly failed: number;
  readonly firstError: string | undefined;
}

async function runScenario(
  s: Scenario,
  base: { pdf: Buffer; markerOffset: number },
  api: { baseUrl: string; pid: number },
  bare: { baseUrl: string },
  tokens: readonly string[],
  baselineDir: string,
  first: number,
): Promise<Row> {
  const docs = Array.from({ length: s.count }, (_, i) => variant(base, first + i));
  const totalMb = docs.reduce((sum, d) => sum + d.length, 0) / MB;
  // The api closes a connection idle for 5 s (Node's default), and a request written on one as it
  // closes is reset: preparing the documents above can take that long, so the connections left
  // idle by the scenario before are not reused.
  agent.destroy();
  agent = keepAlive();
  const loadBefore = load();
  const scrapeBefore = await scrapeApi(api.baseUrl);
  const apiCpu0 = cpuSecondsOf(api.pid);
  const runnerCpu0 = process.cpuUsage();

  const t0 = performance.now();
  const errors: string[] = [];
  const answers = await runPool(s.count, s.concurrency, (i) =>
    submit(api.baseUrl, tokens[i % tokens.length], docs[i], first + i).catch((error: unknown) => {
      errors.push(error instanceof Error ? error.message : String(error));
      return undefined;
    }),
  );
  const latencies = answers.filter((ms): ms is number => ms !== undefined);
  const apiSeconds = (performance.now() - t0) / 1000;
  const apiCpu = cpuSecondsOf(api.pid) - apiCpu0;
  const runnerCpu = process.cpuUsage(runnerCpu0);
  const scrapeAfter = await scrapeApi(api.baseUrl);
  const phases = phaseFigures(scrapeBefore.phases, scrapeAfter.phases);
  console.log(`    api done: ${latencies.length} filings in ${apiSeconds.toFixed(1)} s; now the bare server and the disk...`);

  // The same submissions to the bare server, on connections of their own.
  agent.destroy();
  agent = keepAlive();
  const tb = performance.now();
  const bareLatencies = await runPool(s.count, s.concurrency, (i) => submit(bare.baseUrl, '', docs[i], first + i));
  const bareSeconds = (performance.now() - tb) / 1000;
  const bareSorted = [...bareLatencies].sort((a, b) => a - b);

  const t1 = performance.now();
  await runPool(s.count, s.concurrency, (i) => streamToDisk(docs[i], baselineDir));
  const diskSeconds = (performance.now() - t1) / 1000;

  const sorted = [...latencies].sort((a, b) => a - b);
  const apiMbps = (totalMb * latencies.length) / s.count / apiSeconds;
  const diskMbps = totalMb / diskSeconds;
  return {
    scenario: s,
    filingsPerSecond: latencies.length / apiSeconds,
    apiMbps,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    diskMbps,
    ratio: apiMbps / diskMbps,
    bareFilingsPerSecond: s.count / bareSeconds,
    bareP50: percentile(bareSorted, 50),
    bareP99: percentile(bareSorted, 99),
    bareRatio: totalMb / bareSeconds / diskMbps,
    apiCpuPercent: (100 * apiCpu) / apiSeconds,
    apiCpuMsPerFiling: latencies.length > 0 ? (1000 * apiCpu) / latencies.length : 0,
    apiLoopBusyPercent: (100 * (scrapeAfter.loopBusySeconds - scrapeBefore.loopBusySeconds)) / apiSeconds,
    runnerCpuPercent: (100 * (runnerCpu.user + runnerCpu.system)) / 1e6 / apiSeconds,
    loadBefore,
    loadAfter: load(),
    phases,
    failed: errors.length,
    firstError: errors[0],
  };
}

function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i])).join('  ');
  return [line(header), ...rows.map(line)];
}

async function main(): Promise<void> {
  const storageDir = mkdtempSync(join(tmpdir(), 'ejustice-bench-storage-'));
  const baselineDir = mkdtempSync(join(tmpdir(), 'ejustice-bench-baseline-'));
  const filers = Math.max(...CONCURRENCIES);
  console.log(`filing benchmark: ${cpus().length} cores, ${CONCURRENCIES.join(' and ')} concurrent filers, Node ${process.version}`);
  console.log(`load average at start: ${load()}`);
  console.log(`preparing ${DATABASE_URL.replace(/\/\/[^@]*@/, '//')} and the documents...`);
  await dropDatabase(DATABASE_URL);
  await migrateUp(DATABASE_URL);
  const { emails } = await seed(
    `BENCH${randomBytes(2)
      .toString('hex')
      .toUpperCase()
      .replace(/[^A-Z0-9]/g, 'X')}`,
    filers,
  );
  const sizes = [
    { label: '1 MB', bytes: 1 * MB, count: smallCount },
    { label: '20 MB', bytes: 20 * MB, count: largeCount },
  ];
  const bases = await Promise.all(sizes.map((s) => makePdf(s.bytes)));

  const redis = await ownRedis(BENCH_REDIS_URL);
  const { child, baseUrl } = await startApi(storageDir, redis.url).catch(async (error: unknown) => {
    await redis.stop();
    throw error;
  });
  let bare: Awaited<ReturnType<typeof startBareServer>> | undefined;
  try {
    bare = await startBareServer(join(baselineDir, 'bare'));
    const tokens: string[] = [];
    for (const email of emails) {
      const res = await fetch(`${baseUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: PASSWORD }),
      });
      tokens.push(((await res.json()) as { accessToken: string }).accessToken);
    }
    // Warm-up: a few small filings, not measured.
    await runPool(Math.min(filers, 16), Math.min(filers, 16), (i) =>
      submit(baseUrl, tokens[i % tokens.length], variant(bases[0], 1_000_000 + i), 1_000_000 + i),
    );

    const rows: Row[] = [];
    let first = 0;
    for (const concurrency of CONCURRENCIES) {
      for (const [k, size] of sizes.entries()) {
        const scenario = { label: size.label, bytes: size.bytes, count: size.count(concurrency), concurrency };
        if (scenario.count === 0) continue;
        console.log(`  ${concurrency} filers, ${scenario.count} x ${scenario.label}... (load ${load()})`);
        const row = await runScenario(scenario, bases[k], { baseUrl, pid: child.pid as number }, bare, tokens, baselineDir, first);
        rows.push(row);
        console.log(
          `    ${row.filingsPerSecond.toFixed(2)} filings/s, p50 ${row.p50.toFixed(0)} ms, p99 ${row.p99.toFixed(0)} ms, api/disk ${row.ratio.toFixed(3)};` +
            ` bare server ${row.bareFilingsPerSecond.toFixed(2)} filings/s, p99 ${row.bareP99.toFixed(0)} ms, bare/disk ${row.bareRatio.toFixed(3)}` +
            (row.failed ? `; ${row.failed} FAILED, first: ${row.firstError}` : ''),
        );
        first += 100_000;
      }
    }

    console.log('');
    for (const l of table(
      [
        'filers',
        'document',
        'filings',
        'failed',
        'filings/s',
        'api MB/s',
        'p50 ms',
        'p99 ms',
        'disk+hash MB/s',
        'api/disk',
        'bare filings/s',
        'bare p50',
        'bare p99',
        'bare/disk',
        'api CPU %',
        'api CPU ms/filing',
        'api loop busy %',
        'runner CPU %',
        'load before -> after',
      ],
      rows.map((r) => [
        String(r.scenario.concurrency),
        r.scenario.label,
        String(r.scenario.count),
        String(r.failed),
        r.filingsPerSecond.toFixed(2),
        r.apiMbps.toFixed(1),
        r.p50.toFixed(0),
        r.p99.toFixed(0),
        r.diskMbps.toFixed(1),
        r.ratio.toFixed(3),
        r.bareFilingsPerSecond.toFixed(2),
        r.bareP50.toFixed(0),
        r.bareP99.toFixed(0),
        r.bareRatio.toFixed(3),
        r.apiCpuPercent.toFixed(0),
        r.apiCpuMsPerFiling.toFixed(1),
        r.apiLoopBusyPercent.toFixed(0),
        r.runnerCpuPercent.toFixed(0),
        `${r.loadBefore} -> ${r.loadAfter}`,
      ]),
    ))
      console.log(l);
    console.log('');
    console.log('where the api spent its time, per filing: mean ms (p99 bucket bound ms)');
    const shown = PHASES.filter((p) => rows.some((r) => r.phases[p]));
    for (const l of table(
      ['filers', 'document', ...shown],
      rows.map((r) => [
        String(r.scenario.concurrency),
        r.scenario.label,
        ...shown.map((p) => {
          const f = r.phases[p];
          return f ? `${f.mean.toFixed(0)} (${Number.isFinite(f.p99) ? f.p99.toFixed(0) : '>30000'})` : '-';
        }),
      ]),
    ))
      console.log(l);
    console.log('');
    console.log(
      'api: multipart upload -> stream + SHA-256 -> fsync -> PDF check in a worker -> rename -> one transaction with the audit event.',
    );
    console.log('disk+hash: the same bytes, same concurrency, streamed in 64 KB chunks to a file while hashed, fsynced and renamed.');
    console.log(
      'bare: the same submissions to a plain Node HTTP server (bench/filing/bare-server.ts) that only streams each body to a file while hashing it, fsyncs and renames it.',
    );
    console.log(
      "api CPU: all the api's threads (/proc); api loop busy: its main thread's event loop, busy (near 100 %: the thread that takes every request limits the rate).",
    );
    console.log(
      'phases: receive (upload read and staged; hash, write and sync are inside it), inspect_file (one document checked), inspect (the wait for verdicts after receipt),',
    );
    console.log(
      '        prepare (idempotency, target: started with the metadata, the wait left after inspection), transaction (store: files put; rows: one statement writing the filing and its audit event; commit), seal (the audit event chained after the commit), total.',
    );
    console.log(`BENCH_FILING_JSON ${JSON.stringify({ cores: cpus().length, node: process.version, rows })}`);
  } finally {
    agent.destroy();
    child.kill('SIGTERM');
    bare?.child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    await redis.stop();
    rmSync(storageDir, { recursive: true, force: true });
    rmSync(baselineDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
