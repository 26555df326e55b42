import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { LocalDocumentStore } from './local-document-store';
import { UploadStaging } from './upload-staging';

describe('LocalDocumentStore.put', () => {
  let root: string;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'ejustice-store-'));
  });

  afterEach(() => rmSync(root, { recursive: true, force: true }));

  async function staged(text: string) {
    return new UploadStaging(root).stage(Readable.from([Buffer.from(text)]), 'a.pdf', 1024);
  }

  it('moves a staged file under its content address, making the shard folder the first time', async () => {
    const sut = new LocalDocumentStore(root);
    const file = await staged('%PDF-1.7 one');

    const key = await sut.put(file);

    const sha = createHash('sha256').update('%PDF-1.7 one').digest('hex');
    expect(key).toBe(`documents/${sha.slice(0, 2)}/${sha}`);
    expect(readFileSync(join(root, key), 'latin1')).toBe('%PDF-1.7 one');
    expect(existsSync(file.path)).toBe(false);
  });

  it('puts the same bytes twice under one key, the second over the first', async () => {
    const sut = new LocalDocumentStore(root);
    const first = await sut.put(await staged('%PDF-1.7 same'));

    const second = await sut.put(await staged('%PDF-1.7 same'));

    expect(second).toBe(first);
    expect(readFileSync(join(root, second), 'latin1')).toBe('%PDF-1.7 same');
  });

  it('fails, storing nothing, when the staged file is not there', async () => {
    const sut = new LocalDocumentStore(root);
    const file = await staged('%PDF-1.7 gone');
    rmSync(file.path);

    await expect(sut.put(file)).rejects.toMatchObject({ code: 'ENOENT' });

    expect(existsSync(sut.pathOf(`documents/${file.sha256.slice(0, 2)}/${file.sha256}`))).toBe(false);
  });
});
