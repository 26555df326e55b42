import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { Redis } from 'ioredis';
import {
  ACCESS_NOTICE_CHANNEL,
  MediaNodeDirectory,
  ORDER_NOTICE_CHANNEL,
  SEAT_NOTICE_CHANNEL,
  RoomLedger,
  RoomSnapshotStore,
  decodeHearingNotice,
  restoreRoomSnapshot,
  roomError,
} from '@ejustice/hearings';
import { APP_CONFIG, type AppConfig, Clock, REDIS } from '@ejustice/platform';
import { chooseWorker } from '@ejustice/hearings';
import { WorkerPool, type WorkerSlot } from '../mediasoup/worker-pool.service';
import { RoomRecording } from '../recording';
import { CascadeOrigin } from '../cascade/cascade-origin';
import { Room } from './room';
import { RoomSnapshotWriter } from './room-snapshot-writer';

/** A room's snapshot is written again this often even without a change, so it never expires while the room lives. */
const SNAPSHOT_REFRESH_MS = 60 * 60 * 1000;

/**
 * The rooms this node carries, one per hearing, each on the least loaded worker. Opens a room on
 * first use (loading it from the database), moves rooms off a worker that died, closes a room
 * once nobody has been connected for the reconnection grace period, and applies special-measures
 * orders the moment the api says they changed.
 */
