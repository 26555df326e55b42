import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import { auditCheckpointName, signAuditCheckpoint } from '@ejustice/platform';
import { type DocumentStore, LocalDocumentStore, S3DocumentStore } from '@ejustice/filing';

const BUCKET = 'ejustice-documents';
const key = generateKeyPairSync('ed25519');

function checkpoint(seq: number) {
  const cp = signAuditCheckpoint({ chain: 'court_a', seq, headHash: 'ab'.repeat(32) }, new Date(Date.UTC(2026, 10, 28, 9, seq)), key);
  return { name: auditCheckpointName(cp), body: Buffer.from(JSON.stringify(cp)) };
}

/** The same contract on disk and in S3: the worker writes checkpoints through whichever is configured. */
describe.each(['local', 's3'] as const)('audit checkpoints in the %s document store (integration)', (backend) => {
  let s3: S3rver | undefined;
  let dir: string;
  let sut: DocumentStore;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), `checkpoint-store-${backend}-`));
    if (backend === 'local') {
      sut = new LocalDocumentStore(dir);
      return;
    }
    s3 = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: dir, configureBuckets: [{ name: BUCKET, configs: [] }] });
    const address = await s3.run();
    sut = new S3DocumentStore({
      endpoint: `http://127.0.0.1:${address.port}`,
      region: 'us-east-1',
      bucket: BUCKET,
      accessKeyId: 'S3RVER',
      secretAccessKey: 'S3RVER',
      forcePathStyle: true,
    });
  });

  afterAll(async () => {
    if (sut instanceof S3DocumentStore) sut.destroy();
    await s3?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores checkpoints per chain, reads them back and lists them', async () => {
    await expect(sut.listCheckpoints('court_a')).resolves.toEqual([]);
    const [a, b] = [checkpoint(1), checkpoint(2)];
    await sut.putCheckpoint('court_a', a.name, a.body);
    await sut.putCheckpoint('court_a', b.name, b.body);
    expect((await sut.listCheckpoints('court_a')).sort()).toEqual([a.name, b.name]);
    expect((await sut.getCheckpoint('court_a', b.name)).equals(b.body)).toBe(true);
    await expect(sut.listCheckpoints('court_b')).resolves.toEqual([]);
  });

  it('keeps checkpoints out of the documents the orphan sweep lists', async () => {
    const listed: string[] = [];
    for await (const o of sut.list()) listed.push(o.key);
    expect(listed).toEqual([]);
  });

  it('refuses names that could leave the checkpoint folder', async () => {
    await expect(sut.putCheckpoint('..', checkpoint(3).name, Buffer.from('{}'))).rejects.toThrow(/Not an audit chain name/);
    await expect(sut.putCheckpoint('court_a', '../documents/x.json', Buffer.from('{}'))).rejects.toThrow(/Not an audit checkpoint name/);
  });

  if (backend === 'local') {
    it('never overwrites a checkpoint on disk', async () => {
      const c = checkpoint(4);
      await sut.putCheckpoint('court_a', c.name, c.body);
      await expect(sut.putCheckpoint('court_a', c.name, Buffer.from('{"forged":true}'))).rejects.toThrow(/EEXIST/);
      expect((await sut.getCheckpoint('court_a', c.name)).equals(c.body)).toBe(true);
      expect((await sut.listCheckpoints('court_a')).sort()).toHaveLength(3);
    });
  }
});
