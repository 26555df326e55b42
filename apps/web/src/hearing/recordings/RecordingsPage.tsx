import type { HearingRecordingsView, RecordingView } from '@ejustice/recording/contract/recording-contract';
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client';
import { useApiResource } from '../../api/use-api-resource';
import { errorMessage } from '../../i18n/error-message';
import { useCourtTime } from '../../i18n/use-court-time';
import { useDocumentTitle } from '../../layout/use-document-title';
import { paths } from '../../paths';
import { fetchSegment, listRecordings, verifyRecordings } from './recordings-api';
import {
  buildTimeline,
  formatOffset,
  isForbidden,
  verificationOutcome,
  type TimelineLane,
  type TimelineSegment,
  type TimelineTrack,
  type VerificationOutcome,
} from './recording-timeline';
import './recordings.css';

/**
 * `/hearings/:hearingId/recordings`, for the bench and the court's clerks: the hearing's
 * recordings, each as a timeline of the tracks by participant (named as this viewer may know
 * them), their segments to play, and a check of the whole record against the audit chain. The api
 * decides who may see it (403 for anyone else) and audits every segment played.
 */
export function RecordingsPage() {
  const { t, i18n } = useTranslation();
  const { hearingId = '' } = useParams<{ hearingId: string }>();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const load = useCallback((signal: AbortSignal) => listRecordings(api, hearingId, signal), [hearingId]);
  const { state, reload } = useApiResource(load);
  useDocumentTitle(state.status === 'loaded' ? t('recordings.pageTitle', { title: state.data.hearingTitle }) : t('recordings.title'));

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  return (
    <div className="page-content recordings">
      <h1 ref={headingRef} tabIndex={-1}>
        {t('recordings.title')}
      </h1>
      {state.status === 'loaded' && (
        <p className="muted">
          <bdi>{state.data.hearingTitle}</bdi>
        </p>
      )}
      {state.status === 'loading' && (
        <p className="muted" role="status">
          {t('recordings.loading')}
        </p>
      )}
      {state.status === 'error' &&
        (isForbidden(state.error) ? (
          <div className="notice notice--error" role="alert">
            <p>{t('recordings.forbidden')}</p>
          </div>
        ) : (
          <div className="notice notice--error" role="alert">
            <p>
              {t('recordings.loadFailed')} {errorMessage(state.error, i18n)}
            </p>
            <button type="button" className="button button--secondary" onClick={reload}>
              {t('common.retry')}
            </button>
          </div>
        ))}
      {state.status === 'loaded' && <Recordings view={state.data} />}
      <p>
        <Link to={paths.home}>{t('common.backHome')}</Link>
      </p>
    </div>
  );
}

function Recordings({ view }: { view: HearingRecordingsView }) {
  const { t } = useTranslation();
  if (view.recordings.length === 0) {
    return (
      <div className="empty-state">
        <p className="empty-state__title">{t('recordings.empty')}</p>
        <p className="muted">{t('recordings.emptyHint')}</p>
      </div>
    );
  }
  return (
    <>
      <VerifyPanel hearingId={view.hearingId} />
      {view.recordings.map((recording, index) => (
        <RecordingSection key={recording.id} recording={recording} number={index + 1} />
      ))}
    </>
  );
}

type VerifyState =
  { status: 'idle' } | { status: 'running' } | { status: 'done'; outcome: VerificationOutcome } | { status: 'error'; error: unknown };

