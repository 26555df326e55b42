import { availableParallelism } from 'node:os';
import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { INSPECTION_LIMITS, type InspectionLimits, type PdfVerdict } from '../domain/pdf-inspection';

export interface PdfInspectorOptions {
  /** Time one document's check may take: a base, and more for each megabyte of it. */
  readonly baseMs: number;
  readonly msPerMegabyte: number;
  /** Each worker's JavaScript heap; what the inspection inflates is bounded by `limits` instead. */
  readonly heapMb: number;
  /** Checks that run at once (one worker each); the others wait their turn. */
  readonly concurrency: number;
  readonly limits: InspectionLimits;
  /** The module exporting `inspectPdfFile` that each worker loads (tests only give another). */
  readonly module: string;
}

/**
 * The inspection, compiled beside this file: JavaScript in a build, TypeScript when running from
 * source (tests), which Node loads itself by stripping the types.
 */
export const INSPECTION_MODULE = join(__dirname, '..', 'domain', `pdf-inspection${extname(__filename)}`);

export const PDF_INSPECTOR_DEFAULTS: PdfInspectorOptions = {
  baseMs: 5_000,
  msPerMegabyte: 150,
  heapMb: 512,
  concurrency: Math.max(1, Math.min(4, availableParallelism())),
  limits: INSPECTION_LIMITS,
  module: INSPECTION_MODULE,
};

/** A staged file to check: the worker reads it from disk itself. */
export interface InspectedFile {
  readonly path: string;
  readonly sizeBytes: number;
}

