// Proof R6 of the security review, second half: canaries. Distinctive strings are planted in every
// field the platform must keep from those not entitled to it (access-matrix/matrix-fixture.ts:
// protected parties' full names, typed into case and hearing titles too; the display name of a
// witness under an anonymity order and the judge's reason for it; a wholly sealed filing's title;
// sealed documents' titles and file names), in two courts. Then a day runs through the api: filings
// submitted and reviewed with notes, notifications delivered to an SMTP server, the whole access
// matrix (every endpoint, as every actor, on every target), a hearing sitting on a real media node
// with everyone connected. Every answer each actor received, every socket frame each participant
// received, every e-mail and every log line (at debug level) is scanned: a canary may appear only
// where its reader is entitled to it, and in no log line at all. The entitled must read theirs, so
// the scan can fail. protected-free-text.e2e-spec.ts does the same for free text in one hearing.
import { DeliverNotification } from '@ejustice/filing';
import { type RunningApi, closeTestDb, http, startApiServer, testDb, uniqueSuffix } from '@ejustice/testing';
import { HandshakeRefused, HearingClient } from '@ejustice/testing/media/hearing-client';
import { type RunningMediaNode, startMediaNode } from '@ejustice/testing/media/media-node';
import { WERIFT_PARTICIPANT_RTP_CAPABILITIES } from '@ejustice/testing/media/werift-participant';
import { MatrixRun, attempt, combinationsOf, phases } from './access-matrix/access-table';
import { LogCapture } from './access-matrix/log-capture';
import { ACTOR_LABELS, type ActorLabel, CANARIES, arrangeMatrix, issueLink } from './access-matrix/matrix-fixture';
import { freshStorageDir, makePdf, submitFiling } from './filing/filing-support';
import { MailSink } from './filing/mail-sink';

jest.setTimeout(900_000);

/** Whoever reads something: an actor of the matrix, a person of the other court, or the operator reading logs. */
type Reader = ActorLabel | 'protectedWitness' | 'theirJudge' | 'theirClerk' | 'theirFiler' | 'operator';

const OWN = CANARIES.own;
const OTHER = CANARIES.other;
/** Who may read each canary. Nobody else may, and no log line may carry any. */
const ENTITLED: Record<string, readonly Reader[]> = {
  // mayKnowIdentity: the court's judges and clerks, and the prosecution that calls her.
  [OWN.victim]: ['judge', 'otherJudge', 'clerk', 'prosecutor'],
  // An anonymity order that names no one: the judges, by office, and the witness himself.
  [OWN.witness]: ['judge', 'otherJudge', 'protectedWitness'],
  // Sealed matter: the bench; and the filer, who wrote the titles and named the files.
  [OWN.sealedTitle]: ['judge', 'otherJudge', 'clerk', 'party'],
  [OWN.sealedDocument]: ['judge', 'otherJudge', 'clerk', 'party'],
  [OWN.sealedFile]: ['judge', 'otherJudge', 'clerk', 'party'],
  // The other court's record: its own bench and filer, none of the own court's people.
  [OTHER.victim]: ['theirJudge', 'theirClerk'],
  [OTHER.witness]: ['theirJudge'],
  [OTHER.sealedTitle]: ['theirJudge', 'theirClerk', 'theirFiler'],
  [OTHER.sealedDocument]: ['theirJudge', 'theirClerk', 'theirFiler'],
  [OTHER.sealedFile]: ['theirJudge', 'theirClerk', 'theirFiler'],
};

type Channel = 'response' | 'frame' | 'mail' | 'log';

interface Seen {
  readonly channel: Channel;
  readonly reader: Reader;
  readonly what: string;
  readonly text: string;
}

