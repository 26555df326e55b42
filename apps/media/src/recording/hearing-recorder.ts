import { Logger } from '@nestjs/common';
import type { types as ms } from 'mediasoup';
import type { RecordingState } from '@ejustice/hearings';
import type { RecordedSource, RecordingActor, RecordingLedger } from '@ejustice/recording';
import { spawnFfmpeg } from '../anonymiser/ffmpeg-child';
import { TrackRecorder, type TrackRecorderObserver, type TrackRecorderStats } from './track-recorder';

export interface RecordingSettings {
  /** Where ffmpeg writes segments until they are registered (AppConfig.recording.spoolDir). */
  readonly spoolDir: string;
  readonly segmentSeconds: number;
  /** Default: `ffmpeg` on the PATH. */
  readonly ffmpegBin?: string;
  /** The IP of the recording PlainTransports and ffmpeg (loopback: the media never leaves the node). */
  readonly listenIp?: string;
}

/** What a room needs to record: the record, the settings, and whom to tell about tracks and segments. */
export interface RecordingDeps {
  readonly ledger: RecordingLedger;
  readonly settings: RecordingSettings;
  readonly observer?: HearingRecorderObserver;
}

export interface HearingRecorderObserver extends TrackRecorderObserver {
  trackStarted?(): void;
  trackEnded?(): void;
  trackFailed?(): void;
}

/** A producer to record: the raw one, with whose it is and what it carries. */
export interface RecordedProducer {
  readonly producer: ms.Producer;
  readonly participantId: string;
  readonly source: RecordedSource;
}

/** A track that failed to start is tried again after this long (while its participant is still recorded). */
const TRACK_RETRY_MS = 2000;

/** One producer's current run: starting (no recorder yet) or recording. */
interface Run {
  readonly participantId: string;
  recorder: TrackRecorder | null;
}

/**
 * The recording of one hearing on this media node: its entry in the record (start, pause,
 * resume, stop, each audited by the ledger) and one TrackRecorder per producer being recorded.
 *
 * The room says whom to record after every change (`sync`, from `recordedParticipants`); this
 * starts a track for each of their producers not yet recorded, and finishes every track whose
 * participant is no longer recorded (a pause, a recess, a consultation, a departure) or whose
 * producer closed. Starting ffmpeg takes a moment, so tracks start outside the room's queue;
 * finishing is awaited where the room must know the record is complete (`settled`): after a pause
 * or a stop, before the judge is answered, and before the node shuts down.
 */
