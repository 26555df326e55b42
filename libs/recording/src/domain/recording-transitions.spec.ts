import { RECORDING_STATUSES } from '../contract/recording-contract';
import { type RecordingCommand, decideRecordingCommand } from './recording-transitions';

describe('decideRecordingCommand', () => {
  it.each([
    ['running', 'pause', { kind: 'change', to: 'paused', action: 'recording.paused', endsTracks: true }],
    ['running', 'resume', { kind: 'unchanged' }],
    ['running', 'stop', { kind: 'change', to: 'stopped', action: 'recording.stopped', endsTracks: true }],
    ['paused', 'pause', { kind: 'unchanged' }],
    ['paused', 'resume', { kind: 'change', to: 'running', action: 'recording.resumed', endsTracks: false }],
    ['paused', 'stop', { kind: 'change', to: 'stopped', action: 'recording.stopped', endsTracks: true }],
    ['stopped', 'pause', { kind: 'refused', reason: 'stopped' }],
    ['stopped', 'resume', { kind: 'refused', reason: 'stopped' }],
    ['stopped', 'stop', { kind: 'unchanged' }],
  ] as const)('%s + %s', (status, command, expected) => {
    expect(decideRecordingCommand(status, command)).toEqual(expected);
  });

  it('never leaves a stopped recording', () => {
    for (const command of ['pause', 'resume', 'stop'] as RecordingCommand[]) {
      const decision = decideRecordingCommand('stopped', command);
      expect(decision.kind).not.toBe('change');
    }
    expect(RECORDING_STATUSES).toEqual(['running', 'paused', 'stopped']);
  });
});
