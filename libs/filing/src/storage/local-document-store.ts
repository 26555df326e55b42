import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { link, mkdir, open, opendir, readFile, readdir, rename, stat, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { auditCheckpointKey, auditCheckpointPrefix, isAuditCheckpointName } from '@ejustice/platform';
import { DocumentStore, type StagedFile, type StoredObject } from './document-store';

/** Documents on local disk under STORAGE_DIR/documents/<aa>/<sha256>. */
export class LocalDocumentStore extends DocumentStore {
  readonly backend = 'local' as const;

  constructor(private readonly root: string) {
    super();
  }

  pathOf(key: string): string {
    if (!/^documents\/[0-9a-f]{2}\/[0-9a-f]{64}$/.test(key)) throw new Error(`Not a document key: ${key}`);
    return join(this.root, key);
  }

  /**
   * The staged file is already fsynced; rename is atomic on one file system, and fsyncing the
   * directory makes the new name itself survive a crash. Renaming over an existing copy of the
   * same bytes is harmless, and refreshes its age so the orphan sweep leaves it alone. The shard's
   * folder is made when the rename finds it missing (once per shard), not before every put.
   */
  async put(file: StagedFile): Promise<string> {
    const key = DocumentStore.keyFor(file.sha256);
    const target = this.pathOf(key);
    await rename(file.path, target).catch(async (error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
      await mkdir(dirname(target), { recursive: true });
      await rename(file.path, target);
    });
    await fsyncDirectory(dirname(target));
    return key;
  }

  async open(key: string): Promise<Readable> {
    const path = this.pathOf(key);
    await stat(path);
    return createReadStream(path);
  }

  async exists(key: string): Promise<boolean> {
    return stat(this.pathOf(key)).then(
      () => true,
      () => false,
    );
  }

  async remove(key: string): Promise<void> {
    await unlink(this.pathOf(key)).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'ENOENT') throw e;
    });
  }

  /**
   * Written and fsynced aside, then linked into place: a checkpoint appears whole or not at all,
   * and linking (unlike renaming) never replaces one already there.
   */
  async putCheckpoint(chain: string, name: string, body: Buffer): Promise<void> {
    const target = join(this.root, auditCheckpointKey(chain, name));
    await mkdir(dirname(target), { recursive: true });
    const staged = `${target}.${randomBytes(6).toString('hex')}.tmp`;
    const handle = await open(staged, 'wx', 0o644);
    try {
      await handle.writeFile(body);
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await link(staged, target);
    } finally {
      await unlink(staged);
    }
    await fsyncDirectory(dirname(target));
  }

  async getCheckpoint(chain: string, name: string): Promise<Buffer> {
    return readFile(join(this.root, auditCheckpointKey(chain, name)));
  }

  async listCheckpoints(chain: string): Promise<string[]> {
    const names = await readdir(join(this.root, auditCheckpointPrefix(chain))).catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return [];
      throw e;
    });
    return names.filter(isAuditCheckpointName);
  }

  async *list(): AsyncIterable<StoredObject> {
    const base = join(this.root, 'documents');
    const top = await opendir(base).catch(() => undefined);
    if (!top) return;
    for await (const shard of top) {
      if (!shard.isDirectory() || !/^[0-9a-f]{2}$/.test(shard.name)) continue;
      for await (const entry of await opendir(join(base, shard.name))) {
        if (!entry.isFile() || !/^[0-9a-f]{64}$/.test(entry.name)) continue;
        const info = await stat(join(base, shard.name, entry.name)).catch(() => undefined);
        if (info) yield { key: `documents/${shard.name}/${entry.name}`, modifiedAt: info.mtime };
      }
    }
  }
}

export async function fsyncDirectory(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
