/*
 * Pure helpers of the special-measures order rounds (order-changes.ts): the consumers each client
 * holds by what its signalling told it, the ones a screen must take away, whether one round's
 * notifications were exactly what the order means, and the round's intervals and their summary.
 */
import type { ServerNotification } from '@ejustice/hearings/signalling/signalling-messages';
import { type Summary, summarise } from './statistics';

/** The goal for the time from the judge's order to the last forbidden consumer closed, at p99. */
export const ORDER_CLOSE_GOAL_P99_MS = 100;

/** A consumer a participant holds, as their signalling told them: offered (`newConsumer`) and not closed since. */
export interface HeldConsumer {
  readonly viewerId: string;
  /** Whose media it carries. */
  readonly sourceId: string;
  readonly kind: 'audio' | 'video';
  readonly consumerId: string;
  readonly producerId: string;
}

/** The consumers `viewerId` holds after receiving `notifications` (all of them, in order). */
export function heldConsumers(viewerId: string, notifications: readonly ServerNotification[]): HeldConsumer[] {
  const held = new Map<string, HeldConsumer>();
  for (const n of notifications) {
    if (n.method === 'newConsumer') {
      const { consumerId, producerId, participantId, kind } = n.data;
      held.set(consumerId, { viewerId, sourceId: participantId, kind, consumerId, producerId });
    } else if (n.method === 'consumerClosed') {
      held.delete(n.data.consumerId);
    }
  }
  return [...held.values()];
}

/**
 * What a screen of `subjectId` from `screenedIds` takes away: her video from each of them and
 * theirs from her. Audio stays (a screen hides faces, not words) and nobody else loses anything.
 */
export function screenedConsumers(held: readonly HeldConsumer[], subjectId: string, screenedIds: readonly string[]): HeldConsumer[] {
  const screened = new Set(screenedIds);
  return held.filter(
    (c) =>
      c.kind === 'video' &&
      ((c.sourceId === subjectId && screened.has(c.viewerId)) || (c.viewerId === subjectId && screened.has(c.sourceId))),
  );
}

/** Each (viewer, source, kind) of `participantIds` that is not held: everyone should receive everyone else's audio and video. */
export function incompleteViews(
  held: readonly HeldConsumer[],
  participantIds: readonly string[],
): Pick<HeldConsumer, 'viewerId' | 'sourceId' | 'kind'>[] {
  const has = new Set(held.map((c) => `${c.viewerId} ${c.sourceId} ${c.kind}`));
  const missing: Pick<HeldConsumer, 'viewerId' | 'sourceId' | 'kind'>[] = [];
  for (const viewerId of participantIds)
    for (const sourceId of participantIds)
      for (const kind of ['audio', 'video'] as const)
        if (viewerId !== sourceId && !has.has(`${viewerId} ${sourceId} ${kind}`)) missing.push({ viewerId, sourceId, kind });
  return missing;
}

export interface WindowExpectation {
  /** Consumers each viewer must be told closed (`consumerClosed`), once, and no others. */
  readonly closed: readonly HeldConsumer[];
  /** Consumers each viewer must be offered again (`newConsumer` from the same producer), once, and no others. */
  readonly reopened: readonly HeldConsumer[];
}

/**
 * Every difference between what the viewers received in one window (notifications by viewer id)
 * and what was expected, one sentence each; none when it was exactly that. Besides the closes and
 * offers: a producer closed, a consumer paused, a switch to audio only, a media reset or a session
 * ended are each something lost. `held` is what everyone held as the window began (to name a
 * consumer closed by surprise); `name` labels a participant.
 */
