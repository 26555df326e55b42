import { Metrics, loadConfig } from '@ejustice/platform';
import type { MediaNodeDirectory } from '@ejustice/hearings';
import type { WorkerPool } from '../mediasoup/worker-pool.service';
import type { RoomManager } from '../room/room-manager.service';
import { NodeHeartbeat } from './node-heartbeat.service';

/** The heartbeat's loss figures, from the rooms' last health samples to the node's /metrics. */
describe('NodeHeartbeat: packet loss metrics', () => {
  function sut(rooms: { losses: number[] }[]): { beat: () => Promise<void>; metrics: Metrics } {
    const metrics = new Metrics();
    const manager = {
      allRooms: () =>
        rooms.map((r, i) => ({
          hearingId: `h-${i}`,
          stats: () => ({ participants: r.losses.length, consumers: 0, producers: 0 }),
          packetLosses: () => r.losses,
        })),
    } as unknown as RoomManager;
    const pool = { live: () => [{}], deaths: 0 } as unknown as WorkerPool;
    const directory = { heartbeat: async () => [] } as unknown as MediaNodeDirectory;
    const heartbeat = new NodeHeartbeat(directory, manager, pool, loadConfig({}), metrics);
    return { beat: () => heartbeat.beat(), metrics };
  }

  it('reports the worst loss on the node and the participants over 2 % and over 8 %', async () => {
    const { beat, metrics } = sut([{ losses: [0.01, 0.05] }, { losses: [0.12, 0] }]);
    await beat();
    const text = await metrics.registry.metrics();
    expect(text).toMatch(/^ejustice_media_packet_loss_max 0\.12$/m);
    expect(text).toMatch(/^ejustice_media_participants_lossy\{over="0\.02"\} 2$/m);
    expect(text).toMatch(/^ejustice_media_participants_lossy\{over="0\.08"\} 1$/m);
  });

  it('reports no loss where no participant has a reading', async () => {
    const { beat, metrics } = sut([{ losses: [] }]);
    await beat();
    const text = await metrics.registry.metrics();
    expect(text).toMatch(/^ejustice_media_packet_loss_max 0$/m);
    expect(text).toMatch(/^ejustice_media_participants_lossy\{over="0\.08"\} 0$/m);
  });
});
