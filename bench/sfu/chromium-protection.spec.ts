import {
  type ConsumerSighting,
  PROTECTION_GOAL_MS,
  firstSightingSince,
  protectionSample,
  sightingsWhileScreened,
  summariseProtection,
} from './chromium-protection';

const HER = 'witness-1';
const JUDGE = 'judge-1';
const herCamera = { participantId: HER, source: 'camera' } as const;

function sighting(over: Partial<ConsumerSighting> & Pick<ConsumerSighting, 'consumerId' | 'shownAt'>): ConsumerSighting {
  return { participantId: HER, source: 'camera', trackId: `track-${over.consumerId}`, goneAt: null, ...over };
}

describe('the protection rounds: what the probe saw', () => {
  const sightings = [
    sighting({ consumerId: 'judge-video', participantId: JUDGE, shownAt: 100 }),
    sighting({ consumerId: 'her-voice', source: 'microphone', shownAt: 120 }),
    sighting({ consumerId: 'round-1', shownAt: 1_300, goneAt: 2_900 }),
    sighting({ consumerId: 'round-2', shownAt: 5_250, goneAt: 6_700 }),
  ];

  it('finds her camera as first listed after the screen was lifted, not an earlier one nor her voice', () => {
    expect(firstSightingSince(sightings, herCamera, 1_000)?.consumerId).toBe('round-1');
    expect(firstSightingSince(sightings, herCamera, 1_300)?.consumerId).toBe('round-1');
    expect(firstSightingSince(sightings, herCamera, 1_301)?.consumerId).toBe('round-2');
    expect(firstSightingSince(sightings, herCamera, 7_000)).toBeUndefined();
    expect(firstSightingSince(sightings, { participantId: HER, source: 'microphone' }, 0)?.consumerId).toBe('her-voice');
  });

  it('finds no leak when her camera was held only while the screen was lifted', () => {
    const lifted = [
      { from: 1_000, to: 3_000 },
      { from: 5_000, to: 6_800 },
    ];
    expect(sightingsWhileScreened(sightings, herCamera, lifted)).toEqual([]);
  });

  it('names each sighting of her camera outside a lifted window: early, late, or never gone', () => {
    const early = sighting({ consumerId: 'before-lift', shownAt: 900, goneAt: 1_100 });
    const late = sighting({ consumerId: 'outlived-the-screen', shownAt: 1_200, goneAt: 3_500 });
    const stuck = sighting({ consumerId: 'still-held', shownAt: 5_100 });
    const lifted = [
      { from: 1_000, to: 3_000 },
      { from: 5_000, to: 6_800 },
    ];
    expect(sightingsWhileScreened([...sightings, early, late, stuck], herCamera, lifted).map((s) => s.consumerId)).toEqual([
      'before-lift',
      'outlived-the-screen',
      'still-held',
    ]);
    // Someone else's camera is not hers to screen.
    expect(sightingsWhileScreened([sighting({ consumerId: 'judge', participantId: JUDGE, shownAt: 0 })], herCamera, lifted)).toEqual([]);
  });
});

describe('the protection rounds: intervals and their summary', () => {
  const times = {
    liftSentAt: 10_000,
    liftAnsweredAt: 10_040,
    consumerShownAt: 10_180,
    firstFrameAt: 10_420,
    screenSentAt: 11_000,
    screenAnsweredAt: 11_035,
    consumerGoneAt: 11_090,
    breakPressedAt: 12_000,
    alertShownAt: 12_030,
  };

  it('measures each change from the call or the click that caused it', () => {
    expect(protectionSample(times)).toEqual({
      liftToConsumerMs: 180,
      liftToFrameMs: 420,
      liftToAnswerMs: 40,
      screenToGoneMs: 90,
      screenToAnswerMs: 35,
      breakToAlertMs: 30,
    });
  });

  it('summarises each interval with the rounds within the goal, a round on the goal counting as within', () => {
    const fast = protectionSample(times);
    const slow = { ...fast, liftToConsumerMs: 1_388, liftToFrameMs: 1_700, breakToAlertMs: PROTECTION_GOAL_MS };
    const sut = summariseProtection([fast, slow, fast], PROTECTION_GOAL_MS);
    expect(sut.liftToConsumerMs).toMatchObject({ count: 3, min: 180, p50: 180, max: 1_388, withinGoal: 2 });
    expect(sut.liftToFrameMs).toMatchObject({ count: 3, max: 1_700, withinGoal: 2 });
    expect(sut.breakToAlertMs).toMatchObject({ count: 3, max: 1_000, withinGoal: 3 });
    expect(sut.screenToGoneMs).toMatchObject({ count: 3, p95: 90, withinGoal: 3 });
  });

  it('has nothing to summarise before any round', () => {
    const sut = summariseProtection([], PROTECTION_GOAL_MS);
    expect(sut.breakToAlertMs.count).toBe(0);
    expect(sut.breakToAlertMs.p50).toBeNaN();
    expect(sut.breakToAlertMs.withinGoal).toBe(0);
  });
});
