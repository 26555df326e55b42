import { Inject, Injectable } from '@nestjs/common';
import { Counter, Gauge } from 'prom-client';
import { RecordingLedger } from '@ejustice/recording';
import { APP_CONFIG, type AppConfig, Metrics } from '@ejustice/platform';
import type { HearingRecorderObserver, RecordingDeps } from './hearing-recorder';

/**
 * What every room of this node records with: the recording ledger, the settings (spool
 * directory, segment length, the loopback address ffmpeg listens on), and the node's recording
 * metrics in its Prometheus registry.
 */
@Injectable()
export class RoomRecording implements RecordingDeps {
  readonly settings: RecordingDeps['settings'];
  readonly observer: HearingRecorderObserver;

  constructor(
    readonly ledger: RecordingLedger,
    @Inject(APP_CONFIG) config: AppConfig,
    metrics: Metrics,
  ) {
    this.settings = { spoolDir: config.recording.spoolDir, segmentSeconds: config.recording.segmentSeconds, listenIp: '127.0.0.1' };
    const registry = metrics.registry;
    const gauge = (name: string, help: string) =>
      (registry.getSingleMetric(name) as Gauge | undefined) ?? new Gauge({ name, help, registers: [registry] });
    const tracks = gauge('ejustice_recording_tracks_active', 'Recording tracks (one ffmpeg each) running on this node');
    const started = metrics.counter('ejustice_recording_tracks_started_total', 'Recording tracks started on this node');
    const failed = metrics.counter('ejustice_recording_track_failures_total', 'Recording tracks that could not be started');
    const segments = metrics.counter('ejustice_recording_segments_registered_total', 'Recorded segments registered', ['kind']);
    const bytes = metrics.counter('ejustice_recording_segment_bytes_total', 'Bytes of recorded segments registered', ['kind']);
    const lost: Counter<string> = metrics.counter(
      'ejustice_recording_segment_failures_total',
      'Recorded segments that could not be registered (left in the spool or discarded)',
      ['kind'],
    );
    this.observer = {
      trackStarted: () => {
        started.inc();
        tracks.inc();
      },
      trackEnded: () => tracks.dec(),
      trackFailed: () => failed.inc(),
      segmentRegistered: (kind, sizeBytes) => {
        segments.inc({ kind });
        bytes.inc({ kind }, sizeBytes);
      },
      segmentFailed: (kind) => lost.inc({ kind }),
    };
  }
}
