/*
 * The soak's clients, behaving as real ones do against an api that may die at any moment:
 * - a filer keeps an outbox: each submission gets its Idempotency-Key once and keeps it; an
 *   attempt cut off (no answer) is retried with the same key and the same bytes as soon as the
 *   api answers again; "key in use" is retried after Retry-After; only an acknowledgement (201,
 *   or 200 for a replay) or a refusal ends it;
 * - a clerk takes a filing from the queue, claims it, and reviews it; a review cut off is retried
 *   until answered: 200, or "already decided" (the lost attempt had committed).
 * Everything they learn goes into the Ledger.
 */
import { randomBytes, randomUUID, createHash } from 'node:crypto';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { DecidedStatus, DocumentSent, Ledger, ReviewAction, ReviewRecord, SubmissionRecord } from './ledger';

const MB = 1024 * 1024;

/** Shared between the runner and the clients. */
export interface Control {
  /** Set for the drain: finish what is pending, start nothing new. */
  stopNewWork: boolean;
  /** After this (performance.now()), pending work is given up. */
  deadline: number;
}

/** What is on the wire right now, so each kill can say what it cut. */
export interface InFlight {
  uploads: number;
  uploadBytes: number;
  reviews: number;
}

/** The fields of the api's answers the clients read (a problem's code, a receipt, a filing, a list). */
export interface AnswerBody {
  readonly code?: string;
  readonly filingId?: string;
  readonly status?: string;
  readonly documents?: readonly { readonly id: string; readonly position: number; readonly sha256: string; readonly sizeBytes: number }[];
  readonly items?: readonly { readonly id: string; readonly status: string }[];
}

export type Answer =
  | { readonly kind: 'answer'; readonly status: number; readonly body: AnswerBody; readonly retryAfterSeconds?: number }
  | { readonly kind: 'no_answer'; readonly refused: boolean; readonly error: string };

export async function request(url: string, init: RequestInit, timeoutMs = 120_000): Promise<Answer> {
  try {
    const res = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    const text = await res.text();
    let body: AnswerBody = {};
    try {
      const parsed: unknown = text ? JSON.parse(text) : {};
      if (parsed && typeof parsed === 'object') body = parsed as AnswerBody;
    } catch {
      // Not JSON: nothing the clients read.
    }
    const retryAfter = res.headers.get('retry-after');
    return { kind: 'answer', status: res.status, body, retryAfterSeconds: retryAfter ? Number(retryAfter) : undefined };
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return {
      kind: 'no_answer',
      // Nobody listening (the api is restarting): nothing was sent.
      refused: cause?.code === 'ECONNREFUSED',
      error: cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error)),
    };
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** The pause before trying an api that did not answer: it is being restarted. */
const RECONNECT_MS = 150;

/** Real PDFs of a few sizes, each submission a variant with its own bytes (content addressing cannot skip work). */
export class PdfFactory {
  private constructor(private readonly bases: readonly { pdf: Buffer; markerOffset: number }[]) {}

  static readonly SMALL = [0, 1, 2];
  static readonly LARGE = [3, 4, 5];

  static async create(): Promise<PdfFactory> {
    const sizes = [24 * 1024, 200 * 1024, 1 * MB, 5 * MB, 12 * MB, 20 * MB];
    return new PdfFactory(await Promise.all(sizes.map((s) => makePdf(s))));
  }

  make(base: number, n: number): Buffer {
    const { pdf, markerOffset } = this.bases[base];
    const copy = Buffer.from(pdf);
    copy.write(`CRASH-SOAK-MARKER-${String(n).padStart(15, '0')}`, markerOffset, 'latin1');
    return copy;
  }
}

async function makePdf(size: number): Promise<{ pdf: Buffer; markerOffset: number }> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  page.drawText('Crash soak filing', { x: 50, y: 780, size: 14, font: await doc.embedFont(StandardFonts.Helvetica) });
  const marker = Buffer.from('CRASH-SOAK-MARKER-000000000000000');
  const filler = randomBytes(Math.max(1024, size - 2048));
  marker.copy(filler, 0);
  doc.context.register(doc.context.stream(filler, {}));
  const pdf = Buffer.from(await doc.save({ useObjectStreams: false }));
  return { pdf, markerOffset: pdf.indexOf(marker) };
}

