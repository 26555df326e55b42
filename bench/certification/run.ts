/*
 * Certified-copy benchmark (issue 10): render and seal copies of a seeded 10-page and 200-page
 * original, each copy with different facts (alternately an Arabic-speaking and a French-speaking
 * court), and print per copy p50/p99 of the render, the seal and both, and copies per minute:
 * sequentially in one thread, and with one copy at a time per core in worker threads (how the
 * worker app would spread copies over a machine: one job at a time per process, one process per
 * core). Prints figures; never part of the tests.
 *
 *   ./ejustice bench certification                         (or: node dist/bench/certification/run.js)
 *   BENCH_CERT_COPIES=100 BENCH_CERT_WARMUP=10 BENCH_CERT_THREADS=2 ./ejustice bench certification
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof dist/bench/certification/run.js     (where the time goes)
 */
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import {
  type CertificationFacts,
  generateDevelopmentSeal,
  loadSealIdentity,
  renderCertifiedCopy,
  sealPdf,
  verifySealedPdf,
} from '@ejustice/certification';
import { PDFDocument, StandardFonts } from 'pdf-lib';

const COPIES = Number(process.env.BENCH_CERT_COPIES ?? 60);
const WARMUP = Number(process.env.BENCH_CERT_WARMUP ?? 8);
const THREADS = Number(process.env.BENCH_CERT_THREADS ?? cpus().length);
/** Copies per thread in the parallel run. */
const PARALLEL_COPIES = Number(process.env.BENCH_CERT_PARALLEL_COPIES ?? 30);
const SIZES = (process.env.BENCH_CERT_PAGES ?? '10,200').split(',').map(Number);
const SEED = Number(process.env.BENCH_CERT_SEED ?? 1);
const GOALS: Record<number, number> = { 10: 40, 200: 200 };
const GOAL_TEN_PAGE_PER_MINUTE = 1_500;

/** mulberry32: a small seeded generator, so every run renders the same originals. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS =
  'the court finds that appellant respondent judgment appeal hearing evidence witness order costs dismissed allowed counsel submitted record tribunal article law contract'.split(
    ' ',
  );

/** A text document as a word processor would write it: a heading and 45 lines of prose per page. */
async function newOriginal(pages: number, seed: number): Promise<Uint8Array> {
  const next = random(seed);
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.TimesRoman);
  const bold = await doc.embedFont(StandardFonts.TimesRomanBold);
  for (let p = 1; p <= pages; p += 1) {
    const page = doc.addPage([595.28, 841.89]);
    page.drawText(`Judgment, page ${p} of ${pages}`, { x: 72, y: 780, size: 14, font: bold });
    for (let line = 0; line < 45; line += 1) {
      const words = Array.from({ length: 12 }, () => WORDS[Math.floor(next() * WORDS.length)]);
      page.drawText(words.join(' '), { x: 72, y: 750 - line * 14.5, size: 11, font });
    }
  }
  return doc.save();
}

/** A different case, clerk and code per copy; even copies from an Arabic-speaking court, odd from a French-speaking one. */
function factsFor(i: number, pageCount: number): CertificationFacts {
  const code = `B${String(i).padStart(3, '0')}-${((i * 7919) % 10000).toString(36).toUpperCase().padStart(4, 'X')}-QZ7P`;
  const common = {
    caseNumber: `CA-2026-${String(100_000 + i).slice(1)}`,
    docketEntryNumber: 1 + (i % 40),
    documentTitle: i % 3 === 0 ? 'Judgment on appeal' : 'Order on costs',
    pageCount,
    issuedAt: new Date(Date.UTC(2026, 11, 6, 9, i % 60)),
    timeZone: 'Africa/Tunis',
    verificationCode: code,
    verificationUrl: `https://ejustice.example/verify/${code}`,
  };
  if (i % 2 === 0) {
    return {
      ...common,
      courtName: 'محكمة الاستئناف بتونس',
      courtNameEnglish: 'Court of Appeal of Tunis',
      courtLanguage: 'ar',
      clerkName: ['عبد الله بن علي', 'فاطمة الزهراء', 'محمد الهادي'][i % 3],
    };
  }
  return {
    ...common,
    courtName: 'Tribunal de première instance de Tunis',
    courtNameEnglish: 'Court of First Instance of Tunis',
    courtLanguage: 'fr',
    clerkName: ['Claire Dubois', 'Hédi Mansour', 'Amélie Laurent'][i % 3],
  };
}

