/*
 * The filing benchmark's second baseline: the least an HTTP server can do with a filing and still
 * keep it. A plain Node server (its own process, as the api is) that streams each request's body
 * to a file while hashing it, a megabyte per write as the api's staging does, fsyncs it, renames it
 * to its hash and answers 201. No multipart parsing, no PDF check, no database, no audit: what the
 * api takes beyond this is the price of those; what this takes beyond the disk baseline is the
 * price of HTTP on the same machine. Started by run.ts, which reads the port from its first line.
 *
 *   node dist/bench/filing/bare-server.js <dir>
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { open, rename } from 'node:fs/promises';
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import { join } from 'node:path';

const WRITE_BATCH_BYTES = 1024 * 1024;

async function keep(req: IncomingMessage, dir: string): Promise<string> {
  const hash = createHash('sha256');
  const path = join(dir, `${randomUUID()}.part`);
  const handle = await open(path, 'wx', 0o600);
  try {
    let batch: Buffer[] = [];
    let bytes = 0;
    for await (const chunk of req as AsyncIterable<Buffer>) {
      hash.update(chunk);
      batch.push(chunk);
      bytes += chunk.length;
      if (bytes >= WRITE_BATCH_BYTES) {
        await handle.writev(batch);
        batch = [];
        bytes = 0;
      }
    }
    if (batch.length > 0) await handle.writev(batch);
    await handle.sync();
  } finally {
    await handle.close();
  }
  const sha256 = hash.digest('hex');
  await rename(path, join(dir, sha256));
  return sha256;
}

function main(): void {
  const dir = process.argv[2];
  if (!dir) throw new Error('usage: bare-server.js <dir>');
  mkdirSync(dir, { recursive: true });
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    keep(req, dir).then(
      (sha256) => {
        res.writeHead(201, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ sha256 }));
      },
      (error: unknown) => {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(String(error));
      },
    );
  });
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    if (address && typeof address === 'object') process.stdout.write(`${address.port}\n`);
  });
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
}

main();
