import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { CaseQueries, isLinkedToCase } from '@ejustice/cases';
import { type UserPrincipal, hasRole } from '@ejustice/identity';
import { AuditLog, Clock, DomainError, Metrics, REDIS, assertNever, canonicalJson, userActor, withinRedisBound } from '@ejustice/platform';
import type { FeeAssessment } from '../domain/court-policy';
import { type FilerStanding, filingFee } from '../domain/filing-fee';
import { FilingErrors } from '../domain/filing-errors';
import { opensCase } from '../domain/filing-type';
import type { PdfVerdict } from '../domain/pdf-inspection';
import { fillPseudonyms } from '../domain/protected-names';
import { FilingDocument } from '../entities/filing-document.entity';
import { Filing } from '../entities/filing.entity';
import { CourtPolicyService } from '../services/court-policy.service';
import { type FilingReceiptView, receiptView } from '../services/filing-views';
import { FilingReceipts } from '../receipt/filing-receipts';
import { DocumentStore, type StagedFile } from '../storage/document-store';
import { UploadStaging } from '../storage/upload-staging';
import { FilingPhases } from './filing-phases';
import { PdfInspector } from './pdf-inspector';
import {
  type ReceivedSubmission,
  type StagedFileSink,
  type SubmissionMetadata,
  type SubmitFilingCommand,
  isValidIdempotencyKey,
} from './submission';

const FILER_ROLES = ['party', 'counsel', 'prosecutor', 'observer'] as const;
/**
 * The key's lease guards against a concurrent twin only (the unique constraint on the key stops a
 * second filing in any case). It is short and renewed while this process works on the submission,
 * so it outlives the slowest upload but not the process: after a crash the filer's retry gets
 * through within KEY_LEASE_MS instead of waiting out a lease no one will release.
 */
const KEY_LEASE_MS = 15_000;
const KEY_RENEW_MS = 5_000;

interface KeyLease {
  readonly name: string;
  readonly token: string;
  readonly renewal: NodeJS.Timeout;
}

export interface SubmitFilingResult {
  readonly receipt: FilingReceiptView;
  /** True when the key had already been used for this very submission: nothing new was filed. */
  readonly replayed: boolean;
}

interface AcceptedFile extends StagedFile {
  readonly pageCount: number;
}

/** Where the filing goes, and the filer's standing there. */
interface Target {
  readonly courtId: string;
  readonly caseNumber: string | null;
  readonly standing: FilerStanding;
}

/** The reads started for one metadata: a filing already made under the key, and the target. */
interface Prepared {
  readonly metadata: SubmissionMetadata;
  readonly existing: Promise<{ id: string; requestHash: string } | undefined>;
  readonly target: Promise<Target>;
}

/** What the filing's transaction committed, for the answer; `committing` is when its commit was sent. */
interface Recorded {
  readonly filing: Filing;
  readonly documents: readonly FilingDocument[];
  readonly eventId: string;
  readonly committing: number;
}

/**
 * Text as PostgreSQL stores it: a lone UTF-16 surrogate (JSON.parse lets "\ud800" through from a
 * filer's metadata) becomes U+FFFD, as encoding a text parameter makes it. Applied to what the
 * filing writes, so the JSON parameters parse and the receipt built from memory is the receipt
 * the rows give.
 */
function storedText(text: string): string {
  return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

function storedTextOrNull(text: string | null): string | null {
  return text === null ? null : storedText(text);
}

function blobLockStatement(sha256: string): string {
  // Written inline, so checked here: only a hex digest can reach the SQL.
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`Not a SHA-256 hex digest: ${sha256}`);
  return `SELECT pg_advisory_xact_lock(hashtextextended('document-blob:${sha256}', 0))`;
}

/**
 * A submission's rows as one statement (data-modifying CTEs run once each, and the foreign keys
 * between them are checked at the statement's end): $1-$21 the filing, $22 its parties, $23 the
 * blobs (one per distinct hash; the bytes may be stored already), $24 its documents, as JSON; its
 * first history row reuses the filer ($3) and the time of receipt ($15). The audit event follows
 * as the last CTE, its parameters from $25.
 */
