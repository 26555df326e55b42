import { DataSource } from 'typeorm';
import {
  type AppConfig,
  AuditEvent,
  CheckpointAuditChain,
  SystemClock,
  formatAuditCheckpointForCourt,
  loadAuditSigningKey,
  loadConfig,
} from '@ejustice/platform';
import { openCheckpointStore } from './checkpoint-store';

/**
 * `./ejustice audit-checkpoint`: signs the audit chain's current head into the document store
 * (as the worker does on its schedule) and prints the checkpoint for a court officer to keep
 * outside the platform altogether. When nothing happened since the last checkpoint, that one
 * is still current and is printed. Exit code 0 when printed, 2 when the chain may not be
 * signed (broken, or no longer holding the last checkpoint), 1 for any other failure.
 */
export async function runAuditCheckpoint(config: AppConfig): Promise<{ ok: boolean; output: string }> {
  const key = await loadAuditSigningKey(config.audit, { create: true });
  const { store, close } = openCheckpointStore(config);
  const ds = await new DataSource({
    type: 'postgres',
    url: config.database.appUrl,
    entities: [AuditEvent],
    logging: ['error'],
  }).initialize();
  try {
    const outcome = await new CheckpointAuditChain(ds, store, key, new SystemClock(), config.audit.chainName).execute();
    switch (outcome.kind) {
      case 'written':
      case 'unchanged':
        return { ok: true, output: formatAuditCheckpointForCourt(outcome.checkpoint, key) };
      case 'empty':
        return { ok: true, output: `The audit chain "${config.audit.chainName}" holds no event yet: there is nothing to vouch for.` };
      case 'refused':
        return { ok: false, output: `Refusing to sign a checkpoint of the audit chain "${config.audit.chainName}": ${outcome.reason}` };
    }
  } finally {
    await ds.destroy();
    close();
  }
}

if (require.main === module) {
  runAuditCheckpoint(loadConfig())
    .then(({ ok, output }) => {
      (ok ? console.log : console.error)(output);
      process.exit(ok ? 0 : 2);
    })
    .catch((error: unknown) => {
      console.error(`audit-checkpoint could not run: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    });
}