interface Timings {
  /** The last copy sealed, to check that what was timed is a certified copy. */
  readonly last?: Uint8Array;
  readonly render: number[];
  readonly seal: number[];
  readonly total: number[];
  readonly bytes: number[];
  readonly wallMs: number;
}

/** Renders and seals `count` copies one after the other, after `warmup` untimed ones. */
async function copies(
  original: Uint8Array,
  pages: number,
  count: number,
  warmup: number,
  offset: number,
  p12: Buffer,
  password: string,
): Promise<Timings> {
  const identity = loadSealIdentity(p12, password);
  const out = { render: [] as number[], seal: [] as number[], total: [] as number[], bytes: [] as number[] };
  let last: Uint8Array | undefined;
  for (let i = 0; i < warmup; i += 1) {
    await sealPdf(await renderCertifiedCopy({ original, facts: factsFor(offset + i, pages) }), identity);
  }
  const start = performance.now();
  for (let i = 0; i < count; i += 1) {
    const facts = factsFor(offset + warmup + i, pages);
    const t0 = performance.now();
    const copy = await renderCertifiedCopy({ original, facts });
    const t1 = performance.now();
    const sealed = await sealPdf(copy, identity, { signingTime: facts.issuedAt });
    const t2 = performance.now();
    out.render.push(t1 - t0);
    out.seal.push(t2 - t1);
    out.total.push(t2 - t0);
    out.bytes.push(sealed.length);
    last = sealed;
  }
  return { ...out, last, wallMs: performance.now() - start };
}

/** A benchmark of broken copies measures nothing: the last copy must carry the stamp pages and a sound seal. */
async function assertCertifiedCopy(sealed: Uint8Array | undefined, pages: number, caPem: string): Promise<void> {
  if (!sealed) throw new Error('No copy was made.');
  const check = verifySealedPdf(sealed, [caPem]);
  if (!check.valid || !check.unmodified || !check.trusted) throw new Error(`The sealed copy does not verify: ${JSON.stringify(check)}`);
  const count = (await PDFDocument.load(sealed)).getPageCount();
  // The original's pages, then the court's language and English (the bench's courts are not English).
  if (count !== pages + 2) throw new Error(`The copy has ${count} pages, not ${pages + 2}.`);
}

function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

const ms = (n: number) => n.toFixed(1).padStart(7);
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ');

interface WorkerJob {
  readonly original: Uint8Array;
  readonly pages: number;
  readonly count: number;
  readonly warmup: number;
  readonly offset: number;
  readonly p12: Buffer;
  readonly password: string;
}

/** One copy at a time per thread, all threads at once; the wall time runs from the first timed copy of any thread. */
async function parallel(job: Omit<WorkerJob, 'offset'>, threads: number): Promise<{ timings: Timings[]; wallMs: number }> {
  const workers = Array.from({ length: threads }, (_, t) => new Worker(__filename, { workerData: { ...job, offset: 10_000 * (t + 1) } }));
  // Every thread warms up first, then all start the timed copies together.
  await Promise.all(workers.map((w) => new Promise<void>((res) => w.once('message', () => res()))));
  const start = performance.now();
  const timings = await Promise.all(
    workers.map(
      (w) =>
        new Promise<Timings>((res, rej) => {
          w.once('message', (t: Timings) => res(t));
          w.once('error', rej);
          w.postMessage('go');
        }),
    ),
  );
  const wallMs = performance.now() - start;
  await Promise.all(workers.map((w) => w.terminate()));
  return { timings, wallMs };
}

