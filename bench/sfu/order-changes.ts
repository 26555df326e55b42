/*
 * Special-measures orders in a live hearing: from the judge's order to the last consumer it
 * forbids closed at every client, and from its revocation to the last consumer offered again.
 *
 * One hearing on a fresh media node: the judge and N witnesses, werift peers exactly as in the
 * load (platform side: signed in or joined by link, admitted, unmuted; each sending Opus and VP8
 * and receiving everyone else's). Each round, as the judge would:
 *   1. POST /api/hearings/:id/orders {kind: screen, participantId: witness 1, fromParticipantIds:
 *      witnesses 2..N}; the api records the order, publishes its notice on Redis, and the media
 *      node re-reads the orders and closes witness 1's video to each of them and theirs to her:
 *      2(N-1) `consumerClosed`. Timed to the last of them, as its client received it.
 *   2. POST /api/hearings/:id/orders/:orderId/revoke; the node offers the same producers again:
 *      2(N-1) `newConsumer`. Timed to the last; then each client acknowledges them
 *      (`resumeConsumer`), as a client does, outside the timing.
 * Each step also notes the api's answer and the notice on Redis (a subscriber of its own in this
 * process), which splits the interval into the record's share and the media node's.
 *
 * Every round checks, and stops the run with the difference if not: exactly those consumers
 * closed and were offered again, once each; nobody was told of any other close, pause, producer
 * closed, audio-only switch or reset; and every other consumer kept receiving packets. At the end,
 * the consumers offered again are checked to carry media.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Redis } from 'ioredis';
import { ORDER_NOTICE_CHANNEL, decodeHearingNotice } from '@ejustice/hearings/notices/hearing-notices';
import type { MakeOrderRequest, OrderView, RevokeOrderRequest } from '@ejustice/hearings/orders/order-views';
import type { ServerNotification } from '@ejustice/hearings/signalling/signalling-messages';
import { type LoadParticipant, type RunningLoad, type SfuSide, startLoad } from './load';
import {
  type HeldConsumer,
  ORDER_CLOSE_GOAL_P99_MS,
  type RoundSample,
  type RoundSummaries,
  heldConsumers,
  incompleteViews,
  roundSample,
  screenedConsumers,
  summariseRounds,
  windowProblems,
} from './order-rounds';
import { type PlatformParticipant, apiCall, platformSide, signIn } from './platform-side';
import type { RtpClip } from './rtp-clip';
import type { SeededHearing } from './seed';
import type { SignallingClient } from './signalling-client';

/** How long one step of a round may take before the run stops (the goal is 100 ms). */
const STEP_TIMEOUT_MS = 10_000;
/** After a step's last notification, how long to listen for anything else before checking the window. */
const SETTLE_MS = 200;
/** How long a consumer that should have kept receiving may stay silent before the run stops. */
const SILENCE_GRACE_MS = 2_000;
/** How long a consumer offered again may take to carry media (the clip has a keyframe every 2 s). */
const REOPENED_MEDIA_TIMEOUT_MS = 6_000;

export interface OrderFigures {
  readonly rounds: number;
  readonly witnesses: number;
  /** Consumers each order closes and each revocation offers again: 2(N-1). */
  readonly consumersPerRound: number;
  /** Consumers in the hearing: (N+1) x N x 2. */
  readonly consumers: number;
  readonly intervals: RoundSummaries;
  readonly goal: { readonly p99Ms: number; readonly met: boolean };
  /** This process's event-loop delay over the rounds: how late a notification may have been noted. */
  readonly loopDelay: { readonly p99Ms: number; readonly maxMs: number };
  readonly samples: readonly RoundSample[];
  readonly definition: string;
}

