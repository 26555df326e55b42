/*
 * One hearing of the soak: its participants (soak-participant.ts), what they should be receiving
 * (hearing-model.ts), and the churn the judge and the others make in it.
 *
 * Set-up, as a sitting begins: the judge signs in, joins and opens the sitting; the supporter
 * order is made (the supporter sits beside the witness; the judge and the witness alone see and
 * hear them); everyone else joins (the witness, the gallery and the supporter by one-time link,
 * counsel by account), the judge admits them, they unmute and start receiving.
 *
 * Churn, one action at a time in each hearing, every `churnSeconds` (drawn), in turn:
 *   - someone (not the judge) leaves and comes back 2-5 s later: alternately `leave` (for good:
 *     back through the waiting room, admitted by the judge, muted until they unmute) and a dropped
 *     connection (back within the grace period: the same place and mute);
 *   - the judge mutes someone, and 4-8 s later asks them to unmute, and they do;
 *   - the next step of the order cycle, over REST as the judge: a screen (the witness from defence
 *     counsel), changed (from the gallery and the prosecutor instead), revoked; then audio only
 *     (her picture to the bench alone), revoked.
 * After each step every participant's consumers must converge on what the policy allows (and be
 * paused exactly where a microphone is muted) within CONVERGE_TIMEOUT_MS.
 */
import type { RtpClip } from '../sfu/rtp-clip';
import type { RtpReplayer } from '../sfu/rtp-replayer';
import type { OrderView } from '@ejustice/hearings/orders/order-views';
import { type OrderTermsInput, toSpecialMeasure } from '@ejustice/hearings/orders/order-terms';
import type { ErrorLedger } from './error-ledger';
import { HearingModel, type StreamKind, streamProblems } from './hearing-model';
import type { SeededHearing } from './seed';
import type { SoakApi } from './soak-api';
import { SoakParticipant } from './soak-participant';

const CONVERGE_TIMEOUT_MS = 15_000;
/** How long the streams must stay as they should before a step counts as converged. */
const STABLE_MS = 1_000;
const TOKEN_REFRESH_MS = 10 * 60_000;

export interface HearingContext {
  readonly api: SoakApi;
  readonly ledger: ErrorLedger;
  readonly replayer: RtpReplayer;
  readonly clips: Readonly<Record<StreamKind, RtpClip>>;
  readonly password: string;
  readonly churnSeconds: { readonly min: number; readonly max: number };
  /** Seeded: who, what and when in this hearing, and its streams' phases. */
  readonly random: () => number;
  now(): number;
  log(line: string): void;
}

export interface ChurnCounts {
  /** Sessions opened after the set-up (returns after a leave or a drop). */
  joins: number;
  leaves: number;
  drops: number;
  mutes: number;
  unmutes: number;
  ordersMade: number;
  ordersChanged: number;
  ordersRevoked: number;
  actions: number;
  failedActions: number;
}

type Action = 'leaveAndReturn' | 'muteAndUnmute' | 'nextOrderStep';
const ACTIONS: readonly Action[] = ['leaveAndReturn', 'muteAndUnmute', 'nextOrderStep'];

export class SoakHearing {
  readonly model: HearingModel;
  readonly participants: SoakParticipant[];
  readonly counts: ChurnCounts = {
    joins: 0,
    leaves: 0,
    drops: 0,
    mutes: 0,
    unmutes: 0,
    ordersMade: 0,
    ordersChanged: 0,
    ordersRevoked: 0,
    actions: 0,
    failedActions: 0,
  };
  /** Time from each step to every client holding what it should, ms. */
  readonly convergeMs: number[] = [];
  readonly where: string;
  private judgeAuth: { token: string; at: number } | undefined;
  private orderStep = 0;
  private order: OrderView | undefined;
  private nextAction: number;