const FILING_ROWS_PARAMS = 24;
const FILING_ROWS_SQL = `WITH filing AS (
    INSERT INTO filings (id, court_id, filer_user_id, filing_type, opens_case, case_id, new_case_type, new_case_title,
      new_case_confidentiality, title, confidentiality, urgent, urgency_grounds, status, received_at, idempotency_key,
      request_hash, fee_amount, fee_currency, fee_waived, fee_waiver_reason)
    VALUES ($1::uuid, $2, $3::uuid, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15::timestamptz, $16, $17, $18, $19, $20, $21)
  ), parties AS (
    INSERT INTO filing_parties (filing_id, position, party_role, full_name, is_protected, pseudonym, is_filer, represented_by_filer)
    SELECT $1::uuid, p.position, p.party_role, p.full_name, p.is_protected, p.pseudonym, p.is_filer, p.represented_by_filer
      FROM jsonb_to_recordset($22::jsonb) AS p(position integer, party_role text, full_name text, is_protected boolean,
        pseudonym text, is_filer boolean, represented_by_filer boolean)
  ), blobs AS (
    INSERT INTO document_blobs (sha256, size_bytes, page_count, storage_key)
    SELECT b.sha256, b.size_bytes, b.page_count, b.storage_key
      FROM jsonb_to_recordset($23::jsonb) AS b(sha256 text, size_bytes bigint, page_count integer, storage_key text)
    ON CONFLICT (sha256) DO NOTHING
  ), documents AS (
    INSERT INTO filing_documents (id, filing_id, position, title, file_name, sha256, size_bytes, page_count, confidentiality, review_status)
    SELECT d.id, $1::uuid, d.position, d.title, d.file_name, d.sha256, d.size_bytes, d.page_count, d.confidentiality, 'pending'
      FROM jsonb_to_recordset($24::jsonb) AS d(id uuid, position integer, title text, file_name text, sha256 text,
        size_bytes bigint, page_count integer, confidentiality text)
  ), history AS (
    INSERT INTO filing_status_history (filing_id, seq, action, from_status, to_status, actor_user_id, occurred_at)
    VALUES ($1::uuid, 1, 'submitted', NULL, 'submitted', $3::uuid, $15::timestamptz)
  )`;

/**
 * Files a submission (ECF ReviewFiling request): reserves the idempotency key, reads the upload
 * under the court's limits, checks every document with a real PDF parser, and then, in one
 * transaction, puts the documents in the content-addressed store, records the filing, its
 * documents and parties, its first status-history row and the audit event. Anything refused or
 * interrupted on the way leaves no row and no file.
 */
