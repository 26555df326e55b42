import { type AvailableProducer, type ConsumerGrant, type PolicySnapshot, desiredConsumers } from '@ejustice/media-policy';
import { COURT, newCourtroom, withAnonymity, withEvidenceInPrivate } from '@ejustice/media-policy/testing/policy-snapshot.factory';
import { type EdgeCandidate, diffPipes, isViewerSeat, placeViewer, variantsToPipe } from './cascade-plan';

const node = (nodeId: string, consumers = 0, extra: Partial<EdgeCandidate> = {}): EdgeCandidate => ({
  nodeId,
  consumers,
  participants: 0,
  hearings: 0,
  workers: 1,
  ...extra,
});

describe('isViewerSeat', () => {
  it('is the public gallery only: anyone who may send media needs the origin', () => {
    expect(isViewerSeat('observer')).toBe(true);
    for (const role of ['judge', 'witness', 'victim', 'defendant', 'defence_counsel', 'interpreter', 'supporter'] as const)
      expect(isViewerSeat(role)).toBe(false);
  });
});

describe('placeViewer', () => {
  const base = { originNodeId: 'a', afterViewers: 2, viewersOnEdges: new Map<string, number>() };

  it('keeps viewers on the origin until it serves MEDIA_CASCADE_AFTER_VIEWERS of them', () => {
    expect(placeViewer({ ...base, viewersOnOrigin: 1, nodes: [node('a'), node('b')] })).toEqual({ nodeId: 'a', edge: false });
  });

  it('puts the next viewer on the least loaded other node, per worker', () => {
    const nodes = [node('a'), node('b', 90), node('c', 100, { workers: 2 })];
    expect(placeViewer({ ...base, viewersOnOrigin: 2, nodes })).toEqual({ nodeId: 'c', edge: true });
  });

  it('fills an edge already carrying the hearing before opening another (its pipes exist)', () => {
    const nodes = [node('a'), node('b', 500), node('c')];
    expect(placeViewer({ ...base, viewersOnOrigin: 2, viewersOnEdges: new Map([['b', 1]]), nodes })).toEqual({ nodeId: 'b', edge: true });
    expect(placeViewer({ ...base, viewersOnOrigin: 2, viewersOnEdges: new Map([['b', 2]]), nodes })).toEqual({ nodeId: 'c', edge: true });
  });

  it('never chooses a draining node, nor a linked edge that is gone', () => {
    const nodes = [node('a'), node('b', 0, { draining: true }), node('c', 10)];
    expect(placeViewer({ ...base, viewersOnOrigin: 5, viewersOnEdges: new Map([['d', 0]]), nodes })).toEqual({ nodeId: 'c', edge: true });
  });

  it('keeps the viewer on the origin when no other node can take them', () => {
    const nodes = [node('a'), node('b', 0, { draining: true })];
    expect(placeViewer({ ...base, viewersOnOrigin: 9, nodes })).toEqual({ nodeId: 'a', edge: false });
  });
});

/** The consumers the media node would hold, as the room computes them. */
function consumersOf(snapshot: PolicySnapshot, available: AvailableProducer[]): ConsumerGrant[] {
  return desiredConsumers(snapshot, available);
}

describe('variantsToPipe', () => {
  const everyone = (snapshot: PolicySnapshot, anonymisedOf: string[]): AvailableProducer[] =>
    snapshot.participants.flatMap((p) =>
      (['audio', 'video'] as const).flatMap((kind) => [
        { sourceId: p.id, kind, variant: 'raw' as const },
        ...(anonymisedOf.includes(p.id) ? [{ sourceId: p.id, kind, variant: 'anonymised' as const }] : []),
      ]),
    );

  it('pipes to the gallery’s edge the anonymised witness only, never her raw producer', () => {
    const court = withAnonymity(newCourtroom(), COURT.witness);
    const consumers = consumersOf(court, everyone(court, [COURT.witness]));
    const piped = variantsToPipe(consumers, (viewer) => (viewer === COURT.observer ? 'edge-b' : null));
    const toB = piped.get('edge-b') ?? [];
    expect(toB.filter((v) => v.sourceId === COURT.witness).map((v) => v.variant)).toEqual(['anonymised', 'anonymised']);
    expect(toB.some((v) => v.sourceId === COURT.witness && v.variant === 'raw')).toBe(false);
    // Everyone else the gallery sees and hears, raw.
    expect(toB.some((v) => v.sourceId === COURT.judge && v.variant === 'raw')).toBe(true);
  });

  it('pipes her raw producer to an edge only where a viewer there may receive it', () => {
    const court = withAnonymity(newCourtroom(), COURT.witness);
    const consumers = consumersOf(court, everyone(court, [COURT.witness]));
    // The judge (entitled to her raw picture and voice) on edge c, the gallery on edge b.
    const piped = variantsToPipe(consumers, (viewer) => (viewer === COURT.observer ? 'b' : viewer === COURT.judge ? 'c' : null));
    expect((piped.get('c') ?? []).filter((v) => v.sourceId === COURT.witness).map((v) => v.variant)).toEqual(['raw', 'raw']);
    expect((piped.get('b') ?? []).filter((v) => v.sourceId === COURT.witness).map((v) => v.variant)).toEqual(['anonymised', 'anonymised']);
  });

  it('pipes nothing to the gallery’s edge while evidence is heard in private', () => {
    const court = withEvidenceInPrivate(withAnonymity(newCourtroom(), COURT.witness));
    const consumers = consumersOf(court, everyone(court, [COURT.witness]));
    expect(variantsToPipe(consumers, (viewer) => (viewer === COURT.observer ? 'b' : null)).get('b')).toBeUndefined();
  });

  it('needs no pipe for viewers on the origin', () => {
    const court = newCourtroom();
    expect(variantsToPipe(consumersOf(court, everyone(court, [])), () => null).size).toBe(0);
  });
});

describe('diffPipes', () => {
  it('unpipes what no edge viewer receives any more and pipes what one now does', () => {
    expect(diffPipes(['p1', 'p2'], ['p2', 'p3'])).toEqual({ unpipe: ['p1'], pipe: ['p3'] });
    expect(diffPipes([], [])).toEqual({ unpipe: [], pipe: [] });
  });
});