  constructor(
    private readonly ctx: HearingContext,
    readonly seeded: SeededHearing,
  ) {
    this.where = `hearing ${seeded.index + 1}`;
    this.model = new HearingModel(
      seeded.hearingId,
      seeded.seats.map((s) => ({ id: s.participantId, role: s.role, label: s.label })),
    );
    this.participants = seeded.seats.map(
      (seat) =>
        new SoakParticipant(
          {
            api: ctx.api,
            ledger: ctx.ledger,
            replayer: ctx.replayer,
            clips: ctx.clips,
            random: ctx.random,
            hearingId: seeded.hearingId,
            where: this.where,
            password: ctx.password,
            judgeToken: () => this.judgeToken(),
            name: (id) => this.name(id),
            now: () => ctx.now(),
          },
          seat,
        ),
    );
    // Hearings start their cycles at different actions, so the kinds of churn are spread at every moment.
    this.nextAction = seeded.index % ACTIONS.length;
  }

  get judge(): SoakParticipant {
    return this.participants[0];
  }

  name(participantId: string): string {
    return this.participants.find((p) => p.id === participantId)?.label ?? participantId;
  }

  /** The sitting begins: everyone in, admitted, unmuted and receiving what the policy allows. */
  async setUp(): Promise<void> {
    await this.judge.connect();
    this.model.joined(this.judge.id);
    this.model.produced(this.judge.id);
    await this.judge.call('openHearing');
    this.model.status = 'open';
    const witness = this.seat('witness');
    const supporter = this.seat('supporter');
    if (witness && supporter) {
      const order = await this.ctx.api.call<OrderView>(
        'POST',
        `/api/hearings/${this.seeded.hearingId}/orders`,
        {
          kind: 'supporter',
          participantId: witness.id,
          supporterId: supporter.id,
          capacity: 'supporter',
          reason: 'Soak: the witness is supported.',
        },
        await this.judgeToken(),
      );
      this.model.setOrder(order.id, toSpecialMeasure(order));
    }
    const others = this.participants.slice(1);
    await Promise.all(others.map((p) => this.arrive(p)));
    for (const p of others) await this.letIn(p);
    await Promise.all(this.participants.map((p) => this.receive(p)));
    await this.converge('the set-up');
  }

  /** Runs the churn until `untilMs` (run time); an action is started only if its pause ends before then. */
  async churn(untilMs: number): Promise<void> {
    const { min, max } = this.ctx.churnSeconds;
    for (;;) {
      const pauseMs = (min + this.ctx.random() * (max - min)) * 1000;
      if (this.ctx.now() + pauseMs >= untilMs) return;
      await sleep(pauseMs);
      const action = ACTIONS[this.nextAction++ % ACTIONS.length];
      this.counts.actions++;
      try {
        this.checkStillAgreed();
        await this.bringBackLost();
        await this[action]();
      } catch (error) {
        this.counts.failedActions++;
        this.ctx.ledger.caught('action', error, `${this.where}: ${action}`);
      }
    }
  }

  /** The judge closes the sitting, which ends every session. */
  async end(): Promise<void> {
    for (const p of this.participants) p.expectEnd();
    try {
      if (this.judge.live) await this.judge.call('closeHearing');
    } catch (error) {
      this.ctx.ledger.caught('action', error, `${this.where}: closeHearing`);
    }
    await Promise.all(this.participants.map((p) => p.finish()));
  }

  // --- the actions ---------------------------------------------------------------------------

  private async leaveAndReturn(): Promise<void> {
    const p = this.pick(this.participants.slice(1).filter((x) => x.live && this.model.participant(x.id).state === 'admitted'));
    if (!p) return;
    const drop = (this.counts.leaves + this.counts.drops) % 2 === 1;
    if (drop) {
      await p.drop();
      this.model.dropped(p.id);
      this.counts.drops++;
    } else {
      await p.leave();
      this.model.left(p.id);
      this.counts.leaves++;
    }
    await this.converge(`${p.label} ${drop ? 'dropped' : 'left'}`);
    await sleep((2 + this.ctx.random() * 3) * 1000);
    await this.comeBack(p, drop ? 'came back after the drop' : 'came back');
  }

