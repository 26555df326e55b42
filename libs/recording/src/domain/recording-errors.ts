import { DomainError } from '@ejustice/platform';

/** The recording's refusals, each with a stable code and a sentence a person (or the media node's log reader) can act on. */
export const RecordingErrors = {
  hearingNotFound: () => new DomainError('not_found', 'recording.hearing_not_found', 'There is no hearing with this id that you can see.'),
  recordingNotFound: () => new DomainError('not_found', 'recording.not_found', 'There is no recording with this id.'),
  trackNotFound: () => new DomainError('not_found', 'recording.track_not_found', 'There is no recording track with this id.'),
  segmentNotFound: () =>
    new DomainError('not_found', 'recording.segment_not_found', 'There is no recording segment with this id that you can see.'),
  notInHearing: (who: string) =>
    new DomainError('invalid', 'recording.participant_not_in_hearing', `The ${who} is not a participant of the recorded hearing.`),
  stopped: () => new DomainError('conflict', 'recording.stopped', 'This recording was stopped; start a new recording to record again.'),
  notRunning: () =>
    new DomainError(
      'conflict',
      'recording.not_running',
      'The recording is paused or stopped: a track is opened only while it runs. Resume the recording first.',
    ),
  invalidSegment: (problem: string) =>
    new DomainError('invalid', 'recording.invalid_segment', `This segment cannot be registered: ${problem}.`),
  spoolFileMissing: (path: string) =>
    new DomainError('invalid', 'recording.spool_file_missing', `The segment file ${path} is not in the recording spool directory.`),
  segmentOutOfOrder: (sequence: number, last: number) =>
    new DomainError(
      'conflict',
      'recording.segment_out_of_order',
      `Segment ${sequence} comes after segment ${last} was registered: segments of a track are registered in order.`,
      { details: { sequence, lastRegistered: last } },
    ),
  segmentConflict: (sequence: number) =>
    new DomainError(
      'conflict',
      'recording.segment_conflict',
      `Segment ${sequence} of this track is already registered with other bytes; the registered segment stands.`,
      { details: { sequence } },
    ),
  notAllowed: () =>
    new DomainError(
      'forbidden',
      'recording.not_allowed',
      "A hearing's recordings are seen and played only by its bench and the court's clerks.",
    ),
};
