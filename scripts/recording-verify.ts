import { DataSource } from 'typeorm';
import type { DocumentStore } from '@ejustice/filing/storage/document-store';
import { LocalDocumentStore } from '@ejustice/filing/storage/local-document-store';
import { AuditEvent, type AppConfig, loadConfig } from '@ejustice/platform';
// Deep imports: a command starts in a fraction of the time without the libs' Nest modules.
import { RecordingIntegrity } from '@ejustice/recording/verification/recording-integrity';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * `./ejustice recording-verify <hearingId>`: re-hashes every stored segment of the hearing's
 * recordings, holds each against the audit chain's registration of it (after checking the chain
 * itself is intact), and prints a line per segment. Exit code 0 when every segment is present,
 * in order, as registered; 2 when any is missing, extra, reordered or altered, or the chain is
 * broken (the last line names them); 1 when it could not run.
 */
export async function runRecordingVerify(
  databaseUrl: string,
  store: DocumentStore,
  hearingId: string,
): Promise<{ ok: boolean; lines: readonly string[] }> {
  if (!UUID.test(hearingId)) throw new Error(`"${hearingId}" is not a hearing id. Usage: recording-verify <hearingId>`);
  const ds = await new DataSource({ type: 'postgres', url: databaseUrl, entities: [AuditEvent], logging: ['error'] }).initialize();
  try {
    const { view, lines } = await new RecordingIntegrity(ds, store).verify(hearingId, new Date());
    return { ok: view.ok, lines };
  } finally {
    await ds.destroy();
  }
}

async function openDocumentStore(config: AppConfig): Promise<{ readonly store: DocumentStore; close(): void }> {
  if (config.storage.backend === 's3') {
    const { S3DocumentStore } = await import('@ejustice/filing/storage/s3-document-store');
    const s3 = new S3DocumentStore(config.storage.s3);
    return { store: s3, close: () => s3.destroy() };
  }
  return { store: new LocalDocumentStore(config.storage.dir), close: () => undefined };
}

if (require.main === module) {
  (async () => {
    const args = process.argv.slice(2);
    if (args.length !== 1) throw new Error('Usage: recording-verify <hearingId>');
    const config = loadConfig();
    const { store, close } = await openDocumentStore(config);
    try {
      return await runRecordingVerify(config.database.appUrl, store, args[0]);
    } finally {
      close();
    }
  })()
    .then(({ ok, lines }) => {
      for (const line of lines.slice(0, -1)) console.log(line);
      (ok ? console.log : console.error)(lines[lines.length - 1]);
      process.exit(ok ? 0 : 2);
    })
    .catch((error: unknown) => {
      console.error(`recording-verify could not run: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    });
}