  private async muteAndUnmute(): Promise<void> {
    const p = this.pick(
      this.participants.slice(1).filter((x) => {
        const m = this.model.participant(x.id);
        return x.live && x.seat.sends && m.state === 'admitted' && !m.muted;
      }),
    );
    if (!p) return;
    await this.judge.call('muteParticipant', { participantId: p.id });
    this.model.setMuted(p.id, true);
    this.counts.mutes++;
    await this.converge(`the judge muted ${p.label}`);
    await sleep((4 + this.ctx.random() * 4) * 1000);
    // The bench holds the mute: the judge asks, and the participant unmutes.
    await this.judge.call('askToUnmute', { participantId: p.id });
    await p.call('setMuted', { muted: false });
    this.model.setMuted(p.id, false);
    this.counts.unmutes++;
    await this.converge(`${p.label} unmuted`);
  }

  private async nextOrderStep(): Promise<void> {
    const witness = this.seat('witness');
    if (!witness) return;
    const defence = this.seat('defence_counsel');
    const prosecutor = this.seat('prosecutor');
    const path = `/api/hearings/${this.seeded.hearingId}/orders`;
    let step = this.orderStep++ % 5;
    // A step that needs the order in force when none is (its making failed, already counted): start the next order instead.
    if (!this.order && step !== 0 && step !== 3) {
      step = step < 3 ? 3 : 0;
      this.orderStep = step + 1;
    }
    const token = await this.judgeToken();
    let view: OrderView;
    let what: string;
    if (step === 0 || step === 3) {
      const screen: OrderTermsInput = defence
        ? { fromRoles: [], fromParticipantIds: [defence.id] }
        : { fromRoles: ['defendant'], fromParticipantIds: [] };
      const body =
        step === 0 ? { kind: 'screen', participantId: witness.id, ...screen } : { kind: 'audio_only', participantId: witness.id };
      view = await this.ctx.api.call<OrderView>('POST', path, { ...body, reason: `Soak: ${body.kind} order.` }, token);
      this.counts.ordersMade++;
      what = step === 0 ? 'a screen order' : 'an audio-only order';
    } else if (step === 1) {
      const current = this.order as OrderView;
      const terms: OrderTermsInput = { fromRoles: ['observer'], fromParticipantIds: prosecutor ? [prosecutor.id] : [] };
      view = await this.ctx.api.call<OrderView>(
        'PATCH',
        `${path}/${current.id}`,
        { terms, reason: 'Soak: the screen is moved.', version: current.version },
        token,
      );
      this.counts.ordersChanged++;
      what = 'the screen order changed';
    } else {
      const current = this.order as OrderView;
      view = await this.ctx.api.call<OrderView>('POST', `${path}/${current.id}/revoke`, { reason: 'Soak: lifted.' }, token);
      this.counts.ordersRevoked++;
      what = `the ${current.kind.replace('_', '-')} order revoked`;
    }
    this.order = view.inForce ? view : undefined;
    this.model.setOrder(view.id, view.inForce ? toSpecialMeasure(view) : undefined);
    await this.converge(what);
  }

  // --- steps ----------------------------------------------------------------------------------

  /** Opens a session and joins, checking the place the room gives against the model's. */
  private async arrive(p: SoakParticipant): Promise<void> {
    const joined = await p.connect();
    this.model.joined(p.id);
    if (p.seat.sends) this.model.produced(p.id);
    const m = this.model.participant(p.id);
    if (joined.self.state !== m.state || (p.seat.sends && joined.media.muted !== m.muted)) {
      this.ctx.ledger.add(
        'streams',
        `${this.where}: ${p.label} joined ${joined.self.state}${joined.media.muted ? ', muted' : ''}, not ${m.state}${m.muted ? ', muted' : ''}`,
      );
      // Follow the room from here, so one surprise is counted once.
      m.state = joined.self.state ?? m.state;
      m.muted = joined.media.muted;
    }
  }