export function windowProblems(
  expected: WindowExpectation,
  received: ReadonlyMap<string, readonly ServerNotification[]>,
  held: readonly HeldConsumer[],
  name: (participantId: string) => string,
): string[] {
  const problems: string[] = [];
  const describe = (c: HeldConsumer) => `${name(c.viewerId)}'s ${c.kind} from ${name(c.sourceId)} (consumer ${c.consumerId})`;
  const heldById = new Map(held.map((c) => [c.consumerId, c]));
  const toClose = new Map(expected.closed.map((c) => [c.consumerId, c]));
  const toReopen = new Map(expected.reopened.map((c) => [`${c.viewerId} ${c.producerId}`, c]));
  const closed = new Set<string>();
  const reopened = new Set<string>();
  for (const [viewerId, notifications] of received) {
    for (const n of notifications) {
      switch (n.method) {
        case 'consumerClosed': {
          const id = n.data.consumerId;
          const c = toClose.get(id);
          if (c && c.viewerId === viewerId && !closed.has(id)) closed.add(id);
          else if (closed.has(id)) problems.push(`${describe(toClose.get(id) as HeldConsumer)} was closed twice`);
          else {
            const h = heldById.get(id);
            problems.push(h && h.viewerId === viewerId ? `${describe(h)} was closed` : `${name(viewerId)} was told consumer ${id} closed`);
          }
          break;
        }
        case 'newConsumer': {
          const key = `${viewerId} ${n.data.producerId}`;
          if (toReopen.has(key) && !reopened.has(key)) reopened.add(key);
          else
            problems.push(
              `${name(viewerId)} was offered ${n.data.kind} from ${name(n.data.participantId)} (consumer ${n.data.consumerId})` +
                (reopened.has(key) ? ' twice' : ''),
            );
          break;
        }
        case 'producerClosed':
          problems.push(`${name(viewerId)}'s producer ${n.data.producerId} was closed (${n.data.reason})`);
          break;
        case 'consumerPaused': {
          const h = heldById.get(n.data.consumerId);
          problems.push(`${h ? describe(h) : `${name(viewerId)}'s consumer ${n.data.consumerId}`} was paused (${n.data.reason})`);
          break;
        }
        case 'audioOnly':
          if (n.data.enabled) problems.push(`${name(viewerId)} was switched to audio only`);
          break;
        case 'mediaReset':
          problems.push(`${name(viewerId)} was told to reset its media (${n.data.reason})`);
          break;
        case 'sessionEnded':
          problems.push(`${name(viewerId)}'s session ended (${n.data.reason}: ${n.data.message})`);
          break;
        default:
          // Lists, names, the sitting's status, the speaker, network health: not media lost or gained.
          break;
      }
    }
  }
  for (const c of expected.closed) if (!closed.has(c.consumerId)) problems.push(`${describe(c)} was not closed`);
  for (const [key, c] of toReopen) if (!reopened.has(key)) problems.push(`${describe(c)} was not offered again`);
  return problems;
}

/** When things happened in one round, in performance.now() ms; a notice the probe missed is null. */
export interface RoundTimes {
  readonly makeSent: number;
  readonly makeAnswered: number;
  /** The api's notice to the media nodes, as a subscriber of the same Redis saw it. */
  readonly makeNotice: number | null;
  /** Each forbidden consumer's `consumerClosed`, as its client received it. */
  readonly closes: readonly number[];
  readonly revokeSent: number;
  readonly revokeAnswered: number;
  readonly revokeNotice: number | null;
  /** Each consumer's `newConsumer` after the revocation, as its client received it. */
  readonly reopens: readonly number[];
}

/** One round's intervals, in ms. */
export interface RoundSample {
  /** The judge's order sent -> the last forbidden consumer closed at its client: the figure. */
  readonly makeToLastClose: number;
  readonly makeToFirstClose: number;
  /** The order sent -> the api's answer (recorded, audited, notice published). */
  readonly makeToAnswer: number;
  /** The answer -> the last close; negative when the media node was faster than the answer's way back. */
  readonly answerToLastClose: number;
  readonly makeToNotice: number | null;
  readonly noticeToLastClose: number | null;
  /** The revocation sent -> the last consumer offered again at its client. */
  readonly revokeToLastReopen: number;
  readonly revokeToFirstReopen: number;
  readonly revokeToAnswer: number;
  readonly answerToLastReopen: number;
  readonly revokeToNotice: number | null;
  readonly noticeToLastReopen: number | null;
}

export function roundSample(t: RoundTimes): RoundSample {
  if (t.closes.length === 0 || t.reopens.length === 0) throw new Error('a round without closes or reopens has no intervals');
  const lastClose = Math.max(...t.closes);
  const lastReopen = Math.max(...t.reopens);
  const between = (start: number | null, end: number | null) => (start === null || end === null ? null : end - start);
  return {
    makeToLastClose: lastClose - t.makeSent,
    makeToFirstClose: Math.min(...t.closes) - t.makeSent,
    makeToAnswer: t.makeAnswered - t.makeSent,
    answerToLastClose: lastClose - t.makeAnswered,
    makeToNotice: between(t.makeSent, t.makeNotice),
    noticeToLastClose: between(t.makeNotice, lastClose),
    revokeToLastReopen: lastReopen - t.revokeSent,
    revokeToFirstReopen: Math.min(...t.reopens) - t.revokeSent,
    revokeToAnswer: t.revokeAnswered - t.revokeSent,
    answerToLastReopen: lastReopen - t.revokeAnswered,
    revokeToNotice: between(t.revokeSent, t.revokeNotice),
    noticeToLastReopen: between(t.revokeNotice, lastReopen),
  };
}

export type RoundInterval = keyof RoundSample;
export type RoundSummaries = { readonly [K in RoundInterval]: Summary };

/** Every interval of a round, in the order the report prints them. */
export const ROUND_INTERVALS = [
  'makeToLastClose',
  'makeToFirstClose',
  'makeToAnswer',
  'answerToLastClose',
  'makeToNotice',
  'noticeToLastClose',
  'revokeToLastReopen',
  'revokeToFirstReopen',
  'revokeToAnswer',
  'answerToLastReopen',
  'revokeToNotice',
  'noticeToLastReopen',
] as const satisfies readonly RoundInterval[];

// Every interval is listed: one added to RoundSample and not here fails to compile here.
type UnlistedInterval = Exclude<RoundInterval, (typeof ROUND_INTERVALS)[number]>;
const _everyIntervalListed: [UnlistedInterval] extends [never] ? true : UnlistedInterval = true;

/** Each interval summarised over the rounds (a round whose notice the probe missed is left out of that interval's rows). */
export function summariseRounds(samples: readonly RoundSample[]): RoundSummaries {
  const summaries = {} as Record<RoundInterval, Summary>;
  for (const k of ROUND_INTERVALS) summaries[k] = summarise(samples.map((s) => s[k]).filter((v): v is number => v !== null));
  return summaries;
}
