// Special-measures orders inside the media node, on a real mediasoup worker: a change of order
// closes the consumers it forbids and opens those it allows, live, without anyone rejoining; the
// consultation rules, the bench's camera hold and the private break signal. The orders come
// from the fake ledger, as they would come from the record after the api's notice.
import { randomUUID } from 'node:crypto';
import type { HearingRole, RoomState, ServerNotification } from '@ejustice/hearings';
import { newRoomParticipant } from '@ejustice/hearings';
import type { SpecialMeasure } from '@ejustice/media-policy';
import { FakeLedger, type RecordingChannel, VP8, listen, present, roomsOnRealWorker } from '@ejustice/testing/media/room-harness';
import type { Room } from '../../../apps/media/src/room/room';

jest.setTimeout(60_000);

const NAMES = ['judge', 'clerk', 'witness', 'supporter', 'defendant', 'counsel', 'public'] as const;
type Name = (typeof NAMES)[number];
const ROLES: Record<Name, HearingRole> = {
  judge: 'judge',
  clerk: 'clerk',
  witness: 'victim',
  supporter: 'supporter',
  defendant: 'defendant',
  counsel: 'defence_counsel',
  public: 'observer',
};
const REAL_NAME = 'Amal Real-Name';

describe('special-measures orders in the media node (real worker)', () => {
  const worker = roomsOnRealWorker();

  const id = Object.fromEntries(NAMES.map((n) => [n, randomUUID()])) as Record<Name, string>;
  const nameOf = (participantId: string): string => NAMES.find((n) => id[n] === participantId) ?? participantId;

  const order = {
    screen: (fromRoles: HearingRole[]): SpecialMeasure => ({
      kind: 'screen',
      id: randomUUID(),
      participantId: id.witness,
      fromRoles,
      fromParticipantIds: [],
    }),
    anonymity: (): SpecialMeasure => ({ kind: 'anonymity', id: randomUUID(), participantId: id.witness, pseudonym: 'Witness A' }),
    audioOnly: (): SpecialMeasure => ({ kind: 'audio_only', id: randomUUID(), participantId: id.witness }),
    supporter: (): SpecialMeasure => ({
      kind: 'supporter',
      id: randomUUID(),
      participantId: id.witness,
      supporterId: id.supporter,
      capacity: 'supporter',
    }),
    inPrivate: (): SpecialMeasure => ({ kind: 'evidence_in_private', id: randomUUID() }),
  };

  async function newRoom(orders: SpecialMeasure[] = []) {
    const ledger = new FakeLedger();
    ledger.orders = orders;
    const participants = NAMES.map((n) =>
      newRoomParticipant({
        id: id[n],
        role: ROLES[n],
        displayName: n === 'witness' ? REAL_NAME : `Name of ${n}`,
        userId: null,
        partyId: n === 'defendant' ? 'defendant-party' : n === 'witness' ? 'victim-party' : null,
        clientPartyIds: n === 'counsel' ? ['defendant-party'] : [],
        // The judge presides: the sitting and the court's private conferences are theirs.
        presiding: n === 'judge',
        state: 'invited',
      }),
    );
    const state: RoomState = {
      hearingId: randomUUID(),
      courtId: randomUUID(),
      caseId: randomUUID(),
      title: 'R v X',
      status: 'open',
      roomLocked: false,
      floorLanguage: 'en',
      participants,
      consultations: [],
      orders,
    };
    const room = await worker.open(state, ledger);
    return { room, ledger };
  }

  /** Everyone connected and in court (the bench admits them; supporters come in beside their witness). */
  async function seated(orders: SpecialMeasure[] = []) {
    const { room, ledger } = await newRoom(orders);
    const channels = {} as Record<Name, RecordingChannel>;
    for (const n of NAMES) channels[n] = n === 'public' ? await listen(room, id[n]) : await present(room, id[n]);
    for (const n of NAMES) {
      const p = room.snapshotState().participants.find((x) => x.id === id[n]);
      if (p?.state === 'waiting') await room.handle(id.judge, { method: 'admit', data: { participantId: id[n] } });
    }
    return { room, ledger, channels };
  }

  /** The consumers that exist, as `viewer<-source:kind:variant`. */
  const grants = (room: Room) =>
    room
      .existingGrants()
      .map((g) => `${nameOf(g.viewerId)}<-${nameOf(g.sourceId)}:${g.kind}:${g.variant}`)
      .sort();
  const from = (room: Room, source: Name, kind: 'audio' | 'video') =>
    grants(room)
      .filter((g) => g.includes(`<-${source}:${kind}:`))
      .map((g) => g.split('<-')[0])
      .sort();

  const everyoneBut = (...names: Name[]) => NAMES.filter((n) => !names.includes(n)).sort();

  async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error('condition not met in time');
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  it('a screen made live hides her picture from the defendant and his from her; both still hear each other; the judge keeps raw', async () => {
    const { room, ledger, channels } = await seated();
    expect(from(room, 'witness', 'video')).toEqual(everyoneBut('witness'));
    channels.defendant.notifications.length = 0;

    ledger.orders = [order.screen(['defendant'])];
    await room.reloadOrders();

    expect(from(room, 'witness', 'video')).toEqual(everyoneBut('witness', 'defendant'));
    expect(from(room, 'witness', 'audio')).toEqual(everyoneBut('witness'));
    expect(from(room, 'defendant', 'video')).toEqual(everyoneBut('defendant', 'witness'));
    expect(from(room, 'defendant', 'audio')).toEqual(everyoneBut('defendant'));
    expect(grants(room)).toContain('judge<-witness:video:raw');
    // The defendant was told his witness stream closed; nobody rejoined.
    expect(channels.defendant.methods()).toContain('consumerClosed');
    expect(room.connectedParticipantIds()).toHaveLength(NAMES.length);

    // Lifted: the picture comes back, without anyone rejoining.
    ledger.orders = [];
    await room.reloadOrders();
    expect(from(room, 'witness', 'video')).toEqual(everyoneBut('witness'));
  });

  it('under anonymity the judge receives her raw and everyone else only the anonymised variant, never a substitute while it starts', async () => {
    const { room, ledger } = await seated();
    ledger.orders = [order.anonymity()];
    await room.reloadOrders();
    // At once: raw to the judge alone; the others wait for the variant with nothing.
    expect(grants(room).filter((g) => g.includes('<-witness:') && g.endsWith(':raw'))).toEqual([
      'judge<-witness:audio:raw',
      'judge<-witness:video:raw',
    ]);
    // The ffmpeg pipelines start; the variant's consumers open, and still nobody but the judge has raw.
    await until(() => room.anonymisedVariants().length === 2 && room.anonymisedVariants().every((v) => v.producerId !== null));
    await room.drain();
    // Everyone hears her, and she hears herself as they do (her own preview, anonymised).
    expect(from(room, 'witness', 'audio')).toEqual(everyoneBut());
    expect(grants(room).filter((g) => g.includes('<-witness:') && g.endsWith(':raw'))).toEqual([
      'judge<-witness:audio:raw',
      'judge<-witness:video:raw',
    ]);
    expect(grants(room).filter((g) => g.includes('<-witness:') && g.endsWith(':anonymised'))).toHaveLength(2 * (NAMES.length - 1));
    // Lifted: the variants go, and everyone receives her as she is.
    ledger.orders = [];
    await room.reloadOrders();
    expect(room.anonymisedVariants()).toEqual([]);
    expect(grants(room).filter((g) => g.includes('<-witness:') && g.endsWith(':anonymised'))).toEqual([]);
    expect(from(room, 'witness', 'video')).toEqual(everyoneBut('witness'));
  });

  it('a witness under anonymity sees and hears herself as the others will, from the waiting room on: her own anonymised preview, never raw', async () => {
    const { room, ledger } = await newRoom([order.anonymity()]);
    await present(room, id.judge);
    await present(room, id.defendant);
    await room.handle(id.judge, { method: 'admit', data: { participantId: id.defendant } });
    const witness = await present(room, id.witness);
    const stateOf = (n: Name) => room.snapshotState().participants.find((p) => p.id === id[n])?.state;
    const own = () => grants(room).filter((g) => g.startsWith('witness<-witness:'));
    const previewConsumerIds = () =>
      room
        .peerMedia(id.witness)!
        .consumers.filter((c) => c.grant.sourceId === id.witness)
        .map((c) => c.consumer.id)
        .sort();
    expect(stateOf('witness')).toBe('waiting');
    // Nothing of herself until the variants exist: never the raw stream instead.
    expect(own()).toEqual([]);

    await until(() => room.anonymisedVariants().length === 2 && room.anonymisedVariants().every((v) => v.producerId !== null));
    await room.drain();
    expect(own()).toEqual(['witness<-witness:audio:anonymised', 'witness<-witness:video:anonymised']);
    // Waiting, nobody else receives anything of her.
    expect(grants(room).filter((g) => g.includes('<-witness:') && !g.startsWith('witness<-'))).toEqual([]);
    // Her client recognises its preview by her own id, and it carries the variants, not her raw producers.
    const previews = witness.notifications.flatMap((n) =>
      n.method === 'newConsumer' && n.data.participantId === id.witness ? [n.data] : [],
    );
    expect(previews.map((p) => p.source).sort()).toEqual(['camera', 'microphone']);
    const variantIds = room.anonymisedVariants().map((v) => v.producerId);
    const rawIds = room.peerMedia(id.witness)!.producers.map((p) => p.producer.id);
    expect(previews.every((p) => variantIds.includes(p.producerId) && !rawIds.includes(p.producerId))).toBe(true);
    const before = previewConsumerIds();

    // Admitted: the same preview goes on (not re-created); the judge receives her raw, the defendant anonymised.
    await room.handle(id.judge, { method: 'admit', data: { participantId: id.witness } });
    expect(stateOf('witness')).toBe('admitted');
    expect(own()).toEqual(['witness<-witness:audio:anonymised', 'witness<-witness:video:anonymised']);
    expect(previewConsumerIds()).toEqual(before);
    expect(grants(room)).toEqual(
      expect.arrayContaining(['judge<-witness:video:raw', 'defendant<-witness:audio:anonymised', 'defendant<-witness:video:anonymised']),
    );
    expect(grants(room).filter((g) => g.startsWith('witness<-witness:') && !g.endsWith(':anonymised'))).toEqual([]);

    // Lifted: no preview any more, and she is told it closed; still nothing of herself raw.
    witness.notifications.length = 0;
    ledger.orders = [];
    await room.reloadOrders();
    expect(own()).toEqual([]);
    expect(witness.methods()).toContain('consumerClosed');
    expect(from(room, 'witness', 'video')).toEqual(['defendant', 'judge']);
  });

  it('an anonymous witness’s real name never reaches the defendant, counsel or the gallery, in any message, nor that she is the victim', async () => {
    const { room, channels } = await seated([order.anonymity()]);
    await room.handle(id.judge, { method: 'muteParticipant', data: { participantId: id.witness } });
    await room.handle(id.witness, { method: 'raiseHand', data: {} });
    for (const n of ['defendant', 'counsel', 'public', 'clerk'] as const) {
      const frames =
        JSON.stringify(channels[n].notifications) + JSON.stringify(await room.handle(id[n], { method: 'getRoomState', data: {} }));
      expect(frames).not.toContain(REAL_NAME);
      expect(frames).not.toContain('"victim"');
    }
    const judgeFrames = JSON.stringify(await room.handle(id.judge, { method: 'getRoomState', data: {} }));
    expect(judgeFrames).toContain(REAL_NAME);
  });

  it('audio only: her picture goes to the bench alone; everyone hears her', async () => {
    const { room, ledger } = await seated();
    ledger.orders = [order.audioOnly()];
    await room.reloadOrders();
    expect(from(room, 'witness', 'video')).toEqual(['clerk', 'judge']);
    expect(from(room, 'witness', 'audio')).toEqual(everyoneBut('witness'));
  });

  it('evidence in private: the gallery receives nothing from anyone and is told the court sits in private; lifted, it comes back', async () => {
    const { room, ledger, channels } = await seated();
    expect(grants(room).filter((g) => g.startsWith('public<-')).length).toBeGreaterThan(0);
    channels.public.notifications.length = 0;
    ledger.orders = [order.inPrivate()];
    await room.reloadOrders();
    expect(grants(room).filter((g) => g.startsWith('public<-'))).toEqual([]);
    const told = channels.public.notifications.filter(
      (n): n is Extract<ServerNotification, { method: 'hearingChanged' }> => n.method === 'hearingChanged',
    );
    expect(told.at(-1)?.data.sittingInPrivate).toBe(true);
    ledger.orders = [];
    await room.reloadOrders();
    expect(grants(room).filter((g) => g.startsWith('public<-')).length).toBeGreaterThan(0);
  });

  it('a supporter comes in beside her witness and goes back with her; the courtroom does not receive the supporter', async () => {
    const { room } = await newRoom([order.supporter()]);
    await present(room, id.judge);
    await present(room, id.witness);
    await present(room, id.supporter);
    await present(room, id.defendant);
    await room.handle(id.judge, { method: 'admit', data: { participantId: id.defendant } });
    await room.handle(id.judge, { method: 'admit', data: { participantId: id.witness } });
    const stateOf = (n: Name) => room.snapshotState().participants.find((p) => p.id === id[n])?.state;
    expect(stateOf('supporter')).toBe('admitted');
    expect(from(room, 'supporter', 'video')).toEqual(['judge', 'witness']);
    expect(from(room, 'supporter', 'audio')).toEqual(['judge', 'witness']);
    await room.handle(id.judge, { method: 'sendToWaitingRoom', data: { participantId: id.witness } });
    expect(stateOf('supporter')).toBe('waiting');
    // In the waiting room she and her supporter talk privately, and nobody else hears them.
    expect(grants(room).filter((g) => g.includes('witness') || g.includes('supporter'))).toEqual([
      'supporter<-witness:audio:raw',
      'supporter<-witness:video:raw',
      'witness<-supporter:audio:raw',
      'witness<-supporter:video:raw',
    ]);
  });

  it('counsel consult only their own client; nobody is put in one room with someone they are screened from', async () => {
    const { room, ledger } = await seated([order.screen(['defendant'])]);
    await expect(room.handle(id.counsel, { method: 'openConsultation', data: { memberIds: [id.witness] } })).rejects.toMatchObject({
      code: 'consultation.forbidden',
    });
    await expect(
      room.handle(id.judge, { method: 'openConsultation', data: { memberIds: [id.witness, id.defendant] } }),
    ).rejects.toMatchObject({
      code: 'consultation.forbidden',
    });
    const { consultationId } = (await room.handle(id.counsel, { method: 'openConsultation', data: { memberIds: [id.defendant] } })) as {
      consultationId: string;
    };
    expect(from(room, 'defendant', 'audio')).toEqual(['counsel']);
    // The bench sees that it runs and who is in it, never its media.
    const bench = (await room.handle(id.judge, { method: 'getRoomState', data: {} })) as {
      participants: { id: string; consultationId?: string }[];
    };
    expect(
      bench.participants
        .filter((p) => p.consultationId === consultationId)
        .map((p) => nameOf(p.id))
        .sort(),
    ).toEqual(['counsel', 'defendant']);
    expect(grants(room).filter((g) => g.startsWith('judge<-defendant') || g.startsWith('judge<-counsel'))).toEqual([]);

    // The judge's conference with both, then a screen made meanwhile: the room ends at once.
    await room.handle(id.counsel, { method: 'closeConsultation', data: { consultationId } });
    ledger.orders = [];
    await room.reloadOrders();
    await room.handle(id.judge, { method: 'openConsultation', data: { memberIds: [id.witness, id.defendant] } });
    ledger.orders = [order.screen(['defendant'])];
    await room.reloadOrders();
    expect(room.snapshotState().consultations).toEqual([]);
    expect(grants(room)).not.toContain('defendant<-witness:video:raw');
  });

  it('a camera the bench stopped stays stopped until the bench allows it again', async () => {
    const { room, channels } = await seated();
    channels.judge.notifications.length = 0;
    channels.counsel.notifications.length = 0;
    await room.handle(id.judge, { method: 'stopCamera', data: { participantId: id.defendant } });
    // The bench's list says so, so any bench member's console can offer to allow it again.
    expect(JSON.stringify(channels.judge.notifications)).toContain('"cameraHeld":true');
    expect(JSON.stringify(channels.counsel.notifications)).not.toContain('"cameraHeld":true');
    expect(room.peerMedia(id.defendant)?.producers.some((p) => p.source === 'camera')).toBe(false);
    const send = room.peerMedia(id.defendant)!.transports.find((t) => (t.appData as { direction?: string }).direction === 'send')!;
    const camera = {
      transportId: send.id,
      source: 'camera' as const,
      kind: 'video' as const,
      rtpParameters: { codecs: [VP8], encodings: [{ ssrc: 4242 }] },
    };
    await expect(room.handle(id.defendant, { method: 'produce', data: camera })).rejects.toMatchObject({ code: 'media.camera_held' });
    await expect(room.handle(id.counsel, { method: 'allowCamera', data: { participantId: id.defendant } })).rejects.toMatchObject({
      code: 'room.forbidden',
    });
    await room.handle(id.judge, { method: 'allowCamera', data: { participantId: id.defendant } });
    await expect(room.handle(id.defendant, { method: 'produce', data: camera })).resolves.toMatchObject({ paused: false });
  });

  it('a recess for her: nothing of her reaches the court; she and her supporter see and hear each other; resuming brings her back', async () => {
    const { room } = await seated([order.supporter()]);
    await room.handle(id.judge, { method: 'recessForWitness', data: { participantId: id.witness } });
    expect(grants(room).filter((g) => g.includes('witness') || g.includes('supporter'))).toEqual([
      'supporter<-witness:audio:raw',
      'supporter<-witness:video:raw',
      'witness<-supporter:audio:raw',
      'witness<-supporter:video:raw',
    ]);
    await room.handle(id.judge, { method: 'openHearing', data: {} });
    expect(from(room, 'witness', 'audio')).toEqual(everyoneBut('witness'));
  });

  it('"I need a break" reaches the judge and nobody else', async () => {
    const { room, channels } = await seated();
    for (const n of NAMES) channels[n].notifications.length = 0;
    await room.handle(id.witness, { method: 'requestBreak', data: {} });
    expect(channels.judge.notifications).toEqual([{ method: 'breakRequested', data: { participantId: id.witness } }]);
    for (const n of NAMES.filter((x) => x !== 'judge')) expect(channels[n].methods()).not.toContain('breakRequested');
    await expect(room.handle(id.public, { method: 'requestBreak', data: {} })).rejects.toMatchObject({ code: 'room.forbidden' });
    // With no judge inside, she is told so rather than that the judge knows.
    await room.disconnect(id.judge, channels.judge);
    await expect(room.handle(id.witness, { method: 'requestBreak', data: {} })).rejects.toMatchObject({ code: 'room.not_allowed_now' });
  });
});
