import type { AppConfig, AuditCheckpointStore } from '@ejustice/platform';
import { LocalDocumentStore, S3DocumentStore } from '@ejustice/filing';

/** The document store the worker writes audit checkpoints to, for the command-line tools. */
export function openCheckpointStore(config: AppConfig): { readonly store: AuditCheckpointStore; close(): void } {
  if (config.storage.backend === 's3') {
    const s3 = new S3DocumentStore(config.storage.s3);
    return { store: s3, close: () => s3.destroy() };
  }
  return { store: new LocalDocumentStore(config.storage.dir), close: () => undefined };
}
