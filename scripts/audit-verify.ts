import { readFile } from 'node:fs/promises';
import { DataSource } from 'typeorm';
import {
  AuditEvent,
  type AuditCheckpointStore,
  type AuditSigningKey,
  loadAuditSigningKey,
  loadConfig,
  verifyAuditChainWithCheckpoints,
} from '@ejustice/platform';
import { openCheckpointStore } from './checkpoint-store';

export interface AuditVerifyOptions {
  /** The name of the chain in the checkpoint store, and its key (checkpoints must be signed with it). */
  readonly chain?: string;
  readonly key?: AuditSigningKey;
  readonly store?: AuditCheckpointStore;
  /** Checkpoints kept elsewhere: files holding one as `audit-checkpoint` printed it, or as stored. */
  readonly checkpointFiles?: readonly string[];
}

/**
 * `./ejustice audit-verify [--checkpoint <file>]...`: walks the audit chain from the first event,
 * names the first broken link, and holds the chain against the newest signed checkpoints in the
 * document store and any kept elsewhere, so a removed tail or a recomputed chain is caught too.
 * Exit code 0 when intact, 2 when broken (1 for any other failure).
 */
export async function runAuditVerify(databaseUrl: string, options: AuditVerifyOptions = {}): Promise<{ intact: boolean; message: string }> {
  const kept = await Promise.all(
    (options.checkpointFiles ?? []).map(async (file) => ({ source: file, text: keptCheckpointText(await readFile(file, 'utf8')) })),
  );
  const ds = await new DataSource({ type: 'postgres', url: databaseUrl, entities: [AuditEvent], logging: ['error'] }).initialize();
  try {
    const chain = options.chain ?? decodeURIComponent(new URL(databaseUrl).pathname.slice(1));
    const verdict = await verifyAuditChainWithCheckpoints(ds, { chain, store: options.store, key: options.key, kept });
    return { intact: verdict.ok, message: verdict.lines.join('\n') };
  } finally {
    await ds.destroy();
  }
}

/** The checkpoint in a file: the whole file when it is one (as stored), else the record line of a printout. */
function keptCheckpointText(text: string): string {
  if (text.trim().startsWith('{')) return text;
  return text.split('\n').find((line) => line.startsWith('{"format":')) ?? text;
}

function checkpointFilesOf(argv: readonly string[]): string[] {
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--checkpoint' && argv[i + 1]) files.push(argv[++i]);
    else throw new Error(`Unknown argument "${argv[i]}". Usage: audit-verify [--checkpoint <file>]...`);
  }
  return files;
}

if (require.main === module) {
  (async () => {
    const config = loadConfig();
    const checkpointFiles = checkpointFilesOf(process.argv.slice(2));
    const { store, close } = openCheckpointStore(config);
    try {
      const key = await loadAuditSigningKey(config.audit, { create: false });
      return await runAuditVerify(config.database.appUrl, { chain: config.audit.chainName, key, store, checkpointFiles });
    } finally {
      close();
    }
  })()
    .then(({ intact, message }) => {
      (intact ? console.log : console.error)(message);
      process.exit(intact ? 0 : 2);
    })
    .catch((error: unknown) => {
      console.error(`audit-verify could not run: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    });
}
