import { mkdtempSync, rmSync, utimesSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { type AppConfig, ManualClock } from '@ejustice/platform';
import { RecordingSpool } from './recording-spool';
import { SweepRecordingSpool } from './sweep-recording-spool.use-case';

/**
 * The sweep's own decisions, on a real spool directory; the database is a stand-in that knows
 * no segment (the real one is in test/integration/recording/spool-sweep.int-spec.ts).
 */
describe('SweepRecordingSpool', () => {
  let root: string;
  const config = { filing: { orphanGraceMinutes: 60 }, recording: { spoolGraceMinutes: 1440 } } as AppConfig;
  const noSegments = { query: async () => [] } as unknown as DataSource;
  const daysAgo = (d: number) => new Date(Date.now() - d * 86_400_000);

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'ejustice-spool-sweep-'));
  });

  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('goes on past a file that went while it looked (its registration removed it, or another sweep did)', async () => {
    const abandoned = join(root, 'abandoned.webm');
    writeFileSync(abandoned, 'never registered');
    utimesSync(abandoned, daysAgo(2), daysAgo(2));
    const gone = join(root, 'gone.webm');
    // Listed as stale, removed before the sweep hashed it.
    class VanishingSpool extends RecordingSpool {
      override async *stale(cutoff: Date) {
        yield { path: gone, modifiedAt: daysAgo(2) };
        yield* super.stale(cutoff);
      }
    }
    const sut = new SweepRecordingSpool(noSegments, new VanishingSpool(root, join(root, 'staging')), new ManualClock(), config);

    await expect(sut.execute()).resolves.toEqual({ registered: 0, abandoned: 1 });
    expect(existsSync(abandoned)).toBe(false);
  });
});