async function workerMain(): Promise<void> {
  const job = workerData as WorkerJob;
  const original = new Uint8Array(job.original);
  await copies(original, job.pages, 0, job.warmup, job.offset, job.p12, job.password);
  parentPort?.postMessage('ready');
  await new Promise<void>((res) => parentPort?.once('message', () => res()));
  const t = await copies(original, job.pages, job.count, 0, job.offset + job.warmup, job.p12, job.password);
  parentPort?.postMessage(t);
}

async function main(): Promise<void> {
  console.log(
    `certification bench: ${COPIES} copies per size (after ${WARMUP} warm-up), seed ${SEED}, ${cpus().length} cores, node ${process.version}`,
  );
  console.log(`load average at start: ${load()}`);
  const seal = generateDevelopmentSeal('Bench Court');
  const rows: Record<string, unknown>[] = [];
  for (const pages of SIZES) {
    const original = await newOriginal(pages, SEED + pages);
    const t = await copies(original, pages, COPIES, WARMUP, 0, seal.p12, seal.p12Password);
    await assertCertifiedCopy(t.last, pages, seal.caCertificatePem);
    const perMinute = (COPIES / t.wallMs) * 60_000;
    const sealPerMinute = (COPIES / t.seal.reduce((a, b) => a + b, 0)) * 60_000;
    console.log(
      `\n${pages} pages (original ${(original.length / 1024).toFixed(0)} KB, sealed copy ${(quantile(t.bytes, 0.5) / 1024).toFixed(0)} KB), sequential, one thread:`,
    );
    console.log(`  step            p50 ms   p99 ms   copies/min`);
    console.log(`  render + seal  ${ms(quantile(t.total, 0.5))}  ${ms(quantile(t.total, 0.99))}   ${perMinute.toFixed(0).padStart(7)}`);
    console.log(`  render alone   ${ms(quantile(t.render, 0.5))}  ${ms(quantile(t.render, 0.99))}`);
    console.log(`  seal alone     ${ms(quantile(t.seal, 0.5))}  ${ms(quantile(t.seal, 0.99))}   ${sealPerMinute.toFixed(0).padStart(7)}`);
    const goal = GOALS[pages];
    if (goal !== undefined) console.log(`  goal p50 <= ${goal} ms (render + seal): ${quantile(t.total, 0.5) <= goal ? 'met' : 'NOT met'}`);
    const row: Record<string, unknown> = {
      pages,
      copies: COPIES,
      originalBytes: original.length,
      sealedBytesP50: quantile(t.bytes, 0.5),
      p50: quantile(t.total, 0.5),
      p99: quantile(t.total, 0.99),
      renderP50: quantile(t.render, 0.5),
      renderP99: quantile(t.render, 0.99),
      sealP50: quantile(t.seal, 0.5),
      sealP99: quantile(t.seal, 0.99),
      perMinute,
      sealPerMinute,
    };
    if (THREADS > 1) {
      const p = await parallel(
        { original, pages, count: PARALLEL_COPIES, warmup: WARMUP, p12: seal.p12, password: seal.p12Password },
        THREADS,
      );
      const total = p.timings.flatMap((x) => x.total);
      const perMinuteParallel = (total.length / p.wallMs) * 60_000;
      console.log(
        `  ${THREADS} worker threads, one copy at a time each (${total.length} copies): p50 ${ms(quantile(total, 0.5)).trim()} ms, p99 ${ms(quantile(total, 0.99)).trim()} ms, ${perMinuteParallel.toFixed(0)} copies/min`,
      );
      if (pages === 10)
        console.log(
          `  goal >= ${GOAL_TEN_PAGE_PER_MINUTE} ten-page copies/min: ${perMinuteParallel >= GOAL_TEN_PAGE_PER_MINUTE ? 'met' : 'NOT met'}`,
        );
      Object.assign(row, {
        threads: THREADS,
        parallelP50: quantile(total, 0.5),
        parallelP99: quantile(total, 0.99),
        parallelPerMinute: perMinuteParallel,
      });
    }
    rows.push(row);
  }
  console.log(`\nload average at end: ${load()}`);
  console.log(`BENCH_CERTIFICATION_JSON ${JSON.stringify({ cores: cpus().length, node: process.version, load: loadavg(), rows })}`);
}

if (isMainThread) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
} else {
  workerMain().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
