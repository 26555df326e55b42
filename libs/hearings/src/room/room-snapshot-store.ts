import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig, REDIS } from '@ejustice/platform';
import { type RoomSnapshot, parseRoomSnapshot, serialiseRoomSnapshot } from './room-snapshot';

/** A snapshot outlives a hearing day: a room that nobody reopens within it starts from the record alone. */
export const ROOM_SNAPSHOT_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * Where a media node keeps the live-only state of the rooms it carries (room-snapshot.ts), for
 * the node that takes a hearing over if it dies:
 *
 *   ejustice:media:<pool>:room:<hearingId>   JSON RoomSnapshot, expires after a day unless refreshed
 *
 * Only the node the registry names as carrying the hearing may write it (checked in the same
 * script as the write): a node that lost its hearing, but does not know it yet, cannot overwrite
 * the new node's state with its own.
 */
@Injectable()
export class RoomSnapshotStore {
  private readonly prefix: string;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.prefix = `ejustice:media:${config.media.pool}`;
  }

  key(hearingId: string): string {
    return `${this.prefix}:room:${hearingId}`;
  }

  async read(hearingId: string): Promise<RoomSnapshot | null> {
    return parseRoomSnapshot(await this.redis.get(this.key(hearingId)), hearingId);
  }

  /** Writes the snapshot if `nodeId` carries the hearing; returns whether it did. */
  async write(snapshot: RoomSnapshot, nodeId: string): Promise<boolean> {
    const written = await this.redis.eval(
      `if redis.call('GET', KEYS[1]) == ARGV[1] then
         redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[3])
         return 1
       end
       return 0`,
      2,
      `${this.prefix}:hearing:${snapshot.hearingId}`,
      this.key(snapshot.hearingId),
      nodeId,
      serialiseRoomSnapshot(snapshot),
      String(ROOM_SNAPSHOT_TTL_MS),
    );
    return written === 1;
  }

  /** Keeps the snapshots of rooms alive for another day (a long sitting changes nothing for hours). */
  async refresh(hearingIds: readonly string[]): Promise<void> {
    if (hearingIds.length === 0) return;
    const multi = this.redis.multi();
    for (const id of hearingIds) multi.pexpire(this.key(id), ROOM_SNAPSHOT_TTL_MS);
    await multi.exec();
  }

  /** The room closed with nobody left in it: the next one starts from the record. */
  async remove(hearingId: string): Promise<void> {
    await this.redis.del(this.key(hearingId));
  }
}
