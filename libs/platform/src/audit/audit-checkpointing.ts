import type { DataSource, EntityManager } from 'typeorm';
import type { Clock } from '../time/clock';
import {
  type AuditCheckpoint,
  type AuditCheckpointFinding,
  auditCheckpointName,
  checkAuditCheckpoint,
  describeAuditCheckpointFinding,
  type ObservedAuditChain,
  parseAuditCheckpoint,
  signAuditCheckpoint,
} from './audit-checkpoint';
import { type AuditChainReport, describeAuditReport, verifyAuditChain } from './audit-chain-verifier';
import { type AuditCheckpointStore, isAuditCheckpointName } from './audit-checkpoint-store';
import type { AuditSigningKey } from './audit-signing-key';

export type CheckpointOutcome =
  | { readonly kind: 'written'; readonly checkpoint: AuditCheckpoint }
  /** The head has not moved since the latest checkpoint, which still stands. */
  | { readonly kind: 'unchanged'; readonly checkpoint: AuditCheckpoint }
  /** No event yet: nothing to vouch for. */
  | { readonly kind: 'empty' }
  /** The chain is broken, or does not extend the latest checkpoint: signing it would vouch for tampering. */
  | { readonly kind: 'refused'; readonly reason: string };

/**
 * Signs the chain's current head and writes the checkpoint to the store outside the database.
 * Each checkpoint extends the one before it: the chain must still hold that checkpoint's head
 * unchanged, and every event after it must link and hash correctly, so only the events since
 * the last checkpoint are read. A chain that fails either test is never signed.
 */
export class CheckpointAuditChain {
  constructor(
    private readonly db: DataSource,
    private readonly store: AuditCheckpointStore,
    private readonly key: AuditSigningKey,
    private readonly clock: Clock,
    private readonly chain: string,
  ) {}

  /**
   * One at a time per chain, across processes (the worker's schedule, `./ejustice
   * audit-checkpoint`, a second worker): a run waits for the one before it, and then finds the
   * head it would sign already signed, rather than writing a second checkpoint of it.
   */
  async execute(): Promise<CheckpointOutcome> {
    const runner = this.db.createQueryRunner();
    await runner.connect();
    try {
      await runner.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [`audit-checkpoint:${this.chain}`]);
      try {
        // Read on the connection that holds the lock: a second one from the pool, asked for while
        // this one is held, can wait forever (a pool of one; runs queued on the lock holding the rest).
        return await this.checkpoint(runner.manager);
      } finally {
        await runner.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [`audit-checkpoint:${this.chain}`]);
      }
    } finally {
      await runner.release();
    }
  }

  private async checkpoint(db: EntityManager): Promise<CheckpointOutcome> {
    const base = await this.latestTrusted();
    if (base) {
      const finding = checkAuditCheckpoint(await this.observeAt(db, base.seq), base, this.key.publicKey);
      if (finding.verdict !== 'anchored') return { kind: 'refused', reason: describeAuditCheckpointFinding(finding) };
    }
    const report = await verifyAuditChain(db, { after: base ? { seq: base.seq, hash: base.headHash } : undefined });
    if (!report.intact) return { kind: 'refused', reason: describeAuditReport(report) };
    if (report.headSeq === 0) return { kind: 'empty' };
    if (base && report.headSeq === base.seq) return { kind: 'unchanged', checkpoint: base };
    const checkpoint = signAuditCheckpoint(
      { chain: this.chain, seq: report.headSeq, headHash: report.headHash },
      this.clock.now(),
      this.key,
    );
    await this.store.putCheckpoint(this.chain, auditCheckpointName(checkpoint), Buffer.from(`${JSON.stringify(checkpoint, null, 2)}\n`));
    return { kind: 'written', checkpoint };
  }

  /** The newest checkpoint of this chain that this platform's key signed. */
  private async latestTrusted(): Promise<AuditCheckpoint | undefined> {
    const names = (await this.store.listCheckpoints(this.chain)).filter(isAuditCheckpointName).sort().reverse();
    for (const name of names) {
      const parsed = parseAuditCheckpoint((await this.store.getCheckpoint(this.chain, name)).toString('utf8'));
      if (!parsed.ok) continue;
      const finding = checkAuditCheckpoint(
        { chain: this.chain, events: parsed.checkpoint.seq, hashAt: () => parsed.checkpoint.headHash },
        parsed.checkpoint,
        this.key.publicKey,
      );
      if (finding.verdict === 'anchored') return parsed.checkpoint;
    }
    return undefined;
  }

  private async observeAt(db: EntityManager, seq: number): Promise<ObservedAuditChain> {
    const [row]: { head: string | null; hash: string | null }[] = await db.query(
      `SELECT (SELECT max(seq) FROM audit_events) AS head, (SELECT hash FROM audit_events WHERE seq = $1) AS hash`,
      [seq],
    );
    return { chain: this.chain, events: Number(row.head ?? 0), hashAt: (s) => (s === seq ? (row.hash ?? undefined) : undefined) };
  }
}

