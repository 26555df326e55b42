import { useEffect, useState } from 'react';
import { meterLevel, smoothLevel, VOICE_LEVEL } from './audio-level';

/** About 15 updates a second: smooth to the eye, and cheap on a phone. */
const FRAME_INTERVAL_MS = 66;

/**
 * Live loudness of a microphone track (0..1), and whether a voice has been heard on it yet, so
 * the page can say "we can hear you" in words and not only with a moving bar.
 */
export function useAudioLevel(track: MediaStreamTrack | null): { level: number; heard: boolean } {
  const [level, setLevel] = useState(0);
  const [heard, setHeard] = useState(false);

  useEffect(() => {
    setLevel(0);
    setHeard(false);
    if (!track || typeof AudioContext === 'undefined') return;
    const context = new AudioContext();
    const source = context.createMediaStreamSource(new MediaStream([track]));
    const analyser = context.createAnalyser();
    analyser.fftSize = 1024;
    source.connect(analyser);
    const samples = new Float32Array(analyser.fftSize);
    let shown = 0;
    let everHeard = false;
    const timer = window.setInterval(() => {
      analyser.getFloatTimeDomainData(samples);
      shown = smoothLevel(shown, meterLevel(samples));
      setLevel(Math.round(shown * 100) / 100);
      if (!everHeard && shown >= VOICE_LEVEL) {
        everHeard = true;
        setHeard(true);
      }
    }, FRAME_INTERVAL_MS);
    // Autoplay rules may start the context suspended; analysing needs no sound out, but resume anyway.
    void context.resume().catch(() => undefined);
    return () => {
      window.clearInterval(timer);
      source.disconnect();
      void context.close();
    };
  }, [track]);

  return { level, heard };
}