/** "Verify": every segment hashed again and checked against the audit chain, on the server. */
function VerifyPanel({ hearingId }: { hearingId: string }) {
  const { t, i18n } = useTranslation();
  const courtTime = useCourtTime();
  const headingId = useId();
  const [verify, setVerify] = useState<VerifyState>({ status: 'idle' });
  const run = () => {
    setVerify({ status: 'running' });
    verifyRecordings(api, hearingId).then(
      (view) => setVerify({ status: 'done', outcome: verificationOutcome(view) }),
      (error: unknown) => setVerify({ status: 'error', error }),
    );
  };
  return (
    <section className="panel recordings__verify" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('recordings.verify.title')}</h2>
      <p className="muted">{t('recordings.verify.explain')}</p>
      <button type="button" className="button" onClick={run} disabled={verify.status === 'running'}>
        {t('recordings.verify.run')}
      </button>
      {/* Always present: the result is read out when it arrives, however long the check took. */}
      <div role="status" aria-live="polite">
        {verify.status === 'running' && <p>{t('recordings.verify.running')}</p>}
        {verify.status === 'done' && verify.outcome.kind === 'ok' && (
          <p className="notice notice--success" data-verification="ok">
            {t('recordings.verify.ok', { checked: verify.outcome.segmentsChecked, time: courtTime.dateTime(verify.outcome.checkedAt) })}
          </p>
        )}
        {verify.status === 'done' && verify.outcome.kind === 'problems' && (
          <div className="notice notice--error" data-verification="problems">
            <p>
              {t('recordings.verify.problems', {
                checked: verify.outcome.segmentsChecked,
                time: courtTime.dateTime(verify.outcome.checkedAt),
              })}
            </p>
            {verify.outcome.chainBroken !== null && (
              <p>
                {t('recordings.verify.chainBroken')} <bdi>{verify.outcome.chainBroken}</bdi>
              </p>
            )}
            <ul>
              {verify.outcome.problems.map((problem) => (
                <li key={`${problem.segment}-${problem.problem}`}>
                  <strong>{t(`recordings.problem.${problem.problem}`)}</strong> <bdi>{problem.segment}</bdi>
                  {problem.detail && <span className="muted"> — {problem.detail}</span>}
                </li>
              ))}
            </ul>
          </div>
        )}
        {verify.status === 'error' && (
          <p className="notice notice--error">
            {t('recordings.verify.failed')} {errorMessage(verify.error, i18n)}
          </p>
        )}
      </div>
    </section>
  );
}

interface Playing {
  readonly segment: TimelineSegment;
  readonly track: TimelineTrack;
  readonly who: string;
}

function RecordingSection({ recording, number }: { recording: RecordingView; number: number }) {
  const { t } = useTranslation();
  const courtTime = useCourtTime();
  const headingId = useId();
  const timeline = buildTimeline(recording);
  const [playing, setPlaying] = useState<Playing | null>(null);
  return (
    <section className="panel recording" aria-labelledby={headingId} data-recording-id={recording.id}>
      <h2 id={headingId}>{t('recordings.recording', { number, start: courtTime.dateTime(recording.startedAt) })}</h2>
      <p className="recording__facts">
        <span className={`recording__status recording__status--${recording.status}`}>{t(`recordings.status.${recording.status}`)}</span>
        {recording.stoppedAt
          ? t('recordings.span', { start: courtTime.time(recording.startedAt), end: courtTime.time(recording.stoppedAt) })
          : t('recordings.since', { start: courtTime.time(recording.startedAt) })}
      </p>
      {playing && <SegmentPlayer playing={playing} onClose={() => setPlaying(null)} />}
      {timeline.lanes.length === 0 ? (
        <p className="muted">{t('recordings.noTracks')}</p>
      ) : (
        <ul className="timeline" aria-label={t('recordings.timelineLabel')}>
          {timeline.lanes.map((lane) => (
            <Lane key={lane.participantId} lane={lane} onPlay={setPlaying} />
          ))}
        </ul>
      )}
    </section>
  );
}

function useLaneName(): (lane: TimelineLane) => string {
  const { t } = useTranslation();
  return (lane) => {
    const role = t(`hearingRoles.${lane.role}`, { defaultValue: lane.role });
    return lane.participantName === null ? role : t('room.nameWithRole', { name: lane.participantName, role });
  };
}

