import type { SpecialMeasure } from '@ejustice/media-policy';
import { type ExpectedStream, HearingModel, type HeldStream, streamProblems } from './hearing-model';
import { roster } from './roster';

const ids = ['judge', 'witness', 'prosecutor', 'defence', 'observer', 'supporter'].map(
  (name, i) => `00000000-0000-4000-8000-00000000000${i + 1}` as const,
);
const [JUDGE, WITNESS, PROSECUTOR, DEFENCE, OBSERVER, SUPPORTER] = ids;
const SUPPORTER_ORDER: SpecialMeasure = {
  kind: 'supporter',
  id: '00000000-0000-4000-8000-0000000000a1',
  participantId: WITNESS,
  supporterId: SUPPORTER,
  capacity: 'supporter',
};

/** The soak's hearing after its set-up: everyone admitted, unmuted, sending (but the gallery) and receiving. */
function sittingHearing(): HearingModel {
  const sut = new HearingModel(
    'hearing',
    roster(6).map((s, i) => ({ id: ids[i], role: s.role, label: s.label })),
  );
  sut.status = 'open';
  sut.setOrder(SUPPORTER_ORDER.id, SUPPORTER_ORDER);
  for (const [i, seat] of roster(6).entries()) {
    sut.joined(ids[i]);
    if (seat.sends) sut.produced(ids[i]);
  }
  for (const id of ids.slice(1)) if (sut.participant(id).state === 'waiting') sut.admitted(id);
  for (const id of ids) {
    sut.setMuted(id, false);
    sut.receivingTransport(id);
  }
  return sut;
}

const keys = (streams: readonly ExpectedStream[]) =>
  streams.map((s) => `${s.sourceId.slice(-1)}:${s.kind}${s.paused ? ':paused' : ''}`).sort();

describe('the soak hearing model', () => {
  it('expects what the policy allows once everyone is in: the supporter is seen by the bench and her witness only', () => {
    const sut = sittingHearing();
    // Sources by their last digit: 1 judge, 2 witness, 3 prosecutor, 4 defence, 6 supporter (5, the gallery, sends nothing).
    expect(keys(sut.expectedFor(OBSERVER))).toEqual([
      '1:audio',
      '1:video',
      '2:audio',
      '2:video',
      '3:audio',
      '3:video',
      '4:audio',
      '4:video',
    ]);
    expect(keys(sut.expectedFor(PROSECUTOR))).toEqual(['1:audio', '1:video', '2:audio', '2:video', '4:audio', '4:video']);
    expect(keys(sut.expectedFor(WITNESS))).toEqual([
      '1:audio',
      '1:video',
      '3:audio',
      '3:video',
      '4:audio',
      '4:video',
      '6:audio',
      '6:video',
    ]);
    expect(ids.reduce((n, id) => n + sut.expectedFor(id).length, 0)).toBe(44);
  });

  it('takes away the pictures a screen stands between, for the witness and her supporter, and keeps the voices', () => {
    const sut = sittingHearing();
    sut.setOrder('screen', { kind: 'screen', id: 'screen', participantId: WITNESS, fromRoles: [], fromParticipantIds: [DEFENCE] });
    expect(keys(sut.expectedFor(DEFENCE))).toEqual(['1:audio', '1:video', '2:audio', '3:audio', '3:video']);
    expect(keys(sut.expectedFor(WITNESS))).not.toContain('4:video');
    expect(keys(sut.expectedFor(SUPPORTER))).not.toContain('4:video');
    sut.setOrder('screen', undefined);
    expect(keys(sut.expectedFor(DEFENCE))).toContain('2:video');
  });

  it('sends an audio-only witness’s picture to the bench alone', () => {
    const sut = sittingHearing();
    sut.setOrder('audio', { kind: 'audio_only', id: 'audio', participantId: WITNESS });
    expect(keys(sut.expectedFor(JUDGE))).toContain('2:video');
    for (const viewer of [PROSECUTOR, DEFENCE, OBSERVER, SUPPORTER]) expect(keys(sut.expectedFor(viewer))).not.toContain('2:video');
    expect(keys(sut.expectedFor(OBSERVER))).toContain('2:audio');
  });

  it('expects a muted microphone paused, not gone', () => {
    const sut = sittingHearing();
    sut.setMuted(PROSECUTOR, true);
    expect(keys(sut.expectedFor(JUDGE))).toContain('3:audio:paused');
    expect(keys(sut.expectedFor(JUDGE))).toContain('3:video');
  });

  it('sends a returning participant through the waiting room after a leave, and back to her place after a drop', () => {
    const sut = sittingHearing();
    sut.left(PROSECUTOR);
    expect(keys(sut.expectedFor(JUDGE))).not.toContain('3:audio');
    expect(sut.expectedFor(PROSECUTOR)).toEqual([]);
    sut.joined(PROSECUTOR);
    sut.produced(PROSECUTOR);
    expect(sut.participant(PROSECUTOR)).toMatchObject({ state: 'waiting', muted: true });
    expect(keys(sut.expectedFor(JUDGE))).not.toContain('3:audio');

    sut.setMuted(DEFENCE, true);
    sut.dropped(DEFENCE);
    sut.joined(DEFENCE);
    expect(sut.participant(DEFENCE)).toMatchObject({ state: 'admitted', muted: true });
  });

  it('brings a waiting supporter in when her witness is admitted, and the bench in at once', () => {
    const sut = sittingHearing();
    sut.left(WITNESS);
    sut.left(SUPPORTER);
    sut.joined(SUPPORTER);
    sut.joined(WITNESS);
    sut.admitted(WITNESS);
    expect(sut.participant(SUPPORTER).state).toBe('admitted');
    sut.left(JUDGE);
    sut.joined(JUDGE);
    expect(sut.participant(JUDGE)).toMatchObject({ state: 'admitted', muted: false });
  });
});

describe('streamProblems', () => {
  const name = (id: string) => id;
  const held = (sourceId: string, kind: 'audio' | 'video', paused = false, consumerId = `${sourceId}-${kind}`): HeldStream => ({
    sourceId,
    kind,
    paused,
    consumerId,
  });

  it('finds nothing when the client holds exactly what it should', () => {
    expect(streamProblems([{ sourceId: 'a', kind: 'audio', paused: true }], [held('a', 'audio', true)], name)).toEqual([]);
  });

  it('names each stream missing, held twice, held against the policy, or paused when it should flow', () => {
    const sut = streamProblems(
      [
        { sourceId: 'a', kind: 'audio', paused: false },
        { sourceId: 'a', kind: 'video', paused: false },
        { sourceId: 'b', kind: 'audio', paused: false },
      ],
      [held('a', 'video', false, '1'), held('a', 'video', false, '2'), held('b', 'audio', true), held('c', 'video')],
      name,
    );
    expect(sut).toEqual([
      "lacks a's audio",
      "holds a's video 2 times",
      "holds b's audio paused, not flowing",
      "holds c's video, which it should not",
    ]);
  });
});
