/*
 * After the last kill: read everything back (rows, and the stored files hashed afresh), count the
 * orphans, run the orphan sweep with its cut-off at now, and call the audit chain's verifier.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { LocalDocumentStore, SweepOrphanDocuments, UploadStaging } from '@ejustice/filing';
import { Clock, loadConfig } from '@ejustice/platform';
import type { Snapshot } from './consistency';

const run = promisify(execFile);

export async function readSnapshot(databaseUrl: string, storageDir: string): Promise<Snapshot> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const filings = (
      await db.query(
        `SELECT id, filer_user_id, idempotency_key, status, opens_case, case_id, claimed_by, decided_by, decided_at FROM filings`,
      )
    ).rows.map((r) => ({
      id: r.id,
      filerUserId: r.filer_user_id,
      idempotencyKey: r.idempotency_key,
      status: r.status,
      opensCase: r.opens_case,
      caseId: r.case_id,
      claimedBy: r.claimed_by,
      decidedBy: r.decided_by,
      decidedAt: r.decided_at,
    }));
    const documents = (
      await db.query(`SELECT filing_id, position, sha256, size_bytes, review_status, docket_entry_id FROM filing_documents`)
    ).rows.map((r) => ({
      filingId: r.filing_id,
      position: r.position,
      sha256: r.sha256,
      sizeBytes: Number(r.size_bytes),
      reviewStatus: r.review_status,
      docketEntryId: r.docket_entry_id,
    }));
    const blobs = (await db.query(`SELECT sha256, size_bytes, storage_key FROM document_blobs`)).rows.map((r) => ({
      sha256: r.sha256,
      sizeBytes: Number(r.size_bytes),
      storageKey: r.storage_key,
    }));
    const history = (await db.query(`SELECT filing_id, seq, action, from_status, to_status FROM filing_status_history`)).rows.map((r) => ({
      filingId: r.filing_id,
      seq: r.seq,
      action: r.action,
      fromStatus: r.from_status,
      toStatus: r.to_status,
    }));
    const audit = (await db.query(`SELECT action, subject_id FROM audit_events WHERE subject_type = 'filing'`)).rows.map((r) => ({
      action: r.action,
      filingId: r.subject_id,
    }));
    const notifications = (await db.query(`SELECT filing_id, kind FROM notification_events`)).rows.map((r) => ({
      filingId: r.filing_id,
      kind: r.kind,
    }));
    const caseIds = new Set((await db.query(`SELECT id FROM cases`)).rows.map((r) => r.id as string));
    const docketEntryIds = new Set((await db.query(`SELECT id FROM docket_entries`)).rows.map((r) => r.id as string));
    const files = new Map<string, { sha256: string; sizeBytes: number } | null>();
    for (const b of blobs) files.set(b.storageKey, await hashFile(join(storageDir, b.storageKey)));
    return { filings, documents, blobs, files, history, audit, notifications, caseIds, docketEntryIds };
  } finally {
    await db.end();
  }
}

async function hashFile(path: string): Promise<{ sha256: string; sizeBytes: number } | null> {
  try {
    const hash = createHash('sha256');
    let size = 0;
    for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
      hash.update(chunk);
      size += chunk.length;
    }
    return { sha256: hash.digest('hex'), sizeBytes: size };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

export interface OrphanCount {
  /** Files under documents/ that no document_blobs row names. */
  readonly stored: number;
  /** Files left in the staging area (tmp/). */
  readonly staged: number;
  readonly storedBytes: number;
}

export async function countOrphans(databaseUrl: string, storageDir: string): Promise<OrphanCount> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  let keys: Set<string>;
  try {
    keys = new Set((await db.query(`SELECT storage_key FROM document_blobs`)).rows.map((r) => r.storage_key as string));
  } finally {
    await db.end();
  }
  let stored = 0;
  let storedBytes = 0;
  for (const key of await filesUnder(join(storageDir, 'documents'), 'documents')) {
    if (keys.has(key)) continue;
    stored += 1;
    storedBytes += (await stat(join(storageDir, key))).size;
  }
  const staged = (await filesUnder(join(storageDir, 'tmp'), 'tmp')).length;
  return { stored, staged, storedBytes };
}

async function filesUnder(dir: string, prefix: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return [];
    throw e;
  });
  const out: string[] = [];
  for (const e of entries) {
    if (e.isDirectory()) out.push(...(await filesUnder(join(dir, e.name), `${prefix}/${e.name}`)));
    else out.push(`${prefix}/${e.name}`);
  }
  return out;
}

/** "Now", moved past the grace period: the sweep then takes everything without a row, as with a grace of 0. */
class PastTheGraceClock extends Clock {
  constructor(private readonly graceMs: number) {
    super();
  }

  now(): Date {
    return new Date(Date.now() + this.graceMs + 1000);
  }
}

/**
 * The worker's orphan sweep (SweepOrphanDocuments, as its `sweep-orphan-documents` job runs it),
 * on the api's configuration, with its cut-off at the present: the api is stopped, so no upload
 * is in flight and every file without a row is an orphan.
 */
export async function sweepOrphans(apiEnv: NodeJS.ProcessEnv): Promise<{ documents: number; staged: number }> {
  const config = loadConfig(apiEnv);
  const ds = await new DataSource({ type: 'postgres', url: config.database.appUrl, logging: ['error'] }).initialize();
  try {
    const sweep = new SweepOrphanDocuments(
      ds,
      new LocalDocumentStore(config.storage.dir),
      new UploadStaging(config.storage.dir),
      new PastTheGraceClock(config.filing.orphanGraceMinutes * 60_000),
      config,
    );
    return await sweep.execute();
  } finally {
    await ds.destroy();
  }
}

/** `./ejustice audit-verify` as built (dist/scripts/audit-verify.js), on the api's environment. */
export async function verifyAuditChain(root: string, apiEnv: NodeJS.ProcessEnv): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [join(root, 'dist/scripts/audit-verify.js')], {
      env: apiEnv,
      timeout: 300_000,
      maxBuffer: 16 * 1024 * 1024,
    });
    return { code: 0, output: `${stdout}${stderr}`.trim() };
  } catch (error) {
    const e = error as { code?: number | string; stdout?: string; stderr?: string; message: string };
    return { code: typeof e.code === 'number' ? e.code : 1, output: `${e.stdout ?? ''}${e.stderr ?? ''}`.trim() || e.message };
  }
}