function Lane({ lane, onPlay }: { lane: TimelineLane; onPlay: (playing: Playing) => void }) {
  const { t } = useTranslation();
  const who = useLaneName()(lane);
  const roleName = t(`hearingRoles.${lane.role}`, { defaultValue: lane.role });
  return (
    <li className="timeline__lane" data-participant-id={lane.participantId}>
      <h3 className="timeline__who">
        {lane.participantName === null ? (
          roleName
        ) : (
          <>
            <bdi>{lane.participantName}</bdi> <span className="muted">{roleName}</span>
          </>
        )}
      </h3>
      {/* The bars are a picture of the list below them, which says the same in words. */}
      <div className="timeline__axis" aria-hidden="true">
        {lane.tracks.map((track) => (
          <span
            key={track.id}
            className={`timeline__bar timeline__bar--${track.source}`}
            style={{ insetInlineStart: `${track.leftPercent}%`, width: `${Math.max(track.widthPercent, 0.5)}%` }}
          />
        ))}
      </div>
      <ul className="timeline__tracks">
        {lane.tracks.map((track) => (
          <li key={track.id}>
            <span>
              {t('recordings.track', {
                source: t(`recordings.source.${track.source}`),
                start: formatOffset(track.startMs),
                end: track.endedAt === null ? t('recordings.ongoing') : formatOffset(track.endMs),
              })}
            </span>
            {track.segments.length === 0 ? (
              <span className="muted"> {t('recordings.noSegments')}</span>
            ) : (
              <ul className="timeline__segments">
                {track.segments.map((segment) => (
                  <li key={segment.id}>
                    <button
                      type="button"
                      className="button button--secondary"
                      // The times too: numbering starts again in every track (after each pause), and the
                      // name must contain the words shown, for those who speak to their computer.
                      aria-label={t('recordings.playLabel', {
                        number: segment.sequence + 1,
                        start: formatOffset(segment.startMs),
                        end: formatOffset(segment.startMs + segment.durationMs),
                        source: t(`recordings.source.${track.source}`),
                        who,
                      })}
                      onClick={() => onPlay({ segment, track, who })}
                    >
                      {t('recordings.segment', {
                        number: segment.sequence + 1,
                        start: formatOffset(segment.startMs),
                        end: formatOffset(segment.startMs + segment.durationMs),
                      })}
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
    </li>
  );
}

type SegmentState = { status: 'loading' } | { status: 'ready'; url: string } | { status: 'error'; error: unknown };

/** Fetches one segment with the session's token and plays it from an object URL (freed when done). */
function SegmentPlayer({ playing, onClose }: { playing: Playing; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const headingId = useId();
  const [segment, setSegment] = useState<SegmentState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const mediaUrl = playing.segment.mediaUrl;

  useEffect(() => {
    const controller = new AbortController();
    let url: string | null = null;
    setSegment({ status: 'loading' });
    fetchSegment(api, mediaUrl, controller.signal).then(
      (blob) => {
        if (controller.signal.aborted) return;
        url = URL.createObjectURL(blob);
        setSegment({ status: 'ready', url });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setSegment({ status: 'error', error });
      },
    );
    return () => {
      controller.abort();
      if (url) URL.revokeObjectURL(url);
    };
  }, [mediaUrl, attempt]);

  return (
    <figure className="recordings__player" aria-labelledby={headingId}>
      <figcaption id={headingId}>
        <Trans
          i18nKey="recordings.playing"
          values={{
            source: t(`recordings.source.${playing.track.source}`),
            number: playing.segment.sequence + 1,
            start: formatOffset(playing.segment.startMs),
          }}
          components={{ who: <bdi>{playing.who}</bdi> }}
        />
      </figcaption>
      {segment.status === 'loading' && (
        <p className="muted" role="status">
          {t('recordings.mediaLoading')}
        </p>
      )}
      {segment.status === 'error' && (
        <div className="notice notice--error" role="alert">
          <p>
            {isForbidden(segment.error) ? t('recordings.forbidden') : `${t('recordings.mediaFailed')} ${errorMessage(segment.error, i18n)}`}
          </p>
          <button type="button" className="button button--secondary" onClick={() => setAttempt((value) => value + 1)}>
            {t('common.retry')}
          </button>
        </div>
      )}
      {segment.status === 'ready' &&
        (playing.track.kind === 'video' ? (
          <video src={segment.url} controls autoPlay playsInline aria-labelledby={headingId} className="recordings__video" />
        ) : (
          <audio src={segment.url} controls autoPlay aria-labelledby={headingId} />
        ))}
      <button type="button" className="button button--secondary" onClick={onClose}>
        {t('recordings.closePlayer')}
      </button>
    </figure>
  );
}