export interface OrderChangesRun {
  readonly apiUrl: string;
  readonly redisUrl: string;
  readonly hearing: SeededHearing;
  readonly password: string;
  readonly rounds: number;
  readonly clips: Readonly<Record<'audio' | 'video', RtpClip>>;
  readonly decrypt: boolean;
  readonly warmupSeconds: number;
  /** The media node's log, named in an error. */
  readonly mediaLog: string;
  readonly log: (line: string) => void;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The platform side, keeping each participant it sets up (their id and signalling) by index. */
function keepingParticipants(side: SfuSide, joined: PlatformParticipant[]): SfuSide {
  return {
    name: side.name,
    async openHearing(index) {
      const hearing = await side.openHearing(index);
      return {
        async join(i) {
          const p = (await hearing.join(i)) as PlatformParticipant;
          joined[i] = p;
          return p;
        },
        letIn: (participants) => hearing.letIn(participants),
        close: () => hearing.close(),
      };
    },
  };
}

/** The Redis notices for one hearing, as a subscriber sees them (what the media node sees, give or take). */
async function noticeProbe(redisUrl: string, hearingId: string): Promise<{ readonly times: number[]; close(): Promise<void> }> {
  const times: number[] = [];
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  redis.on('message', (channel: string, message: string) => {
    if (channel === ORDER_NOTICE_CHANNEL && decodeHearingNotice(message)?.hearingId === hearingId) times.push(performance.now());
  });
  await redis.subscribe(ORDER_NOTICE_CHANNEL);
  return {
    times,
    close: async () => {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}

export async function runOrderChanges(run: OrderChangesRun): Promise<OrderFigures> {
  const { hearing, log } = run;
  const witnesses = hearing.witnessIds.length;
  if (witnesses < 2) throw new Error('the order rounds need at least two witnesses');
  const joined: PlatformParticipant[] = [];
  const side = keepingParticipants(platformSide(run.apiUrl, [hearing], run.password), joined);
  let load: RunningLoad | undefined;
  let probe: Awaited<ReturnType<typeof noticeProbe>> | undefined;
  const loop = monitorEventLoopDelay({ resolution: 10 });
  try {
    const running = await startLoad(
      side,
      { hearings: 1, participants: witnesses + 1, seed: 7, clips: run.clips, decrypt: run.decrypt },
      log,
    );
    load = running;
    const labels = new Map(joined.map((p, i) => [p.participantId, i === 0 ? 'the judge' : `witness ${i}`]));
    const name = (id: string) => labels.get(id) ?? id;
    const clientOf = new Map(joined.map((p) => [p.participantId, p.client]));
    const loadOf = new Map<string, LoadParticipant>(running.participants.map((p) => [joined[p.index].participantId, p]));
    const everyone = joined.map((p) => p.participantId);
    const subject = everyone[1];
    const screened = everyone.slice(2);
    const held = () => joined.flatMap((p) => heldConsumers(p.participantId, p.client.notifications));

    const judgeToken = await signIn(run.apiUrl, hearing.judge.email, run.password);
    probe = await noticeProbe(run.redisUrl, hearing.hearingId);
    const counts = () => new Map(running.participants.flatMap((p) => [...p.counters].map(([id, c]) => [id, c.received] as const)));
    const before = counts();
    await sleep(Math.max(1, run.warmupSeconds) * 1000);
    const missing = incompleteViews(held(), everyone);
    if (missing.length > 0)
      throw new Error(
        `before the first order, not everyone receives everyone: ${missing.map((m) => `${name(m.viewerId)} lacks ${name(m.sourceId)}'s ${m.kind}`).join(', ')}`,
      );
    const warm = counts();
    const silent = [...before].filter(([id, n]) => (warm.get(id) ?? 0) <= n).map(([id]) => id);
    if (silent.length > 0) throw new Error(`before the first order, ${silent.length} consumer(s) received nothing: ${silent.join(', ')}`);

    log(
      `  ${witnesses + 1} participants, ${held().length} consumers forwarding; ${run.rounds} rounds: the judge screens ${name(subject)} ` +
        `from witnesses 2..${witnesses} (${2 * (witnesses - 1)} consumers close), then revokes the order (they are offered again)`,
    );
    const samples: RoundSample[] = [];
    loop.enable();
    let reopened: { viewer: LoadParticipant; consumerId: string }[] = [];
    for (let round = 1; round <= run.rounds; round++) {
      const where = `order round ${round}/${run.rounds}`;
      const fail = (what: string) => new Error(`${where}: ${what} (the media node's log: ${run.mediaLog})`);
      const start = held();
      const forbidden = screenedConsumers(start, subject, screened);
      if (forbidden.length !== 2 * (witnesses - 1))
        throw fail(`${forbidden.length} video consumers between ${name(subject)} and the others, not ${2 * (witnesses - 1)}`);
      const untouched = start.filter((c) => !forbidden.includes(c));
      const untouchedBefore = new Map(untouched.map((c) => [c.consumerId, counterOf(loadOf, c)?.received ?? 0]));

      // 1. The order: every forbidden consumer closed at its client.
      const order: MakeOrderRequest = {
        kind: 'screen',
        participantId: subject,
        fromRoles: [],
        fromParticipantIds: screened,
        reason: `SFU benchmark, round ${round}: the witness is screened from the other witnesses.`,
      };
      const made = await step(
        joined,
        probe.times,
        () => apiCall<OrderView>(run.apiUrl, 'POST', `/api/hearings/${hearing.hearingId}/orders`, order, judgeToken),
        forbidden,
        (c, n) => n.method === 'consumerClosed' && n.data.consumerId === c.consumerId,
        `${where}: the screen order`,
        name,
      );
      if (made.answer.kind !== 'screen' || !made.answer.inForce) throw fail(`the api answered an order ${JSON.stringify(made.answer)}`);
      const closeProblems = windowProblems({ closed: forbidden, reopened: [] }, made.received, start, name);
      if (closeProblems.length > 0) throw fail(`after the screen order, ${closeProblems.join('; ')}`);

      // 2. The revocation: the same producers offered again.
      const afterOrder = held();
      const revoke: RevokeOrderRequest = { reason: `SFU benchmark, round ${round}: the screen is lifted.` };
      const lifted = await step(
        joined,
        probe.times,
        () =>
          apiCall<OrderView>(run.apiUrl, 'POST', `/api/hearings/${hearing.hearingId}/orders/${made.answer.id}/revoke`, revoke, judgeToken),
        forbidden,
        (c, n) => n.method === 'newConsumer' && n.data.producerId === c.producerId,
        `${where}: the revocation`,
        name,
      );
      if (lifted.answer.inForce) throw fail(`the api answered a revocation with an order still in force`);
      const openProblems = windowProblems({ closed: [], reopened: forbidden }, lifted.received, afterOrder, name);
      if (openProblems.length > 0) throw fail(`after the revocation, ${openProblems.join('; ')}`);

      // The clients acknowledge what they were offered, as a client does (outside the timing).
      reopened = [];
      for (const [viewerId, notifications] of lifted.received) {
        const client = clientOf.get(viewerId) as SignallingClient;
        const viewer = loadOf.get(viewerId) as LoadParticipant;
        for (const n of notifications) {
          if (n.method !== 'newConsumer') continue;
          if (!run.decrypt)
            viewer.track({
              consumerId: n.data.consumerId,
              producerId: n.data.producerId,
              kind: n.data.kind,
              rtpParameters: n.data.rtpParameters,
            });
          await client.call('resumeConsumer', { consumerId: n.data.consumerId });
          reopened.push({ viewer, consumerId: n.data.consumerId });
        }
      }

      // 3. Nobody else lost anything: every other consumer kept receiving packets.
      const stillSilent = await silentAfter(untouched, untouchedBefore, loadOf, SILENCE_GRACE_MS);
      if (stillSilent.length > 0)
        throw fail(`${stillSilent.map(labelledConsumer(name)).join(', ')} received nothing over the round and ${SILENCE_GRACE_MS} ms more`);

      const sample = roundSample({
        makeSent: made.sent,
        makeAnswered: made.answered,
        makeNotice: made.notice,
        closes: made.times,
        revokeSent: lifted.sent,
        revokeAnswered: lifted.answered,
        revokeNotice: lifted.notice,
        reopens: lifted.times,
      });
      samples.push(sample);
      if (round % 10 === 0 || round === run.rounds)
        log(
          `  round ${round}/${run.rounds}: order -> last close ${sample.makeToLastClose.toFixed(0)} ms, ` +
            `lifted -> last reopened ${sample.revokeToLastReopen.toFixed(0)} ms`,
        );
    }
    loop.disable();

    // The consumers offered again in the last round carry media once acknowledged.
    if (!run.decrypt) {
      const deadline = performance.now() + REOPENED_MEDIA_TIMEOUT_MS;
      let dry = reopened;
      while (dry.length > 0 && performance.now() < deadline) {
        await sleep(100);
        dry = dry.filter((r) => (r.viewer.counters.get(r.consumerId)?.received ?? 0) === 0);
      }
      if (dry.length > 0)
        throw new Error(
          `after the last revocation, ${dry.length} consumer(s) offered again and acknowledged received no media within ` +
            `${REOPENED_MEDIA_TIMEOUT_MS} ms: ${dry.map((r) => r.consumerId).join(', ')} (the media node's log: ${run.mediaLog})`,
        );
    }

    const intervals = summariseRounds(samples);
    return {
      rounds: samples.length,
      witnesses,
      consumersPerRound: 2 * (witnesses - 1),
      consumers: (witnesses + 1) * witnesses * 2,
      intervals,
      goal: { p99Ms: ORDER_CLOSE_GOAL_P99_MS, met: intervals.makeToLastClose.p99 <= ORDER_CLOSE_GOAL_P99_MS },
      loopDelay: { p99Ms: loop.percentile(99) / 1e6, maxMs: loop.max / 1e6 },
      samples,
      definition:
        `one hearing, the judge and ${witnesses} witnesses (werift peers, each sending Opus and VP8 and receiving everyone: ` +
        `${(witnesses + 1) * witnesses * 2} consumers); per round the judge screens witness 1 from witnesses 2..${witnesses} over REST ` +
        `(${2 * (witnesses - 1)} video consumers close), then revokes the order (they are offered again). Times as this process ` +
        `sent the request and received each notification; "notice": the api's Redis notice, seen by a subscriber in this process.`,
    };
  } finally {
    loop.disable();
    await probe?.close();
    await load?.close();
  }
}

interface StepResult {
  readonly sent: number;
  readonly answered: number;
  readonly answer: OrderView;
  /** The hearing's notice on Redis after `sent`, if the probe saw one. */
  readonly notice: number | null;
  /** When each expected notification arrived at its client. */
  readonly times: number[];
  /** Everything each client received from the request on, by participant id. */
  readonly received: Map<string, ServerNotification[]>;
}

/**
 * Sends the judge's request and waits until each of `expected` has its notification (`matches`)
 * at its viewer's client, and for the answer; then listens `SETTLE_MS` more, so that anything
 * else the change caused is in `received` to be checked.
 */
async function step(
  participants: readonly PlatformParticipant[],
  notices: readonly number[],
  request: () => Promise<OrderView>,
  expected: readonly HeldConsumer[],
  matches: (c: HeldConsumer, n: ServerNotification) => boolean,
  what: string,
  name: (participantId: string) => string,
): Promise<StepResult> {
  const marks = new Map(participants.map((p) => [p.participantId, p.client.mark()]));
  const clientOf = new Map(participants.map((p) => [p.participantId, p.client]));
  const seen = (c: HeldConsumer) => {
    const client = clientOf.get(c.viewerId) as SignallingClient;
    return client.since(marks.get(c.viewerId) ?? 0).find((t) => matches(c, t.notification));
  };
  const viewers = [...new Set(expected.map((c) => c.viewerId))];
  const sent = performance.now();
  const answered = request().then((answer) => ({ answer, at: performance.now() }));
  const [{ answer, at }] = await Promise.all([
    answered,
    ...viewers.map((viewerId) =>
      (clientOf.get(viewerId) as SignallingClient).until(
        () => expected.filter((c) => c.viewerId === viewerId).every((c) => seen(c) !== undefined),
        STEP_TIMEOUT_MS,
        `${what}: ${name(viewerId)} was not told of every consumer it concerns`,
      ),
    ),
  ]);
  const times = expected.map((c) => (seen(c) as { at: number }).at);
  await sleep(SETTLE_MS);
  const received = new Map(
    participants.map((p) => [p.participantId, p.client.since(marks.get(p.participantId) ?? 0).map((t) => t.notification)]),
  );
  return { sent, answered: at, answer, notice: notices.find((t) => t >= sent) ?? null, times, received };
}

function counterOf(loadOf: ReadonlyMap<string, LoadParticipant>, c: HeldConsumer) {
  return loadOf.get(c.viewerId)?.counters.get(c.consumerId);
}

/** The consumers among `consumers` whose packet count has not risen past `before` within `graceMs`. */
async function silentAfter(
  consumers: readonly HeldConsumer[],
  before: ReadonlyMap<string, number>,
  loadOf: ReadonlyMap<string, LoadParticipant>,
  graceMs: number,
): Promise<HeldConsumer[]> {
  const deadline = performance.now() + graceMs;
  let silent = [...consumers];
  for (;;) {
    silent = silent.filter((c) => (counterOf(loadOf, c)?.received ?? 0) <= (before.get(c.consumerId) ?? 0));
    if (silent.length === 0 || performance.now() >= deadline) return silent;
    await sleep(50);
  }
}

function labelledConsumer(name: (id: string) => string) {
  return (c: HeldConsumer) => `${name(c.viewerId)}'s ${c.kind} from ${name(c.sourceId)} (consumer ${c.consumerId})`;
}
