import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UploadStaging } from '@ejustice/filing/storage/upload-staging';
import { RecordingSpool } from './recording-spool';

describe('RecordingSpool', () => {
  let root: string;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'ejustice-spool-'));
  });

  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('stages a segment ffmpeg finished long ago as young: the orphan sweep does not take it before it is stored', async () => {
    // A media node that restarts registers what its ffmpeg finished before it went down, maybe
    // hours ago. The staged name is a hard link to that file; the orphan sweep removes staged
    // uploads older than its grace, judged by their age on disk.
    const staging = new UploadStaging(join(root, 'storage'));
    const spool = new RecordingSpool(join(root, 'spool'), staging.dir);
    mkdirSync(spool.dir);
    const segment = join(spool.dir, 'segment-000001.webm');
    const bytes = randomBytes(4096);
    writeFileSync(segment, bytes);
    const hoursAgo = new Date(Date.now() - 3 * 3_600_000);
    utimesSync(segment, hoursAgo, hoursAgo);

    const staged = await spool.stage(segment);

    const swept: string[] = [];
    for await (const path of staging.stale(new Date(Date.now() - 60_000))) swept.push(path);
    expect(swept).toEqual([]);
    expect(staged.path.startsWith(staging.dir)).toBe(true);
    expect(readFileSync(staged.path).equals(bytes)).toBe(true);
    expect(statSync(segment).isFile()).toBe(true);
  });
});
