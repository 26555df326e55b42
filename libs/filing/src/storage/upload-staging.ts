import { createHash, randomUUID } from 'node:crypto';
import { mkdir, open, opendir, readFile, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { StagedFile } from './document-store';

export class DocumentTooLargeError extends Error {
  constructor(readonly fileName: string) {
    super(`${fileName} exceeds the size limit`);
  }
}

/**
 * The staging area (STORAGE_DIR/tmp) where uploads are written while they arrive. A file is
 * hashed as it streams, never held whole in memory, written with back-pressure, and fsynced once
 * complete. Whoever stages a file owns it until it is put in the store or discarded.
 */
export class UploadStaging {
  readonly dir: string;

  constructor(storageRoot: string) {
    this.dir = join(storageRoot, 'tmp');
  }

  async stage(source: AsyncIterable<Buffer> & Readable, fileName: string, maxBytes: number): Promise<StagedFile> {
    await mkdir(this.dir, { recursive: true });
    const path = join(this.dir, `${randomUUID()}.part`);
    const hash = createHash('sha256');
    let size = 0;
    const handle = await open(path, 'wx', 0o600);
    try {
      for await (const chunk of source) {
        size += chunk.length;
        if (size > maxBytes) throw new DocumentTooLargeError(fileName);
        hash.update(chunk);
        await handle.write(chunk);
      }
      await handle.sync();
    } catch (error) {
      await handle.close().catch(() => undefined);
      await unlink(path).catch(() => undefined);
      throw error;
    }
    await handle.close();
    return { path, sha256: hash.digest('hex'), sizeBytes: size, fileName };
  }

  read(file: StagedFile): Promise<Buffer> {
    return readFile(file.path);
  }

  async discard(files: readonly StagedFile[]): Promise<void> {
    await Promise.all(files.map((f) => unlink(f.path).catch(() => undefined)));
  }

  /** Staged files older than the cutoff belong to uploads that died with their process. */
  async *stale(cutoff: Date): AsyncIterable<string> {
    const dir = await opendir(this.dir).catch(() => undefined);
    if (!dir) return;
    for await (const entry of dir) {
      if (!entry.isFile()) continue;
      const path = join(this.dir, entry.name);
      const info = await stat(path).catch(() => undefined);
      if (info && info.mtime < cutoff) yield path;
    }
  }
}
