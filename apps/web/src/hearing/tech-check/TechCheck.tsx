import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceKind, LocalMedia } from '../media/local-media';
import { TrackVideo } from '../media/MediaElements';
import { playTestTone } from './speaker-test';
import { useAudioLevel } from './use-audio-level';
import { useNetworkCheck } from './use-network-check';

interface TechCheckProps {
  media: LocalMedia;
  /** The one way forward; never taken without the person pressing it. */
  enterLabel: string;
  onEnter: () => void;
  entering?: boolean;
  /** Shown above the checks (who is joining what). */
  children?: ReactNode;
  /**
   * The public gallery: it sends no picture or sound, so there is no camera or microphone to
   * turn on (and no permission prompt); only the speakers and the connection are checked.
   */
  receiveOnly?: boolean;
  /** The judge or a clerk of the court: they go straight in, no waiting room, nobody to let them in. */
  bench?: boolean;
}

/**
 * The check before a hearing: the person sees their own picture exactly as the court will
 * (not mirrored), sees and hears that their microphone and speakers work, and learns whether
 * their connection is good enough — each with a sentence, not only a symbol or a colour.
 */
export function TechCheck({ media, enterLabel, onEnter, entering = false, children, receiveOnly = false, bench = false }: TechCheckProps) {
  const { t } = useTranslation();
  const headingId = useId();

  if (receiveOnly) {
    return (
      <section className="tech-check" aria-labelledby={headingId}>
        <h2 id={headingId}>{t('techCheck.gallery.title')}</h2>
        {children}
        <p>{t('techCheck.gallery.intro')}</p>
        <div className="tech-check__steps">
          <SpeakerCheck media={media} />
          <NetworkCheck />
        </div>
        <div className="tech-check__enter">
          <p className="muted">{t('techCheck.gallery.beforeEnter')}</p>
          <button type="button" className="button button--large" onClick={onEnter} disabled={entering}>
            {entering ? t('techCheck.entering') : enterLabel}
          </button>
        </div>
      </section>
    );
  }

  return (
    <section className="tech-check" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('techCheck.title')}</h2>
      {children}
      <p>{t(bench ? 'techCheck.benchIntro' : 'techCheck.intro')}</p>
      {media.status === 'idle' && (
        <button type="button" className="button button--large" onClick={() => void media.start()}>
          {t('techCheck.start')}
        </button>
      )}
      {media.status === 'requesting' && (
        <p className="notice" role="status">
          {t('techCheck.requesting')}
        </p>
      )}
      {media.status === 'ready' && (
        <div className="tech-check__grid">
          <CameraCheck media={media} />
          <div className="tech-check__steps">
            <MicrophoneCheck media={media} />
            <SpeakerCheck media={media} />
            <NetworkCheck />
          </div>
        </div>
      )}
      <div className="tech-check__enter">
        <p className="muted">{t(bench ? 'techCheck.benchBeforeEnter' : 'techCheck.beforeEnter')}</p>
        <button type="button" className="button button--large" onClick={onEnter} disabled={entering || media.status !== 'ready'}>
          {entering ? t('techCheck.entering') : enterLabel}
        </button>
      </div>
    </section>
  );
}

function DevicePicker({ media, kind, label }: { media: LocalMedia; kind: DeviceKind; label: string }) {
  const { t } = useTranslation();
  const id = useId();
  const options = media.devices[kind];
  if (options.length === 0) return null;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={media.selected[kind] ?? ''} onChange={(event) => void media.choose(kind, event.target.value)}>
        {options.map((device, index) => (
          <option key={device.deviceId} value={device.deviceId}>
            {device.label || t('techCheck.unnamedDevice', { number: index + 1 })}
          </option>
        ))}
      </select>
    </div>
  );
}

function ProblemNotice({ problem }: { problem: string | undefined }) {
  const { t } = useTranslation();
  if (!problem) return null;
  return (
    <div className="notice notice--warning" role="alert">
      <p>{t(`techCheck.deviceError.${problem}`)}</p>
    </div>
  );
}

