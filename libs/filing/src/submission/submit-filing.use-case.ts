import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Redis } from 'ioredis';
import type { DataSource, EntityManager } from 'typeorm';
import { CaseQueries, isLinkedToCase } from '@ejustice/cases';
import { type UserPrincipal, hasRole } from '@ejustice/identity';
import { AuditLog, Clock, DomainError, Metrics, REDIS, assertNever, canonicalJson, userActor, withinRedisBound } from '@ejustice/platform';
import type { FeeAssessment } from '../domain/court-policy';
import { type FilerStanding, filingFee } from '../domain/filing-fee';
import { FilingErrors } from '../domain/filing-errors';
import { opensCase } from '../domain/filing-type';
import type { PdfVerdict } from '../domain/pdf-inspection';
import { fillPseudonyms } from '../domain/protected-names';
import { DocumentBlob } from '../entities/document-blob.entity';
import { FilingDocument } from '../entities/filing-document.entity';
import { FilingParty } from '../entities/filing-party.entity';
import { Filing } from '../entities/filing.entity';
import { FilingStatusChange } from '../entities/filing-status-change.entity';
import { CourtPolicyService } from '../services/court-policy.service';
import type { FilingReceiptView } from '../services/filing-views';
import { FilingReceipts } from '../receipt/filing-receipts';
import { DocumentStore, type StagedFile } from '../storage/document-store';
import { UploadStaging } from '../storage/upload-staging';
import { FilingPhases } from './filing-phases';
import { PdfInspector } from './pdf-inspector';
import { type ReceivedSubmission, type SubmissionMetadata, type SubmitFilingCommand, isValidIdempotencyKey } from './submission';

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
    const sink = {
      push: (file: StagedFile) => {
        staged.push(file);
        this.startInspection(file, inspections, abandon.signal);
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

      const existing = await this.db
        .getRepository(Filing)
        .findOne({ where: { filerUserId: cmd.filer.userId, idempotencyKey: cmd.idempotencyKey } });
      if (existing) {
        if (existing.requestHash !== requestHash) throw FilingErrors.idempotencyKeyReused();
        return { receipt: await this.receipts.receiptOf(existing), replayed: true };
      }

      const target = await this.resolveTarget(cmd.filer, received.metadata);
      const filingPolicy = target.courtId === policy.courtId ? policy : await this.policies.forCourt(target.courtId);
      // The same function quotes the fee before filing (FilingPolicyQueries.quoteFee).
      const fee = filingFee(filingPolicy, received.metadata.filingType, target.standing);
      const spent = { store: 0, audit: 0 };
      const event: { id?: string } = {};
      const tx0 = performance.now();
      let recorded = tx0;
      let filing: Filing;
      try {
        filing = await this.db.transaction(async (m) => {
          const f = await this.record(m, cmd, received.metadata, files, requestHash, target.courtId, fee, spent, event);
          promoted = true;
          recorded = performance.now();
          return f;
        });
      } catch (error) {
        // The key's lease can lapse (renewals missed while Redis was away); then the unique
        // constraint still stops a second filing, and the twin is answered like a replay.
        if ((error as { driverError?: { constraint?: string } }).driverError?.constraint !== 'filings_one_per_idempotency_key') throw error;
        const twin = await this.db
          .getRepository(Filing)
          .findOneByOrFail({ filerUserId: cmd.filer.userId, idempotencyKey: cmd.idempotencyKey });
        if (twin.requestHash !== requestHash) throw FilingErrors.idempotencyKeyReused();
        return { receipt: await this.receipts.receiptOf(twin), replayed: true };
      }
      const t3 = performance.now();
      // The event is committed with the filing; the answer waits until it is in the chain too.
      await this.audit
        .seal(this.db, event.id)
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
        commit: t3 - recorded,
        seal: t4 - t3,
        total: t4 - started,
      });
      return { receipt: await this.receipts.receiptOf(filing), replayed: false };
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
    wall: Record<'receive' | 'inspect' | 'prepare' | 'transaction' | 'store' | 'audit' | 'commit' | 'seal' | 'total', number>,
  ): void {
    for (const [phase, ms] of Object.entries(wall)) this.phases.observe(phase as keyof typeof wall, ms);
    for (const part of ['hash', 'write', 'sync'] as const) {
      this.phases.observe(
        part,
        files.reduce((ms, f) => ms + (f.stagingMs?.[part] ?? 0), 0),
      );
    }
  }

  private startInspection(file: StagedFile, inspections: Map<StagedFile, Promise<PdfVerdict>>, signal: AbortSignal): void {
    if (file.sizeBytes === 0 || inspections.has(file)) return;
    const started = performance.now();
    const verdict = this.inspector.inspect(file, signal);
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

  private async resolveTarget(filer: UserPrincipal, metadata: SubmissionMetadata): Promise<{ courtId: string; standing: FilerStanding }> {
    if (opensCase(metadata.filingType)) {
      if (metadata.caseId) throw FilingErrors.caseNotAllowed();
      if (!metadata.newCase) throw FilingErrors.newCaseRequired();
      if (!metadata.newCase.parties.some((p) => p.isFiler || p.representedByFiler)) throw FilingErrors.filerNotAParty();
      // The same rules as the parties table's constraints, said as a 400 rather than a 500.
      const pseudonyms = metadata.newCase.parties.map((p) => p.pseudonym?.toLowerCase()).filter((x): x is string => !!x);
      if (new Set(pseudonyms).size !== pseudonyms.length) throw FilingErrors.pseudonymTwice();
      if (metadata.newCase.parties.some((p) => p.pseudonym && p.pseudonym.toLowerCase() === p.fullName.toLowerCase()))
        throw FilingErrors.pseudonymIsName();
      return { courtId: filer.courtId, standing: { kind: 'new_case', parties: metadata.newCase.parties } };
    }
    if (!metadata.caseId) throw FilingErrors.caseRequired();
    if (metadata.newCase)
      throw new DomainError('invalid', 'filing.new_case_not_allowed', 'Only a petition or a complaint describes a new case.');
    const { c, facts } = await this.cases.loadVisible(filer, metadata.caseId);
    if (!isLinkedToCase(filer, facts)) {
      throw new DomainError('forbidden', 'filing.not_linked_to_case', 'You can file only in cases you are a party to or counsel in.');
    }
    if (c.status === 'disposed') throw FilingErrors.caseClosed();
    return { courtId: c.courtId, standing: { kind: 'case', filerUserId: filer.userId, parties: facts.parties } };
  }

  private async record(
    m: EntityManager,
    cmd: SubmitFilingCommand,
    metadata: SubmissionMetadata,
    files: readonly AcceptedFile[],
    requestHash: string,
    courtId: string,
    fee: FeeAssessment,
    spent: { store: number; audit: number },
    event: { id?: string },
  ): Promise<Filing> {
    // Serialise with the orphan sweep per blob: it deletes a file only under the same lock,
    // after checking that no row names it, so it can never remove a file this transaction relies on.
    for (const sha of [...new Set(files.map((f) => f.sha256))].sort()) {
      await m.query(`SELECT pg_advisory_xact_lock(hashtextextended('document-blob:' || $1, 0))`, [sha]);
    }
    const receivedAt = this.clock.now();
    const filing = await m.save(
      m.create(Filing, {
        courtId,
        filerUserId: cmd.filer.userId,
        filingType: metadata.filingType,
        opensCase: opensCase(metadata.filingType),
        caseId: metadata.caseId,
        newCaseType: metadata.newCase?.caseType ?? null,
        newCaseTitle: metadata.newCase?.title ?? null,
        newCaseConfidentiality: metadata.newCase?.confidentiality ?? null,
        title: metadata.title,
        confidentiality: metadata.confidentiality,
        urgent: metadata.urgency.length > 0,
        urgencyGrounds: [...new Set(metadata.urgency)],
        status: 'submitted',
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
      }),
    );
    if (metadata.newCase) {
      const parties = fillPseudonyms(metadata.newCase.parties.map((p) => ({ ...p })));
      await m.insert(
        FilingParty,
        parties.map((p, position) => ({ filingId: filing.id, position, ...p })),
      );
    }
    for (const [position, file] of files.entries()) {
      const stored = performance.now();
      const key = await this.store.put(file);
      spent.store += performance.now() - stored;
      await m
        .createQueryBuilder()
        .insert()
        .into(DocumentBlob)
        .values({ sha256: file.sha256, sizeBytes: file.sizeBytes, pageCount: file.pageCount, storageKey: key })
        .orIgnore()
        .execute();
      await m.insert(FilingDocument, {
        filingId: filing.id,
        position,
        title: metadata.documents[position].title,
        fileName: file.fileName,
        sha256: file.sha256,
        sizeBytes: file.sizeBytes,
        pageCount: file.pageCount,
        confidentiality: metadata.documents[position].confidentiality ?? metadata.confidentiality,
        reviewStatus: 'pending',
        reasonCode: null,
        reasonNote: null,
        docketEntryId: null,
      });
    }
    await m.insert(FilingStatusChange, {
      filingId: filing.id,
      seq: 1,
      action: 'submitted',
      fromStatus: null,
      toStatus: 'submitted',
      actorUserId: cmd.filer.userId,
      reasonCode: null,
      note: null,
      occurredAt: receivedAt,
    });
    const audited = performance.now();
    // Written with the filing, chained right after its commit (see execute()): filings do not
    // queue one behind the other on the chain's lock, each waiting for the previous one's flush.
    const deferred = await this.audit.defer(m, {
      action: 'filing.submitted',
      actor: userActor(cmd.filer.userId),
      subject: { type: 'filing', id: filing.id },
      courtId,
      caseId: metadata.caseId,
      // Hashes and sizes only: titles, file names and party names are free text that may name a protected person.
      data: {
        filingType: filing.filingType,
        opensCase: filing.opensCase,
        confidentiality: filing.confidentiality,
        urgencyGrounds: filing.urgencyGrounds,
        documents: files.map((f) => ({ sha256: f.sha256, sizeBytes: f.sizeBytes, pageCount: f.pageCount })),
        fee: { amount: fee.amount, currency: fee.currency, waived: fee.waived },
      },
    });
    event.id = deferred.id;
    spent.audit = performance.now() - audited;
    return filing;
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
