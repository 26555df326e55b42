import { createReadStream } from 'node:fs';
import { unlink } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { type AppConfig, auditCheckpointKey, auditCheckpointPrefix, isAuditCheckpointName } from '@ejustice/platform';
import { DocumentStore, type StagedFile, type StoredObject } from './document-store';

/**
 * Documents in an S3-compatible store, under the same content-addressed keys as on disk. A put is
 * atomic in S3 (an object appears whole or not at all) and durable once acknowledged; the staged
 * file is removed after the upload.
 */
export class S3DocumentStore extends DocumentStore {
  readonly backend = 's3' as const;
  private readonly client: S3Client;
  private readonly bucket: string;

  constructor(config: AppConfig['storage']['s3']) {
    super();
    this.bucket = config.bucket;
    this.client = new S3Client({
      region: config.region,
      endpoint: config.endpoint,
      forcePathStyle: config.forcePathStyle,
      // Newer SDKs send streamed bodies as aws-chunked with a trailing CRC checksum, which many
      // S3-compatible stores do not understand (they would store the chunk framing as content).
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      credentials:
        config.accessKeyId && config.secretAccessKey
          ? { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey }
          : undefined,
    });
  }

  async put(file: StagedFile): Promise<string> {
    const key = DocumentStore.keyFor(file.sha256);
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: key,
        Body: createReadStream(file.path),
        ContentLength: file.sizeBytes,
        ContentType: 'application/pdf',
        Metadata: { sha256: file.sha256 },
      }),
    );
    await unlink(file.path).catch(() => undefined);
    return key;
  }

  async open(key: string): Promise<Readable> {
    const out = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
    return out.Body as Readable;
  }

  async exists(key: string): Promise<boolean> {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return true;
    } catch (error) {
      if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) return false;
      throw error;
    }
  }

  async remove(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }

  async *list(): AsyncIterable<StoredObject> {
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({ Bucket: this.bucket, Prefix: 'documents/', ContinuationToken: token }),
      );
      for (const o of page.Contents ?? []) {
        if (o.Key && /^documents\/[0-9a-f]{2}\/[0-9a-f]{64}$/.test(o.Key)) yield { key: o.Key, modifiedAt: o.LastModified ?? new Date(0) };
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  async putCheckpoint(chain: string, name: string, body: Buffer): Promise<void> {
    await this.client.send(
      new PutObjectCommand({ Bucket: this.bucket, Key: auditCheckpointKey(chain, name), Body: body, ContentType: 'application/json' }),
    );
  }

  async getCheckpoint(chain: string, name: string): Promise<Buffer> {
    const out = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: auditCheckpointKey(chain, name) }));
    return Buffer.from(await (out.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray());
  }

  async listCheckpoints(chain: string): Promise<string[]> {
    const prefix = auditCheckpointPrefix(chain);
    const names: string[] = [];
    let token: string | undefined;
    do {
      const page = await this.client.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, ContinuationToken: token }));
      for (const o of page.Contents ?? []) {
        const name = o.Key?.slice(prefix.length) ?? '';
        if (isAuditCheckpointName(name)) names.push(name);
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return names;
  }

  destroy(): void {
    this.client.destroy();
  }
}
