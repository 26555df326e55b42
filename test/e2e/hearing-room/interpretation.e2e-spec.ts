// Interpretation channels through the real edges, with real RTP: the court adds a French
// interpreter and a witness who needs French over REST; werift peers send ffmpeg's Opus through
// the media node (mediasoup) and receive what it forwards. The server decides who receives the
// interpreter's voice (the media policy's `other_channel` rule) from each listener's choice, and
// a client cannot consume what it did not choose.
import { closeTestDb, http, type RunningApi, startApiServer, testDb, uniqueSuffix } from '@ejustice/testing';
import type { HearingClient } from '@ejustice/testing/media/hearing-client';
import { type HearingRoomFixture, auditActions, createHearingRoomFixture, enter, linkSession } from '@ejustice/testing/media/hearing-room';
import { type RunningMediaNode, startMediaNode } from '@ejustice/testing/media/media-node';
import {
  type ReceivingMedia,
  type SendingMedia,
  startReceiving,
  startSending,
  waitForCount,
} from '@ejustice/testing/media/werift-participant';

jest.setTimeout(120_000);

/** Well below what an Opus sender produces in the wait (~50 packets/s) but far above zero. */
const MIN_PACKETS = 40;

describe('interpretation channels (e2e)', () => {
  const pool = `e2e-interpretation-${uniqueSuffix()}`;
  let api: RunningApi;
  let media: RunningMediaNode;
  let f: HearingRoomFixture;
  let interpreterId: string;
  let frenchWitnessId: string;
  let judge: HearingClient;
  let interpreter: HearingClient;
  /** The defendant, who chooses the French channel. */
  let frenchListener: HearingClient;
  /** Defence counsel, who stays on the floor. */
  let floorListener: HearingClient;
  const closers: (() => unknown)[] = [];

  beforeAll(async () => {
    media = await startMediaNode({ env: { MEDIA_POOL: pool, MEDIA_AUDIO_ONLY_BELOW_KBPS: '0' } });
    api = await startApiServer({ env: { MEDIA_POOL: pool } });
    f = await createHearingRoomFixture(api.baseUrl);
  });

  afterAll(async () => {
    for (const close of closers.reverse()) await close();
    await api?.close();
    await media?.close();
    await closeTestDb();
  });

  function track<T extends SendingMedia | ReceivingMedia | HearingClient>(m: T): T {
    closers.push(() => m.close());
    return m;
  }

  function room() {
    const r = media.rooms.room(f.hearingId);
    if (!r) throw new Error('no room');
    return r;
  }

  function addParticipant(body: Record<string, unknown>) {
    return http(api.baseUrl, 'POST', `/api/hearings/${f.hearingId}/participants`, { token: f.clerk.token, body });
  }

  async function byLink(participantId: string) {
    const { sessionToken } = await linkSession(api.baseUrl, f, participantId);
    return enter(api.baseUrl, sessionToken, f.hearingId);
  }

  /** Whether the server holds a consumer of `sourceId`'s audio for `viewerId`. */
  const hearsAudio = (viewerId: string, sourceId: string) =>
    room()
      .existingGrants()
      .some((g) => g.viewerId === viewerId && g.sourceId === sourceId && g.kind === 'audio');

  /** The interpreter's audio as offered to a client, still open. */
  function interpreterConsumers(client: HearingClient) {
    const closed = new Set(client.received('consumerClosed').map((c) => c.consumerId));
    return client
      .received('newConsumer')
      .filter((c) => c.participantId === interpreterId && c.kind === 'audio' && !closed.has(c.consumerId));
  }

  it('lets the court assign an interpreter their language over REST, and refuses a malformed language', async () => {
    const bad = await addParticipant({ hearingRole: 'interpreter', displayName: 'Interprète', language: 'French' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('language');

    const added = await addParticipant({ hearingRole: 'interpreter', displayName: `Interprète ${uniqueSuffix()}`, language: 'fr' });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ hearingRole: 'interpreter', language: 'fr' });
    interpreterId = added.body.id;

    const witness = await addParticipant({ hearingRole: 'witness', displayName: `Témoin ${uniqueSuffix()}`, language: 'fr' });
    expect(witness.status).toBe(201);
    frenchWitnessId = witness.body.id;
  });

  it('lets the court set a hearing’s floor language when it is not the court’s, and refuses a malformed one', async () => {
    const { rows } = await testDb().query('SELECT case_id FROM hearings WHERE id = $1', [f.hearingId]);
    const start = Date.now() + 3 * 86_400_000;
    const schedule = (floorLanguage: string) =>
      http(api.baseUrl, 'POST', '/api/hearings', {
        token: f.clerk.token,
        body: {
          caseId: rows[0].case_id,
          title: 'Hearing in French',
          hearingType: 'case_management',
          scheduledStart: new Date(start).toISOString(),
          scheduledEnd: new Date(start + 3_600_000).toISOString(),
          floorLanguage,
        },
      });
    const bad = await schedule('Français');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('floorLanguage');
    const scheduled = await schedule('fr');
    expect(scheduled.status).toBe(201);
    expect(scheduled.body.floorLanguage).toBe('fr');
    const stored = await testDb().query('SELECT floor_language FROM hearings WHERE id = $1', [scheduled.body.id]);
    expect(stored.rows[0].floor_language).toBe('fr');
  });

  it('offers the floor and the French channel, and puts the interpreter on their channel', async () => {
    const j = await enter(api.baseUrl, f.judge.token, f.hearingId);
    judge = track(j.client);
    // The court works in English (its court's language): French is interpreted.
    expect(j.joined.hearing.interpretation).toEqual({ floorLanguage: 'en', channels: ['fr'] });
    expect(j.joined.media.listening).toBeNull();
    await judge.call('openHearing');
    track(await startSending(judge, { microphone: true }));
    // A receiving connection, so that whatever the server would let the judge hear shows as a consumer.
    await judge.call('createWebRtcTransport', { direction: 'recv' });

    const i = await byLink(interpreterId);
    interpreter = track(i.client);
    expect(i.joined.media).toMatchObject({ listening: null, interpreting: { channel: 'fr', toFloor: false } });
    await judge.call('admit', { participantId: interpreterId });
    track(await startSending(interpreter, { microphone: true }));
    await interpreter.call('setMuted', { muted: false });
    await interpreter.call('createWebRtcTransport', { direction: 'recv' });
  });

  it('gives the French listener the interpreter (channel fr) and the floor, with RTP on both', async () => {
    const d = await byLink(f.defendantId);
    frenchListener = track(d.client);
    expect(d.joined.media.listening).toBeNull();
    await judge.call('admit', { participantId: f.defendantId });
    const chosen = await frenchListener.call('chooseChannel', { channel: 'fr' });
    expect(chosen.listening).toBe('fr');

    const receiving = track(await startReceiving(frenchListener, 2));
    const judgeAudio = receiving.consumers.find((c) => c.participantId === f.judge.participantId);
    const interpreterAudio = receiving.consumers.find((c) => c.participantId === interpreterId);
    expect(judgeAudio).toMatchObject({ source: 'microphone', channel: null });
    expect(interpreterAudio).toMatchObject({ source: 'microphone', channel: 'fr' });
    expect(await waitForCount(() => receiving.packetsFor(judgeAudio!.consumerId), MIN_PACKETS)).toBeGreaterThanOrEqual(MIN_PACKETS);
    expect(await waitForCount(() => receiving.packetsFor(interpreterAudio!.consumerId), MIN_PACKETS)).toBeGreaterThanOrEqual(MIN_PACKETS);
  });

  it('gives the floor listener the floor and no consumer of the interpreter', async () => {
    const c = await enter(api.baseUrl, f.counsel.token, f.hearingId);
    floorListener = track(c.client);
    await judge.call('admit', { participantId: f.counsel.participantId });
    const receiving = track(await startReceiving(floorListener, 1));
    expect(receiving.consumers.map((x) => [x.participantId, x.channel])).toEqual([[f.judge.participantId, null]]);
    expect(await waitForCount(() => receiving.packetsFor(receiving.consumers[0].consumerId), MIN_PACKETS)).toBeGreaterThanOrEqual(
      MIN_PACKETS,
    );
    // The interpreter's voice is live (the French listener receives it) and still nothing reaches the floor.
    expect(hearsAudio(f.counsel.participantId, interpreterId)).toBe(false);
    expect(hearsAudio(f.judge.participantId, interpreterId)).toBe(false);
    expect(interpreterConsumers(floorListener)).toEqual([]);
    // The interpreter hears the floor (the judge), as any listener on it.
    expect(hearsAudio(interpreterId, f.judge.participantId)).toBe(true);
  });

  it('refuses the floor listener the French listener’s interpreter consumer', async () => {
    const [theirs] = interpreterConsumers(frenchListener);
    expect(theirs).toBeDefined();
    for (const method of ['resumeConsumer', 'pauseConsumer'] as const) {
      const refused = await floorListener.request(method, { consumerId: theirs.consumerId });
      expect(refused).toMatchObject({ ok: false, error: { code: 'media.consumer_not_found' } });
    }
    const tile = await floorListener.request('setConsumerTileSize', { consumerId: theirs.consumerId, width: 320, height: 180 });
    expect(tile).toMatchObject({ ok: false, error: { code: 'media.consumer_not_found' } });
    expect(hearsAudio(f.counsel.participantId, interpreterId)).toBe(false);
  });

  it('refuses a channel the hearing lacks, and the interpreter’s switch to anyone else', async () => {
    const unknown = await floorListener.request('chooseChannel', { channel: 'de' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'interpretation.unknown_channel' } });
    expect((unknown as { error: { message: string } }).error.message).toMatch(/no interpretation into that language/);
    const malformed = await floorListener.request('chooseChannel', { channel: 'Deutsch' });
    expect(malformed).toMatchObject({ ok: false, error: { code: 'signalling.invalid_request' } });
    const notInterpreter = await floorListener.request('setInterpreterOutput', { toFloor: true });
    expect(notInterpreter).toMatchObject({ ok: false, error: { code: 'interpretation.not_interpreter' } });
    expect(hearsAudio(f.counsel.participantId, interpreterId)).toBe(false);
  });

  it('puts the interpreter on the floor for everyone when they switch to consecutive, and back into the channel', async () => {
    const frenchBefore = interpreterConsumers(frenchListener)[0];
    const toFloor = await interpreter.call('setInterpreterOutput', { toFloor: true });
    expect(toFloor.interpreting).toEqual({ channel: 'fr', toFloor: true });

    // The floor listener is offered the interpreter at once, on the floor; the French listener's
    // consumer is opened again, on the floor too.
    const onFloor = await floorListener.waitFor('newConsumer', (c) => c.participantId === interpreterId);
    expect(onFloor).toMatchObject({ source: 'microphone', channel: null });
    await frenchListener.waitFor('consumerClosed', (c) => c.consumerId === frenchBefore.consumerId);
    const frenchOnFloor = await frenchListener.waitFor(
      'newConsumer',
      (c) => c.participantId === interpreterId && c.consumerId !== frenchBefore.consumerId,
    );
    expect(frenchOnFloor.channel).toBeNull();
    expect(hearsAudio(f.judge.participantId, interpreterId)).toBe(true);

    // And it carries RTP: a fresh receiving connection of the floor listener gets both voices.
    const receiving = track(await startReceiving(floorListener, 2));
    const interpreterAudio = receiving.consumers.find((c) => c.participantId === interpreterId);
    expect(interpreterAudio).toMatchObject({ channel: null });
    expect(await waitForCount(() => receiving.packetsFor(interpreterAudio!.consumerId), MIN_PACKETS)).toBeGreaterThanOrEqual(MIN_PACKETS);

    const back = await interpreter.call('setInterpreterOutput', { toFloor: false });
    expect(back.interpreting).toEqual({ channel: 'fr', toFloor: false });
    await floorListener.waitFor('consumerClosed', (c) => c.consumerId === interpreterAudio!.consumerId);
    await frenchListener.waitFor('consumerClosed', (c) => c.consumerId === frenchOnFloor.consumerId);
    const frenchAgain = await frenchListener.waitFor(
      'newConsumer',
      (c) => c.participantId === interpreterId && c.consumerId !== frenchBefore.consumerId && c.consumerId !== frenchOnFloor.consumerId,
    );
    expect(frenchAgain.channel).toBe('fr');
    expect(hearsAudio(f.counsel.participantId, interpreterId)).toBe(false);
    expect(hearsAudio(f.judge.participantId, interpreterId)).toBe(false);
    expect(hearsAudio(f.defendantId, interpreterId)).toBe(true);
  });

  it('closes the channel at once for a listener who goes back to the floor', async () => {
    const [current] = interpreterConsumers(frenchListener);
    const chosen = await frenchListener.call('chooseChannel', { channel: null });
    expect(chosen.listening).toBeNull();
    await frenchListener.waitFor('consumerClosed', (c) => c.consumerId === current.consumerId);
    expect(hearsAudio(f.defendantId, interpreterId)).toBe(false);
  });

  it('starts a witness who needs French on the French channel, and she hears her interpreter', async () => {
    const w = await byLink(frenchWitnessId);
    const witness = track(w.client);
    expect(w.joined.media.listening).toBe('fr');
    expect(w.joined.hearing.interpretation).toEqual({ floorLanguage: 'en', channels: ['fr'] });
    await judge.call('admit', { participantId: frenchWitnessId });
    const receiving = track(await startReceiving(witness, 2));
    const interpreterAudio = receiving.consumers.find((c) => c.participantId === interpreterId);
    expect(interpreterAudio).toMatchObject({ channel: 'fr' });
    expect(await waitForCount(() => receiving.packetsFor(interpreterAudio!.consumerId), MIN_PACKETS)).toBeGreaterThanOrEqual(MIN_PACKETS);
  });

  it('keeps a listener’s channel across a reconnection within the grace period, as it keeps the mute', async () => {
    await floorListener.call('chooseChannel', { channel: 'fr' });
    floorListener.close();
    await floorListener.disconnected;
    const again = await enter(api.baseUrl, f.counsel.token, f.hearingId);
    floorListener = track(again.client);
    expect(again.joined.self.state).toBe('admitted');
    expect(again.joined.media.listening).toBe('fr');
  });

  it('records the choices and the switches in the audit trail', async () => {
    const actions = (await auditActions(f.hearingId)).filter((a) => a.action.startsWith('hearing.interp'));
    expect(actions.map((a) => [a.action, a.subject_id, a.data.channel, a.data.toFloor])).toEqual([
      ['hearing.interpretation_channel_chosen', f.defendantId, 'fr', undefined],
      ['hearing.interpreter_output_changed', interpreterId, 'fr', true],
      ['hearing.interpreter_output_changed', interpreterId, 'fr', false],
      ['hearing.interpretation_channel_chosen', f.defendantId, null, undefined],
      ['hearing.interpretation_channel_chosen', f.counsel.participantId, 'fr', undefined],
    ]);
  });
});
