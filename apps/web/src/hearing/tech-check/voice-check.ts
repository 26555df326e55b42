import { useCallback, useEffect, useReducer, useRef } from 'react';

/**
 * "Hear how others hear you": a few seconds of the voice the server sends back (the anonymised
 * preview of a witness under an anonymity order) are recorded while she speaks, then played back.
 * Never played live: her own voice coming out of her speakers would go back into her microphone,
 * an echo the whole room hears, and she could not listen to it while speaking anyway.
 */
export const RECORD_SECONDS = 5;

export type VoiceCheckFailure = 'unsupported' | 'empty' | 'interrupted' | 'error';

export type VoiceCheckState =
  | { readonly phase: 'idle' }
  | { readonly phase: 'recording'; readonly secondsLeft: number }
  | { readonly phase: 'playing' }
  /** The recording was played to the end; it can be heard again. */
  | { readonly phase: 'done' }
  | { readonly phase: 'failed'; readonly reason: VoiceCheckFailure };

export type VoiceCheckEvent =
  | { readonly type: 'start' }
  | { readonly type: 'tick' }
  | { readonly type: 'recorded' }
  | { readonly type: 'replay' }
  | { readonly type: 'played' }
  /** The voice stopped while recording (microphone muted, preview withdrawn): nothing to play. A playback goes on. */
  | { readonly type: 'cancelled' }
  | { readonly type: 'failed'; readonly reason: VoiceCheckFailure };

export const VOICE_CHECK_IDLE: VoiceCheckState = { phase: 'idle' };

export function voiceCheckReducer(state: VoiceCheckState, event: VoiceCheckEvent): VoiceCheckState {
  switch (event.type) {
    case 'start':
      return state.phase === 'recording' ? state : { phase: 'recording', secondsLeft: RECORD_SECONDS };
    case 'tick':
      return state.phase === 'recording' && state.secondsLeft > 0 ? { phase: 'recording', secondsLeft: state.secondsLeft - 1 } : state;
    case 'recorded':
      return state.phase === 'recording' ? { phase: 'playing' } : state;
    case 'replay':
      return state.phase === 'done' ? { phase: 'playing' } : state;
    case 'played':
      return state.phase === 'playing' ? { phase: 'done' } : state;
    case 'cancelled':
      return state.phase === 'recording' ? { phase: 'failed', reason: 'interrupted' } : state;
    case 'failed':
      return { phase: 'failed', reason: event.reason };
  }
}

/** The recording is over and should be stopped now. */
export function recordingDue(state: VoiceCheckState): boolean {
  return state.phase === 'recording' && state.secondsLeft === 0;
}

/** Recording or playing: another start would cut into it. */
export function voiceCheckBusy(state: VoiceCheckState): boolean {
  return state.phase === 'recording' || state.phase === 'playing';
}

/**
 * The sentence for the live region, under `room.selfPreview.voice.`: said once when recording
 * starts and once when it ends, never each second (the countdown is for the eyes).
 */
export function voiceCheckStatusKey(state: VoiceCheckState): string | null {
  switch (state.phase) {
    case 'idle':
      return null;
    case 'recording':
      return 'recording';
    case 'playing':
      return 'playing';
    case 'done':
      return 'done';
    case 'failed':
      return `failed.${state.reason}`;
  }
}

/**
 * Runs the check on `track` (the preview voice), playing the recording on `sinkId`. The
 * recording starts at `start()`, stops after RECORD_SECONDS and plays at once; `replay()` plays
 * it again. A track that goes away (muted, preview withdrawn) cancels a recording in progress.
 */
export function useVoiceCheck(track: MediaStreamTrack | null, sinkId: string | null) {
  const [state, dispatch] = useReducer(voiceCheckReducer, VOICE_CHECK_IDLE);
  const recorder = useRef<MediaRecorder | null>(null);
  const ticker = useRef<number | null>(null);
  const clip = useRef<string | null>(null);
  const player = useRef<HTMLAudioElement | null>(null);

  const stopTicking = useCallback(() => {
    if (ticker.current !== null) window.clearInterval(ticker.current);
    ticker.current = null;
  }, []);

  const stopPlaying = useCallback(() => {
    const audio = player.current;
    player.current = null;
    if (!audio) return;
    audio.onended = null;
    audio.onerror = null;
    audio.pause();
  }, []);

  const play = useCallback(async () => {
    const url = clip.current;
    if (!url) return;
    stopPlaying();
    const audio = new Audio(url);
    player.current = audio;
    audio.onended = () => {
      if (player.current === audio) dispatch({ type: 'played' });
    };
    audio.onerror = () => {
      if (player.current === audio) dispatch({ type: 'failed', reason: 'error' });
    };
    // Not every browser can route audio to a chosen output; those play it on the default one.
    if (sinkId && 'setSinkId' in audio) await audio.setSinkId(sinkId).catch(() => undefined);
    await audio.play().catch(() => {
      if (player.current === audio) dispatch({ type: 'failed', reason: 'error' });
    });
  }, [sinkId, stopPlaying]);

  const start = useCallback(() => {
    if (voiceCheckBusy(state) || !track) return;
    if (typeof MediaRecorder === 'undefined') {
      dispatch({ type: 'failed', reason: 'unsupported' });
      return;
    }
    stopPlaying();
    let next: MediaRecorder;
    try {
      next = new MediaRecorder(new MediaStream([track]));
    } catch {
      dispatch({ type: 'failed', reason: 'unsupported' });
      return;
    }
    const chunks: Blob[] = [];
    next.ondataavailable = (event) => {
      if (event.data.size > 0) chunks.push(event.data);
    };
    next.onstop = () => {
      // Cancelled (or replaced) meanwhile: what was recorded is dropped.
      if (recorder.current !== next) return;
      recorder.current = null;
      const blob = new Blob(chunks, { type: next.mimeType || 'audio/webm' });
      if (blob.size === 0) {
        dispatch({ type: 'failed', reason: 'empty' });
        return;
      }
      if (clip.current) URL.revokeObjectURL(clip.current);
      clip.current = URL.createObjectURL(blob);
      dispatch({ type: 'recorded' });
      void play();
    };
    recorder.current = next;
    next.start();
    dispatch({ type: 'start' });
    stopTicking();
    ticker.current = window.setInterval(() => dispatch({ type: 'tick' }), 1000);
  }, [state, track, play, stopPlaying, stopTicking]);

  const replay = useCallback(() => {
    if (state.phase !== 'done') return;
    dispatch({ type: 'replay' });
    void play();
  }, [state, play]);

  // The countdown reached zero: stop, and the recording plays (onstop).
  useEffect(() => {
    if (!recordingDue(state)) return;
    stopTicking();
    if (recorder.current?.state === 'recording') recorder.current.stop();
  }, [state, stopTicking]);

  // The voice went away while recording: nothing sensible to play.
  useEffect(() => {
    if (track) return;
    stopTicking();
    const current = recorder.current;
    recorder.current = null;
    if (current?.state === 'recording') current.stop();
    dispatch({ type: 'cancelled' });
  }, [track, stopTicking]);

  useEffect(
    () => () => {
      stopTicking();
      const current = recorder.current;
      recorder.current = null;
      if (current?.state === 'recording') current.stop();
      stopPlaying();
      if (clip.current) URL.revokeObjectURL(clip.current);
      clip.current = null;
    },
    [stopTicking, stopPlaying],
  );

  return { state, start, replay };
}