@Injectable()
export class RoomManager implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(RoomManager.name);
  private readonly rooms = new Map<string, Room>();
  private readonly opening = new Map<string, Promise<Room>>();
  private readonly idleTimers = new Map<string, NodeJS.Timeout>();
  private readonly snapshots = new Map<string, RoomSnapshotWriter>();
  private snapshotTimer: NodeJS.Timeout | undefined;
  /** A connection of its own: a subscribed ioredis client can do nothing else. */
  private subscriber: Redis | undefined;
  private recheckTimer: NodeJS.Timeout | undefined;
  private readonly accessListeners: ((hearingId: string) => void)[] = [];
  private readonly movedListeners: ((hearingId: string) => void)[] = [];

  constructor(
    private readonly pool: WorkerPool,
    private readonly ledger: RoomLedger,
    private readonly directory: MediaNodeDirectory,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly recording: RoomRecording,
    private readonly snapshotStore: RoomSnapshotStore,
    private readonly cascade: CascadeOrigin,
  ) {
    pool.onWorkerDied((index) => this.moveRoomsOff(index));
  }

  async onModuleInit(): Promise<void> {
    this.subscriber = this.redis.duplicate();
    this.subscriber.on('message', (channel: string, message: string) => {
      const notice = decodeHearingNotice(message);
      if (!notice || !this.rooms.has(notice.hearingId)) return;
      if (channel === ORDER_NOTICE_CHANNEL) this.applyOrders(notice.hearingId);
      if (channel === SEAT_NOTICE_CHANNEL) this.reloadParticipants(notice.hearingId);
      if (channel === ACCESS_NOTICE_CHANNEL) for (const listener of this.accessListeners) listener(notice.hearingId);
    });
    await this.subscriber.subscribe(ORDER_NOTICE_CHANNEL, ACCESS_NOTICE_CHANNEL, SEAT_NOTICE_CHANNEL);
    // A live room re-reads its orders and its seats this often even without a notice: a notice lost
    // in Redis (a restart, a network blip) delays an order or a withdrawn seat by at most this long
    // instead of leaving it unapplied.
    this.recheckTimer = setInterval(() => {
      for (const room of this.allRooms()) {
        this.applyOrders(room.hearingId);
        this.reloadParticipants(room.hearingId);
      }
    }, this.config.media.orderRecheckMs);
    this.recheckTimer.unref();
    this.snapshotTimer = setInterval(() => {
      for (const writer of this.snapshots.values()) writer.refresh();
    }, SNAPSHOT_REFRESH_MS);
    this.snapshotTimer.unref();
  }

  /** Who may be connected to a hearing this node carries changed (the gateway re-checks its sockets). */
  onAccessChanged(listener: (hearingId: string) => void): void {
    this.accessListeners.push(listener);
  }

  /** A hearing moved to another node while this one was given up for dead (the gateway drops its sockets). */
  onMoved(listener: (hearingId: string) => void): void {
    this.movedListeners.push(listener);
  }

  /**
   * Another node carries this hearing now: this one was given up for dead (a frozen process, a
   * machine cut off) and has come back. Its room closes at once, so that no participant still
   * connected here, or arriving with an old ticket, is served beside the other node: a hearing is
   * never split across two live nodes. Nothing shared is touched (the snapshot and the placement
   * are the other node's now); the connections drop, and their clients ask the api where to go.
   */
  relinquish(hearingId: string): void {
    const room = this.rooms.get(hearingId);
    if (!room) return;
    this.logger.warn(`relinquish() the hearing moved to another node, closing its room here [hearing:${hearingId}]`);
    this.cancelIdle(hearingId);
    this.rooms.delete(hearingId);
    this.snapshots.delete(hearingId);
    room.close();
    for (const listener of this.movedListeners) listener(hearingId);
  }

  /** Re-reads a live room's orders; a hearing this node does not carry is some other node's. */
  applyOrders(hearingId: string): void {
    const room = this.rooms.get(hearingId);
    if (!room || room.closed) return;
    void room
      .reloadOrders()
      .catch((error: Error) => this.logger.error(`applyOrders() failed [hearing:${hearingId}] [error:${error.message}]`));
  }

  /** Re-reads who is seated in a live room (a seat withdrawn by the court); another node's hearing is not this one's. */
  reloadParticipants(hearingId: string): void {
    const room = this.rooms.get(hearingId);
    if (!room || room.closed) return;
    void room
      .reloadParticipants()
      .catch((error: Error) => this.logger.error(`reloadParticipants() failed [hearing:${hearingId}] [error:${error.message}]`));
  }

  /** Lets queued changes finish while the database is still there, then closes every room. */
  async onModuleDestroy(): Promise<void> {
    if (this.recheckTimer) clearInterval(this.recheckTimer);
    if (this.snapshotTimer) clearInterval(this.snapshotTimer);
    await this.subscriber?.quit().catch(() => this.subscriber?.disconnect());
    for (const timer of this.idleTimers.values()) clearTimeout(timer);
    for (const room of this.rooms.values()) {
      await room.drain();
      room.close();
    }
    this.rooms.clear();
  }

  /** The room of a hearing, opened (once, even under concurrent calls) if this node does not carry it yet. */
  async open(hearingId: string): Promise<Room> {
    this.cancelIdle(hearingId);
    const existing = this.rooms.get(hearingId);
    if (existing && !existing.closed) return existing;
    const pending = this.opening.get(hearingId);
    if (pending) return pending;
    const opening = this.create(hearingId).finally(() => this.opening.delete(hearingId));
    this.opening.set(hearingId, opening);
    return opening;
  }

  room(hearingId: string): Room | undefined {
    return this.rooms.get(hearingId);
  }

  /**
   * Whether this node, draining, refuses a connection to a hearing it does not carry (no room
   * here, not placed here): refused at the handshake, the client asks the api for a fresh ticket,
   * which names a node taking hearings. A hearing it carries, or one placed on it before the
   * drain, it goes on serving.
   */
  async refusesAsDraining(hearingId: string): Promise<boolean> {
    if (this.rooms.has(hearingId) || this.opening.has(hearingId)) return false;
    if ((await this.directory.drainMark(this.config.media.nodeId)) === null) return false;
    return (await this.directory.nodeOf(hearingId)) !== this.config.media.nodeId;
  }

  allRooms(): Room[] {
    return [...this.rooms.values()];
  }

  /** A connection left: if the room is now empty, it closes after the grace period unless someone comes back. */
  noteDeparture(hearingId: string): void {
    const room = this.rooms.get(hearingId);
    if (!room || room.connectedParticipantIds().length > 0) return;
    this.cancelIdle(hearingId);
    const timer = setTimeout(
      () => {
        this.idleTimers.delete(hearingId);
        if (room.connectedParticipantIds().length > 0 || this.rooms.get(hearingId) !== room) return;
        this.logger.log(`noteDeparture() closing idle room [hearing:${hearingId}]`);
        room.close();
        this.rooms.delete(hearingId);
        this.snapshots.delete(hearingId);
        // Everyone left and their places ran out: the next room starts from the record alone.
        void this.snapshotStore
          .remove(hearingId)
          .then(() => this.directory.release(hearingId, this.config.media.nodeId))
          .catch(() => undefined);
      },
      this.config.media.reconnectGraceSeconds * 1000 + 1000,
    );
    timer.unref();
    this.idleTimers.set(hearingId, timer);
  }

  /**
   * The live worker with the least load, for placing a new router. `planned` counts routers
   * already promised to a worker but not made yet (rooms being moved together).
   */
  private chooseSlot(planned: ReadonlyMap<number, number> = new Map()): WorkerSlot {
    const loads = this.pool.live().map((slot) => {
      const rooms = this.allRooms().filter((r) => r.workerIndex === slot.index && !r.mediaLost);
      const stats = rooms.map((r) => r.stats());
      return {
        index: slot.index,
        alive: true,
        routers: rooms.length + (planned.get(slot.index) ?? 0),
        participants: stats.reduce((n, s) => n + s.participants, 0),
        consumers: stats.reduce((n, s) => n + s.consumers, 0),
      };
    });
    const index = chooseWorker(loads);
    const slot = index === undefined ? undefined : this.pool.slot(index);
    if (!slot) throw roomError('media.unavailable');
    return slot;
  }

  private async create(hearingId: string): Promise<Room> {
    // Another live node carries this hearing: a room here would split it in two.
    if (!(await this.directory.claimIfFree(hearingId, this.config.media.nodeId))) {
      // Or this node is draining and does not carry the hearing: "unavailable" makes the client
      // ask the api for a fresh ticket, which names a node taking hearings.
      const draining = (await this.directory.drainMark(this.config.media.nodeId)) !== null;
      throw roomError(draining ? 'media.unavailable' : 'auth.ticket_wrong_node');
    }
    const loaded = await this.ledger.loadRoom(hearingId);
    if (!loaded) throw roomError('hearing.not_found');
    // The live-only state of a node that carried the hearing before (and died, or restarted),
    // over the record: the record decides who is where, the snapshot only what no table holds.
    const snapshot = await this.snapshotStore.read(hearingId).catch((error: Error) => {
      this.logger.warn(`create() snapshot unreadable, starting from the record [hearing:${hearingId}] [error:${error.message}]`);
      return null;
    });
    const state = restoreRoomSnapshot(loaded.state, snapshot);
    const room = await Room.create({ ...loaded, state }, this.chooseSlot(), {
      restored: snapshot !== null,
      cascade: this.cascade.forHearing(hearingId),
      ledger: this.ledger,
      clock: this.clock,
      settings: {
        reconnectGraceSeconds: this.config.media.reconnectGraceSeconds,
        audioOnlyBelowKbps: this.config.media.audioOnlyBelowKbps,
      },
      statsIntervalMs: this.config.media.statsIntervalMs,
      recording: this.recording,
    });
    this.rooms.set(hearingId, room);
    const writer = new RoomSnapshotWriter(
      room,
      this.snapshotStore,
      this.config.media.nodeId,
      () => this.clock.now().getTime(),
      this.logger,
    );
    this.snapshots.set(hearingId, writer);
    room.onStateChanged(() => writer.changed());
    writer.changed();
    this.logger.log(`create() room opened [hearing:${hearingId}] [worker:${room.workerIndex}] [restored:${snapshot !== null}]`);
    return room;
  }

  /**
   * Moves every room whose worker died to a live worker, all at once: each room's clients are
   * without media until theirs is rebuilt, so none waits for another's. A room that cannot move
   * now (no live worker, or the chosen one died meanwhile) keeps its lost router and moves on
   * the next respawn; a room moved already is left alone (`relocate` does nothing then).
   */
  private async moveRoomsOff(deadIndex: number): Promise<void> {
    const lost = this.allRooms().filter((r) => !r.closed && r.mediaLost);
    if (lost.length === 0) return;
    if (this.pool.live().length === 0) {
      this.logger.warn(`moveRoomsOff() no live worker yet, rooms wait for a respawn [dead:${deadIndex}] [rooms:${lost.length}]`);
      return;
    }
    const planned = new Map<number, number>();
    await Promise.all(
      lost.map((room) => {
        const slot = this.chooseSlot(planned);
        planned.set(slot.index, (planned.get(slot.index) ?? 0) + 1);
        return room.relocate(slot).catch((error: Error) => {
          // Workers killed together report their deaths a moment apart: the one chosen may have
          // been dead already. The room moves on the next respawn.
          if (slot.worker.died) this.logger.warn(`moveRoomsOff() target died too, waiting for a respawn [hearing:${room.hearingId}]`);
          else this.logger.error(`moveRoomsOff() failed [hearing:${room.hearingId}] [error:${error.message}]`);
        });
      }),
    );
  }

  private cancelIdle(hearingId: string): void {
    const timer = this.idleTimers.get(hearingId);
    if (timer) clearTimeout(timer);
    this.idleTimers.delete(hearingId);
  }
}