// Plain CommonJS: a worker thread goes through no build step. One check at a time per worker;
// the file is read here, in the worker, so the api's thread never holds it nor copies it over,
// and read a window at a time (inspectPdfFile), so neither does the worker: its memory is bounded
// by the inspection's limits, not by the file's size. Read synchronously, which blocks only this
// worker: an asynchronous read would go through libuv's few threads, queueing behind (and in
// front of) the uploads' writes and fsyncs.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { inspectPdfFile } = require(workerData.module);
parentPort.postMessage({ ready: true });
parentPort.on('message', ({ id, path }) => {
  Promise.resolve()
    .then(() => inspectPdfFile(path, workerData.limits))
    .then(
      (verdict) => parentPort.postMessage({ id, verdict }),
      (error) => parentPort.postMessage({ id, error: String((error && error.stack) || error) }),
    );
});
`;

interface Job {
  readonly id: number;
  readonly file: InspectedFile;
  readonly signal: AbortSignal | undefined;
  /** Whose file it is (the filer's account); '' when not said. */
  readonly owner: string;
  readonly resolve: (verdict: PdfVerdict) => void;
  readonly reject: (error: unknown) => void;
}

/** One warm worker thread, and the job it is running, if any. */
interface PooledWorker {
  readonly worker: Worker;
  job: Job | undefined;
  timer: NodeJS.Timeout | undefined;
  started: number;
  /** The worker has loaded the parser: a check's clock starts only then (see run). */
  ready: boolean;
  /** Set once the worker is being terminated: it takes no more jobs and its answers are ignored. */
  retired: boolean;
}

/** Why a check was given up before its verdict: the filing it belonged to was refused or abandoned. */
export class InspectionAbandonedError extends Error {
  constructor() {
    super('The inspection was abandoned');
  }
}

/**
 * Runs the PDF inspection (`inspectPdfFile`) where no file can bring the api down: in a pool of
 * warm worker threads, each with a heap limit, a time limit per check, a few at a time. The
 * inspection itself bounds what it reads and inflates (memory outside the heap, which no worker
 * limit covers); the worker bounds the time a file can take and keeps the event loop free for
 * every other request meanwhile. A file that
 * runs into either limit is refused as too complex, and its worker terminated and replaced (the
 * next check starts on a fresh one); a worker that fails for any other reason is a fault of ours,
 * thrown. Workers are kept between checks: starting one (and loading the parser into it) costs
 * more than checking an ordinary document.
 */
@Injectable()
export class PdfInspector implements OnApplicationShutdown {
  private readonly logger = new Logger(PdfInspector.name);
  private readonly options: PdfInspectorOptions;
  private readonly pool = new Set<PooledWorker>();
  private readonly waiting: Job[] = [];
  /** When each owner's check last started (a count of starts), for owners with a check queued or running. */
  private readonly lastStarted = new Map<string, number>();
  private starts = 0;
  private nextId = 1;
  private closed = false;

  constructor(options: Partial<PdfInspectorOptions> = {}) {
    this.options = { ...PDF_INSPECTOR_DEFAULTS, ...options };
  }

  /**
   * The verdict on a staged file. `signal` gives the check up (a queued one never starts, a
   * running one has its worker terminated): the promise then rejects with InspectionAbandonedError.
   * `owner` (the filer's account) shares the workers fairly when checks queue: see next().
   */
  inspect(file: InspectedFile, signal?: AbortSignal, owner = ''): Promise<PdfVerdict> {
    if (this.closed) return Promise.reject(new Error('The PDF inspector is shut down'));
    if (signal?.aborted) return Promise.reject(new InspectionAbandonedError());
    return new Promise<PdfVerdict>((resolve, reject) => {
      const job: Job = { id: this.nextId++, file, signal, owner, resolve, reject };
      signal?.addEventListener('abort', () => this.abandon(job), { once: true });
      this.waiting.push(job);
      this.dispatch();
    });
  }

  /** Workers running now (idle or busy): at most `concurrency`. */
  get workers(): number {
    return [...this.pool].filter((p) => !p.retired).length;
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    for (const job of this.waiting.splice(0)) job.reject(new Error('The PDF inspector is shut down'));
    await Promise.all([...this.pool].map((p) => this.retire(p)));
  }

  private dispatch(): void {
    while (this.waiting.length > 0) {
      const idle = [...this.pool].find((p) => !p.retired && !p.job);
      // Workers still being terminated count: their memory is not free yet.
      const pooled = idle ?? (this.pool.size < this.options.concurrency ? this.spawn() : undefined);
      if (!pooled) return;
      this.run(pooled, this.next());
    }
  }

  /**
   * The queued check to start next: the owner with the fewest checks running goes first, then
   * the one whose check started longest ago (or never), and each owner's files in the order they
   * came. A filer who sends many files that each take their whole time limit (on purpose or not)
   * then holds up at most the workers already running theirs: everyone else's next file goes
   * ahead of the rest of theirs, rather than waiting behind all of them.
   */
  private next(): Job {
    const running = new Map<string, number>();
    for (const p of this.pool) if (p.job && !p.retired) running.set(p.job.owner, (running.get(p.job.owner) ?? 0) + 1);
    const rank = (job: Job) => [running.get(job.owner) ?? 0, this.lastStarted.get(job.owner) ?? 0];
    let best = 0;
    for (let i = 1; i < this.waiting.length; i++) {
      const [runningHere, startedHere] = rank(this.waiting[i]);
      const [runningBest, startedBest] = rank(this.waiting[best]);
      if (runningHere < runningBest || (runningHere === runningBest && startedHere < startedBest)) best = i;
    }
    const [job] = this.waiting.splice(best, 1);
    this.lastStarted.set(job.owner, (this.starts += 1));
    // Remembered only for owners with a check queued or running: the map stays as small as the queue.
    for (const owner of this.lastStarted.keys()) {
      if (owner !== job.owner && !running.has(owner) && !this.waiting.some((w) => w.owner === owner)) this.lastStarted.delete(owner);
    }
    return job;
  }

  private spawn(): PooledWorker {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { module: this.options.module, limits: this.options.limits },
      resourceLimits: { maxOldGenerationSizeMb: this.options.heapMb, maxYoungGenerationSizeMb: 32 },
    });
    const pooled: PooledWorker = { worker, job: undefined, timer: undefined, started: 0, ready: false, retired: false };
    // An idle worker must not keep the process alive; a running check keeps it through its timer.
    worker.unref();
    worker.on('message', (message: { ready?: true; id?: number; verdict?: PdfVerdict; error?: string }) => {
      if (message.ready) {
        pooled.ready = true;
        if (pooled.job && !pooled.retired) this.startClock(pooled, pooled.job);
        return;
      }
      const job = pooled.job;
      if (pooled.retired || !job || job.id !== message.id) return;
      this.finish(pooled);
      if (message.verdict) job.resolve(message.verdict);
      else job.reject(new Error(`inspectPdfFile() failed: ${message.error}`));
      this.dispatch();
    });
    worker.on('error', (error: Error & { code?: string }) => {
      const job = pooled.job;
      if (pooled.retired) return;
      if (error.code === 'ERR_WORKER_OUT_OF_MEMORY' && job) {
        return this.stopped(pooled, job, 'memory', 'checking it needs more memory than the court gives one document');
      }
      void this.retire(pooled);
      job?.reject(error);
      this.dispatch();
    });
    worker.on('exit', (code) => {
      if (pooled.retired) return;
      const job = pooled.job;
      void this.retire(pooled);
      job?.reject(new Error(`the inspection worker exited without a verdict [code:${code}]`));
      this.dispatch();
    });
    this.pool.add(pooled);
    return pooled;
  }

  private run(pooled: PooledWorker, job: Job): void {
    pooled.job = job;
    pooled.worker.postMessage({ id: job.id, path: job.file.path });
    // A worker still starting (loading the parser) answers `ready` first: its start-up is our
    // time, not the file's, and on a busy machine it can outlast a whole check.
    if (pooled.ready) this.startClock(pooled, job);
  }

  private startClock(pooled: PooledWorker, job: Job): void {
    const { baseMs, msPerMegabyte } = this.options;
    const timeLimitMs = Math.round(baseMs + (msPerMegabyte * job.file.sizeBytes) / (1024 * 1024));
    const seconds = Math.ceil(timeLimitMs / 1000);
    pooled.started = performance.now();
    pooled.timer = setTimeout(
      () => this.stopped(pooled, job, 'time', `it could not be checked within ${seconds} second${seconds === 1 ? '' : 's'}`, timeLimitMs),
      timeLimitMs,
    );
  }

  /** A limit was reached: the file is too complex, and its worker is replaced before the next check. */
  private stopped(pooled: PooledWorker, job: Job, reason: 'time' | 'memory', limit: string, timeLimitMs?: number): void {
    this.logger.warn(
      `inspect() stopped [reason:${reason}] [bytes:${job.file.sizeBytes}] [ms:${Math.round(performance.now() - pooled.started)}]${timeLimitMs ? ` [limitMs:${timeLimitMs}]` : ''}`,
    );
    // Answered once the worker is gone, so that its memory is free before the next one starts.
    void this.retire(pooled).then(() => {
      job.resolve({ ok: false, problem: 'too_complex', limit });
      this.dispatch();
    });
  }

  private abandon(job: Job): void {
    const queued = this.waiting.indexOf(job);
    if (queued !== -1) {
      this.waiting.splice(queued, 1);
      return job.reject(new InspectionAbandonedError());
    }
    const pooled = [...this.pool].find((p) => p.job === job);
    if (!pooled || pooled.retired) return;
    void this.retire(pooled).then(() => {
      job.reject(new InspectionAbandonedError());
      this.dispatch();
    });
  }

  private finish(pooled: PooledWorker): void {
    clearTimeout(pooled.timer);
    pooled.timer = undefined;
    pooled.job = undefined;
  }

  private async retire(pooled: PooledWorker): Promise<void> {
    pooled.retired = true;
    this.finish(pooled);
    try {
      await pooled.worker.terminate();
    } finally {
      this.pool.delete(pooled);
    }
  }
}
