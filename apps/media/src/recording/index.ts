export { HearingRecorder, type RecordedProducer, type RecordingDeps, type RecordingSettings } from './hearing-recorder';
export { RoomRecording } from './room-recording';
export { TrackRecorder, type TrackRecorderStats } from './track-recorder';
export { parseSegmentList, recorderArgs } from './recorder-pipeline';
export { SpoolSweeper } from './spool-sweeper';
