import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
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

  describe('writing while receiving', () => {
    const MB = 1024 * 1024;
    let proto: FileHandle;
    let realWritev: FileHandle['writev'];
    let writev: jest.SpyInstance;

    beforeEach(async () => {
      // FileHandle is not exported; its prototype is reached through a handle.
      const probe = await open(join(root, 'probe'), 'w');
      proto = Object.getPrototypeOf(probe) as FileHandle;
      await probe.close();
      realWritev = proto.writev;
      writev = jest.spyOn(proto, 'writev');
    });

    afterEach(() => writev.mockRestore());

    /** A source of 64 KB chunks that counts how many were taken from it. */
    const counted = (bytes: Buffer) => {
      const taken = { chunks: 0 };
      const source = Readable.from(
        (function* () {
          for (let i = 0; i < bytes.length; i += 64 * 1024) {
            taken.chunks += 1;
            yield bytes.subarray(i, i + 64 * 1024);
          }
        })(),
        { highWaterMark: 1 },
      );
      return { source, taken };
    };

    const turns = async (n: number) => {
      for (let i = 0; i < n; i += 1) await new Promise((resolve) => setImmediate(resolve));
    };
    /** Waits for a condition for up to 20,000 turns of the event loop (a second or so), then fails. */
    const until = async (check: () => boolean, what: string) => {
      for (let i = 0; i < 20_000; i += 1) {
        if (check()) return;
        await turns(1);
      }
      throw new Error(`never happened: ${what}`);
    };

    it('goes on receiving the next megabyte while the last one is written, and holds the upload back beyond that', async () => {
      const sut = new UploadStaging(root);
      const bytes = randomBytes(4 * MB);
      const { source, taken } = counted(bytes);
      let release!: () => void;
      const diskBusy = new Promise<void>((resolve) => (release = resolve));
      const takenAtWrite: number[] = [];
      writev.mockImplementation(async function (this: FileHandle, buffers: NodeJS.ArrayBufferView[]) {
        takenAtWrite.push(taken.chunks);
        // The first write finds the disk busy.
        if (takenAtWrite.length === 1) await diskBusy;
        return realWritev.call(this, buffers);
      });

      const staging = sut.stage(source, 'a.pdf', 10 * MB);
      try {
        // The first megabyte (16 chunks) went to the disk...
        await until(() => takenAtWrite.length === 1, 'the first write');
        // ...and the upload goes on: the second megabyte is received meanwhile...
        await until(() => taken.chunks >= 32, 'the second megabyte received during the first write');
        // ...and no further while two megabytes wait for the disk (the source reads one ahead).
        await turns(50);
        expect(taken.chunks).toBeLessThanOrEqual(34);
        expect(takenAtWrite).toHaveLength(1);
      } finally {
        release();
      }

      const staged = await staging;
      expect(readFileSync(staged.path).equals(bytes)).toBe(true);
      expect(staged.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
      expect(writev.mock.calls.length).toBe(4);
    });

    it('refuses the upload with the disk error of a write it did not wait for, and leaves nothing staged', async () => {
      const sut = new UploadStaging(root);
      const { source } = counted(randomBytes(3 * MB));
      writev.mockImplementationOnce(async () => {
        await turns(5);
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      });

      await expect(sut.stage(source, 'a.pdf', 10 * MB)).rejects.toMatchObject({ code: 'ENOSPC' });

      expect(readdirSync(join(root, 'tmp'))).toEqual([]);
    });

    it('leaves nothing staged when the upload breaks off while a write is under way', async () => {
      const sut = new UploadStaging(root);
      const source = Readable.from(
        (function* () {
          for (let i = 0; i < 20; i += 1) yield randomBytes(64 * 1024);
          throw Object.assign(new Error('aborted'), { code: 'ECONNRESET' });
        })(),
      );
      let release!: () => void;
      const diskBusy = new Promise<void>((resolve) => (release = resolve));
      writev.mockImplementation(async function (this: FileHandle, buffers: NodeJS.ArrayBufferView[]) {
        await diskBusy;
        return realWritev.call(this, buffers);
      });

      const staging = sut.stage(source, 'a.pdf', 10 * MB);
      const outcome = staging.then(
        () => 'staged',
        (error: { code?: string }) => error.code,
      );
      await turns(20);
      release();

      expect(await outcome).toBe('ECONNRESET');
      expect(readdirSync(join(root, 'tmp'))).toEqual([]);
    });
  });
});
