import { Logger } from '@nestjs/common';
import { type RoomSnapshot, type RoomSnapshotStore, type RoomState, newRoomParticipant } from '@ejustice/hearings';
import { RoomSnapshotWriter } from './room-snapshot-writer';

function room(): RoomState {
  return {
    hearingId: 'h',
    courtId: 'court',
    caseId: 'case',
    title: 'R v X',
    status: 'open',
    roomLocked: false,
    participants: [newRoomParticipant({ id: 'w', role: 'witness', displayName: 'W', userId: null, partyId: null, state: 'admitted' })],
    consultations: [],
    orders: [],
    floorLanguage: 'en',
  };
}

/** A store whose writes wait until the test lets them through. */
class HeldStore {
  readonly written: RoomSnapshot[] = [];
  private release: (() => void)[] = [];
  failNext = false;

  async write(snapshot: RoomSnapshot): Promise<boolean> {
    await new Promise<void>((resolve) => this.release.push(resolve));
    if (this.failNext) {
      this.failNext = false;
      throw new Error('redis down');
    }
    this.written.push(snapshot);
    return true;
  }

  /** Lets the write on its way through, and waits for the writer to act on its answer. */
  async letThrough(): Promise<void> {
    this.release.shift()?.();
    for (let i = 0; i < 5; i++) await Promise.resolve();
  }

  get waiting(): number {
    return this.release.length;
  }
}

describe('RoomSnapshotWriter', () => {
  let state: RoomState;
  let store: HeldStore;
  let sut: RoomSnapshotWriter;

  beforeEach(() => {
    state = room();
    store = new HeldStore();
    const logger = new Logger('test');
    jest.spyOn(logger, 'warn').mockImplementation(() => undefined);
    sut = new RoomSnapshotWriter(
      { hearingId: 'h', snapshotState: () => state },
      store as unknown as RoomSnapshotStore,
      'node-a',
      () => 1,
      logger,
    );
  });

  const mute = (muted: boolean) => {
    state = { ...state, participants: state.participants.map((p) => ({ ...p, muted, mutedByBench: muted })) };
  };

  it('writes changes made during a write together, once it returns, as they stand then', async () => {
    sut.changed();
    expect(store.waiting).toBe(1);
    mute(false);
    sut.changed();
    mute(true);
    sut.changed();
    expect(store.waiting).toBe(1); // one write on its way at a time
    await store.letThrough();
    await store.letThrough();
    expect(store.written).toHaveLength(2);
    expect(store.written[1].participants[0]).toMatchObject({ muted: true, mutedByBench: true });
    expect(store.waiting).toBe(0);
  });

  it('writes nothing for a change that alters no live-only state, unless asked to refresh', async () => {
    sut.changed();
    await store.letThrough();
    state = { ...state, title: 'R v Y' }; // the record's, not live-only
    sut.changed();
    expect(store.waiting).toBe(0);
    sut.refresh();
    await store.letThrough();
    expect(store.written).toHaveLength(2);
  });

  it('survives a failed write and writes again on the next change', async () => {
    store.failNext = true;
    sut.changed();
    await store.letThrough();
    expect(store.written).toHaveLength(0);
    sut.changed();
    await store.letThrough();
    expect(store.written).toHaveLength(1);
  });
});
