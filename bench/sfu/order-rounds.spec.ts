import type { ServerNotification } from '@ejustice/hearings/signalling/signalling-messages';
import {
  type HeldConsumer,
  heldConsumers,
  incompleteViews,
  roundSample,
  screenedConsumers,
  summariseRounds,
  windowProblems,
} from './order-rounds';

const offer = (consumerId: string, participantId: string, kind: 'audio' | 'video', producerId = `${participantId}-${kind}`) =>
  ({
    method: 'newConsumer',
    data: {
      consumerId,
      producerId,
      participantId,
      kind,
      source: kind === 'audio' ? 'microphone' : 'camera',
      rtpParameters: {},
      type: 'simple',
      producerPaused: false,
    },
  }) as unknown as ServerNotification;
const closed = (consumerId: string): ServerNotification => ({ method: 'consumerClosed', data: { consumerId } });

/** Everyone holds everyone else's audio and video; consumer ids read "viewer<source:kind". */
function fullRoom(ids: readonly string[]): HeldConsumer[] {
  return ids.flatMap((viewerId) =>
    ids
      .filter((sourceId) => sourceId !== viewerId)
      .flatMap((sourceId) =>
        (['audio', 'video'] as const).map((kind) => ({
          viewerId,
          sourceId,
          kind,
          consumerId: `${viewerId}<${sourceId}:${kind}`,
          producerId: `${sourceId}-${kind}`,
        })),
      ),
  );
}

const name = (id: string) => id;

