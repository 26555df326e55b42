import {
  RECORD_SECONDS,
  VOICE_CHECK_IDLE,
  recordingDue,
  voiceCheckBusy,
  voiceCheckReducer,
  voiceCheckStatusKey,
  type VoiceCheckEvent,
  type VoiceCheckState,
} from './voice-check';

const run = (...events: VoiceCheckEvent[]): VoiceCheckState => events.reduce(voiceCheckReducer, VOICE_CHECK_IDLE);
const ticks = (n: number): VoiceCheckEvent[] => Array.from({ length: n }, () => ({ type: 'tick' }) as const);

describe('"Hear how others hear you"', () => {
  it('records for five seconds, counting down, then plays it back and can play it again', () => {
    const recording = run({ type: 'start' });
    expect(recording).toEqual({ phase: 'recording', secondsLeft: RECORD_SECONDS });
    expect(RECORD_SECONDS).toBe(5);
    expect(recordingDue(recording)).toBe(false);

    const due = run({ type: 'start' }, ...ticks(RECORD_SECONDS));
    expect(due).toEqual({ phase: 'recording', secondsLeft: 0 });
    expect(recordingDue(due)).toBe(true);
    // A late tick does not count below zero.
    expect(voiceCheckReducer(due, { type: 'tick' })).toBe(due);

    const playing = voiceCheckReducer(due, { type: 'recorded' });
    expect(playing).toEqual({ phase: 'playing' });
    const done = voiceCheckReducer(playing, { type: 'played' });
    expect(done).toEqual({ phase: 'done' });
    expect(voiceCheckReducer(done, { type: 'replay' })).toEqual({ phase: 'playing' });
  });

  it('is busy while it records or plays, so a second press does not cut into it', () => {
    expect(voiceCheckBusy(run({ type: 'start' }))).toBe(true);
    expect(voiceCheckBusy(run({ type: 'start' }, ...ticks(5), { type: 'recorded' }))).toBe(true);
    expect(voiceCheckBusy(VOICE_CHECK_IDLE)).toBe(false);
    expect(voiceCheckBusy(run({ type: 'start' }, ...ticks(5), { type: 'recorded' }, { type: 'played' }))).toBe(false);
    const recording = run({ type: 'start' }, { type: 'tick' });
    expect(voiceCheckReducer(recording, { type: 'start' })).toBe(recording);
  });

  it('stops when her voice goes away while recording (microphone muted, preview withdrawn), and says so', () => {
    expect(run({ type: 'start' }, { type: 'tick' }, { type: 'cancelled' })).toEqual({ phase: 'failed', reason: 'interrupted' });
    // A playback of what was recorded goes on; nothing happens when idle.
    expect(run({ type: 'start' }, ...ticks(5), { type: 'recorded' }, { type: 'cancelled' })).toEqual({ phase: 'playing' });
    expect(run({ type: 'cancelled' })).toBe(VOICE_CHECK_IDLE);
  });

  it('can be tried again after a failure', () => {
    expect(run({ type: 'failed', reason: 'empty' }, { type: 'start' })).toEqual({ phase: 'recording', secondsLeft: RECORD_SECONDS });
  });

  it('announces the start and the end of the recording once each, never each second of the countdown', () => {
    const said = [
      run({ type: 'start' }),
      run({ type: 'start' }, ...ticks(3)),
      run({ type: 'start' }, ...ticks(5), { type: 'recorded' }),
      run({ type: 'start' }, ...ticks(5), { type: 'recorded' }, { type: 'played' }),
      run({ type: 'failed', reason: 'unsupported' }),
    ].map(voiceCheckStatusKey);

    expect(said).toEqual(['recording', 'recording', 'playing', 'done', 'failed.unsupported']);
    expect(voiceCheckStatusKey(VOICE_CHECK_IDLE)).toBeNull();
  });
});
