import { createHash, sign, verify, type KeyObject } from 'node:crypto';
import { canonicalJson } from './canonical-json';

export const AUDIT_CHECKPOINT_FORMAT = 'ejustice.audit-checkpoint.v1';

/**
 * What a checkpoint vouches for: at `at`, the chain `chain` held exactly `events` events and its
 * head, event #`seq`, had the hash `headHash`. Because every event's hash covers the one before
 * it, this pins the whole chain up to `seq`: removing its tail leaves the chain shorter than the
 * checkpoint, and rewriting any event before it (and recomputing every hash after) changes the
 * hash at `seq`. Neither can be hidden by someone who can only change the database.
 */
export interface AuditCheckpointBody {
  readonly format: typeof AUDIT_CHECKPOINT_FORMAT;
  readonly chain: string;
  readonly seq: number;
  readonly events: number;
  readonly headHash: string;
  /** ISO-8601 UTC. */
  readonly at: string;
  /** Which key signed it (see auditKeyId), so a checkpoint names the key it must be checked with. */
  readonly keyId: string;
}

export interface AuditCheckpoint extends AuditCheckpointBody {
  /** Ed25519 signature of the canonical JSON of the body, base64. */
  readonly signature: string;
}

/** A short, stable name of a public key: `ed25519:` and the first 16 hex digits of the SHA-256 of its DER form. */
export function auditKeyId(publicKey: KeyObject): string {
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return `ed25519:${createHash('sha256').update(der).digest('hex').slice(0, 16)}`;
}

function signedBytes(body: AuditCheckpointBody): Buffer {
  return Buffer.from(
    canonicalJson({
      format: body.format,
      chain: body.chain,
      seq: body.seq,
      events: body.events,
      headHash: body.headHash,
      at: body.at,
      keyId: body.keyId,
    }),
  );
}

export function signAuditCheckpoint(
  head: { readonly chain: string; readonly seq: number; readonly headHash: string },
  at: Date,
  key: { readonly privateKey: KeyObject; readonly publicKey: KeyObject },
): AuditCheckpoint {
  const body: AuditCheckpointBody = {
    format: AUDIT_CHECKPOINT_FORMAT,
    chain: head.chain,
    seq: head.seq,
    // The chain is gapless from #1, so the head's number is the count of events.
    events: head.seq,
    headHash: head.headHash,
    at: at.toISOString(),
    keyId: auditKeyId(key.publicKey),
  };
  return { ...body, signature: sign(null, signedBytes(body), key.privateKey).toString('base64') };
}

export function auditCheckpointSignatureValid(checkpoint: AuditCheckpoint, publicKey: KeyObject): boolean {
  try {
    return verify(null, signedBytes(checkpoint), publicKey, Buffer.from(checkpoint.signature, 'base64'));
  } catch {
    return false;
  }
}

/** `<seq, 20 digits>-<time>.json`: names sort in chain order, and two checkpoints never share one. */
export function auditCheckpointName(checkpoint: AuditCheckpointBody): string {
  const time = checkpoint.at.replace(/[-:.]/g, '');
  return `${String(checkpoint.seq).padStart(20, '0')}-${time}.json`;
}

export type ParsedAuditCheckpoint =
  { readonly ok: true; readonly checkpoint: AuditCheckpoint } | { readonly ok: false; readonly problem: string };

/** Reads a checkpoint from its JSON text (as stored, or as a court officer kept it), checking its shape only. */
export function parseAuditCheckpoint(text: string): ParsedAuditCheckpoint {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, problem: 'it is not JSON' };
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return { ok: false, problem: 'it is not a JSON object' };
  const v = value as Record<string, unknown>;
  if (v.format !== AUDIT_CHECKPOINT_FORMAT) return { ok: false, problem: `its format is not ${AUDIT_CHECKPOINT_FORMAT}` };
  const problems: string[] = [];
  if (typeof v.chain !== 'string' || v.chain === '') problems.push('chain');
  if (!Number.isSafeInteger(v.seq) || (v.seq as number) < 1) problems.push('seq');
  if (v.events !== v.seq) problems.push('events');
  if (typeof v.headHash !== 'string' || !/^[0-9a-f]{64}$/.test(v.headHash)) problems.push('headHash');
  if (typeof v.at !== 'string' || Number.isNaN(Date.parse(v.at)) || new Date(v.at).toISOString() !== v.at) problems.push('at');
  if (typeof v.keyId !== 'string' || !/^ed25519:[0-9a-f]{16}$/.test(v.keyId)) problems.push('keyId');
  if (typeof v.signature !== 'string' || !/^[A-Za-z0-9+/]+={0,2}$/.test(v.signature)) problems.push('signature');
  if (problems.length > 0) return { ok: false, problem: `these fields are missing or malformed: ${problems.join(', ')}` };
  const checkpoint: AuditCheckpoint = {
    format: AUDIT_CHECKPOINT_FORMAT,
    chain: v.chain as string,
    seq: v.seq as number,
    events: v.events as number,
    headHash: v.headHash as string,
    at: v.at as string,
    keyId: v.keyId as string,
    signature: v.signature as string,
  };
  return { ok: true, checkpoint };
}