describe('special-measures order rounds', () => {
  describe('heldConsumers', () => {
    it('holds what was offered and not closed since', () => {
      const sut = heldConsumers('w2', [offer('c1', 'w1', 'audio'), offer('c2', 'w1', 'video'), closed('c2'), offer('c3', 'w1', 'video')]);
      expect(sut).toEqual([
        { viewerId: 'w2', sourceId: 'w1', kind: 'audio', consumerId: 'c1', producerId: 'w1-audio' },
        { viewerId: 'w2', sourceId: 'w1', kind: 'video', consumerId: 'c3', producerId: 'w1-video' },
      ]);
    });
  });

  describe('screenedConsumers', () => {
    it("takes her video from the screened and theirs from her; audio, the judge and the others' video stay", () => {
      const room = fullRoom(['judge', 'w1', 'w2', 'w3']);
      const sut = screenedConsumers(room, 'w1', ['w2', 'w3']).map((c) => c.consumerId);
      expect(sut.sort()).toEqual(['w1<w2:video', 'w1<w3:video', 'w2<w1:video', 'w3<w1:video']);
    });

    it('with N witnesses screening witness 1 from the others, closes 2(N-1) consumers', () => {
      const witnesses = ['w1', 'w2', 'w3', 'w4', 'w5', 'w6'];
      expect(screenedConsumers(fullRoom(['judge', ...witnesses]), 'w1', witnesses.slice(1))).toHaveLength(10);
    });
  });

  it('names who lacks what of the full view', () => {
    const room = fullRoom(['judge', 'w1', 'w2']).filter((c) => c.consumerId !== 'w2<w1:video');
    expect(incompleteViews(room, ['judge', 'w1', 'w2'])).toEqual([{ viewerId: 'w2', sourceId: 'w1', kind: 'video' }]);
    expect(incompleteViews(fullRoom(['a', 'b']), ['a', 'b'])).toEqual([]);
  });

  describe('windowProblems', () => {
    const room = fullRoom(['judge', 'w1', 'w2', 'w3']);
    const screen = screenedConsumers(room, 'w1', ['w2', 'w3']);
    const closesOf = (viewer: string) => screen.filter((c) => c.viewerId === viewer).map((c) => closed(c.consumerId));
    const exactly = new Map([
      ['judge', [{ method: 'hearingChanged', data: { status: 'open', roomLocked: false, sittingInPrivate: false } } as ServerNotification]],
      ['w1', closesOf('w1')],
      ['w2', closesOf('w2')],
      ['w3', closesOf('w3')],
    ]);

    it('finds nothing wrong when exactly the forbidden consumers closed (other news aside)', () => {
      expect(windowProblems({ closed: screen, reopened: [] }, exactly, room, name)).toEqual([]);
    });

    it('names a forbidden consumer left open', () => {
      const received = new Map(exactly).set('w3', []);
      expect(windowProblems({ closed: screen, reopened: [] }, received, room, name)).toEqual([
        "w3's video from w1 (consumer w3<w1:video) was not closed",
      ]);
    });

    it('names anything else lost: an allowed consumer closed, a producer closed, a pause, audio only, a session ended', () => {
      const received = new Map(exactly)
        .set('judge', [closed('judge<w1:video'), { method: 'producerClosed', data: { producerId: 'p', reason: 'not_allowed' } }])
        .set('w2', [
          ...closesOf('w2'),
          closed('w2<w1:audio'),
          { method: 'consumerPaused', data: { consumerId: 'w2<w3:video', reason: 'audio_only' } },
        ])
        .set('w3', [...closesOf('w3'), { method: 'audioOnly', data: { enabled: true } }, closed('w3<w1:video')]);
      expect(windowProblems({ closed: screen, reopened: [] }, received, room, name)).toEqual([
        "judge's video from w1 (consumer judge<w1:video) was closed",
        "judge's producer p was closed (not_allowed)",
        "w2's audio from w1 (consumer w2<w1:audio) was closed",
        "w2's video from w3 (consumer w2<w3:video) was paused (audio_only)",
        'w3 was switched to audio only',
        "w3's video from w1 (consumer w3<w1:video) was closed twice",
      ]);
    });

    it('checks a revocation: each consumer offered again once, from the same producer, nothing else', () => {
      const after = room.filter((c) => !screen.includes(c));
      const reoffer = (viewer: string) =>
        screen.filter((c) => c.viewerId === viewer).map((c) => offer(`new-${c.consumerId}`, c.sourceId, c.kind, c.producerId));
      const received = new Map([
        ['w1', reoffer('w1')],
        ['w2', reoffer('w2')],
        ['w3', reoffer('w3')],
      ]);
      expect(windowProblems({ closed: [], reopened: screen }, received, after, name)).toEqual([]);

      received.set('w2', [...reoffer('w2'), ...reoffer('w2')]).set('w3', [offer('x', 'judge', 'video', 'judge-video')]);
      expect(windowProblems({ closed: [], reopened: screen }, received, after, name)).toEqual([
        'w2 was offered video from w1 (consumer new-w2<w1:video) twice',
        'w3 was offered video from judge (consumer x)',
        "w3's video from w1 (consumer w3<w1:video) was not offered again",
      ]);
    });
  });

  describe('roundSample', () => {
    const times = {
      makeSent: 1000,
      makeAnswered: 1030,
      makeNotice: 1025,
      closes: [1040, 1060, 1050],
      revokeSent: 2000,
      revokeAnswered: 2020,
      revokeNotice: null,
      reopens: [2045, 2035],
    };

    it('measures from the order sent to the last close, and splits it at the answer and the notice', () => {
      const sut = roundSample(times);
      expect(sut).toEqual({
        makeToLastClose: 60,
        makeToFirstClose: 40,
        makeToAnswer: 30,
        answerToLastClose: 30,
        makeToNotice: 25,
        noticeToLastClose: 35,
        revokeToLastReopen: 45,
        revokeToFirstReopen: 35,
        revokeToAnswer: 20,
        answerToLastReopen: 25,
        revokeToNotice: null,
        noticeToLastReopen: null,
      });
    });

    it('gives a negative answer-to-close when the media node closed before the answer came back', () => {
      expect(roundSample({ ...times, makeAnswered: 1070 }).answerToLastClose).toBe(-10);
    });

    it('refuses a round in which nothing closed', () => {
      expect(() => roundSample({ ...times, closes: [] })).toThrow(/without closes/);
    });
  });

  it('summarises each interval over the rounds, leaving out notices the probe missed', () => {
    const base = { makeSent: 0, makeAnswered: 10, closes: [20], revokeSent: 100, revokeAnswered: 110, reopens: [130] };
    const sut = summariseRounds([
      roundSample({ ...base, makeNotice: 5, revokeNotice: 105 }),
      roundSample({ ...base, closes: [40], makeNotice: null, revokeNotice: 104 }),
    ]);
    expect(sut.makeToLastClose).toMatchObject({ count: 2, p50: 20, p99: 40, max: 40 });
    expect(sut.makeToNotice).toMatchObject({ count: 1, p50: 5 });
    expect(sut.revokeToNotice).toMatchObject({ count: 2, min: 4, max: 5 });
  });
});
