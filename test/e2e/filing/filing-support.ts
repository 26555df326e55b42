import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { type HttpResult, http, testDb } from '@ejustice/testing';

/** A fresh storage directory per test file, so file-system assertions see only that file's uploads. */
export function freshStorageDir(label: string): string {
  return mkdtempSync(join(tmpdir(), `ejustice-filing-${label}-`));
}

/** Every file under a directory (recursively), relative paths. */
export function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string, prefix: string) => {
    let entries: string[];
    try {
      entries = readdirSync(d);
    } catch {
      return;
    }
    for (const name of entries) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p, `${prefix}${name}/`);
      else out.push(`${prefix}${name}`);
    }
  };
  walk(dir, '');
  return out.sort();
}

/** A small real PDF with text, made in the test; `padTo` grows it to about that size with a stream of incompressible bytes. */
export async function makePdf(options: { pages?: number; text?: string; padTo?: number } = {}): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 0; i < (options.pages ?? 1); i++) {
    const page = doc.addPage([595, 842]);
    page.drawText(`${options.text ?? 'Test document'} - page ${i + 1} - ${randomUUID()}`, { x: 50, y: 780, size: 12, font });
  }
  if (options.padTo) {
    const base = (await doc.save()).length;
    const pad = Math.max(0, options.padTo - base - 200);
    const stream = doc.context.stream(Buffer.from(Array.from({ length: pad }, (_, i) => (i * 2654435761) >>> 24)), {});
    doc.context.register(stream);
  }
  return Buffer.from(await doc.save());
}

export interface UploadFile {
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly type?: string;
}

/** Sends a filing as the browser does: multipart, metadata first, then the documents in order. */
export async function submitFiling(
  baseUrl: string,
  token: string,
  metadata: unknown,
  files: readonly UploadFile[],
  options: { key?: string | null; metadataLast?: boolean } = {},
): Promise<HttpResult> {
  const form = new FormData();
  const meta = typeof metadata === 'string' ? metadata : JSON.stringify(metadata);
  if (!options.metadataLast) form.append('metadata', meta);
  for (const f of files) form.append('documents', new Blob([Buffer.from(f.bytes)], { type: f.type ?? 'application/pdf' }), f.name);
  if (options.metadataLast) form.append('metadata', meta);
  const key = options.key === undefined ? randomUUID() : options.key;
  const res = await fetch(`${baseUrl}/api/filings`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, ...(key === null ? {} : { 'idempotency-key': key }) },
    body: form,
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON
  }
  return { status: res.status, body, headers: res.headers };
}

export async function download(baseUrl: string, token: string, path: string): Promise<{ status: number; bytes: Buffer; headers: Headers }> {
  const res = await fetch(`${baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()), headers: res.headers };
}

export async function countRows(
  table: 'filings' | 'filing_documents' | 'document_blobs' | 'filing_parties' | 'filing_status_history',
  where = 'true',
  params: unknown[] = [],
): Promise<number> {
  const { rows } = await testDb().query(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`, params);
  return rows[0].n;
}

/**
 * Records every response an e2e suite receives, with who asked, so an afterAll can prove that no
 * protected person's real name ever reached a viewer not entitled to it, in any response.
 */
export class ResponseRecorder {
  private readonly seen: { viewer: string; entitled: boolean; method: string; path: string; text: string }[] = [];

  constructor(private readonly baseUrl: string) {}

  async call(
    viewer: { label: string; token: string; entitled: boolean },
    method: string,
    path: string,
    body?: unknown,
  ): Promise<HttpResult> {
    const res = await http(this.baseUrl, method, path, { token: viewer.token, body });
    this.seen.push({
      viewer: viewer.label,
      entitled: viewer.entitled,
      method,
      path,
      text: typeof res.body === 'string' ? res.body : JSON.stringify(res.body ?? ''),
    });
    return res;
  }

  record(viewer: { label: string; entitled: boolean }, method: string, path: string, text: string): void {
    this.seen.push({ viewer: viewer.label, entitled: viewer.entitled, method, path, text });
  }

  get count(): number {
    return this.seen.length;
  }

  /** The responses to unentitled viewers that contain any of the names (whole name or any part of it). */
  leaks(realNames: readonly string[]): { viewer: string; path: string; name: string }[] {
    const parts = realNames.flatMap((n) => [n, ...n.split(/\s+/).filter((p) => p.length >= 3)]);
    const out: { viewer: string; path: string; name: string }[] = [];
    for (const r of this.seen.filter((s) => !s.entitled)) {
      for (const p of parts)
        if (r.text.toLowerCase().includes(p.toLowerCase())) out.push({ viewer: r.viewer, path: `${r.method} ${r.path}`, name: p });
    }
    return out;
  }
}

export function openingMetadata(over: Record<string, unknown> = {}, documents = 1): Record<string, unknown> {
  return {
    filingType: 'petition',
    newCase: {
      caseType: 'civil',
      title: `Petition ${randomUUID().slice(0, 8)}`,
      confidentiality: 'public',
      parties: [
        { partyRole: 'petitioner', fullName: `Petitioner ${randomUUID().slice(0, 6)}`, isFiler: true },
        { partyRole: 'respondent', fullName: `Respondent ${randomUUID().slice(0, 6)}` },
      ],
    },
    title: 'Petition',
    confidentiality: 'public',
    documents: Array.from({ length: documents }, (_, i) => ({ title: i === 0 ? 'Petition' : `Exhibit ${i}` })),
    ...over,
  };
}
