import { useCallback, useEffect, useRef, useState } from 'react';
import { classifyMediaError, keepOrPickDevice, type DeviceOption, type MediaAccessProblem } from '../tech-check/media-errors';

export type DeviceKind = 'audioinput' | 'videoinput' | 'audiooutput';

export interface LocalMediaState {
  readonly status: 'idle' | 'requesting' | 'ready';
  readonly audioTrack: MediaStreamTrack | null;
  readonly videoTrack: MediaStreamTrack | null;
  /** Why a kind could not be had; absent when it works (or was not asked for yet). */
  readonly problems: Partial<Record<'audio' | 'video', MediaAccessProblem>>;
  readonly devices: Record<DeviceKind, DeviceOption[]>;
  readonly selected: Record<DeviceKind, string | null>;
  /** The browser can route audio to a chosen output (HTMLMediaElement.setSinkId). */
  readonly canChooseOutput: boolean;
}

export interface LocalMedia extends LocalMediaState {
  /** Asks for camera and microphone (the browser's permission prompt, on first use). */
  start(): Promise<void>;
  choose(kind: DeviceKind, deviceId: string): Promise<void>;
}

/*
 * Audio processing as for a call: a witness in a small room with a laptop speaker needs echo
 * cancellation, and noise suppression keeps a street or a fan out of the record.
 */
const AUDIO_CONSTRAINTS: MediaTrackConstraints = { echoCancellation: true, noiseSuppression: true, autoGainControl: true };
/* 720p is the top simulcast layer the court receives; lower layers are scaled from it. */
const VIDEO_CONSTRAINTS: MediaTrackConstraints = { width: { ideal: 1280 }, height: { ideal: 720 }, frameRate: { ideal: 30, max: 30 } };

const NO_DEVICES: Record<DeviceKind, DeviceOption[]> = { audioinput: [], videoinput: [], audiooutput: [] };

function constraintsFor(kind: 'audio' | 'video', deviceId: string | null): MediaTrackConstraints {
  const base = kind === 'audio' ? AUDIO_CONSTRAINTS : VIDEO_CONSTRAINTS;
  return deviceId ? { ...base, deviceId: { exact: deviceId } } : base;
}

async function listDevices(): Promise<Record<DeviceKind, DeviceOption[]>> {
  if (!navigator.mediaDevices?.enumerateDevices) return NO_DEVICES;
  const all = await navigator.mediaDevices.enumerateDevices();
  const byKind: Record<DeviceKind, DeviceOption[]> = { audioinput: [], videoinput: [], audiooutput: [] };
  for (const device of all) {
    // Before permission, ids and labels are blank: nothing useful to offer yet.
    if (!device.deviceId) continue;
    byKind[device.kind].push({ deviceId: device.deviceId, label: device.label });
  }
  return byKind;
}

/**
 * The person's own camera and microphone, shared by the tech check and the hearing room, so the
 * devices chosen before entering are the ones the court receives, and the browser asks for
 * permission once. Tracks are stopped when the component that owns them goes away.
 */
export function useLocalMedia(): LocalMedia {
  const [state, setState] = useState<LocalMediaState>(() => ({
    status: 'idle',
    audioTrack: null,
    videoTrack: null,
    problems: {},
    devices: NO_DEVICES,
    selected: { audioinput: null, videoinput: null, audiooutput: null },
    canChooseOutput: typeof HTMLMediaElement !== 'undefined' && 'setSinkId' in HTMLMediaElement.prototype,
  }));
  const tracks = useRef<{ audio: MediaStreamTrack | null; video: MediaStreamTrack | null }>({ audio: null, video: null });

  const refreshDevices = useCallback(async () => {
    const devices = await listDevices();
    setState((current) => ({
      ...current,
      devices,
      selected: {
        audioinput: keepOrPickDevice(
          current.selected.audioinput ?? tracks.current.audio?.getSettings().deviceId ?? null,
          devices.audioinput,
        ),
        videoinput: keepOrPickDevice(
          current.selected.videoinput ?? tracks.current.video?.getSettings().deviceId ?? null,
          devices.videoinput,
        ),
        audiooutput: keepOrPickDevice(current.selected.audiooutput, devices.audiooutput),
      },
    }));
  }, []);

  useEffect(() => {
    const mediaDevices = navigator.mediaDevices;
    if (!mediaDevices) return;
    const onChange = () => void refreshDevices();
    mediaDevices.addEventListener('devicechange', onChange);
    return () => mediaDevices.removeEventListener('devicechange', onChange);
  }, [refreshDevices]);

  // Camera light off and microphone released when the person leaves the page.
  useEffect(
    () => () => {
      tracks.current.audio?.stop();
      tracks.current.video?.stop();
    },
    [],
  );

  const acquire = useCallback(async (kind: 'audio' | 'video', deviceId: string | null) => {
    const stream = await navigator.mediaDevices.getUserMedia({ [kind]: constraintsFor(kind, deviceId) });
    const track = (kind === 'audio' ? stream.getAudioTracks() : stream.getVideoTracks())[0] ?? null;
    tracks.current[kind]?.stop();
    tracks.current[kind] = track;
    return track;
  }, []);

  const start = useCallback(async () => {
    if (!navigator.mediaDevices?.getUserMedia) {
      setState((current) => ({ ...current, status: 'ready', problems: { audio: 'unsupported', video: 'unsupported' } }));
      return;
    }
    setState((current) => ({ ...current, status: 'requesting' }));
    const problems: LocalMediaState['problems'] = {};
    // One request for both, so the browser shows one prompt; if it fails, ask for each alone to
    // learn which one is missing (a witness without a camera can still be heard).
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ audio: AUDIO_CONSTRAINTS, video: VIDEO_CONSTRAINTS });
      tracks.current.audio?.stop();
      tracks.current.video?.stop();
      tracks.current = { audio: stream.getAudioTracks()[0] ?? null, video: stream.getVideoTracks()[0] ?? null };
    } catch {
      for (const kind of ['audio', 'video'] as const) {
        try {
          await acquire(kind, null);
        } catch (error) {
          problems[kind] = classifyMediaError(error);
        }
      }
    }
    setState((current) => ({
      ...current,
      status: 'ready',
      audioTrack: tracks.current.audio,
      videoTrack: tracks.current.video,
      problems,
    }));
    await refreshDevices();
  }, [acquire, refreshDevices]);

  const choose = useCallback(
    async (kind: DeviceKind, deviceId: string) => {
      setState((current) => ({ ...current, selected: { ...current.selected, [kind]: deviceId } }));
      if (kind === 'audiooutput') return;
      const mediaKind = kind === 'audioinput' ? 'audio' : 'video';
      try {
        const track = await acquire(mediaKind, deviceId);
        setState((current) => {
          const problems = { ...current.problems };
          delete problems[mediaKind];
          return { ...current, problems, [mediaKind === 'audio' ? 'audioTrack' : 'videoTrack']: track };
        });
      } catch (error) {
        setState((current) => ({ ...current, problems: { ...current.problems, [mediaKind]: classifyMediaError(error) } }));
      }
    },
    [acquire],
  );

  return { ...state, start, choose };
}
