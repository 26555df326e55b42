import type { RecordingTrackView, RecordingView } from '@ejustice/recording/contract/recording-contract';
import { ApiError } from '../../api/problem';
import { buildTimeline, formatOffset, isForbidden, trackEndMs, verificationOutcome } from './recording-timeline';

const T0 = '2026-12-06T09:00:00.000Z';
const at = (seconds: number) => new Date(Date.parse(T0) + seconds * 1000).toISOString();

function track(over: Partial<RecordingTrackView> & Pick<RecordingTrackView, 'id' | 'participantId'>): RecordingTrackView {
  return {
    role: 'witness',
    participantName: null,
    source: 'microphone',
    kind: 'audio',
    startedAt: T0,
    endedAt: null,
    segments: [],
    ...over,
  };
}

const segment = (id: string, sequence: number, offsetS: number, durationS: number) => ({
  id,
  sequence,
  offsetMs: offsetS * 1000,
  durationMs: durationS * 1000,
  sizeBytes: 1000,
  sha256: 'a'.repeat(64),
  mediaUrl: `/api/recording-segments/${id}/media`,
});

function recording(tracks: RecordingTrackView[], stoppedAt: string | null = at(200)): RecordingView {
  return { id: 'r1', status: stoppedAt ? 'stopped' : 'running', startedAt: T0, stoppedAt, tracks };
}

describe('buildTimeline', () => {
  const judgeMic = track({
    id: 't-judge-mic',
    participantId: 'judge',
    role: 'judge',
    participantName: 'Judge Amina Benali',
    endedAt: at(100),
    segments: [segment('s2', 1, 60, 40), segment('s1', 0, 0, 60)],
  });
  const judgeCam = track({ id: 't-judge-cam', participantId: 'judge', role: 'judge', source: 'camera', kind: 'video', endedAt: at(100) });
  // After a recess: a new track of the same microphone.
  const witnessMic = track({
    id: 't-w-mic',
    participantId: 'w',
    startedAt: at(150),
    endedAt: at(200),
    segments: [segment('s3', 0, 0, 50)],
  });

  it('gives one lane per participant, named as the api names them (null: the role is said)', () => {
    const sut = buildTimeline(recording([judgeCam, judgeMic, witnessMic]));

    expect(sut.lanes.map((lane) => [lane.participantId, lane.role, lane.participantName])).toEqual([
      ['judge', 'judge', 'Judge Amina Benali'],
      ['w', 'witness', null],
    ]);
  });

  it('puts the voice before the picture in a lane, and the segments in their order', () => {
    const [judge] = buildTimeline(recording([judgeCam, judgeMic])).lanes;

    expect(judge?.tracks.map((t) => t.id)).toEqual(['t-judge-mic', 't-judge-cam']);
    expect(judge?.tracks[0]?.segments.map((s) => [s.id, s.startMs])).toEqual([
      ['s1', 0],
      ['s2', 60_000],
    ]);
  });

  it('places the tracks on one axis from the recording start, with the gap of a recess', () => {
    const sut = buildTimeline(recording([judgeMic, witnessMic]));
    const witness = sut.lanes[1]?.tracks[0];

    expect(sut.spanMs).toBe(200_000);
    expect(sut.lanes[0]?.tracks[0]).toMatchObject({ startMs: 0, endMs: 100_000, leftPercent: 0, widthPercent: 50 });
    expect(witness).toMatchObject({ startMs: 150_000, endMs: 200_000, leftPercent: 75, widthPercent: 25 });
    expect(witness?.segments[0]?.startMs).toBe(150_000);
  });

  it('ends a running track at its last finished segment', () => {
    const running = track({ id: 't', participantId: 'w', segments: [segment('a', 0, 0, 60), segment('b', 1, 60, 30)] });
    expect(trackEndMs(running)).toBe(Date.parse(T0) + 90_000);
    expect(buildTimeline(recording([running], null)).spanMs).toBe(90_000);
  });

  it('draws an empty recording (started, nothing finished yet) without dividing by zero', () => {
    const sut = buildTimeline(recording([], null));
    expect(sut).toEqual({ spanMs: 1, lanes: [] });
  });
});

describe('formatOffset', () => {
  it('says minutes and seconds, and hours when there are any', () => {
    expect(formatOffset(0)).toBe('0:00');
    expect(formatOffset(247_900)).toBe('4:07');
    expect(formatOffset(3_909_000)).toBe('1:05:09');
  });
});

describe('verificationOutcome', () => {
  const base = { hearingId: 'h', checkedAt: at(300), segmentsChecked: 3, chain: { intact: true, detail: 'intact' } };

  it('is ok only when the server says so and names nothing', () => {
    expect(verificationOutcome({ ...base, ok: true, problems: [] })).toEqual({ kind: 'ok', segmentsChecked: 3, checkedAt: at(300) });
  });

  it('lists every named problem otherwise', () => {
    const problems = [
      { segment: 'track 3f2a (witness, microphone) segment 4', segmentId: 's4', problem: 'altered' as const, detail: 'hash differs' },
    ];
    expect(verificationOutcome({ ...base, ok: false, problems })).toMatchObject({ kind: 'problems', chainBroken: null, problems });
    expect(verificationOutcome({ ...base, ok: true, problems })).toMatchObject({ kind: 'problems', problems });
  });

  it('says when the audit chain itself is broken, even with no segment named', () => {
    const chain = { intact: false, detail: 'event 41 does not follow event 40' };
    expect(verificationOutcome({ ...base, ok: false, chain, problems: [] })).toEqual({
      kind: 'problems',
      segmentsChecked: 3,
      checkedAt: at(300),
      chainBroken: 'event 41 does not follow event 40',
      problems: [],
    });
    expect(verificationOutcome({ ...base, ok: true, chain, problems: [] }).kind).toBe('problems');
  });
});

describe('isForbidden', () => {
  it('recognises the 403 of the access rule', () => {
    expect(isForbidden(new ApiError({ status: 403, code: 'forbidden' }))).toBe(true);
    expect(isForbidden(new ApiError({ status: 404, code: 'not_found' }))).toBe(false);
    expect(isForbidden(new Error('x'))).toBe(false);
  });
});
