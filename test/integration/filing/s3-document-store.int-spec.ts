import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import { S3DocumentStore } from '@ejustice/filing';
import { type RunningApi, type TestUser, closeTestDb, createCourt, createUser, login, startApiServer } from '@ejustice/testing';
import { download, filesUnder, makePdf, openingMetadata, submitFiling } from '../../e2e/filing/filing-support';

const BUCKET = 'ejustice-documents';

async function streamToBuffer(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.from(c as Buffer));
  return Buffer.concat(chunks);
}

describe('documents in an S3-compatible store (s3rver, in-process)', () => {
  let s3: S3rver;
  let endpoint: string;
  let staging: string;

  beforeAll(async () => {
    s3 = new S3rver({
      port: 0,
      address: '127.0.0.1',
      silent: true,
      directory: mkdtempSync(join(tmpdir(), 's3rver-')),
      configureBuckets: [{ name: BUCKET, configs: [] }],
    });
    const address = await s3.run();
    endpoint = `http://127.0.0.1:${address.port}`;
    staging = mkdtempSync(join(tmpdir(), 's3-staging-'));
  });

  afterAll(async () => {
    await s3.close();
    await closeTestDb();
  });

  it('puts a staged file under its content address, reads it back, lists and removes it', async () => {
    const sut = new S3DocumentStore({
      endpoint,
      region: 'us-east-1',
      bucket: BUCKET,
      accessKeyId: 'S3RVER',
      secretAccessKey: 'S3RVER',
      forcePathStyle: true,
    });
    try {
      const bytes = await makePdf({ text: randomUUID() });
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const path = join(staging, `${randomUUID()}.part`);
      writeFileSync(path, bytes);
      const key = await sut.put({ path, sha256, sizeBytes: bytes.length, fileName: 'a.pdf' });
      expect(key).toBe(`documents/${sha256.slice(0, 2)}/${sha256}`);
      expect(filesUnder(staging)).toEqual([]);
      expect(await sut.exists(key)).toBe(true);
      expect((await streamToBuffer(await sut.open(key))).equals(bytes)).toBe(true);
      const listed = [];
      for await (const o of sut.list()) listed.push(o.key);
      expect(listed).toContain(key);
      await sut.remove(key);
      expect(await sut.exists(key)).toBe(false);
    } finally {
      sut.destroy();
    }
  });

  describe('through the api', () => {
    let api: RunningApi;
    let filer: TestUser;

    beforeAll(async () => {
      const storage = mkdtempSync(join(tmpdir(), 's3-api-'));
      api = await startApiServer({
        env: {
          STORAGE_DIR: storage,
          STORAGE_BACKEND: 's3',
          S3_ENDPOINT: endpoint,
          S3_BUCKET: BUCKET,
          S3_ACCESS_KEY_ID: 'S3RVER',
          S3_SECRET_ACCESS_KEY: 'S3RVER',
        },
      });
      const court = await createCourt();
      filer = await createUser({ roles: ['party'], courtId: court.id });
    });

    afterAll(async () => {
      await api.close();
    });

    it('files a document into the S3 store and streams it back', async () => {
      const token = (await login(api.baseUrl, filer.email, filer.password)).accessToken;
      const pdf = await makePdf({ pages: 2 });
      const res = await submitFiling(api.baseUrl, token, openingMetadata(), [{ name: 'in-s3.pdf', bytes: pdf }]);
      expect(res.status).toBe(201);
      expect(filesUnder(api.config.storage.dir)).toEqual([]);
      const back = await download(api.baseUrl, token, res.body.documents[0].contentUrl);
      expect(back.status).toBe(200);
      expect(back.bytes.equals(pdf)).toBe(true);
    });
  });
});
