import type { Logger } from '@nestjs/common';
import { type RoomSnapshotStore, type RoomState, snapshotFingerprint, takeRoomSnapshot } from '@ejustice/hearings';

/**
 * Keeps one room's snapshot in Redis up to date (room-snapshot.ts), for the node that takes the
 * hearing over if this one dies. Cheap: a change that alters no live-only state writes nothing
 * (same fingerprint), and changes made while a write is on its way are written together once it
 * returns. Never in the way of the room: a failed write is logged and retried with the next change.
 */
export class RoomSnapshotWriter {
  private writing = false;
  private dirty = false;
  private lastFingerprint: string | null = null;

  constructor(
    private readonly room: { readonly hearingId: string; snapshotState(): RoomState },
    private readonly store: RoomSnapshotStore,
    private readonly nodeId: string,
    private readonly now: () => number,
    private readonly logger: Logger,
  ) {}

  /** The room changed: write its live-only state if it differs from what was written last. */
  changed(): void {
    this.dirty = true;
    if (this.writing) return;
    this.writing = true;
    void this.flush();
  }

  /** Writes it again even if unchanged (its expiry starts over). */
  refresh(): void {
    this.lastFingerprint = null;
    this.changed();
  }

  private async flush(): Promise<void> {
    try {
      while (this.dirty) {
        this.dirty = false;
        const snapshot = takeRoomSnapshot(this.room.snapshotState(), this.now());
        const fingerprint = snapshotFingerprint(snapshot);
        if (fingerprint === this.lastFingerprint) continue;
        try {
          if (await this.store.write(snapshot, this.nodeId)) this.lastFingerprint = fingerprint;
          else this.logger.warn(`snapshot() not written: the registry names another node for it [hearing:${this.room.hearingId}]`);
        } catch (error) {
          this.logger.warn(`snapshot() write failed [hearing:${this.room.hearingId}] [error:${(error as Error).message}]`);
        }
      }
    } finally {
      this.writing = false;
    }
  }
}
