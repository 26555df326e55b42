/**
 * Plays a short, soft two-note chime through the chosen output, generated on the spot (no sound
 * file to download). A chime rather than a beep: the person testing may be anxious, and a harsh
 * tone at full volume is the wrong first thing to hear from a court.
 */
export interface SpeakerTestOptions {
  /** Output device id; the system default when null or when the browser cannot choose. */
  sinkId: string | null;
  /** Peak gain, 0..1. */
  volume?: number;
}

const NOTES_HZ = [523.25, 659.25]; // C5, E5
const NOTE_SECONDS = 0.45;

export async function playTestTone({ sinkId, volume = 0.25 }: SpeakerTestOptions): Promise<void> {
  const context = new AudioContext();
  try {
    const destination = context.createMediaStreamDestination();
    const start = context.currentTime + 0.05;
    NOTES_HZ.forEach((frequency, index) => {
      const oscillator = context.createOscillator();
      const gain = context.createGain();
      oscillator.type = 'sine';
      oscillator.frequency.value = frequency;
      const noteStart = start + index * NOTE_SECONDS;
      // Soft attack and release: no click at either end.
      gain.gain.setValueAtTime(0, noteStart);
      gain.gain.linearRampToValueAtTime(volume, noteStart + 0.04);
      gain.gain.exponentialRampToValueAtTime(0.001, noteStart + NOTE_SECONDS * 1.6);
      oscillator.connect(gain).connect(destination);
      oscillator.start(noteStart);
      oscillator.stop(noteStart + NOTE_SECONDS * 1.7);
    });
    const audio = new Audio();
    audio.srcObject = destination.stream;
    if (sinkId && 'setSinkId' in audio) await audio.setSinkId(sinkId);
    await context.resume();
    await audio.play();
    const totalMs = (NOTES_HZ.length * NOTE_SECONDS + NOTE_SECONDS) * 1000 + 100;
    await new Promise((resolve) => setTimeout(resolve, totalMs));
    audio.pause();
    audio.srcObject = null;
  } finally {
    await context.close();
  }
}