interface OutboxEntry {
  readonly record: SubmissionRecord;
  readonly metadata: string;
  /** Which base PDF and which variant, per document: the bytes are made again for each attempt. */
  readonly recipe: readonly { readonly base: number; readonly n: number }[];
  dueAt: number;
}

let variantCounter = 0;

export class Filer {
  private readonly outbox: OutboxEntry[] = [];
  private cases: string[] = [];
  private created = 0;

  constructor(
    private readonly index: number,
    private readonly userId: string,
    private readonly token: string,
    private readonly url: string,
    private readonly pdfs: PdfFactory,
    private readonly random: () => number,
    private readonly largeShare: number,
    private readonly ledger: Ledger,
    private readonly inFlight: InFlight,
  ) {}

  async run(ctl: Control): Promise<void> {
    for (;;) {
      if (performance.now() > ctl.deadline) {
        for (const e of this.outbox) e.record.state = 'abandoned';
        return;
      }
      const now = performance.now();
      const due = this.outbox.filter((e) => e.dueAt <= now).sort((a, b) => a.dueAt - b.dueAt)[0];
      if (due) {
        await this.attempt(due);
        continue;
      }
      if (ctl.stopNewWork || this.outbox.length >= 50) {
        if (this.outbox.length === 0) return;
        await sleep(Math.max(20, Math.min(500, Math.min(...this.outbox.map((e) => e.dueAt)) - now)));
        continue;
      }
      const entry = await this.newSubmission();
      this.outbox.push(entry);
      await this.attempt(entry);
    }
  }

  private async newSubmission(): Promise<OutboxEntry> {
    this.created += 1;
    if (this.created % 8 === 1) await this.refreshCases();
    const n = this.created;
    const documents = 1 + Math.floor(this.random() * 3);
    const recipe = Array.from({ length: documents }, (_, i) => {
      const pool = i === 0 && this.random() < this.largeShare ? PdfFactory.LARGE : PdfFactory.SMALL;
      return { base: pool[Math.floor(this.random() * pool.length)], n: ++variantCounter };
    });
    const sent: DocumentSent[] = recipe.map((r) => {
      const bytes = this.pdfs.make(r.base, r.n);
      return { sha256: createHash('sha256').update(bytes).digest('hex'), sizeBytes: bytes.length };
    });
    const intoCase = this.cases.length > 0 && this.random() < 0.3 ? this.cases[Math.floor(this.random() * this.cases.length)] : null;
    const docs = recipe.map((_, i) => ({ title: i === 0 ? (intoCase ? 'Motion' : 'Petition') : `Exhibit ${i}` }));
    const metadata = intoCase
      ? { filingType: 'motion', caseId: intoCase, title: `Soak motion ${this.index}-${n}`, confidentiality: 'public', documents: docs }
      : {
          filingType: 'petition',
          newCase: {
            caseType: 'civil',
            title: `Soak ${this.index}-${n}`,
            confidentiality: 'public',
            parties: [
              { partyRole: 'plaintiff', fullName: `Plaintiff ${this.index}-${n}`, representedByFiler: true },
              { partyRole: 'defendant', fullName: `Defendant ${this.index}-${n}` },
            ],
          },
          title: `Soak petition ${this.index}-${n}`,
          confidentiality: 'public',
          documents: docs,
        };
    const record: SubmissionRecord = {
      key: randomUUID(),
      filer: this.index,
      filerUserId: this.userId,
      opensCase: !intoCase,
      documents: sent,
      state: 'pending',
      attempts: 0,
      interrupted: 0,
      keyInUse: 0,
      serverErrors: 0,
    };
    this.ledger.submissions.push(record);
    return { record, metadata: JSON.stringify(metadata), recipe, dueAt: performance.now() };
  }

