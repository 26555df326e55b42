import { useEffect, useRef } from 'react';

interface TrackVideoProps {
  track: MediaStreamTrack | null;
  /** Accessible name; the picture itself cannot be described. */
  label: string;
  className?: string;
  /** Reports the element's rendered size, for the server's choice of simulcast layer. */
  onResize?: (size: { width: number; height: number }) => void;
}

/** A video element for one track. Always muted: sound plays through TrackAudio. */
export function TrackVideo({ track, label, className, onResize }: TrackVideoProps) {
  const ref = useRef<HTMLVideoElement>(null);

  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    element.srcObject = track ? new MediaStream([track]) : null;
    if (track) void element.play().catch(() => undefined);
  }, [track]);

  useEffect(() => {
    const element = ref.current;
    if (!element || !onResize || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(([entry]) => {
      const box = entry.contentBoxSize?.[0];
      const width = Math.round(box ? box.inlineSize : entry.contentRect.width);
      const height = Math.round(box ? box.blockSize : entry.contentRect.height);
      onResize({ width: width * window.devicePixelRatio, height: height * window.devicePixelRatio });
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [onResize]);

  // The picture is not mirrored, on purpose: the person sees exactly what the court sees.
  return <video ref={ref} className={className} aria-label={label} autoPlay playsInline muted />;
}

/**
 * Plays one remote audio track through the chosen output, at `gain` (0 to 1; the floor is lowered
 * under an interpreter). Invisible: nothing to show or focus.
 */
export function TrackAudio({ track, sinkId, gain = 1 }: { track: MediaStreamTrack; sinkId: string | null; gain?: number }) {
  const ref = useRef<HTMLAudioElement>(null);

  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    element.srcObject = new MediaStream([track]);
    void element.play().catch(() => undefined);
    return () => {
      element.srcObject = null;
    };
  }, [track]);

  useEffect(() => {
    if (ref.current) ref.current.volume = Math.min(1, Math.max(0, gain));
  }, [gain]);

  useEffect(() => {
    const element = ref.current;
    // Not every browser can route audio to a chosen output; those play it on the default one.
    if (element && sinkId && 'setSinkId' in element) void element.setSinkId(sinkId).catch(() => undefined);
  }, [sinkId]);

  return <audio ref={ref} autoPlay hidden />;
}