describe('canaries in every protected field, scanned for on every path out of a scripted day (e2e, proof R6)', () => {
  const pool = `e2e-canaries-${uniqueSuffix()}`;
  const logs = new LogCapture();
  const sink = new MailSink();
  const seen: Seen[] = [];
  const clients: HearingClient[] = [];
  let media: RunningMediaNode;
  let api: RunningApi;
  let run: MatrixRun;

  function record(channel: Channel, reader: Reader, what: string, content: unknown): void {
    seen.push({ channel, reader, what, text: typeof content === 'string' ? content : JSON.stringify(content ?? '') });
  }

  async function call(reader: Reader, token: string | undefined, method: string, path: string, body?: unknown) {
    const res = await http(api.baseUrl, method, path, { token, body });
    record('response', reader, `${method} ${path}`, res.body);
    return res;
  }

  /**
   * Delivers every notification of this suite's courts not yet delivered, as the worker's job
   * does (other suites' events in the shared database are theirs to deliver).
   */
  async function deliverNotifications(): Promise<void> {
    const { rows } = await testDb().query<{ id: string }>(
      `SELECT e.id FROM notification_events e JOIN filings f ON f.id = e.filing_id
        WHERE e.processed_at IS NULL AND f.court_id = ANY($1::uuid[]) ORDER BY e.created_at`,
      [[run.fx.own.court.id, run.fx.other.court.id]],
    );
    for (const row of rows) await api.app.get(DeliverNotification).execute(row.id);
  }

  /**
   * A participant's way into the room (REST ticket, socket, capabilities, join), every frame
   * received from then on recorded; null when the ticket or the handshake is refused (recorded too).
   */
  async function enter(
    reader: Reader,
    bearer: string,
    hearingId: string,
  ): Promise<{ client: HearingClient; participantId: string } | null> {
    const ticket = await call(reader, bearer, 'POST', `/api/hearings/${hearingId}/join-ticket`);
    if (ticket.status !== 200) return null;
    let client: HearingClient;
    try {
      client = await HearingClient.connect(ticket.body.mediaUrl, { ticket: ticket.body.ticket, hearingId });
    } catch (error) {
      if (!(error instanceof HandshakeRefused)) throw error;
      record('frame', reader, 'handshake refusal', error.refusal);
      return null;
    }
    clients.push(client);
    client.socket.io.engine.on('packet', (packet: { type: string; data?: unknown }) =>
      record('frame', reader, `socket ${packet.type}`, String(packet.data ?? '')),
    );
    await client.call('getRouterRtpCapabilities');
    await client.call('join', { rtpCapabilities: WERIFT_PARTICIPANT_RTP_CAPABILITIES });
    return { client, participantId: ticket.body.participantId };
  }

  beforeAll(async () => {
    // Before the apps exist: pino decides where it writes when its logger is made.
    logs.start();
    const smtpUrl = await sink.start();
    // Debug level, and every SQL statement the apps run (without its parameters, by design).
    // A Redis database of its own: the job workers other suites start would take this suite's
    // notification jobs and send its e-mails to their own mail sinks.
    const debug = { LOG_LEVEL: 'debug', DATABASE_LOG_QUERIES: 'true', MEDIA_POOL: pool, REDIS_URL: 'redis://127.0.0.1:6379/14' };
    media = await startMediaNode({ env: debug });
    // Every actor of the matrix verifies certified copies from the one test network, more often
    // than the default per-minute limit allows (certified-copies.e2e-spec.ts proves the limit itself).
    api = await startApiServer({
      env: { ...debug, STORAGE_DIR: freshStorageDir('canaries'), SMTP_URL: smtpUrl, CERTIFICATION_VERIFY_RATE_LIMIT_PER_MINUTE: '1000' },
    });
    run = new MatrixRun(api, await arrangeMatrix(api));
  });

  afterAll(async () => {
    for (const c of clients.splice(0)) c.close();
    await api?.close();
    await media?.close();
    await sink.close();
    await closeTestDb();
    logs.stop();
  });

  it('lets no canary reach anyone not entitled to it, in any answer, frame, e-mail or log line; the entitled read theirs', async () => {
    const { actors, own, other } = run.fx;
    const token = (label: ActorLabel) => actors[label].token ?? undefined;
    const scene = own.scenes.public;

    // Morning: the prosecution files about the victim by name; the clerk dockets it with a note
    // naming her. The defence files without her name, and the clerk returns it with a note that does.
    const motion = await submitFiling(
      api.baseUrl,
      actors.prosecutor.token!,
      {
        filingType: 'motion',
        caseId: scene.caseId,
        title: `Motion to protect ${OWN.victim}`,
        confidentiality: 'public',
        documents: [{ title: `Statement of ${OWN.victim}` }],
      },
      [{ name: `statement-${OWN.victim}.pdf`, bytes: await makePdf() }],
    );
    expect(motion.status).toBe(201);
    record('response', 'prosecutor', 'POST /api/filings', motion.body);
    await call('clerk', token('clerk'), 'POST', `/api/filings/${motion.body.filingId}/claim`);
    const docketed = await call('clerk', token('clerk'), 'POST', `/api/filings/${motion.body.filingId}/review`, {
      action: 'accept',
      documents: [{ documentId: motion.body.documents[0].id, decision: 'accept', note: `Docketed; ${OWN.victim} appears by pseudonym.` }],
    });
    expect(docketed.status).toBe(200);
    const defence = await submitFiling(
      api.baseUrl,
      actors.counsel.token!,
      {
        filingType: 'motion',
        caseId: scene.caseId,
        title: 'Motion for disclosure',
        confidentiality: 'public',
        documents: [{ title: 'Motion' }],
      },
      [{ name: 'disclosure.pdf', bytes: await makePdf() }],
    );
    expect(defence.status).toBe(201);
    record('response', 'counsel', 'POST /api/filings', defence.body);
    await call('clerk', token('clerk'), 'POST', `/api/filings/${defence.body.filingId}/claim`);
    const returned = await call('clerk', token('clerk'), 'POST', `/api/filings/${defence.body.filingId}/review`, {
      action: 'return',
      reasonCode: 'missing_information',
      note: `Say which statement of ${OWN.victim} you mean.`,
    });
    expect(returned.status).toBe(200);
    // The other court's day: its judge reads its own record (the control for its canaries).
    const theirs = other.scenes.sealed;
    await call('theirJudge', other.judge.token, 'GET', `/api/cases/${theirs.caseId}`);
    await call('theirJudge', other.judge.token, 'GET', `/api/hearings/${theirs.hearingId}`);
    await call('theirJudge', other.judge.token, 'GET', `/api/filings/${theirs.sealedFilingId}`);
    await call('theirJudge', other.judge.token, 'GET', `/api/filings/${theirs.docketed.id}`);
    await deliverNotifications();

    // Midday: the whole access matrix, every answer read by the actor it went to.
    const failures: string[] = [];
    const { readsAndRefusals, allowedChanges } = phases(combinationsOf(run.fx));
    for (const c of [...readsAndRefusals, ...allowedChanges]) {
      const failure = await attempt(run, c, (answer) =>
        record(
          'response',
          c.actor.label,
          `${c.key} [${answer.status}]`,
          `${answer.headers.get('content-disposition') ?? ''} ${answer.text}`,
        ),
      );
      if (failure) failures.push(failure);
    }
    await deliverNotifications();

    // Afternoon: the hearing of the public case sits, everyone connected; the protected witness by his link.
    const judge = await enter('judge', token('judge')!, scene.hearingId);
    await judge!.client.call('openHearing');
    const room: Partial<Record<Reader, { client: HearingClient; participantId: string }>> = { judge: judge! };
    for (const label of ['clerk', 'prosecutor', 'counsel', 'party', 'interpreter', 'supporter', 'observer', 'formerJudge'] as const) {
      const entered = await enter(label, token(label)!, scene.hearingId);
      if (entered) room[label] = entered;
    }
    const witnessLink = await issueLink(api, own.clerk, scene.hearingId, scene.protectedWitness);
    const exchanged = await call('protectedWitness', undefined, 'POST', '/api/hearing-links/exchange', { token: witnessLink.token });
    room.protectedWitness = (await enter('protectedWitness', exchanged.body.sessionToken, scene.hearingId))!;
    room.linkHolder = (await enter('linkHolder', scene.linkToken!, scene.hearingId))!;
    // A judge whose role was withdrawn gets no seat in the room.
    expect(room.formerJudge).toBeUndefined();
    const { rows: waiting } = await testDb().query<{ id: string }>(
      `SELECT id FROM hearing_participants WHERE hearing_id = $1 AND state = 'waiting'`,
      [scene.hearingId],
    );
    for (const { id } of waiting) await judge!.client.call('admit', { participantId: id });
    await room.observer!.client.waitFor('participantsChanged', (c) => c.appeared.some((l) => l.id === scene.protectedWitness));
    // The judge renames the witness's pseudonym during the sitting: every list is sent again.
    const orders = await call('judge', token('judge'), 'GET', `/api/hearings/${scene.hearingId}/orders`);
    const anonymity = orders.body.find((o: { id: string }) => o.id === scene.anonymityOrderId);
    const renamed = await call('judge', token('judge'), 'PATCH', `/api/hearings/${scene.hearingId}/orders/${scene.anonymityOrderId}`, {
      terms: { ...anonymity.terms, pseudonym: 'Witness W-renamed' },
      reason: `${OWN.witness} fears reprisals; the pseudonym changes.`,
      version: anonymity.version,
    });
    expect(renamed.status).toBe(200);
    await room.counsel!.client.waitFor('participantsChanged', (c) =>
      c.changed.some((l) => l.id === scene.protectedWitness && l.displayName === 'Witness W-renamed'),
    );
    for (const [, entered] of Object.entries(room)) await entered!.client.call('getRoomState');
    for (const c of clients.splice(0)) c.close();
    await new Promise((resolve) => setTimeout(resolve, 500));

    // Every e-mail, read by whoever it was sent to.
    const byEmail = new Map<string, Reader>();
    for (const label of ACTOR_LABELS) if (actors[label].user) byEmail.set(actors[label].user!.email, label);
    byEmail.set(other.judge.email, 'theirJudge').set(other.clerk.email, 'theirClerk').set(other.filer.email, 'theirFiler');
    for (const mail of sink.mails)
      for (const to of mail.to) record('mail', byEmail.get(to) ?? 'operator', `mail to ${to}`, `${mail.subject}\n${mail.text}`);
    // Every log line of the day, read by whoever operates the platform.
    logs.stop();
    for (const line of logs.lines) record('log', 'operator', 'log', line);

    const leaks = seen.flatMap((s) =>
      Object.keys(ENTITLED)
        .filter((canary) => !ENTITLED[canary].includes(s.reader) && s.text.toLowerCase().includes(canary.toLowerCase()))
        .map((canary) => `${s.channel}: ${s.reader} read ${canary} in ${s.what}: ${excerpt(s.text, canary)}`),
    );
    const count = (channel: Channel) => seen.filter((s) => s.channel === channel).length;
    console.log(
      `canaries: ${Object.keys(ENTITLED).length} planted; scanned ${count('response')} answers, ${count('frame')} socket frames, ` +
        `${count('mail')} e-mails, ${count('log')} log lines; ${leaks.length} leaks`,
    );
    expect(leaks).toEqual([]);
    expect(failures).toEqual([]);

    // The scan can fail: each canary reached someone entitled to it, on the path it is meant for.
    const readers = (canary: string, channel: Channel) =>
      [
        ...new Set(seen.filter((s) => s.channel === channel && s.text.toLowerCase().includes(canary.toLowerCase())).map((s) => s.reader)),
      ].sort();
    expect(readers(OWN.victim, 'response')).toEqual(['clerk', 'judge', 'otherJudge', 'prosecutor']);
    expect(readers(OWN.witness, 'response')).toEqual(['judge', 'otherJudge', 'protectedWitness']);
    expect(readers(OWN.witness, 'frame')).toEqual(['judge', 'protectedWitness']);
    for (const sealed of [OWN.sealedTitle, OWN.sealedDocument, OWN.sealedFile])
      expect(readers(sealed, 'response')).toEqual(['clerk', 'judge', 'otherJudge', 'party']);
    // E-mails carry the filing's title where her name was: by her pseudonym, to all, the filer included.
    expect(
      sink.mails
        .filter((m) => m.subject === 'Filing accepted: Motion to protect V-own-public')
        .flatMap((m) => m.to)
        .sort(),
    ).toEqual([actors.counsel, actors.party, actors.prosecutor].map((a) => a.user!.email).sort());
    for (const canary of Object.values(OTHER)) expect(readers(canary, 'response')).toEqual(['theirJudge']);
    expect(count('mail')).toBeGreaterThan(5);
    expect(count('frame')).toBeGreaterThan(100);
    expect(count('log')).toBeGreaterThan(20_000);
  });
});

/** A few characters either side of the first place the canary appears. */
function excerpt(text: string, canary: string): string {
  const at = text.toLowerCase().indexOf(canary.toLowerCase());
  return text.slice(Math.max(0, at - 80), at + canary.length + 80);
}