  private async refreshCases(): Promise<void> {
    const a = await request(`${this.url}/api/cases?limit=50`, { headers: { authorization: `Bearer ${this.token}` } }, 10_000);
    if (a.kind === 'answer' && a.status === 200) {
      this.cases = (a.body.items ?? []).filter((c) => c.status !== 'disposed').map((c) => c.id);
    }
  }

  private async attempt(entry: OutboxEntry): Promise<void> {
    const r = entry.record;
    const files = entry.recipe.map((x) => this.pdfs.make(x.base, x.n));
    const form = new FormData();
    form.append('metadata', entry.metadata);
    files.forEach((bytes, i) => form.append('documents', new Blob([bytes], { type: 'application/pdf' }), `soak-${r.filer}-${i}.pdf`));
    const bytes = files.reduce((s, f) => s + f.length, 0);
    r.attempts += 1;
    this.inFlight.uploads += 1;
    this.inFlight.uploadBytes += bytes;
    let a: Answer;
    try {
      a = await request(`${this.url}/api/filings`, {
        method: 'POST',
        headers: { authorization: `Bearer ${this.token}`, 'idempotency-key': r.key },
        body: form,
      });
    } finally {
      this.inFlight.uploads -= 1;
      this.inFlight.uploadBytes -= bytes;
    }
    if (a.kind === 'no_answer') {
      if (!a.refused) r.interrupted += 1;
      r.lastAnswer = `no answer (${a.error})`;
      entry.dueAt = performance.now();
      await sleep(RECONNECT_MS);
      return;
    }
    const code = a.body.code;
    r.lastAnswer = `${a.status}${code ? ` ${code}` : ''}`;
    if (a.status === 201 || a.status === 200) {
      r.state = 'acknowledged';
      r.filingId = a.body.filingId;
      r.replayed = a.status === 200;
      const got = (a.body.documents ?? []).map((d) => `${d.sha256}:${d.sizeBytes}`).join(' ');
      const want = r.documents.map((d) => `${d.sha256}:${d.sizeBytes}`).join(' ');
      if (got !== want) this.ledger.receiptProblems.push(`receipt of filing ${r.filingId} lists ${got}, the filer sent ${want}`);
      this.remove(entry);
      return;
    }
    if (a.status === 409 && code === 'filing.idempotency_key_in_use') {
      r.keyInUse += 1;
      entry.dueAt = performance.now() + (a.retryAfterSeconds ? a.retryAfterSeconds * 1000 : 2000);
      return;
    }
    if (a.status >= 500) {
      r.serverErrors += 1;
      this.ledger.odd(`submission answered ${r.lastAnswer}`);
      entry.dueAt = performance.now() + 500;
      return;
    }
    r.state = 'refused';
    this.ledger.odd(`submission refused: ${r.lastAnswer}`);
    this.remove(entry);
  }

  private remove(entry: OutboxEntry): void {
    this.outbox.splice(this.outbox.indexOf(entry), 1);
  }
}

export class Clerk {
  constructor(
    private readonly index: number,
    private readonly userId: string,
    private readonly token: string,
    private readonly url: string,
    private readonly random: () => number,
    private readonly ledger: Ledger,
    private readonly inFlight: InFlight,
  ) {}

