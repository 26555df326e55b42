import { type ChainSegment, type FoundSegment, verifyRecording } from './verify-recording';

const T = 'aaaaaaaa-0000-4000-8000-000000000001';
const U = 'bbbbbbbb-0000-4000-8000-000000000002';
const sha = (n: number) => n.toString(16).padStart(64, '0');

function chained(trackId: string, sequence: number, n: number): ChainSegment {
  return { eventSeq: 100 + n, segmentId: `seg-${n}`, trackId, sequence, sha256: sha(n), sizeBytes: 1000 + n };
}

function intact(c: ChainSegment): FoundSegment {
  return { segmentId: c.segmentId, trackId: c.trackId, sequence: c.sequence, stored: { sha256: c.sha256, sizeBytes: c.sizeBytes } };
}

describe('verifyRecording', () => {
  const chain = [chained(T, 0, 1), chained(T, 1, 2), chained(T, 2, 3), chained(U, 0, 4)];

  it('passes a record that holds every registered segment, in place, with its hash', () => {
    const sut = verifyRecording(chain, chain.map(intact));
    expect(sut.ok).toBe(true);
    expect(sut.checks.map((c) => [c.trackId, c.sequence, c.problem])).toEqual([
      [T, 0, null],
      [T, 1, null],
      [T, 2, null],
      [U, 0, null],
    ]);
    expect(sut.checks[0].detail).toContain('audit event #101');
  });

  it('passes an empty recording', () => {
    expect(verifyRecording([], [])).toEqual({ ok: true, checks: [] });
  });

  it('names a segment whose file is gone, or whose row is gone, as missing', () => {
    const found = chain.map(intact);
    found[1] = { ...found[1], stored: null };
    const sut = verifyRecording(
      chain,
      found.filter((f) => f.segmentId !== 'seg-4'),
    );
    expect(sut.ok).toBe(false);
    expect(sut.checks.filter((c) => c.problem).map((c) => [c.segmentId, c.problem, c.detail])).toEqual([
      ['seg-2', 'missing', 'registered by audit event #102, but its file is not in the document store'],
      ['seg-4', 'missing', 'registered by audit event #104, but the record has no such segment'],
    ]);
  });

  it('names an altered file, and a row that is not the registered one', () => {
    const found = chain.map(intact);
    found[2] = { ...found[2], stored: { sha256: sha(99), sizeBytes: 1003 } };
    found[3] = { ...found[3], segmentId: 'impostor' };
    const sut = verifyRecording(chain, found);
    expect(sut.checks.filter((c) => c.problem).map((c) => [c.trackId, c.sequence, c.problem])).toEqual([
      [T, 2, 'altered'],
      [U, 0, 'altered'],
    ]);
    expect(sut.checks.find((c) => c.sequence === 2)?.detail).toContain(`its file's sha256 is ${sha(99)}`);
  });

  it('names two swapped segments as reordered, each saying whose bytes it holds', () => {
    const found = chain.map(intact);
    [found[0], found[1]] = [
      { ...found[0], stored: found[1].stored },
      { ...found[1], stored: found[0].stored },
    ];
    const sut = verifyRecording(chain, found);
    expect(sut.checks.filter((c) => c.problem).map((c) => [c.segmentId, c.problem, c.detail])).toEqual([
      ['seg-1', 'reordered', 'holds the bytes the audit chain registered for segment 1 of track aaaaaaaa (event #102)'],
      ['seg-2', 'reordered', 'holds the bytes the audit chain registered for segment 0 of track aaaaaaaa (event #101)'],
    ]);
  });

  it('names a segment the chain never registered as extra, and a gap in a track as missing', () => {
    const withGap = chain.filter((c) => !(c.trackId === T && c.sequence === 1));
    const found = [...withGap.map(intact), { segmentId: 'smuggled', trackId: U, sequence: 1, stored: { sha256: sha(50), sizeBytes: 9 } }];
    const sut = verifyRecording(withGap, found);
    expect(sut.checks.filter((c) => c.problem).map((c) => [c.trackId, c.sequence, c.segmentId, c.problem])).toEqual([
      [T, 1, null, 'missing'],
      [U, 1, 'smuggled', 'extra'],
    ]);
  });
});
