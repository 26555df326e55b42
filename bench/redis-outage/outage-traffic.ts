/*
 * Filing traffic through a Redis outage, and the ledger that says what became of it; shared by
 * test/e2e/filing/redis-outage.e2e-spec.ts (a short outage, asserted) and `./ejustice bench
 * redis-outage` (the 60 s, printed).
 *
 * Lanes of filers submit motions into one case through the real api while a clerk, a little
 * slower, claims and decides them (accept, return, reject in turn) from the pile they make, each
 * decision writing a notification event; the pile keeps the clerk busy through the outage. Every
 * request is timed and its answer kept with the phase it was sent in (before, during, after the
 * outage). A submission refused or left unanswered is sent again later with the same idempotency
 * key, as a client does; a filing whose claim or decision failed goes back to the clerk's pile.
 */
import { randomUUID } from 'node:crypto';

export type Phase = 'before' | 'outage' | 'after';
export type Step = 'submit' | 'claim' | 'review';

export interface Answer {
  readonly phase: Phase;
  readonly step: Step;
  /** The HTTP status, or 0 when no answer came within the bound. */
  readonly status: number;
  /** The problem's `code` when the answer is a problem. */
  readonly code: string | null;
  readonly ms: number;
}

export interface Submission {
  readonly key: string;
  readonly filer: number;
  readonly firstPhase: Phase;
  /** The filing's id once an answer (201, or 200 for a replay) named it. */
  filingId: string | null;
  /** Whether the api ever answered 201 for it (an acknowledged filing that must exist). */
  acknowledged: boolean;
  decided: boolean;
}

export interface TrafficOptions {
  readonly baseUrl: string;
  readonly filerTokens: readonly string[];
  readonly clerkToken: string;
  readonly caseId: string;
  /** The bytes of one lead document (a PDF). */
  readonly document: () => Promise<Uint8Array>;
  /** Waiting for an answer stops after this long; the request counts as unanswered. */
  readonly answerTimeoutMs: number;
  /** Concurrent filers. */
  readonly lanes: number;
  /** Pause of each filer between two submissions. */
  readonly pauseMs: number;
  /** Pause of the clerk between two decisions. */
  readonly clerkPauseMs: number;
}

const DECISIONS = [
  { action: 'accept' },
  { action: 'return', reasonCode: 'missing_information', note: 'Add the dates.' },
  { action: 'reject', reasonCode: 'duplicate', note: null },
] as const;

export class FilingTraffic {
  readonly answers: Answer[] = [];
  readonly submissions: Submission[] = [];
  phase: Phase = 'before';
  private readonly pile: Submission[] = [];
  private lanes: Promise<void>[] = [];
  private stopping = false;
  private decisions = 0;

  constructor(private readonly options: TrafficOptions) {}

  start(): void {
    this.stopping = false;
    this.lanes = [...Array.from({ length: this.options.lanes }, (_, lane) => this.filer(lane)), this.clerk()];
  }