  private call(method: string, path: string, body?: unknown): Promise<Answer> {
    return request(
      `${this.url}${path}`,
      {
        method,
        headers: { authorization: `Bearer ${this.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      },
      30_000,
    );
  }

  /** Repeats a call until the api answers (it may be restarting), or the deadline passes. */
  private async answered(ctl: Control, method: string, path: string, body?: unknown): Promise<Answer & { kind: 'answer' }> {
    for (;;) {
      const a = await this.call(method, path, body);
      if (a.kind === 'answer' && a.status < 500) return a;
      if (a.kind === 'answer') this.ledger.odd(`${method} ${path.replace(/[0-9a-f-]{36}/g, ':id')} answered ${a.status}`);
      if (performance.now() > ctl.deadline) throw new DeadlinePassed();
      await sleep(a.kind === 'answer' ? 500 : RECONNECT_MS);
    }
  }

  async run(ctl: Control): Promise<void> {
    try {
      while (!ctl.stopNewWork && performance.now() < ctl.deadline) {
        const queue = await this.answered(ctl, 'GET', '/api/filings/queue?status=submitted&limit=20');
        const items = queue.body.items ?? [];
        if (items.length === 0) {
          await sleep(300);
          continue;
        }
        const filingId = items[Math.floor(this.random() * items.length)].id;
        const claim = await this.answered(ctl, 'POST', `/api/filings/${filingId}/claim`);
        if (claim.status !== 200) {
          if (claim.body.code !== 'filing.claimed_by_other' && claim.body.code !== 'filing.already_decided')
            this.ledger.odd(`claim answered ${claim.status} ${claim.body.code}`);
          continue;
        }
        this.ledger.claims += 1;
        await this.review(ctl, claim.body);
      }
    } catch (error) {
      if (!(error instanceof DeadlinePassed)) throw error;
    }
  }

  private async review(ctl: Control, filing: AnswerBody): Promise<void> {
    const filingId = filing.filingId as string;
    const docs = [...(filing.documents ?? [])].sort((a, b) => a.position - b.position);
    const roll = this.random();
    let action: ReviewAction;
    let body: Record<string, unknown>;
    let expectedStatus: DecidedStatus;
    let rejectedPositions: number[] = [];
    if (roll < 0.55 || (roll < 0.7 && docs.length < 2)) {
      action = 'accept';
      expectedStatus = 'accepted';
      body = { action, documents: docs.map((d) => ({ documentId: d.id, decision: 'accept' })) };
    } else if (roll < 0.7) {
      action = 'accept';
      expectedStatus = 'partially_accepted';
      const last = docs[docs.length - 1];
      rejectedPositions = [last.position];
      body = {
        action,
        documents: docs.map((d) =>
          d === last ? { documentId: d.id, decision: 'reject', reasonCode: 'illegible' } : { documentId: d.id, decision: 'accept' },
        ),
      };
    } else if (roll < 0.85) {
      action = 'reject';
      expectedStatus = 'rejected';
      rejectedPositions = docs.map((d) => d.position);
      body = { action, reasonCode: 'duplicate', note: 'Filed twice.' };
    } else {
      action = 'return';
      expectedStatus = 'returned';
      body = { action, reasonCode: 'missing_information', note: 'Add the defendant’s address.' };
    }
    const record: ReviewRecord = {
      filingId,
      clerk: this.index,
      clerkUserId: this.userId,
      action,
      expectedStatus,
      rejectedPositions,
      state: 'pending',
      attempts: 0,
      interrupted: 0,
    };
    this.ledger.reviews.push(record);
    for (;;) {
      if (performance.now() > ctl.deadline) {
        record.state = 'abandoned';
        return;
      }
      record.attempts += 1;
      this.inFlight.reviews += 1;
      let a: Answer;
      try {
        a = await this.call('POST', `/api/filings/${filingId}/review`, body);
      } finally {
        this.inFlight.reviews -= 1;
      }
      if (a.kind === 'no_answer') {
        if (!a.refused) record.interrupted += 1;
        record.lastAnswer = `no answer (${a.error})`;
        await sleep(RECONNECT_MS);
        continue;
      }
      const code = a.body.code;
      record.lastAnswer = `${a.status}${code ? ` ${code}` : ''}`;
      if (a.status === 200) {
        record.state = 'acknowledged';
        if (a.body.status !== expectedStatus)
          this.ledger.receiptProblems.push(`review of ${filingId} answered ${a.body.status}, asked ${expectedStatus}`);
        return;
      }
      if (a.status >= 500) {
        this.ledger.odd(`review answered ${record.lastAnswer}`);
        await sleep(500);
        continue;
      }
      if (a.status === 409 && code === 'filing.already_decided' && record.attempts > 1) {
        record.state = 'applied_unacknowledged';
        return;
      }
      record.state = 'refused';
      this.ledger.odd(`review refused: ${record.lastAnswer}`);
      return;
    }
  }
}

class DeadlinePassed extends Error {}