function CameraCheck({ media }: { media: LocalMedia }) {
  const { t } = useTranslation();
  const headingId = useId();
  return (
    <section className="tech-check__camera" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('techCheck.camera.title')}</h3>
      <div className="self-preview">
        {media.videoTrack ? (
          <TrackVideo track={media.videoTrack} label={t('techCheck.camera.previewLabel')} className="self-preview__video" />
        ) : (
          <p className="self-preview__empty">{t('techCheck.camera.none')}</p>
        )}
      </div>
      <p className="muted">{t('techCheck.camera.hint')}</p>
      <ProblemNotice problem={media.problems.video} />
      <DevicePicker media={media} kind="videoinput" label={t('techCheck.camera.picker')} />
    </section>
  );
}

function MicrophoneCheck({ media }: { media: LocalMedia }) {
  const { t } = useTranslation();
  const headingId = useId();
  const { level, heard } = useAudioLevel(media.audioTrack);
  return (
    <section className="check-step" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('techCheck.microphone.title')}</h3>
      <ProblemNotice problem={media.problems.audio} />
      {media.audioTrack && (
        <>
          <div
            className="level-meter"
            role="meter"
            aria-label={t('techCheck.microphone.meterLabel')}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={Math.round(level * 100)}
          >
            <div className="level-meter__fill" style={{ inlineSize: `${Math.round(level * 100)}%` }} />
          </div>
          <p role="status" className={heard ? 'check-result check-result--ok' : 'muted'}>
            {heard ? t('techCheck.microphone.heard') : t('techCheck.microphone.speak')}
          </p>
        </>
      )}
      <DevicePicker media={media} kind="audioinput" label={t('techCheck.microphone.picker')} />
    </section>
  );
}

function SpeakerCheck({ media }: { media: LocalMedia }) {
  const { t } = useTranslation();
  const headingId = useId();
  const [state, setState] = useState<'idle' | 'playing' | 'played' | 'failed'>('idle');

  const play = async () => {
    setState('playing');
    try {
      await playTestTone({ sinkId: media.selected.audiooutput });
      setState('played');
    } catch {
      setState('failed');
    }
  };

  return (
    <section className="check-step" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('techCheck.speaker.title')}</h3>
      {media.canChooseOutput && <DevicePicker media={media} kind="audiooutput" label={t('techCheck.speaker.picker')} />}
      <button type="button" className="button button--secondary" onClick={() => void play()} disabled={state === 'playing'}>
        {state === 'playing' ? t('techCheck.speaker.playing') : t('techCheck.speaker.play')}
      </button>
      <p role="status" className="muted">
        {state === 'played' && t('techCheck.speaker.played')}
        {state === 'failed' && t('techCheck.speaker.failed')}
      </p>
    </section>
  );
}

function NetworkCheck() {
  const { t } = useTranslation();
  const headingId = useId();
  const { state, run } = useNetworkCheck();
  return (
    <section className="check-step" aria-labelledby={headingId} aria-busy={state.status === 'running'}>
      <h3 id={headingId}>{t('techCheck.network.title')}</h3>
      {state.status === 'running' && (
        <>
          <progress max={state.total} value={state.done} aria-label={t('techCheck.network.progressLabel')} />
          <p className="muted">{t('techCheck.network.running')}</p>
        </>
      )}
      {state.status === 'done' && (
        <div role="status">
          <p className={`check-result check-result--${state.summary.verdict}`}>{t(`techCheck.network.verdict.${state.summary.verdict}`)}</p>
          {state.summary.medianMs !== null && (
            <p className="muted">{t('techCheck.network.figures', { rtt: state.summary.medianMs, jitter: state.summary.jitterMs ?? 0 })}</p>
          )}
          <p className="muted">{t('techCheck.network.meaning')}</p>
        </div>
      )}
      <button type="button" className="button button--secondary" onClick={run} disabled={state.status === 'running'}>
        {t('techCheck.network.again')}
      </button>
    </section>
  );
}
