import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, link, mkdir, open, opendir, realpath, stat, unlink } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { StagedFile } from '@ejustice/filing/storage/document-store';

/**
 * The media node's spool directory (AppConfig.recording.spoolDir), where ffmpeg writes segment
 * files until they are registered, and the store's staging area beside it.
 *
 * A segment is staged as a hard link to its spool file (a copy when the two are on different
 * file systems): the document store consumes the staged name (it renames it into place, or
 * uploads and removes it), while the spool file stays until the registration has committed, so a
 * registration that fails can be retried with the same file. Staging makes the file young again
 * (the link and the spool name are one file), so the spool's own sweep counts from then.
 */
export class RecordingSpool {
  constructor(
    readonly dir: string,
    private readonly stagingDir: string,
  ) {}

  /** The real path of a spool file, or null when it does not exist or is not inside the spool directory. */
  async locate(path: string): Promise<string | null> {
    const [root, real] = await Promise.all([realpath(this.dir).catch(() => null), realpath(path).catch(() => null)]);
    if (root === null || real === null) return null;
    const inside = relative(root, real);
    if (inside === '' || inside.startsWith('..') || inside.startsWith(sep)) return null;
    const info = await stat(real);
    return info.isFile() ? real : null;
  }

  /** Stages the spool file for the store: linked (or copied), fsynced and hashed from the staged bytes. */
  async stage(spoolPath: string): Promise<StagedFile> {
    await mkdir(this.stagingDir, { recursive: true });
    const staged = join(this.stagingDir, `${randomUUID()}.segment`);
    await link(spoolPath, staged).catch(async (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EXDEV') throw error;
      await copyFile(spoolPath, staged);
    });
    try {
      // ffmpeg closed the file, but nothing says it reached the disk: the store relies on fsynced files.
      const handle = await open(staged, 'r');
      try {
        // The link shares the spool file's age, which may be hours (a media node registering what
        // it finished before a restart): staged, it is as young as an upload, or the orphan sweep
        // takes it for a dead one (UploadStaging.stale) before the store does.
        const now = new Date();
        await handle.utimes(now, now);
        await handle.sync();
      } finally {
        await handle.close();
      }
      const { sha256, sizeBytes } = await hashFile(staged);
      return { path: staged, sha256, sizeBytes, fileName: spoolPath.split(sep).pop() as string };
    } catch (error) {
      await unlink(staged).catch(() => undefined);
      throw error;
    }
  }

  async discard(path: string): Promise<void> {
    await unlink(path).catch(() => undefined);
  }

  /** Files anywhere under the spool directory last written before the cutoff (ffmpeg writes a live segment continuously). */
  async *stale(cutoff: Date): AsyncIterable<{ readonly path: string; readonly modifiedAt: Date }> {
    yield* staleUnder(this.dir, cutoff);
  }
}

async function* staleUnder(dir: string, cutoff: Date): AsyncIterable<{ readonly path: string; readonly modifiedAt: Date }> {
  const entries = await opendir(dir).catch(() => undefined);
  if (!entries) return;
  for await (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      yield* staleUnder(path, cutoff);
      continue;
    }
    if (!entry.isFile()) continue;
    const info = await stat(path).catch(() => undefined);
    if (info && info.mtime < cutoff) yield { path, modifiedAt: info.mtime };
  }
}

/** SHA-256 and size of a file, streamed: a segment is never held whole in memory. */
export async function hashFile(path: string): Promise<{ sha256: string; sizeBytes: number }> {
  const hash = createHash('sha256');
  let sizeBytes = 0;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    sizeBytes += chunk.length;
  }
  return { sha256: hash.digest('hex'), sizeBytes };
}

/** SHA-256 and size of a stream (a stored segment read back from the document store). */
export async function hashStream(stream: AsyncIterable<Buffer>): Promise<{ sha256: string; sizeBytes: number }> {
  const hash = createHash('sha256');
  let sizeBytes = 0;
  for await (const chunk of stream) {
    hash.update(chunk);
    sizeBytes += chunk.length;
  }
  return { sha256: hash.digest('hex'), sizeBytes };
}
