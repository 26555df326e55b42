import { availableParallelism } from 'node:os';
import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { INSPECTION_LIMITS, type InspectionLimits, type PdfVerdict } from '../domain/pdf-inspection';

export interface PdfInspectorOptions {
  /** Time one document's check may take: a base, and more for each megabyte of it. */
  readonly baseMs: number;
  readonly msPerMegabyte: number;
  /** The worker's JavaScript heap; what the inspection inflates is bounded by `limits` instead. */
  readonly heapMb: number;
  /** Checks that run at once; the others wait their turn. */
  readonly concurrency: number;
  readonly limits: InspectionLimits;
}

export const PDF_INSPECTOR_DEFAULTS: PdfInspectorOptions = {
  baseMs: 5_000,
  msPerMegabyte: 150,
  heapMb: 512,
  concurrency: Math.max(1, Math.min(4, availableParallelism())),
  limits: INSPECTION_LIMITS,
};

/**
 * The inspection, compiled beside this file: JavaScript in a build, TypeScript when running from
 * source (tests), which Node loads itself by stripping the types.
 */
const INSPECTION_MODULE = join(__dirname, '..', 'domain', `pdf-inspection${extname(__filename)}`);

// Plain CommonJS: a worker thread goes through no build step.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { inspectPdf } = require(workerData.module);
inspectPdf(workerData.bytes, workerData.limits).then(
  (verdict) => parentPort.postMessage({ verdict }),
  (error) => parentPort.postMessage({ error: String((error && error.stack) || error) }),
);
`;

/**
 * Runs `inspectPdf` where no file can bring the api down: in a worker thread of its own, with a
 * time limit and a heap limit, a few at a time. The inspection itself bounds what it inflates
 * (memory outside the heap, which no worker limit covers); the worker bounds the time a file
 * can take and keeps the event loop free for every other request meanwhile. A file that runs
 * into either limit is refused as too complex; a worker that fails for any other reason is a
 * fault of ours, and thrown.
 */
@Injectable()
export class PdfInspector implements OnApplicationShutdown {
  private readonly logger = new Logger(PdfInspector.name);
  private readonly options: PdfInspectorOptions;
  private readonly running = new Set<Worker>();
  private readonly waiting: (() => void)[] = [];
  private active = 0;

  constructor(options: Partial<PdfInspectorOptions> = {}) {
    this.options = { ...PDF_INSPECTOR_DEFAULTS, ...options };
  }

  async inspect(bytes: Uint8Array): Promise<PdfVerdict> {
    await this.acquire();
    try {
      return await this.inWorker(bytes);
    } finally {
      this.release();
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.running].map((w) => w.terminate()));
  }

  private inWorker(bytes: Uint8Array): Promise<PdfVerdict> {
    const { baseMs, msPerMegabyte, heapMb, limits } = this.options;
    const timeLimitMs = Math.round(baseMs + (msPerMegabyte * bytes.length) / (1024 * 1024));
    const started = performance.now();
    return new Promise<PdfVerdict>((resolve, reject) => {
      const worker = new Worker(WORKER_SOURCE, {
        eval: true,
        workerData: { module: INSPECTION_MODULE, bytes, limits },
        resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: 32 },
      });
      this.running.add(worker);
      let settled = false;
      // Answer once the worker is gone, so that its memory is free before the next one starts.
      const settle = (answer: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        void worker.terminate().finally(() => {
          this.running.delete(worker);
          answer();
        });
      };
      const stopped = (reason: 'time' | 'memory', limit: string) =>
        settle(() => {
          this.logger.warn(
            `inspect() stopped [reason:${reason}] [bytes:${bytes.length}] [ms:${Math.round(performance.now() - started)}] [limitMs:${timeLimitMs}]`,
          );
          resolve({ ok: false, problem: 'too_complex', limit });
        });

      const seconds = Math.ceil(timeLimitMs / 1000);
      const timer = setTimeout(
        () => stopped('time', `it could not be checked within ${seconds} second${seconds === 1 ? '' : 's'}`),
        timeLimitMs,
      );
      worker.on('message', (message: { verdict?: PdfVerdict; error?: string }) =>
        settle(() => (message.verdict ? resolve(message.verdict) : reject(new Error(`inspectPdf() failed: ${message.error}`)))),
      );
      worker.on('error', (error: Error & { code?: string }) => {
        if (error.code === 'ERR_WORKER_OUT_OF_MEMORY')
          return stopped('memory', 'checking it needs more memory than the court gives one document');
        settle(() => reject(error));
      });
      worker.on('exit', (code) => settle(() => reject(new Error(`the inspection worker exited without a verdict [code:${code}]`))));
    });
  }

  private async acquire(): Promise<void> {
    if (this.active < this.options.concurrency) {
      this.active += 1;
      return;
    }
    // The slot is handed over by release(), so `active` stays counted.
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active -= 1;
  }
}