export interface AuditVerification {
  /** True when the chain is intact and agrees with every checkpoint held against it. */
  readonly ok: boolean;
  readonly report: AuditChainReport;
  readonly findings: readonly AuditCheckpointFinding[];
  /** The verdict in sentences, first line first. */
  readonly lines: readonly string[];
}

export interface VerifyWithCheckpointsOptions {
  readonly chain: string;
  readonly store?: AuditCheckpointStore;
  /** The key checkpoints must be signed with; without it no checkpoint can be trusted. */
  readonly key?: AuditSigningKey;
  /** Checkpoints kept elsewhere (a court officer's copy), by where they came from. */
  readonly kept?: readonly { readonly source: string; readonly text: string }[];
  /** How many of the newest stored checkpoints to hold the chain against. */
  readonly latest?: number;
}

/**
 * Walks the chain (see verifyAuditChain) and holds it against the newest checkpoints in the
 * store and any kept elsewhere: a chain shorter than a checkpoint lost its tail, a different
 * hash at a checkpoint's head means the chain was rewritten and recomputed, and a checkpoint
 * whose signature fails is itself a forgery. The latest checkpoint alone would catch both
 * attacks; a few more survive the loss of the newest file.
 */
export async function verifyAuditChainWithCheckpoints(db: DataSource, options: VerifyWithCheckpointsOptions): Promise<AuditVerification> {
  const findings: AuditCheckpointFinding[] = [];
  const checkpoints: AuditCheckpoint[] = [];
  const take = (source: string, text: string) => {
    const parsed = parseAuditCheckpoint(text);
    if (parsed.ok) checkpoints.push(parsed.checkpoint);
    else findings.push({ verdict: 'unreadable', source, problem: parsed.problem });
  };
  if (options.store) {
    const names = (await options.store.listCheckpoints(options.chain)).filter(isAuditCheckpointName).sort().reverse();
    for (const name of names.slice(0, options.latest ?? 10)) {
      take(name, (await options.store.getCheckpoint(options.chain, name)).toString('utf8'));
    }
  }
  for (const k of options.kept ?? []) take(k.source, k.text);

  const wanted = new Set(checkpoints.map((c) => c.seq));
  const hashes = new Map<number, string>();
  const report = await verifyAuditChain(db, {
    onLink: (seq, hash) => {
      if (wanted.has(seq)) hashes.set(seq, hash);
    },
  });
  if (!report.intact) return { ok: false, report, findings, lines: [describeAuditReport(report)] };

  const observed: ObservedAuditChain = { chain: options.chain, events: report.events, hashAt: (seq) => hashes.get(seq) };
  for (const c of checkpoints) findings.push(checkAuditCheckpoint(observed, c, options.key?.publicKey));
  const ok = findings.every((f) => f.verdict === 'anchored');
  const lines = [describeAuditReport(report)];
  if (findings.length === 0) {
    lines.push(
      `No checkpoint of chain "${options.chain}" was found: the chain is intact as far as the database shows, but a removed tail or a recomputed chain could not be told apart from it.`,
    );
  } else if (ok) {
    lines.push(
      `It matches all ${findings.length} checkpoint(s) held against it, the newest of ${newest(checkpoints).at} (event #${newest(checkpoints).seq}).`,
    );
  } else {
    lines[0] = `Audit chain BROKEN: it does not agree with its checkpoints.`;
    for (const f of findings) if (f.verdict !== 'anchored') lines.push(describeAuditCheckpointFinding(f));
  }
  return { ok, report, findings, lines };
}

function newest(checkpoints: readonly AuditCheckpoint[]): AuditCheckpoint {
  return checkpoints.reduce((a, b) => (b.seq > a.seq || (b.seq === a.seq && b.at > a.at) ? b : a));
}

/** A checkpoint as a court officer is given it: the facts in words, then the record to keep verbatim. */
export function formatAuditCheckpointForCourt(checkpoint: AuditCheckpoint, key: AuditSigningKey): string {
  return [
    `Audit chain checkpoint of "${checkpoint.chain}"`,
    `  events:     ${checkpoint.events} (head: event #${checkpoint.seq})`,
    `  head hash:  ${checkpoint.headHash}`,
    `  taken at:   ${checkpoint.at}`,
    `  signed by:  ${checkpoint.keyId} (Ed25519)`,
    '',
    'Keep the record below exactly as printed. Checked later with',
    '  ./ejustice audit-verify --checkpoint <file holding it>',
    'the chain must still hold these events with this head, or the check fails.',
    '',
    JSON.stringify(checkpoint),
    '',
    `Public key ${key.keyId}, which checks the signature:`,
    key.publicKeyPem.trimEnd(),
    '',
  ].join('\n');
}