  /** The judge admits someone waiting; they unmute themselves. */
  private async letIn(p: SoakParticipant): Promise<void> {
    if (this.model.participant(p.id).state === 'waiting') {
      await this.judge.call('admit', { participantId: p.id });
      this.model.admitted(p.id);
    }
    if (p.seat.sends && this.model.participant(p.id).muted) {
      await p.call('setMuted', { muted: false });
      this.model.setMuted(p.id, false);
    }
  }

  private async receive(p: SoakParticipant): Promise<void> {
    await p.startReceiving();
    this.model.receivingTransport(p.id);
  }

  private async comeBack(p: SoakParticipant, what: string): Promise<void> {
    await this.arrive(p);
    this.counts.joins++;
    await this.letIn(p);
    await this.receive(p);
    await this.converge(`${p.label} ${what}`);
  }

  /**
   * Every action ends with everyone back in: someone out now lost their session unasked, or did
   * not manage to come back (already counted). They come back now, so one failure does not cascade.
   */
  private async bringBackLost(): Promise<void> {
    for (const p of this.participants) {
      if (p.live) continue;
      if (this.model.participant(p.id).state !== 'disconnected') this.model.dropped(p.id);
      await this.comeBack(p, 'came back after losing the session');
    }
  }

  /** Every participant's difference from what it should hold now, one phrase each. */
  private problems(): string[] {
    const snapshot = this.model.snapshot();
    return this.participants.flatMap((p) =>
      streamProblems(this.model.expectedFor(p.id, snapshot), p.held(), (id) => this.name(id)).map((x) => `${p.label} ${x}`),
    );
  }

  /**
   * Waits until every participant holds exactly the streams the policy allows, and goes on
   * holding them for STABLE_MS: the node acts on an order's notice a moment after the api
   * answers, so an agreement at once may be the old state still. Counts an error if not in time.
   */
  private async converge(what: string): Promise<void> {
    const started = this.ctx.now();
    let agreedSince: number | undefined;
    for (;;) {
      const problems = this.problems();
      const now = this.ctx.now();
      if (problems.length === 0) {
        agreedSince ??= now;
        if (now - agreedSince >= STABLE_MS) {
          this.convergeMs.push(agreedSince - started);
          return;
        }
      } else {
        agreedSince = undefined;
        if (now - started > CONVERGE_TIMEOUT_MS) {
          this.ctx.ledger.add('streams', `${this.where}, ${CONVERGE_TIMEOUT_MS / 1000} s after ${what}: ${summary(problems)}`);
          return;
        }
      }
      await sleep(50);
    }
  }

  /** Between two actions nothing should change: a difference now is the node acting on its own. */
  private checkStillAgreed(): void {
    const problems = this.problems();
    if (problems.length > 0) this.ctx.ledger.add('streams', `${this.where}, changed while nothing happened: ${summary(problems)}`);
  }

  private seat(role: string): SoakParticipant | undefined {
    return this.participants.find((p) => p.seat.role === role);
  }

  private pick<T>(items: readonly T[]): T | undefined {
    return items.length === 0 ? undefined : items[Math.floor(this.ctx.random() * items.length)];
  }

  private async judgeToken(): Promise<string> {
    const judge = this.judge.seat;
    if (!this.judgeAuth || this.ctx.now() - this.judgeAuth.at > TOKEN_REFRESH_MS) {
      this.judgeAuth = { token: await this.ctx.api.signIn(judge.email as string, this.ctx.password), at: this.ctx.now() };
    }
    return this.judgeAuth.token;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function summary(problems: readonly string[]): string {
  return problems.slice(0, 6).join('; ') + (problems.length > 6 ? ` (and ${problems.length - 6} more)` : '');
}
