import { HEARING_ROLES } from '@ejustice/vocabulary/hearing-role';
import { RECORDING_STATES } from '@ejustice/hearings/signalling/signalling-messages';
import { RECORDING_REQUEST, recordingAnnouncement, recordingControls, recordingIndicator } from './recording';

describe('the recording controls of the console', () => {
  it('offers the presiding judge Start, then Pause and Stop, then Resume and Stop', () => {
    expect(recordingControls('judge', 'off')).toEqual(['startRecording']);
    expect(recordingControls('judge', 'running')).toEqual(['pauseRecording', 'stopRecording']);
    expect(recordingControls('judge', 'paused')).toEqual(['resumeRecording', 'stopRecording']);
  });

  it('offers nobody else any (a clerk acting for the judge included)', () => {
    for (const role of HEARING_ROLES.filter((candidate) => candidate !== 'judge')) {
      for (const recording of RECORDING_STATES) expect(recordingControls(role, recording)).toEqual([]);
    }
    expect(recordingControls(null, 'off')).toEqual([]);
  });

  it('offers nothing before the state is known', () => {
    expect(recordingControls('judge', undefined)).toEqual([]);
  });

  it('resumes by starting again', () => {
    expect(RECORDING_REQUEST.resumeRecording).toBe('startRecording');
  });
});

describe('the recording indicator and what the live region says', () => {
  it('shows while running or paused, not while off', () => {
    expect(recordingIndicator('running')).toBe('running');
    expect(recordingIndicator('paused')).toBe('paused');
    expect(recordingIndicator('off')).toBeNull();
    expect(recordingIndicator(undefined)).toBeNull();
  });

  it('names each change, and nothing when nothing changed', () => {
    expect(recordingAnnouncement('off', 'running')).toBe('recording.started');
    expect(recordingAnnouncement('running', 'paused')).toBe('recording.paused');
    expect(recordingAnnouncement('paused', 'running')).toBe('recording.resumed');
    expect(recordingAnnouncement('paused', 'off')).toBe('recording.stopped');
    expect(recordingAnnouncement('running', 'running')).toBeNull();
    expect(recordingAnnouncement(undefined, 'off')).toBeNull();
  });
});