  /** Lets every lane finish the round it is in. */
  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all(this.lanes);
    this.lanes = [];
  }

  /** After the traffic: sends again every submission still unanswered and decides every filing left, until `deadline`. */
  async settle(deadline: number): Promise<void> {
    while (Date.now() < deadline) {
      for (const s of this.submissions.filter((x) => !x.filingId)) await this.submit(s);
      for (let n = this.pile.length; n > 0 && Date.now() < deadline; n--) await this.decideNext();
      if (this.submissions.every((s) => s.filingId && s.decided)) return;
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  private async filer(lane: number): Promise<void> {
    let retry: Submission | undefined;
    while (!this.stopping) {
      const s = retry ?? this.newSubmission(lane % this.options.filerTokens.length);
      await this.submit(s);
      retry = s.filingId ? undefined : s;
      await new Promise((r) => setTimeout(r, this.options.pauseMs));
    }
  }

  private async clerk(): Promise<void> {
    while (!this.stopping) {
      await this.decideNext();
      await new Promise((r) => setTimeout(r, this.options.clerkPauseMs));
    }
  }

  private newSubmission(filer: number): Submission {
    const s: Submission = { key: randomUUID(), filer, firstPhase: this.phase, filingId: null, acknowledged: false, decided: false };
    this.submissions.push(s);
    return s;
  }

  private async submit(s: Submission): Promise<void> {
    const form = new FormData();
    form.append(
      'metadata',
      JSON.stringify({
        filingType: 'motion',
        caseId: this.options.caseId,
        title: `Motion ${s.key.slice(0, 8)}`,
        confidentiality: 'public',
        documents: [{ title: 'Motion' }],
      }),
    );
    form.append('documents', new Blob([Buffer.from(await this.options.document())], { type: 'application/pdf' }), 'motion.pdf');
    const { status, body } = await this.call('submit', `/api/filings`, this.options.filerTokens[s.filer], form, {
      'idempotency-key': s.key,
    });
    if (status === 201 || status === 200) {
      s.filingId = (body as { filingId: string }).filingId;
      if (status === 201) s.acknowledged = true;
      if (!this.pile.includes(s) && !s.decided) this.pile.push(s);
    }
  }

  /** The clerk takes the oldest undecided filing off the pile, claims and decides it; a failure puts it back. */
  private async decideNext(): Promise<void> {
    const s = this.pile.shift();
    if (!s?.filingId) return;
    const claim = await this.call('claim', `/api/filings/${s.filingId}/claim`, this.options.clerkToken, {});
    if (claim.code === 'filing.already_decided') {
      // A decision whose answer was lost (unanswered in time) but that the api committed.
      s.decided = true;
      return;
    }
    if (claim.status !== 200) {
      this.pile.push(s);
      return;
    }
    const receipt = claim.body as { documents: { id: string }[] };
    const decision = DECISIONS[this.decisions++ % DECISIONS.length];
    const body =
      decision.action === 'accept'
        ? { action: 'accept', documents: receipt.documents.map((d) => ({ documentId: d.id, decision: 'accept' })) }
        : decision;
    const review = await this.call('review', `/api/filings/${s.filingId}/review`, this.options.clerkToken, body);
    if (review.status === 200 || review.code === 'filing.already_decided') s.decided = true;
    else this.pile.push(s);
  }

  private async call(
    step: Step,
    path: string,
    token: string,
    body: FormData | Record<string, unknown>,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; code: string | null; body: unknown }> {
    const phase = this.phase;
    const started = performance.now();
    let status = 0;
    let parsed: unknown;
    try {
      const res = await fetch(`${this.options.baseUrl}${path}`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          ...(body instanceof FormData ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        body: body instanceof FormData ? body : JSON.stringify(body),
        signal: AbortSignal.timeout(this.options.answerTimeoutMs),
      });
      const text = await res.text();
      status = res.status;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        parsed = text;
      }
    } catch {
      // No answer within the bound (or the connection dropped): status 0.
    }
    const code = parsed && typeof parsed === 'object' && 'code' in parsed ? String((parsed as { code: unknown }).code) : null;
    this.answers.push({ phase, step, status, code, ms: performance.now() - started });
    return { status, code, body: parsed };
  }
}

/** Runs SQL: a pg Pool or Client. */
export interface Queryable {
  query(sql: string, params?: unknown[]): Promise<{ rows: unknown[] }>;
}

/** What the worker sent: the Message-ID is `<eventId.userId@ejustice>` (DeliverNotification). */
export interface SentMail {
  readonly messageId: string;
}

export interface DeliveryLedger {
  readonly events: number;
  readonly processed: number;
  /** (event, recipient) pairs the plan names. */
  readonly pairs: number;
  /** Pairs with exactly one inbox message, one e-mail delivery record and one e-mail received. */
  readonly exactlyOnce: number;
  /** Pairs with no inbox message or no e-mail. */
  readonly missing: number;
  /** E-mails received beyond the first for a pair. */
  readonly duplicateMails: number;
  /** Inbox messages or e-mails for someone the plan does not name. */
  readonly unexpected: number;
  /** Each pair that is not exactly once, for a failure message. */
  readonly problems: readonly string[];
}