export class HearingRecorder {
  private readonly logger: Logger;
  private readonly runs = new Map<string, Run>();
  /** Runs being finished: their last segments are being registered. */
  private readonly ending = new Set<Promise<void>>();
  private recordingIdValue: string | null;
  private closedFlag = false;
  private retryTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly hearingId: string,
    private readonly deps: RecordingDeps,
    current: { recordingId: string } | null,
    /** Asks the room to sync again (a track ended by itself, or failed to start). */
    private readonly resync: () => void,
  ) {
    this.recordingIdValue = current?.recordingId ?? null;
    this.logger = new Logger(`Recording:${hearingId.slice(0, 8)}`);
  }

  get recordingId(): string | null {
    return this.recordingIdValue;
  }

  /**
   * Writes the judge's change of the recording in the record, before the room adopts it: starts
   * a recording (or resumes the paused one), pauses or stops it. Starting first checks that
   * ffmpeg runs here: a recording that would record nothing is refused, not started.
   */
  async changeRecord(from: RecordingState, to: RecordingState, actor: RecordingActor, at: Date): Promise<void> {
    const { ledger } = this.deps;
    if (to === 'running') {
      await ffmpegRuns(this.ffmpegBin);
      const recordingId = this.recordingIdValue ?? (await ledger.start(this.hearingId, actor, at)).recordingId;
      if (from === 'paused') await ledger.resume(recordingId, actor, at);
      this.recordingIdValue = recordingId;
      return;
    }
    const recordingId = this.recordingIdValue;
    if (!recordingId) return;
    // Tracks whose media has started are opened first: once paused, none may open.
    await Promise.all([...this.runs.values()].map((run) => run.recorder?.openNow()));
    if (to === 'paused') await ledger.pause(recordingId, actor, at);
    else {
      await ledger.stop(recordingId, actor, at);
      this.recordingIdValue = null;
    }
  }

  /** Makes the tracks match `wanted`: starts the missing ones on `router`, finishes the others. */
  sync(router: ms.Router, wanted: readonly RecordedProducer[]): void {
    if (this.closedFlag) return;
    const recordingId = this.recordingIdValue;
    const byId = new Map(recordingId ? wanted.filter((w) => !w.producer.closed).map((w) => [w.producer.id, w]) : []);
    for (const [producerId, run] of this.runs) {
      if (byId.get(producerId)?.participantId === run.participantId) continue;
      this.runs.delete(producerId);
      // Still starting: it is finished as soon as it has started (see start()).
      if (run.recorder) this.end(run.recorder, 'no longer recorded');
    }
    if (!recordingId) return;
    for (const [producerId, want] of byId) {
      if (this.runs.has(producerId)) continue;
      const run: Run = { participantId: want.participantId, recorder: null };
      this.runs.set(producerId, run);
      void this.start(run, router, want, recordingId);
    }
  }

  /** Resolves once every track that was being finished has its last segment registered. */
  async settled(): Promise<void> {
    while (this.ending.size > 0) await Promise.all([...this.ending]);
  }

  /** Finishes every track (the room closes or the node shuts down) and waits until they are complete. */
  async finishAll(): Promise<void> {
    this.closedFlag = true;
    clearTimeout(this.retryTimer);
    for (const run of this.runs.values()) if (run.recorder) this.end(run.recorder, 'room closed');
    this.runs.clear();
    await this.settled();
  }

  tracks(): TrackRecorderStats[] {
    return [...this.runs.values()].flatMap((run) => (run.recorder ? [run.recorder.stats()] : []));
  }

  // -------------------------------------------------------------------------------------------

  private get ffmpegBin(): string {
    return this.deps.settings.ffmpegBin ?? 'ffmpeg';
  }

  private async start(run: Run, router: ms.Router, want: RecordedProducer, recordingId: string): Promise<void> {
    const { settings, ledger, observer } = this.deps;
    let recorder: TrackRecorder;
    try {
      recorder = await TrackRecorder.start(router, want.producer, {
        recordingId,
        participantId: want.participantId,
        source: want.source,
        listenIp: settings.listenIp ?? '127.0.0.1',
        ffmpegBin: this.ffmpegBin,
        spoolDir: settings.spoolDir,
        segmentSeconds: settings.segmentSeconds,
        ledger,
        observer,
      });
    } catch (error) {
      observer?.trackFailed?.();
      this.logger.error(
        `start() track failed [participant:${want.participantId}] [source:${want.source}] [error:${(error as Error).message}]`,
      );
      if (this.runs.get(want.producer.id) === run) {
        this.runs.delete(want.producer.id);
        clearTimeout(this.retryTimer);
        this.retryTimer = setTimeout(() => this.resync(), TRACK_RETRY_MS);
        this.retryTimer.unref();
      }
      return;
    }
    observer?.trackStarted?.();
    // Withdrawn while it started (paused, gone, the room closed): it ends at once.
    if (this.runs.get(want.producer.id) !== run || this.closedFlag) {
      this.end(recorder, 'no longer recorded');
      return;
    }
    run.recorder = recorder;
    // Ended by itself (the producer closed, ffmpeg died, the worker went): the room looks again.
    void recorder.ended.then(() => {
      if (this.runs.get(want.producer.id) !== run) return;
      this.runs.delete(want.producer.id);
      this.end(recorder, 'ended');
      this.resync();
    });
  }

  private end(recorder: TrackRecorder, reason: string): void {
    const finishing = recorder.finish(reason).finally(() => {
      this.ending.delete(finishing);
      this.deps.observer?.trackEnded?.();
    });
    this.ending.add(finishing);
  }
}

/** Whether ffmpeg can be executed here; remembered once it could (it does not go away). */
const ffmpegChecked = new Map<string, Promise<void>>();

function ffmpegRuns(bin: string): Promise<void> {
  let check = ffmpegChecked.get(bin);
  if (!check) {
    check = (async () => {
      const child = spawnFfmpeg(bin, ['-hide_banner', '-loglevel', 'error', '-version']);
      const exit = await child.exited;
      if (exit.code !== 0) throw new Error(`ffmpeg cannot run (${bin}) [code:${exit.code}]: ${child.stderrTail()}`);
    })();
    ffmpegChecked.set(bin, check);
    check.catch(() => ffmpegChecked.delete(bin));
  }
  return check;
}
