import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { type Actor, AuditLog, Clock, assertNever } from '@ejustice/platform';
import { MediaNodeDirectory } from './media-node-directory';
import { type DrainOrigin, MediaNodeErrors, type MediaNodeView, decideDrain, mediaNodeView } from './node-draining';

export interface DrainMediaNodeCommand {
  /** The administrator (a user), or the system for the command line and the node itself. */
  readonly actor: Actor;
  readonly nodeId: string;
  readonly want: 'drain' | 'undrain';
  readonly by: DrainOrigin;
  /**
   * The node's own drain only: forgotten after this long even if the node never comes back to
   * lift it (a pod's id may never be used again). Without it, a day.
   */
  readonly markTtlSeconds?: number;
}

/** How often a drain is read and tried again when another operator changed the node meanwhile. */
const ATTEMPTS = 5;
const OWN_DRAIN_DEFAULT_TTL_SECONDS = 86_400;

/** Another operator changed the node's mark between our read and our write: read again. */
class MarkMoved extends Error {}

/**
 * Drains a media node (it takes no new hearing; its hearings finish where they are) or lifts the
 * drain, for the court's administrator (api), an operator (`./ejustice media drain`) or the node
 * itself before it stops (its pre-stop hook). Each change is one audit event: the mark is changed
 * in Redis only if it is still the one read (of two administrators draining at once, one drains
 * and the other finds it drained), inside the transaction that records the event, so that a
 * refusal from Redis records nothing, and an event that cannot be committed puts the mark back.
 */
@Injectable()
export class DrainMediaNode {
  private readonly logger = new Logger(DrainMediaNode.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly directory: MediaNodeDirectory,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async execute(cmd: DrainMediaNodeCommand): Promise<MediaNodeView> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.attempt(cmd);
      } catch (error) {
        if (!(error instanceof MarkMoved) || attempt === ATTEMPTS) throw error;
      }
    }
  }

  private async attempt(cmd: DrainMediaNodeCommand): Promise<MediaNodeView> {
    const known = await this.directory.node(cmd.nodeId);
    const decision = decideDrain(known && { live: known.load !== null, mark: known.mark }, cmd, this.clock.now().getTime());
    switch (decision.kind) {
      case 'not_found':
        throw MediaNodeErrors.notFound();
      case 'unchanged':
        return mediaNodeView(cmd.nodeId, known!.load, known!.mark);
      case 'mark':
      case 'unmark':
        break;
      default:
        assertNever(decision, 'drain decision');
    }
    const next = decision.kind === 'mark' ? decision.mark : null;
    // Only the node's own mark expires; an operator's waits for an operator.
    const ttlMs = next?.by === 'node' ? (cmd.markTtlSeconds ?? OWN_DRAIN_DEFAULT_TTL_SECONDS) * 1000 : 0;
    const stored = known!.storedMark;
    let changed = false;
    try {
      await this.db.transaction(async (m) => {
        if (!(await this.directory.changeDrain(cmd.nodeId, stored, next, ttlMs))) throw new MarkMoved();
        changed = true;
        await this.audit.record(m, {
          action: next ? 'media_node.drained' : 'media_node.undrained',
          actor: cmd.actor,
          // Node ids are unique within a pool of media nodes only.
          subject: { type: 'media_node', id: `${this.directory.pool}/${cmd.nodeId}` },
          // A media node serves every court of the platform: the event belongs to none of them.
          courtId: null,
          data: {
            by: cmd.by,
            pool: this.directory.pool,
            live: known!.load !== null,
            hearings: known!.load?.hearings ?? 0,
            ...(known!.mark ? { previousDrainBy: known!.mark.by } : {}),
          },
        });
      });
    } catch (error) {
      // The event was not committed: the mark goes back to what it was, if nobody moved it since.
      if (changed) await this.directory.changeDrain(cmd.nodeId, next ? JSON.stringify(next) : null, known!.mark, 0).catch(() => false);
      throw error;
    }
    this.logger.log(`execute() ${next ? 'drained' : 'undrained'} [node:${cmd.nodeId}] [by:${cmd.by}]`);
    return mediaNodeView(cmd.nodeId, known!.load, next);
  }
}