/** The outcome notifications of the decisions in one case, as PostgreSQL and the SMTP sink know them. */
export async function deliveryLedger(
  db: Queryable,
  caseId: string,
  mails: readonly SentMail[],
  expectedRecipients: (kind: string, filerUserId: string) => readonly string[],
): Promise<DeliveryLedger> {
  const events = (
    await db.query(
      `SELECT e.id, e.kind, e.processed_at, f.filer_user_id FROM notification_events e JOIN filings f ON f.id = e.filing_id WHERE f.case_id = $1`,
      [caseId],
    )
  ).rows as { id: string; kind: string; processed_at: Date | null; filer_user_id: string }[];
  const ids = events.map((e) => e.id);
  const inbox = (await db.query(`SELECT event_id, user_id FROM inbox_messages WHERE event_id = ANY($1::uuid[])`, [ids])).rows as {
    event_id: string;
    user_id: string;
  }[];
  const records = (await db.query(`SELECT event_id, user_id FROM email_deliveries WHERE event_id = ANY($1::uuid[])`, [ids])).rows as {
    event_id: string;
    user_id: string;
  }[];
  const count = (pairs: readonly string[]) => pairs.reduce((m, p) => m.set(p, (m.get(p) ?? 0) + 1), new Map<string, number>());
  const inboxBy = count(inbox.map((r) => `${r.event_id}.${r.user_id}`));
  const recordBy = count(records.map((r) => `${r.event_id}.${r.user_id}`));
  const eventIds = new Set(ids);
  const mailBy = count(
    mails
      .map((m) => /^<([0-9a-f-]{36})\.([0-9a-f-]{36})@ejustice>$/.exec(m.messageId))
      .filter((m): m is RegExpExecArray => !!m && eventIds.has(m[1]))
      .map((m) => `${m[1]}.${m[2]}`),
  );

  const expected = new Set(events.flatMap((e) => expectedRecipients(e.kind, e.filer_user_id).map((u) => `${e.id}.${u}`)));
  const problems: string[] = [];
  let exactlyOnce = 0;
  let missing = 0;
  let duplicateMails = 0;
  for (const pair of expected) {
    const [i, r, m] = [inboxBy.get(pair) ?? 0, recordBy.get(pair) ?? 0, mailBy.get(pair) ?? 0];
    if (i === 1 && r === 1 && m === 1) exactlyOnce++;
    else problems.push(`${pair}: inbox ${i}, delivery records ${r}, e-mails ${m}`);
    if (i === 0 || m === 0) missing++;
    duplicateMails += Math.max(0, m - 1);
  }
  const unexpectedPairs = [...new Set([...inboxBy.keys(), ...mailBy.keys()])].filter((p) => !expected.has(p));
  for (const p of unexpectedPairs) problems.push(`${p}: not a recipient, yet inbox ${inboxBy.get(p) ?? 0}, e-mails ${mailBy.get(p) ?? 0}`);
  return {
    events: events.length,
    processed: events.filter((e) => e.processed_at).length,
    pairs: expected.size,
    exactlyOnce,
    missing,
    duplicateMails,
    unexpected: unexpectedPairs.length,
    problems,
  };
}

/**
 * Waits until every notification event of the case created before `createdBefore` is processed;
 * answers the milliseconds from `since` until then, or null at the deadline.
 */
export async function waitForDrain(
  db: Queryable,
  caseId: string,
  createdBefore: Date,
  since: number,
  timeoutMs: number,
): Promise<number | null> {
  for (;;) {
    const { rows } = await db.query(
      `SELECT count(*)::int AS n FROM notification_events e JOIN filings f ON f.id = e.filing_id
        WHERE f.case_id = $1 AND e.processed_at IS NULL AND e.created_at < $2`,
      [caseId, createdBefore],
    );
    if ((rows[0] as { n: number }).n === 0) return performance.now() - since;
    if (performance.now() - since > timeoutMs) return null;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Acknowledged filings (answered 201) that PostgreSQL does not have. */
export async function lostFilings(db: Queryable, submissions: readonly Submission[]): Promise<string[]> {
  const acknowledged = submissions.filter((s) => s.acknowledged).map((s) => s.filingId as string);
  const { rows } = await db.query(`SELECT id FROM filings WHERE id = ANY($1::uuid[])`, [acknowledged]);
  const present = new Set((rows as { id: string }[]).map((r) => r.id));
  return acknowledged.filter((id) => !present.has(id));
}
