import type { SegmentProblem } from '../contract/recording-contract';

/** A segment as the audit chain registered it (`recording.segment_registered`): what the record must hold. */
export interface ChainSegment {
  /** The event's position in the chain. */
  readonly eventSeq: number;
  readonly segmentId: string;
  readonly trackId: string;
  readonly sequence: number;
  readonly sha256: string;
  readonly sizeBytes: number;
}

/** A segment the record holds now: its row, and the hash of the file its row names, as read back from the store. */
export interface FoundSegment {
  readonly segmentId: string;
  readonly trackId: string;
  readonly sequence: number;
  /** Null: the store has no file under the row's key. */
  readonly stored: { readonly sha256: string; readonly sizeBytes: number } | null;
}

export interface SegmentCheck {
  readonly trackId: string;
  readonly sequence: number;
  readonly segmentId: string | null;
  /** Null: present, in its place, with the registered hash. */
  readonly problem: SegmentProblem | null;
  readonly detail: string;
}

export interface RecordingVerdict {
  readonly ok: boolean;
  /** Every segment the chain registered, every gap in a track's numbering and every unregistered segment, by track and sequence. */
  readonly checks: readonly SegmentCheck[];
}

/**
 * Holds what the record holds against what the audit chain registered, segment by segment:
 * - missing: registered (or a gap between registered numbers of a track), but no row or no file;
 * - reordered: the file in this place has the bytes the chain registered for another segment
 *   (files swapped, or rows renumbered);
 * - altered: the file's bytes are no segment the chain registered (or its row is not the one registered);
 * - extra: a segment in the record that the chain never registered.
 * A pure function: the caller reads the chain and re-hashes the stored files.
 */
export function verifyRecording(chain: readonly ChainSegment[], found: readonly FoundSegment[]): RecordingVerdict {
  const key = (trackId: string, sequence: number) => `${trackId}#${sequence}`;
  const foundAt = new Map(found.map((f) => [key(f.trackId, f.sequence), f]));
  const registeredAt = new Map(chain.map((c) => [key(c.trackId, c.sequence), c]));
  const registeredBytes = new Map(chain.map((c) => [c.sha256, c]));
  const checks: SegmentCheck[] = [];

  for (const [trackId, numbers] of groupSequences(chain)) {
    for (let sequence = 0; sequence <= Math.max(...numbers); sequence++) {
      const registered = registeredAt.get(key(trackId, sequence));
      if (!registered) {
        checks.push({
          trackId,
          sequence,
          segmentId: foundAt.get(key(trackId, sequence))?.segmentId ?? null,
          problem: 'missing',
          detail: 'the audit chain registered later segments of this track but never this one',
        });
        continue;
      }
      checks.push(checkRegistered(registered, foundAt.get(key(trackId, sequence)), registeredBytes));
    }
  }
  for (const f of found) {
    if (registeredAt.has(key(f.trackId, f.sequence))) continue;
    // A gap reported above already names a row sitting in it.
    if (checks.some((c) => c.trackId === f.trackId && c.sequence === f.sequence)) continue;
    checks.push({
      trackId: f.trackId,
      sequence: f.sequence,
      segmentId: f.segmentId,
      problem: 'extra',
      detail: 'in the record, but the audit chain never registered it',
    });
  }
  checks.sort((a, b) => a.trackId.localeCompare(b.trackId) || a.sequence - b.sequence);
  return { ok: checks.every((c) => c.problem === null), checks };
}

function checkRegistered(
  registered: ChainSegment,
  found: FoundSegment | undefined,
  registeredBytes: ReadonlyMap<string, ChainSegment>,
): SegmentCheck {
  const at = { trackId: registered.trackId, sequence: registered.sequence, segmentId: registered.segmentId };
  if (!found)
    return { ...at, problem: 'missing', detail: `registered by audit event #${registered.eventSeq}, but the record has no such segment` };
  if (found.stored === null)
    return {
      ...at,
      problem: 'missing',
      detail: `registered by audit event #${registered.eventSeq}, but its file is not in the document store`,
    };
  if (found.stored.sha256 === registered.sha256 && found.stored.sizeBytes === registered.sizeBytes) {
    if (found.segmentId !== registered.segmentId) {
      return {
        ...at,
        problem: 'altered',
        detail: `its row (${found.segmentId}) is not the one audit event #${registered.eventSeq} registered`,
      };
    }
    return { ...at, problem: null, detail: `sha256 ${registered.sha256} as registered by audit event #${registered.eventSeq}` };
  }
  const other = registeredBytes.get(found.stored.sha256);
  if (other && other.segmentId !== registered.segmentId) {
    return {
      ...at,
      problem: 'reordered',
      detail: `holds the bytes the audit chain registered for segment ${other.sequence} of track ${shortId(other.trackId)} (event #${other.eventSeq})`,
    };
  }
  return {
    ...at,
    problem: 'altered',
    detail: `its file's sha256 is ${found.stored.sha256} (${found.stored.sizeBytes} bytes), audit event #${registered.eventSeq} registered ${registered.sha256} (${registered.sizeBytes} bytes)`,
  };
}

function groupSequences(chain: readonly ChainSegment[]): Map<string, number[]> {
  const tracks = new Map<string, number[]>();
  for (const c of chain) tracks.set(c.trackId, [...(tracks.get(c.trackId) ?? []), c.sequence]);
  return tracks;
}

export function shortId(id: string): string {
  return id.slice(0, 8);
}
