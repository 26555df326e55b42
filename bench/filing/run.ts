/*
 * Filing benchmark: N concurrent filers submit 1 MB and 20 MB PDFs through the real api (a child
 * process started here, against its own database and storage directory), and, for the same bytes
 * in the same run, the rate of simply streaming them to disk while hashing them. Prints figures;
 * never part of the tests.
 *
 *   ./ejustice bench filing                    (or: node dist/bench/filing/run.js)
 *   BENCH_CONCURRENCY=8 BENCH_SMALL_COUNT=64 BENCH_LARGE_COUNT=16 ./ejustice bench filing
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash, generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { open, rename } from 'node:fs/promises';
import { createServer } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as argon2 from 'argon2';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { Client } from 'pg';
import { deriveAppDatabaseUrl } from '@ejustice/platform';
import { dropDatabase, migrateUp } from '../../scripts/migrate';

const ROOT = resolve(__dirname, '../../..');
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const SMALL_COUNT = Number(process.env.BENCH_SMALL_COUNT ?? 64);
const LARGE_COUNT = Number(process.env.BENCH_LARGE_COUNT ?? 16);
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/ejustice_bench';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/14';
const PASSWORD = 'bench password 0123456789';
const MB = 1024 * 1024;

interface Scenario {
  readonly label: string;
  readonly bytes: number;
  readonly count: number;
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

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolvePort(port));
    });
    s.on('error', reject);
  });
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

async function seed(courtCode: string): Promise<{ emails: string[] }> {
  const db = new Client({ connectionString: DATABASE_URL });
  await db.connect();
  try {
    const hash = await argon2.hash(PASSWORD, { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 });
    const court = await db.query(`INSERT INTO courts (code, name, time_zone) VALUES ($1, 'Benchmark Court', 'UTC') RETURNING id`, [
      courtCode,
    ]);
    const emails: string[] = [];
    for (let i = 0; i < CONCURRENCY; i++) {
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

async function startApi(storageDir: string): Promise<{ child: ChildProcess; baseUrl: string }> {
  const port = await freePort();
  const child = spawn(process.execPath, [join(ROOT, 'dist/apps/api/src/main.js')], {
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
      REDIS_URL,
      STORAGE_DIR: storageDir,
      LOG_LEVEL: process.env.BENCH_API_LOG_LEVEL ?? 'warn',
      LOGIN_RATE_LIMIT_PER_MINUTE: '100000',
      FILING_MAX_DOCUMENT_MB: '50',
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

async function submit(baseUrl: string, token: string, bytes: Buffer, n: number): Promise<number> {
  const form = new FormData();
  form.append(
    'metadata',
    JSON.stringify({
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
    }),
  );
  form.append('documents', new Blob([bytes], { type: 'application/pdf' }), `bench-${n}.pdf`);
  const started = performance.now();
  const res = await fetch(`${baseUrl}/api/filings`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'idempotency-key': randomUUID() },
    body: form,
  });
  const body = await res.text();
  if (res.status !== 201) throw new Error(`submission ${n} failed with ${res.status}: ${body.slice(0, 300)}`);
  return performance.now() - started;
}

async function main(): Promise<void> {
  const storageDir = mkdtempSync(join(tmpdir(), 'ejustice-bench-storage-'));
  const baselineDir = mkdtempSync(join(tmpdir(), 'ejustice-bench-baseline-'));
  console.log(`filing benchmark: ${cpus().length} cores, ${CONCURRENCY} concurrent filers, Node ${process.version}`);
  console.log(`preparing ${DATABASE_URL.replace(/\/\/[^@]*@/, '//')} and the documents...`);
  await dropDatabase(DATABASE_URL);
  await migrateUp(DATABASE_URL);
  const { emails } = await seed(
    `BENCH${randomBytes(2)
      .toString('hex')
      .toUpperCase()
      .replace(/[^A-Z0-9]/g, 'X')}`,
  );
  const scenarios: Scenario[] = [
    { label: '1 MB', bytes: 1 * MB, count: SMALL_COUNT },
    { label: '20 MB', bytes: 20 * MB, count: LARGE_COUNT },
  ];
  const bases = await Promise.all(scenarios.map((s) => makePdf(s.bytes)));

  const { child, baseUrl } = await startApi(storageDir);
  try {
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
    await runPool(CONCURRENCY, CONCURRENCY, (i) =>
      submit(baseUrl, tokens[i % tokens.length], variant(bases[0], 1_000_000 + i), 1_000_000 + i),
    );

    const rows: string[][] = [];
    for (const [k, s] of scenarios.entries()) {
      const docs = Array.from({ length: s.count }, (_, i) => variant(bases[k], k * 100_000 + i));
      const totalMb = docs.reduce((sum, d) => sum + d.length, 0) / MB;

      const t0 = performance.now();
      const latencies = await runPool(s.count, CONCURRENCY, (i) => submit(baseUrl, tokens[i % tokens.length], docs[i], k * 100_000 + i));
      const apiSeconds = (performance.now() - t0) / 1000;

      const t1 = performance.now();
      await runPool(s.count, CONCURRENCY, (i) => streamToDisk(docs[i], baselineDir));
      const diskSeconds = (performance.now() - t1) / 1000;

      const sorted = [...latencies].sort((a, b) => a - b);
      const apiMbps = totalMb / apiSeconds;
      const diskMbps = totalMb / diskSeconds;
      rows.push([
        s.label,
        String(s.count),
        (s.count / apiSeconds).toFixed(2),
        apiMbps.toFixed(1),
        percentile(sorted, 50).toFixed(0),
        percentile(sorted, 99).toFixed(0),
        diskMbps.toFixed(1),
        (apiMbps / diskMbps).toFixed(3),
      ]);
    }
    const header = ['document', 'filings', 'filings/s', 'api MB/s', 'p50 ms', 'p99 ms', 'disk+hash MB/s', 'api/disk'];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i])).join('  ');
    console.log('');
    console.log(line(header));
    for (const r of rows) console.log(line(r));
    console.log('');
    console.log(
      'api: multipart upload -> stream + SHA-256 -> fsync -> PDF parse (pdf-lib) -> rename -> one transaction with the audit event.',
    );
    console.log('disk+hash: the same bytes, same concurrency, streamed in 64 KB chunks to a file while hashed, fsynced and renamed.');
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(storageDir, { recursive: true, force: true });
    rmSync(baselineDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
