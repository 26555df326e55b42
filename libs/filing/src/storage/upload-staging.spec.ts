import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { DocumentTooLargeError, UploadStaging } from './upload-staging';

describe('UploadStaging', () => {
  let root: string;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'ejustice-staging-'));
  });

  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const chunks = (bytes: Buffer, size: number) =>
    Readable.from(Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) => bytes.subarray(i * size, (i + 1) * size)));

  it('stages a file streamed in many chunks whole, hashed as it came, making its folder the first time', async () => {
    const sut = new UploadStaging(root);
    // More than one write batch, in socket-sized chunks.
    const bytes = randomBytes(2 * 1024 * 1024 + 12_345);

    const staged = await sut.stage(chunks(bytes, 64 * 1024), 'a.pdf', 10 * 1024 * 1024);

    expect(staged.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(staged.sizeBytes).toBe(bytes.length);
    expect(readFileSync(staged.path).equals(bytes)).toBe(true);
    expect(staged.path.startsWith(join(root, 'tmp'))).toBe(true);
  });

  it('makes its folder again when it has gone since the last upload', async () => {
    const sut = new UploadStaging(root);
    await sut.stage(chunks(Buffer.from('%PDF-1.7 first'), 4), 'a.pdf', 1024);
    rmSync(join(root, 'tmp'), { recursive: true });

    const staged = await sut.stage(chunks(Buffer.from('%PDF-1.7 second'), 4), 'b.pdf', 1024);

    expect(readFileSync(staged.path, 'latin1')).toBe('%PDF-1.7 second');
  });

  it('refuses a file over the limit and leaves nothing staged', async () => {
    const sut = new UploadStaging(root);

    await expect(sut.stage(chunks(randomBytes(5000), 1000), 'big.pdf', 4096)).rejects.toBeInstanceOf(DocumentTooLargeError);

    expect(readdirSync(join(root, 'tmp'))).toEqual([]);
  });
});
