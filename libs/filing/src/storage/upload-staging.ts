import { createHash, randomUUID } from 'node:crypto';
import { mkdir, open, opendir, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { StagedFile } from './document-store';

/**
 * Bytes gathered before they are written: each write is a hand-off to libuv's threads and a
 * wake-up, about 0.65 ms of the event loop on a busy machine whatever its size (in the api's CPU
 * profile, 20 MB uploads written half a megabyte at a time spent longer handing the writes off
 * than hashing the bytes), so one write per megabyte.
 */
const WRITE_BATCH_BYTES = 1024 * 1024;

export class DocumentTooLargeError extends Error {
  constructor(readonly fileName: string) {
    super(`${fileName} exceeds the size limit`);
  }
}

/**
 * The staging area (STORAGE_DIR/tmp) where uploads are written while they arrive. A file is
 * hashed as it streams, never held whole in memory (two megabytes of it at most: one on its way
 * to the disk, one gathered), written with back-pressure, and fsynced once complete. Whoever stages a file owns it
 * until it is put in the store or discarded.
 */
export class UploadStaging {
  readonly dir: string;

  constructor(storageRoot: string) {
    this.dir = join(storageRoot, 'tmp');
  }

  async stage(source: AsyncIterable<Buffer> & Readable, fileName: string, maxBytes: number): Promise<StagedFile> {
    const path = join(this.dir, `${randomUUID()}.part`);
    const hash = createHash('sha256');
    let size = 0;
    const ms = { hash: 0, write: 0, sync: 0 };
    // The folder is made the first time it is missing, not checked before every upload.
    const handle = await open(path, 'wx', 0o600).catch(async (error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
      await mkdir(this.dir, { recursive: true });
      return open(path, 'wx', 0o600);
    });
    // Chunks arrive at the socket's pace, 16-64 KB each; each write is a round trip through
    // libuv's few threads (shared with every fsync and read), so they are gathered and written
    // a megabyte at a time. One batch is on its way to the disk while the next is received;
    // when that one is full too, the upload is held back until the disk has caught up.
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    let writing: Promise<void> = Promise.resolve();
    let writeError: unknown;
    const written = async () => {
      const t = performance.now();
      await writing;
      ms.write += performance.now() - t;
      if (writeError !== undefined) throw writeError;
    };
    const flush = async () => {
      await written();
      const batch = pending;
      pending = [];
      pendingBytes = 0;
      // Never rejects: a failed write is kept and thrown when the upload next waits for the disk.
      writing = handle.writev(batch).then(
        () => undefined,
        (error: unknown) => {
          writeError = error;
        },
      );
    };
    try {
      for await (const chunk of source) {
        size += chunk.length;
        if (size > maxBytes) throw new DocumentTooLargeError(fileName);
        const t = performance.now();
        hash.update(chunk);
        ms.hash += performance.now() - t;
        pending.push(chunk);
        pendingBytes += chunk.length;
        if (pendingBytes >= WRITE_BATCH_BYTES) await flush();
      }
      if (pendingBytes > 0) await flush();
      await written();
      const t = performance.now();
      await handle.sync();
      ms.sync = performance.now() - t;
    } catch (error) {
      await writing;
      await handle.close().catch(() => undefined);
      await unlink(path).catch(() => undefined);
      throw error;
    }
    await handle.close();
    return { path, sha256: hash.digest('hex'), sizeBytes: size, fileName, stagingMs: ms };
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
