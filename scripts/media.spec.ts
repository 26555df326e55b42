import type { MediaNodeView } from '@ejustice/hearings/room/node-draining';
import { nodeTable, parseMediaArgs } from './media';

describe('media command', () => {
  it('reads its arguments', () => {
    expect(parseMediaArgs(['nodes'])).toEqual({ command: 'nodes', json: false });
    expect(parseMediaArgs(['nodes', '--json'])).toEqual({ command: 'nodes', json: true });
    expect(parseMediaArgs(['drain', 'media-a'])).toEqual({ command: 'drain', nodeId: 'media-a', wait: false, timeoutSeconds: null });
    expect(parseMediaArgs(['drain', 'media-a', '--wait', '--timeout', '90'])).toEqual({
      command: 'drain',
      nodeId: 'media-a',
      wait: true,
      timeoutSeconds: 90,
    });
    expect(parseMediaArgs(['drain', '--self', '--wait', '--timeout', '3600'])).toEqual({
      command: 'drain',
      nodeId: null,
      wait: true,
      timeoutSeconds: 3600,
    });
    expect(parseMediaArgs(['undrain', 'media-a'])).toEqual({ command: 'undrain', nodeId: 'media-a' });
  });

  it('says what is wrong with bad arguments', () => {
    expect(parseMediaArgs([])).toMatch(/^unknown command \(none\)\nusage: media nodes/);
    expect(parseMediaArgs(['evict', 'a'])).toMatch(/^unknown command evict/);
    expect(parseMediaArgs(['drain'])).toMatch(/^drain needs the id of one node, or --self/);
    expect(parseMediaArgs(['drain', 'a', 'b'])).toMatch(/^unknown argument b for drain/);
    expect(parseMediaArgs(['drain', 'a', '--self'])).toMatch(/^unknown argument --self for drain/);
    expect(parseMediaArgs(['drain', 'a', '--wait', '--timeout', 'soon'])).toMatch(/^--timeout needs a number of seconds above 0/);
    expect(parseMediaArgs(['drain', 'a', '--timeout', '5'])).toMatch(/^--timeout goes with --wait/);
    expect(parseMediaArgs(['undrain'])).toMatch(/^undrain needs the id of one node/);
    expect(parseMediaArgs(['undrain', '--self'])).toMatch(/^undrain needs the id of one node/);
    expect(parseMediaArgs(['nodes', '--all'])).toMatch(/^unknown argument --all for nodes/);
  });

  it('lists nodes as a table: load, drain, and the age of the heartbeat', () => {
    const live: MediaNodeView = {
      nodeId: 'media-a',
      url: 'https://a.media.court.example',
      live: true,
      hearings: 3,
      participants: 17,
      consumers: 120,
      workers: 4,
      draining: true,
      drainingSince: '2026-12-06T15:00:00.000Z',
      drainedBy: 'admin',
      heartbeatAt: '2026-12-06T15:30:00.000Z',
    };
    const gone: MediaNodeView = {
      ...live,
      nodeId: 'media-b',
      url: null,
      live: false,
      hearings: 0,
      participants: 0,
      consumers: 0,
      workers: 0,
      drainedBy: 'command',
      heartbeatAt: null,
    };
    expect(nodeTable([live, gone], Date.parse('2026-12-06T15:30:02.500Z'))).toEqual([
      'NODE     URL                            HEARINGS  PARTICIPANTS  CONSUMERS  WORKERS  DRAINING                                  HEARTBEAT',
      'media-a  https://a.media.court.example  3         17            120        4        since 2026-12-06T15:00:00.000Z (admin)    2.5 s ago',
      'media-b  -                              0         0             0          0        since 2026-12-06T15:00:00.000Z (command)  gone',
    ]);
    expect(nodeTable([], 0)).toEqual(['no media node in this pool']);
  });
});