@Injectable()
export class SubmitFiling {
  private readonly logger = new Logger(SubmitFiling.name);
  private readonly phases: FilingPhases;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly policies: CourtPolicyService,
    private readonly cases: CaseQueries,
    private readonly staging: UploadStaging,
    private readonly store: DocumentStore,
    private readonly inspector: PdfInspector,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly receipts: FilingReceipts,
    @Optional() metrics?: Metrics,
  ) {
    this.phases = new FilingPhases(metrics);
  }

  async execute(cmd: SubmitFilingCommand): Promise<SubmitFilingResult> {
    if (!hasRole(cmd.filer, ...FILER_ROLES)) throw FilingErrors.roleMayNotFile();
    if (!isValidIdempotencyKey(cmd.idempotencyKey)) throw FilingErrors.idempotencyKeyRequired();

    const started = performance.now();
    const lease = await this.reserveKey(cmd.filer.userId, cmd.idempotencyKey);
    const staged: StagedFile[] = [];
    // Each document's check starts as soon as it is staged, while the next one is still arriving.
    const inspections = new Map<StagedFile, Promise<PdfVerdict>>();
    const abandon = new AbortController();
    // The key and the target are checked while the documents arrive (off the answer's path);
    // their outcome is taken, in the same order as before, once the documents have passed.
    let early: Prepared | undefined;
    const sink: StagedFileSink = {
      push: (file: StagedFile) => {
        staged.push(file);
        this.startInspection(file, inspections, abandon.signal, cmd.filer.userId);
      },
      metadata: (metadata) => {
        early ??= this.prepare(cmd, metadata);
      },
    };
    let promoted = false;
    try {
      const policy = await this.policies.forCourt(cmd.filer.courtId);
      const t0 = performance.now();
      const received = await cmd.receive(
        { maxDocumentBytes: policy.maxDocumentBytes, maxDocuments: policy.maxDocuments, acceptedMediaTypes: policy.acceptedMediaTypes },
        policy,
        sink,
      );
      for (const f of received.files) if (!staged.includes(f)) sink.push(f);
      const t1 = performance.now();
      const files = await this.checkDocuments(received, inspections);
      const t2 = performance.now();
      const requestHash = this.requestHash(received.metadata, files);

      const prepared = early?.metadata === received.metadata ? early : this.prepare(cmd, received.metadata);
      const existing = await prepared.existing;
      if (existing) {
        if (existing.requestHash !== requestHash) throw FilingErrors.idempotencyKeyReused();
        return { receipt: await this.replay(existing.id), replayed: true };
      }

      const target = await prepared.target;
      const filingPolicy = target.courtId === policy.courtId ? policy : await this.policies.forCourt(target.courtId);
      // The same function quotes the fee before filing (FilingPolicyQueries.quoteFee).
      const fee = filingFee(filingPolicy, received.metadata.filingType, target.standing);
      const spent = { store: 0, rows: 0 };
      const tx0 = performance.now();
      let recorded: Recorded;
      try {
        recorded = await this.record(cmd, received.metadata, files, requestHash, target.courtId, fee, spent, () => {
          promoted = true;
        });
      } catch (error) {
        // The key's lease can lapse (renewals missed while Redis was away); then the unique
        // constraint still stops a second filing, and the twin is answered like a replay.
        if ((error as { driverError?: { constraint?: string } }).driverError?.constraint !== 'filings_one_per_idempotency_key') throw error;
        const twin = await this.filingByKey(cmd.filer.userId, cmd.idempotencyKey);
        if (!twin) throw error;
        if (twin.requestHash !== requestHash) throw FilingErrors.idempotencyKeyReused();
        return { receipt: await this.replay(twin.id), replayed: true };
      }
      const { filing, documents, eventId, committing } = recorded;
      const t3 = performance.now();
      // The event is committed with the filing; the answer waits until it is in the chain too.
      await this.audit
        .seal(this.db, eventId)
        .catch((error: unknown) => this.logger.warn(`execute() left its audit event to the sweep [error:${String(error)}]`));
      const t4 = performance.now();
      this.logger.log(
        `execute() filed [filing:${filing.id}] [documents:${files.length}] [type:${filing.filingType}] [receiveMs:${(t1 - t0).toFixed(0)}] [inspectMs:${(t2 - t1).toFixed(0)}] [storeAndCommitMs:${(t3 - t2).toFixed(0)}]`,
      );
      this.observePhases(received.files, {
        receive: t1 - t0,
        inspect: t2 - t1,
        prepare: tx0 - t2,
        transaction: t3 - tx0,
        ...spent,
        commit: t3 - committing,
        seal: t4 - t3,
        total: t4 - started,
      });
      // Built from what was just committed, as receiptOf() would build it from the rows (a
      // replay is answered from the rows, and must get the same receipt): no reads after the commit.
      return { receipt: receiptView(filing, documents, filingPolicy.timeZone, target.caseNumber), replayed: false };
    } finally {
      // Files already renamed into the store belong to the committed row (or, if the commit
      // failed after the rename, to the orphan sweep); everything still staged is discarded, and
      // a check still running on it (the filing was refused for another reason) is given up.
      abandon.abort();
      await this.staging.discard(promoted ? [] : staged);
      await this.releaseKey(lease);
    }
  }

  private observePhases(
    files: readonly StagedFile[],
    wall: Record<'receive' | 'inspect' | 'prepare' | 'transaction' | 'store' | 'rows' | 'commit' | 'seal' | 'total', number>,
  ): void {
    for (const [phase, ms] of Object.entries(wall)) this.phases.observe(phase as keyof typeof wall, ms);
    for (const part of ['hash', 'write', 'sync'] as const) {
      this.phases.observe(
        part,
        files.reduce((ms, f) => ms + (f.stagingMs?.[part] ?? 0), 0),
      );
    }
  }

  /**
   * The reads that decide whether and where the submission is filed: a filing already made under
   * its key, and the court and case it is filed in. Started at once; a rejection is kept for
   * whoever awaits it (nobody, if the filing fails earlier).
   */
  private prepare(cmd: SubmitFilingCommand, metadata: SubmissionMetadata): Prepared {
    const existing = this.filingByKey(cmd.filer.userId, cmd.idempotencyKey);
    const target = this.resolveTarget(cmd.filer, metadata);
    existing.catch(() => undefined);
    target.catch(() => undefined);
    return { metadata, existing, target };
  }

  private startInspection(file: StagedFile, inspections: Map<StagedFile, Promise<PdfVerdict>>, signal: AbortSignal, filer: string): void {
    if (file.sizeBytes === 0 || inspections.has(file)) return;
    const started = performance.now();
    const verdict = this.inspector.inspect(file, signal, filer);
    // Awaited by checkDocuments, unless the filing fails first: then its rejection is nobody's.
    verdict.then(
      () => this.phases.observe('inspect_file', performance.now() - started),
      () => undefined,
    );
    inspections.set(file, verdict);
  }

  private async checkDocuments(
    received: ReceivedSubmission,
    inspections: ReadonlyMap<StagedFile, Promise<PdfVerdict>>,
  ): Promise<AcceptedFile[]> {
    const { metadata, files } = received;
    if (files.length === 0) throw FilingErrors.noDocuments();
    if (files.length !== metadata.documents.length) throw FilingErrors.documentCountMismatch(metadata.documents.length, files.length);
    const accepted: AcceptedFile[] = [];
    for (const file of files) {
      if (file.sizeBytes === 0) throw FilingErrors.documentEmpty(file.fileName);
      const verdict = await (inspections.get(file) ?? this.inspector.inspect(file));
      if (!verdict.ok) {
        switch (verdict.problem) {
          case 'not_pdf':
            throw FilingErrors.documentNotPdf(file.fileName);
          case 'damaged':
            throw FilingErrors.documentDamaged(file.fileName);
          case 'encrypted':
            throw FilingErrors.documentEncrypted(file.fileName);
          case 'embedded_file':
            throw FilingErrors.documentEmbeddedFile(file.fileName);
          case 'active_content':
            throw FilingErrors.documentActive(file.fileName, verdict.feature);
          case 'too_complex':
            throw FilingErrors.documentTooComplex(file.fileName, verdict.limit);
          default:
            return assertNever(verdict, 'PDF verdict');
        }
      }
      accepted.push({ ...file, pageCount: verdict.pageCount });
    }
    return accepted;
  }

  /** The same metadata and the same bytes (by hash, under the same names) give the same hash. */
  private requestHash(metadata: SubmissionMetadata, files: readonly AcceptedFile[]): string {
    return createHash('sha256')
      .update(canonicalJson({ metadata, documents: files.map((f) => ({ sha256: f.sha256, fileName: f.fileName })) }))
      .digest('hex');
  }

  private async resolveTarget(filer: UserPrincipal, metadata: SubmissionMetadata): Promise<Target> {
    if (opensCase(metadata.filingType)) {
      if (metadata.caseId) throw FilingErrors.caseNotAllowed();
      if (!metadata.newCase) throw FilingErrors.newCaseRequired();
      if (!metadata.newCase.parties.some((p) => p.isFiler || p.representedByFiler)) throw FilingErrors.filerNotAParty();
      // The same rules as the parties table's constraints, said as a 400 rather than a 500.
      const pseudonyms = metadata.newCase.parties.map((p) => p.pseudonym?.toLowerCase()).filter((x): x is string => !!x);
      if (new Set(pseudonyms).size !== pseudonyms.length) throw FilingErrors.pseudonymTwice();
      if (metadata.newCase.parties.some((p) => p.pseudonym && p.pseudonym.toLowerCase() === p.fullName.toLowerCase()))
        throw FilingErrors.pseudonymIsName();
      return { courtId: filer.courtId, caseNumber: null, standing: { kind: 'new_case', parties: metadata.newCase.parties } };
    }
    if (!metadata.caseId) throw FilingErrors.caseRequired();
    if (metadata.newCase)
      throw new DomainError('invalid', 'filing.new_case_not_allowed', 'Only a petition or a complaint describes a new case.');
    const { c, facts } = await this.cases.loadVisible(filer, metadata.caseId);
    if (!isLinkedToCase(filer, facts)) {
      throw new DomainError('forbidden', 'filing.not_linked_to_case', 'You can file only in cases you are a party to or counsel in.');
    }
    if (c.status === 'disposed') throw FilingErrors.caseClosed();
    return { courtId: c.courtId, caseNumber: c.number, standing: { kind: 'case', filerUserId: filer.userId, parties: facts.parties } };
  }

  /** The filing a filer already made under a key, if any: its id and the hash of what was sent. */
  private async filingByKey(filerUserId: string, key: string): Promise<{ id: string; requestHash: string } | undefined> {
    const rows: { id: string; request_hash: string }[] = await this.db.query(
      'SELECT id, request_hash FROM filings WHERE filer_user_id = $1 AND idempotency_key = $2',
      [filerUserId, key],
    );
    return rows.length === 0 ? undefined : { id: rows[0].id, requestHash: rows[0].request_hash };
  }

  private async replay(filingId: string): Promise<FilingReceiptView> {
    return this.receipts.receiptOf(await this.db.getRepository(Filing).findOneByOrFail({ id: filingId }));
  }

  /**
   * The filing's transaction in three round trips, since every filer holds a pooled connection
   * through it and each statement costs both processes a wake-up: the begin with the blobs'
   * locks; after the files are put, one statement that writes the filing, its parties, blobs,
   * documents, first history row and audit event; the commit. `promoted` is called once the files
   * are in the store (from then on they are the row's, or the orphan sweep's).
   */
  private async record(
    cmd: SubmitFilingCommand,
    metadata: SubmissionMetadata,
    files: readonly AcceptedFile[],
    requestHash: string,
    courtId: string,
    fee: FeeAssessment,
    spent: { store: number; rows: number },
    promoted: () => void,
  ): Promise<Recorded> {
    const receivedAt = this.clock.now();
    const filing = Object.assign(new Filing(), {
      id: randomUUID(),
      courtId,
      filerUserId: cmd.filer.userId,
      filingType: metadata.filingType,
      opensCase: opensCase(metadata.filingType),
      caseId: metadata.caseId,
      newCaseType: metadata.newCase?.caseType ?? null,
      newCaseTitle: storedTextOrNull(metadata.newCase?.title ?? null),
      newCaseConfidentiality: metadata.newCase?.confidentiality ?? null,
      title: storedText(metadata.title),
      confidentiality: metadata.confidentiality,
      urgent: metadata.urgency.length > 0,
      urgencyGrounds: [...new Set(metadata.urgency)],
      status: 'submitted' as const,
      receivedAt,
      idempotencyKey: cmd.idempotencyKey,
      requestHash,
      claimedBy: null,
      claimExpiresAt: null,
      decidedBy: null,
      decidedAt: null,
      reasonCode: null,
      reasonNote: null,
      feeAmount: fee.amount,
      feeCurrency: fee.currency,
      feeWaived: fee.waived,
      feeWaiverReason: fee.waiverReason,
    });
    const documents = files.map((file, position) =>
      Object.assign(new FilingDocument(), {
        id: randomUUID(),
        filingId: filing.id,
        position,
        title: storedText(metadata.documents[position].title),
        fileName: storedText(file.fileName),
        sha256: file.sha256,
        sizeBytes: file.sizeBytes,
        pageCount: file.pageCount,
        confidentiality: metadata.documents[position].confidentiality ?? metadata.confidentiality,
        reviewStatus: 'pending' as const,
        reasonCode: null,
        reasonNote: null,
        docketEntryId: null,
      }),
    );
    const parties = metadata.newCase
      ? fillPseudonyms(
          metadata.newCase.parties.map((p) => ({ ...p, fullName: storedText(p.fullName), pseudonym: storedTextOrNull(p.pseudonym) })),
        )
      : [];
    // Hashes and sizes only: titles, file names and party names are free text that may name a protected person.
    const event = this.audit.pendingInsert(
      {
        action: 'filing.submitted',
        actor: userActor(cmd.filer.userId),
        subject: { type: 'filing', id: filing.id },
        courtId,
        caseId: metadata.caseId,
        data: {
          filingType: filing.filingType,
          opensCase: filing.opensCase,
          confidentiality: filing.confidentiality,
          urgencyGrounds: filing.urgencyGrounds,
          documents: files.map((f) => ({ sha256: f.sha256, sizeBytes: f.sizeBytes, pageCount: f.pageCount })),
          fee: { amount: fee.amount, currency: fee.currency, waived: fee.waived },
        },
      },
      FILING_ROWS_PARAMS + 1,
    );

    const runner = this.db.createQueryRunner();
    await runner.connect();
    let open = false;
    try {
      // Serialise with the orphan sweep per blob: it deletes a file only under the same lock,
      // after checking that no row names it, so it can never remove a file this transaction
      // relies on. The hashes are our own hex digests, written inline so that the begin and the
      // locks (in order, one statement each) go in one round trip (the simple query protocol).
      const shas = [...new Set(files.map((f) => f.sha256))].sort();
      await runner.query(['BEGIN', ...shas.map(blobLockStatement)].join('; '));
      open = true;
      const blobs = new Map<string, { sha256: string; size_bytes: number; page_count: number; storage_key: string }>();
      for (const file of files) {
        const stored = performance.now();
        const key = await this.store.put(file);
        spent.store += performance.now() - stored;
        blobs.set(file.sha256, { sha256: file.sha256, size_bytes: file.sizeBytes, page_count: file.pageCount, storage_key: key });
      }
      promoted();
      const written = performance.now();
      await runner.query(`${FILING_ROWS_SQL}, audit AS (${event.sql}) SELECT 1`, [
        filing.id,
        filing.courtId,
        filing.filerUserId,
        filing.filingType,
        filing.opensCase,
        filing.caseId,
        filing.newCaseType,
        filing.newCaseTitle,
        filing.newCaseConfidentiality,
        filing.title,
        filing.confidentiality,
        filing.urgent,
        filing.urgencyGrounds,
        filing.status,
        filing.receivedAt,
        filing.idempotencyKey,
        filing.requestHash,
        filing.feeAmount,
        filing.feeCurrency,
        filing.feeWaived,
        filing.feeWaiverReason,
        JSON.stringify(
          parties.map((p, position) => ({
            position,
            party_role: p.partyRole,
            full_name: p.fullName,
            is_protected: p.isProtected,
            pseudonym: p.pseudonym,
            is_filer: p.isFiler,
            represented_by_filer: p.representedByFiler,
          })),
        ),
        JSON.stringify([...blobs.values()]),
        JSON.stringify(
          documents.map((d) => ({
            id: d.id,
            position: d.position,
            title: d.title,
            file_name: d.fileName,
            sha256: d.sha256,
            size_bytes: d.sizeBytes,
            page_count: d.pageCount,
            confidentiality: d.confidentiality,
          })),
        ),
        ...event.params,
      ]);
      spent.rows = performance.now() - written;
      const committing = performance.now();
      await runner.query('COMMIT');
      open = false;
      return { filing, documents, eventId: event.id, committing };
    } catch (error) {
      if (open) await runner.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
  }

  /**
   * The lease only spares a concurrent twin its upload; the key's unique constraint in PostgreSQL
   * is what keeps one filing per key. So while Redis is down or slow the submission goes on
   * without a lease (null), after a bounded wait, rather than hanging or being refused.
   */
  private async reserveKey(userId: string, key: string): Promise<KeyLease | null> {
    const name = `ejustice:filing-idempotency:${userId}:${key}`;
    const token = randomBytes(16).toString('hex');
    let ok: string | null;
    try {
      ok = await withinRedisBound(this.redis, (r) => r.set(name, token, 'PX', KEY_LEASE_MS, 'NX'));
    } catch (error) {
      this.logger.warn(`reserveKey() going on without a lease [error:${error instanceof Error ? error.message : String(error)}]`);
      return null;
    }
    if (ok !== 'OK') throw FilingErrors.idempotencyKeyInUse();
    const renewal = setInterval(() => {
      this.redis
        .eval(
          `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`,
          1,
          name,
          token,
          KEY_LEASE_MS,
        )
        .catch((e: unknown) => this.logger.warn(`renewKey() failed [error:${String(e)}]`));
    }, KEY_RENEW_MS);
    renewal.unref();
    return { name, token, renewal };
  }

  private async releaseKey(lease: KeyLease | null): Promise<void> {
    if (!lease) return;
    clearInterval(lease.renewal);
    // Bounded: the answer to the filer must not wait for a Redis that is down; the lease lapses by itself.
    await withinRedisBound(this.redis, (r) =>
      r.eval(
        `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`,
        1,
        lease.name,
        lease.token,
      ),
    ).catch((e: unknown) => this.logger.warn(`releaseKey() failed [error:${String(e)}]`));
  }
}
