/**
 * Where signed checkpoints of the audit chain's head are kept: outside the database, so that
 * someone who can rewrite the database (its owner, a superuser, a restored backup) cannot also
 * rewrite what the chain was known to contain. The document store implements it (local disk
 * or S3), keeping checkpoints apart from documents under `audit-checkpoints/<chain>/`.
 */
export abstract class AuditCheckpointStore {
  /** Stores one checkpoint, durably when it returns. A checkpoint is never overwritten. */
  abstract putCheckpoint(chain: string, name: string, body: Buffer): Promise<void>;
  abstract getCheckpoint(chain: string, name: string): Promise<Buffer>;
  /** The names of every checkpoint of the chain, in no particular order. */
  abstract listCheckpoints(chain: string): Promise<string[]>;
}

const CHAIN_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;
const CHECKPOINT_NAME = /^[0-9]{20}-[0-9]{8}T[0-9]{9}Z\.json$/;

export function isAuditChainName(chain: string): boolean {
  return CHAIN_NAME.test(chain) && !chain.includes('..');
}

export function isAuditCheckpointName(name: string): boolean {
  return CHECKPOINT_NAME.test(name);
}

/** The store key of a checkpoint; refuses names that could escape their folder. */
export function auditCheckpointKey(chain: string, name: string): string {
  if (!isAuditChainName(chain)) throw new Error(`Not an audit chain name: ${chain}`);
  if (!isAuditCheckpointName(name)) throw new Error(`Not an audit checkpoint name: ${name}`);
  return `${auditCheckpointPrefix(chain)}${name}`;
}

export function auditCheckpointPrefix(chain: string): string {
  if (!isAuditChainName(chain)) throw new Error(`Not an audit chain name: ${chain}`);
  return `audit-checkpoints/${chain}/`;
}