/** The chain as the verifier found it: intact from #1 to its head. */
export interface ObservedAuditChain {
  readonly chain: string;
  readonly events: number;
  /** The hash of event #seq, or undefined beyond the head. */
  hashAt(seq: number): string | undefined;
}

export type AuditCheckpointFinding =
  | { readonly verdict: 'anchored'; readonly checkpoint: AuditCheckpoint }
  | { readonly verdict: 'bad_signature'; readonly checkpoint: AuditCheckpoint }
  | { readonly verdict: 'unknown_key'; readonly checkpoint: AuditCheckpoint; readonly ourKeyId: string | null }
  | { readonly verdict: 'other_chain'; readonly checkpoint: AuditCheckpoint; readonly chain: string }
  | { readonly verdict: 'truncated'; readonly checkpoint: AuditCheckpoint; readonly events: number }
  | { readonly verdict: 'recomputed'; readonly checkpoint: AuditCheckpoint; readonly foundHash: string }
  | { readonly verdict: 'unreadable'; readonly source: string; readonly problem: string };

/**
 * Holds a checkpoint against the chain: the signature first (a checkpoint nobody trustworthy
 * signed proves nothing, and a forged one is itself an alarm), then its length, then its hash.
 */
export function checkAuditCheckpoint(
  chain: ObservedAuditChain,
  checkpoint: AuditCheckpoint,
  publicKey: KeyObject | undefined,
): AuditCheckpointFinding {
  const ourKeyId = publicKey ? auditKeyId(publicKey) : null;
  if (!publicKey || checkpoint.keyId !== ourKeyId) return { verdict: 'unknown_key', checkpoint, ourKeyId };
  if (!auditCheckpointSignatureValid(checkpoint, publicKey)) return { verdict: 'bad_signature', checkpoint };
  if (checkpoint.chain !== chain.chain) return { verdict: 'other_chain', checkpoint, chain: chain.chain };
  if (chain.events < checkpoint.seq) return { verdict: 'truncated', checkpoint, events: chain.events };
  const found = chain.hashAt(checkpoint.seq);
  if (found !== checkpoint.headHash) return { verdict: 'recomputed', checkpoint, foundHash: found ?? '(none)' };
  return { verdict: 'anchored', checkpoint };
}

export function describeAuditCheckpointFinding(f: AuditCheckpointFinding): string {
  if (f.verdict === 'unreadable') return `Checkpoint ${f.source} is unreadable: ${f.problem}.`;
  const cp = f.checkpoint;
  const of = `checkpoint of ${cp.at} (event #${cp.seq}, ${cp.headHash.slice(0, 16)}...)`;
  switch (f.verdict) {
    case 'anchored':
      return `Matches the ${of}.`;
    case 'bad_signature':
      return `The ${of} has a signature that does not verify: it was forged or altered.`;
    case 'unknown_key':
      return f.ourKeyId
        ? `The ${of} was signed with key ${cp.keyId}, not with this platform's key ${f.ourKeyId}: it cannot be trusted.`
        : `The ${of} was signed with key ${cp.keyId}, but no audit signing key is configured here to check it with.`;
    case 'other_chain':
      return `The ${of} belongs to chain "${cp.chain}", not to "${f.chain}".`;
    case 'truncated':
      return `The chain has only ${f.events} events, but the ${of} vouched for ${cp.events}: its tail was removed.`;
    case 'recomputed':
      return `Event #${cp.seq} has the hash ${f.foundHash}, but the ${of} recorded ${cp.headHash}: the chain was rewritten and its hashes recomputed.`;
    default:
      return assertNever(f);
  }
}

function assertNever(value: never): never {
  throw new Error(`Unexpected checkpoint finding ${JSON.stringify(value)}`);
}
