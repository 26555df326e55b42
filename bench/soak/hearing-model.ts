/*
 * What each participant of a soak hearing should be receiving, from what the soak did to the
 * hearing (who joined, was admitted, left, dropped, was muted; which orders are in force) and the
 * media policy's own decision (`decideMedia`). The media node must converge on exactly that after
 * every action: the consumers each client holds (by `newConsumer` and `consumerClosed`), and
 * whether each is held paused (a muted microphone). Pure: no I/O, no clock.
 *
 * The model follows the room's rules for what the soak does (libs/hearings/src/room/room-state.ts):
 * a fresh arrival waits (the bench goes straight in) and comes in muted (the judge does not); a
 * dropped connection that comes back within the grace period gets its place and its mute back;
 * admitting a witness brings her waiting supporters in beside her; leaving is for good.
 */
import type { HearingRole } from '@ejustice/vocabulary/hearing-role';
import type { HearingStatus } from '@ejustice/vocabulary/hearing-status';
import type { ParticipantState } from '@ejustice/vocabulary/participant-state';
import { type PolicySnapshot, type SpecialMeasure, decideMedia, roleMayProduce } from '@ejustice/media-policy';

export type StreamKind = 'audio' | 'video';

export interface ModelParticipant {
  readonly id: string;
  readonly role: HearingRole;
  readonly label: string;
  state: ParticipantState;
  muted: boolean;
  /** Connected with its microphone and camera produced on the media node. */
  producing: boolean;
  /** Has a receiving transport: the node offers it every consumer the policy allows. */
  receiving: boolean;
  /** Where a dropped connection comes back to within the grace period, if it does. */
  rejoinState: ParticipantState | null;
}

/** A stream a participant should hold: whose, which kind, and whether the node holds it paused. */
export interface ExpectedStream {
  readonly sourceId: string;
  readonly kind: StreamKind;
  readonly paused: boolean;
}

/** A consumer a client holds, as its signalling told it. */
export interface HeldStream extends ExpectedStream {
  readonly consumerId: string;
}

const BENCH: readonly HearingRole[] = ['judge', 'clerk'];

export class HearingModel {
  status: HearingStatus = 'scheduled';
  orders: SpecialMeasure[] = [];
  readonly participants: ModelParticipant[];

  constructor(
    readonly hearingId: string,
    seats: readonly { readonly id: string; readonly role: HearingRole; readonly label: string }[],
  ) {
    this.participants = seats.map((s) => ({
      id: s.id,
      role: s.role,
      label: s.label,
      state: 'invited',
      muted: false,
      producing: false,
      receiving: false,
      rejoinState: null,
    }));
  }

  participant(id: string): ModelParticipant {
    const p = this.participants.find((x) => x.id === id);
    if (!p) throw new Error(`participant ${id} is not in hearing ${this.hearingId}`);
    return p;
  }

  /** `join` acknowledged: back in place after a drop within the grace period, else a fresh arrival. */
  joined(id: string): void {
    const p = this.participant(id);
    if (p.rejoinState) {
      p.state = p.rejoinState;
      p.rejoinState = null;
      return;
    }
    p.state = BENCH.includes(p.role) ? 'admitted' : 'waiting';
    p.muted = p.role !== 'judge';
  }

  produced(id: string): void {
    const p = this.participant(id);
    p.producing = roleMayProduce(p.role, 'audio') || roleMayProduce(p.role, 'video');
  }

  receivingTransport(id: string): void {
    this.participant(id).receiving = true;
  }

  /** The bench admits someone waiting; her supporters waiting with her come in beside her. */
  admitted(id: string): void {
    this.participant(id).state = 'admitted';
    for (const order of this.orders) {
      if (order.kind !== 'supporter' || order.participantId !== id) continue;
      const supporter = this.participants.find((p) => p.id === order.supporterId);
      if (supporter?.state === 'waiting') supporter.state = 'admitted';
    }
  }

  /** `leave`: gone for good (a later join is a fresh arrival). */
  left(id: string): void {
    this.disconnect(id, null);
  }

  /** The connection dropped: the place is kept for the grace period. */
  dropped(id: string): void {
    const p = this.participant(id);
    this.disconnect(id, p.state === 'admitted' || p.state === 'waiting' || p.state === 'in_consultation' ? p.state : null);
  }

  setMuted(id: string, muted: boolean): void {
    this.participant(id).muted = muted;
  }

  /** Makes, changes (same id) or revokes (`undefined`) an order. */
  setOrder(id: string, order: SpecialMeasure | undefined): void {
    this.orders = this.orders.filter((o) => o.id !== id);
    if (order) this.orders.push(order);
  }

  snapshot(): PolicySnapshot {
    return {
      hearingId: this.hearingId,
      status: this.status,
      participants: this.participants.map((p) => ({ id: p.id, role: p.role, state: p.state, displayName: p.label, muted: p.muted })),
      consultations: [],
      orders: this.orders,
    };
  }

  /** What `viewerId` should hold now: every stream the policy allows raw from someone producing. */
  expectedFor(viewerId: string, snapshot: PolicySnapshot = this.snapshot()): ExpectedStream[] {
    const viewer = this.participant(viewerId);
    if (!viewer.receiving) return [];
    const expected: ExpectedStream[] = [];
    for (const source of this.participants) {
      if (source.id === viewerId || !source.producing) continue;
      for (const kind of ['audio', 'video'] as const) {
        const decision = decideMedia(snapshot, viewerId, source.id, kind);
        if (decision.allowed && decision.variant === 'raw')
          expected.push({ sourceId: source.id, kind, paused: kind === 'audio' && source.muted });
      }
    }
    return expected;
  }

  private disconnect(id: string, rejoinState: ParticipantState | null): void {
    const p = this.participant(id);
    p.state = 'disconnected';
    p.rejoinState = rejoinState;
    p.producing = false;
    p.receiving = false;
  }
}

/**
 * Every difference between what a viewer should hold and what it holds, one phrase each (none
 * when they agree): a stream missing, one it should not have, one offered twice, or one paused
 * when it should flow (or the other way round).
 */
export function streamProblems(
  expected: readonly ExpectedStream[],
  held: readonly HeldStream[],
  name: (participantId: string) => string,
): string[] {
  const key = (s: ExpectedStream) => `${s.sourceId} ${s.kind}`;
  const what = (s: ExpectedStream) => `${name(s.sourceId)}'s ${s.kind}`;
  const heldBy = new Map<string, HeldStream[]>();
  for (const h of held) heldBy.set(key(h), [...(heldBy.get(key(h)) ?? []), h]);
  const problems: string[] = [];
  for (const e of expected) {
    const got = heldBy.get(key(e)) ?? [];
    if (got.length === 0) problems.push(`lacks ${what(e)}`);
    else if (got.length > 1) problems.push(`holds ${what(e)} ${got.length} times`);
    else if (got[0].paused !== e.paused)
      problems.push(`holds ${what(e)} ${got[0].paused ? 'paused' : 'flowing'}, not ${e.paused ? 'paused' : 'flowing'}`);
  }
  const wanted = new Set(expected.map(key));
  for (const [k, hs] of heldBy) if (!wanted.has(k)) problems.push(`holds ${what(hs[0])}, which it should not`);
  return problems;
}
