import type { RecordingStatus } from '../contract/recording-contract';

export type RecordingCommand = 'pause' | 'resume' | 'stop';

/**
 * What a command does to a recording in a status: a change (with the audit action that records
 * it), nothing (asked twice, e.g. by a media node retrying after a restart: the first one stands),
 * or a refusal (a stopped recording is never resumed: the judge starts a new one).
 */
export type RecordingDecision =
  | { readonly kind: 'change'; readonly to: RecordingStatus; readonly action: string; readonly endsTracks: boolean }
  | { readonly kind: 'unchanged' }
  | { readonly kind: 'refused'; readonly reason: 'stopped' };

export function decideRecordingCommand(status: RecordingStatus, command: RecordingCommand): RecordingDecision {
  if (command === 'stop') {
    return status === 'stopped' ? { kind: 'unchanged' } : { kind: 'change', to: 'stopped', action: 'recording.stopped', endsTracks: true };
  }
  if (status === 'stopped') return { kind: 'refused', reason: 'stopped' };
  if (command === 'pause') {
    return status === 'paused' ? { kind: 'unchanged' } : { kind: 'change', to: 'paused', action: 'recording.paused', endsTracks: true };
  }
  return status === 'running' ? { kind: 'unchanged' } : { kind: 'change', to: 'running', action: 'recording.resumed', endsTracks: false };
}
