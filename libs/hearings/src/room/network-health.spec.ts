import {
  AUDIO_ONLY_RETRY_MS,
  HIGH_SAMPLES_TO_LEAVE,
  INITIAL_AUDIO_ONLY,
  type AudioOnlyState,
  assessQuality,
  nextAudioOnly,
} from './network-health';

describe('network health', () => {
  it('grades a connection from round trip, loss and bandwidth', () => {
    expect(assessQuality({ rttMs: null, packetLoss: null, availableKbps: null })).toBe('unknown');
    expect(assessQuality({ rttMs: 40, packetLoss: 0, availableKbps: 2000 })).toBe('good');
    expect(assessQuality({ rttMs: 250, packetLoss: 0, availableKbps: 2000 })).toBe('fair');
    expect(assessQuality({ rttMs: 40, packetLoss: 0.05, availableKbps: 2000 })).toBe('fair');
    expect(assessQuality({ rttMs: 40, packetLoss: 0, availableKbps: 300 })).toBe('fair');
    expect(assessQuality({ rttMs: 500, packetLoss: 0, availableKbps: 2000 })).toBe('poor');
    expect(assessQuality({ rttMs: 40, packetLoss: 0.2, availableKbps: null })).toBe('poor');
    expect(assessQuality({ rttMs: null, packetLoss: null, availableKbps: 100 })).toBe('poor');
  });

  describe('audio-only fallback', () => {
    const step = (s: AudioOnlyState, kbps: number | null, now = 0) => nextAudioOnly(s, kbps, 150, now);

    it('stops video after two weak samples in a row, not after one', () => {
      let s = step(INITIAL_AUDIO_ONLY, 100);
      expect(s.audioOnly).toBe(false);
      s = step(s, 400);
      s = step(s, 100);
      expect(s.audioOnly).toBe(false);
      s = step(s, 90, 1000);
      expect(s).toEqual({ audioOnly: true, streak: 0, since: 1000 });
    });

    it('brings video back only after the link is well above the threshold for a while', () => {
      let s: AudioOnlyState = { audioOnly: true, streak: 0, since: 0 };
      s = step(s, 200, 10);
      expect(s.audioOnly).toBe(true);
      for (let i = 0; i < HIGH_SAMPLES_TO_LEAVE - 1; i++) s = step(s, 400, 20 + i);
      expect(s.audioOnly).toBe(true);
      s = step(s, 400, 100);
      expect(s.audioOnly).toBe(false);
    });

    it('retries video periodically, since an idle link shows no growth', () => {
      const s = step({ audioOnly: true, streak: 0, since: 0 }, 100, AUDIO_ONLY_RETRY_MS);
      expect(s).toEqual(INITIAL_AUDIO_ONLY);
    });

    it('does nothing without an estimate, or when switched off', () => {
      expect(step({ audioOnly: true, streak: 1, since: 0 }, null)).toEqual({ audioOnly: true, streak: 1, since: 0 });
      expect(nextAudioOnly(INITIAL_AUDIO_ONLY, 10, 0, 0)).toEqual(INITIAL_AUDIO_ONLY);
    });
  });
});
