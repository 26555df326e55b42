import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RecordingLedger } from '@ejustice/recording';
import {
  type RunningApi,
  closeTestDb,
  createCourt,
  createParticipant,
  createSpecialMeasureOrder,
  createUser,
  http,
  login,
  startApiServer,
  testDb,
} from '@ejustice/testing';
import { type RecordedHearing, freshRecordingDirs, makeOpusSegments, recordSegments, recordedHearing } from './recording-support';

/*
 * The court recording through the real api (real PostgreSQL, the real audit chain, Opus/WebM
 * segment files made by ffmpeg and registered through the ledger as the media node registers
 * them): the hearing's bench and the court's clerks list and play them, each playback audited;
 * everyone else is refused with a code and a sentence, and nothing is written for them.
 */

jest.setTimeout(120_000);

describe('court recordings: listing, playback and verification (e2e)', () => {
  let api: RunningApi;
  let storage: string;
  let spool: string;
  let tones: string[];
  let h: RecordedHearing;
  let recorded: Awaited<ReturnType<typeof recordSegments>>;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    ({ storage, spool } = freshRecordingDirs('e2e'));
    api = await startApiServer({ env: { STORAGE_DIR: storage } });
    tones = await makeOpusSegments(3, 80);
    h = await recordedHearing();
    await createSpecialMeasureOrder({
      hearingId: h.hearingId,
      kind: 'anonymity',
      participantId: h.witnessSeat.id,
      terms: { pseudonym: 'Witness A' },
      madeBy: h.judge.id,
    });
    await testDb().query(`UPDATE hearing_participants SET display_name = 'Samira Aziz' WHERE id = $1`, [h.witnessSeat.id]);
    recorded = await recordSegments(api.app.get(RecordingLedger), h, spool, tones.slice(0, 2));

    const counsel = await createUser({ roles: ['counsel'], courtId: h.courtId });
    await createParticipant({ hearingId: h.hearingId, hearingRole: 'defence_counsel', userId: counsel.id });
    const otherJudge = await createUser({ roles: ['judge'], courtId: h.courtId });
    const observer = await createUser({ roles: ['observer'], courtId: h.courtId });
    const theirClerk = await createUser({ roles: ['clerk'], courtId: (await createCourt()).id });
    for (const [name, user] of Object.entries({ judge: h.judge, clerk: h.clerk, counsel, otherJudge, observer, theirClerk })) {
      tokens[name] = (await login(api.baseUrl, user.email, user.password)).accessToken;
    }
    // The witness joins by a one-time link: her hearing session is not an account.
    const link = await http(api.baseUrl, 'POST', `/api/hearings/${h.hearingId}/participants/${h.witnessSeat.id}/links`, {
      token: tokens.clerk,
      body: {},
    });
    expect(link.status).toBe(201);
    const exchanged = await http(api.baseUrl, 'POST', '/api/hearing-links/exchange', { body: { token: link.body.token } });
    expect(exchanged.status).toBe(200);
    tokens.witness = exchanged.body.sessionToken;
  });

  afterAll(async () => {
    await api?.close();
    await closeTestDb();
  });

  async function played(segmentId: string): Promise<{ actor_id: string; data: Record<string, unknown> }[]> {
    const { rows } = await testDb().query(
      `SELECT actor_id, data FROM audit_events WHERE action = 'recording.played' AND subject_id = $1 ORDER BY seq`,
      [segmentId],
    );
    return rows;
  }

  it('lists the recording to the presiding judge, the witness by her name', async () => {
    const res = await http(api.baseUrl, 'GET', `/api/hearings/${h.hearingId}/recordings`, { token: tokens.judge });
    expect(res.status).toBe(200);
    expect(res.body.hearingId).toBe(h.hearingId);
    expect(res.body.recordings).toHaveLength(1);
    const [recording] = res.body.recordings;
    expect(recording).toMatchObject({ id: recorded.recordingId, status: 'running', stoppedAt: null });
    expect(recording.tracks).toEqual([
      {
        id: recorded.trackId,
        participantId: h.witnessSeat.id,
        role: 'witness',
        participantName: 'Samira Aziz',
        source: 'microphone',
        kind: 'audio',
        startedAt: expect.any(String),
        endedAt: null,
        segments: recorded.segments.map((s, sequence) => ({
          id: s.segmentId,
          sequence,
          offsetMs: sequence * 1000,
          durationMs: 1000,
          sizeBytes: readFileSync(tones[sequence]).length,
          sha256: s.sha256,
          mediaUrl: `/api/recording-segments/${s.segmentId}/media`,
        })),
      },
    ]);
  });

  it("lists it to a clerk of the court, naming the witness by the order's pseudonym", async () => {
    const res = await http(api.baseUrl, 'GET', `/api/hearings/${h.hearingId}/recordings`, { token: tokens.clerk });
    expect(res.status).toBe(200);
    expect(res.body.recordings[0].tracks[0].participantName).toBe('Witness A');
    expect(JSON.stringify(res.body)).not.toContain('Samira');
  });

  it('plays a segment to the judge and to a clerk, the bytes as recorded, and audits each playback', async () => {
    const segment = recorded.segments[1];
    for (const who of ['judge', 'clerk'] as const) {
      const res = await fetch(`${api.baseUrl}/api/recording-segments/${segment.segmentId}/media`, {
        headers: { authorization: `Bearer ${tokens[who]}` },
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('video/webm');
      expect(res.headers.get('etag')).toBe(`"${segment.sha256}"`);
      expect(Buffer.from(await res.arrayBuffer())).toEqual(readFileSync(tones[1]));
    }
    expect(await played(segment.segmentId)).toEqual(
      [h.judge.id, h.clerk.id].map((actor_id) => ({
        actor_id,
        data: {
          recordingId: recorded.recordingId,
          trackId: recorded.trackId,
          segmentId: segment.segmentId,
          sequence: 1,
          sha256: segment.sha256,
        },
      })),
    );
  });

  it('refuses counsel and a judge of the court not on its bench (403), hides it from others (404), and wants an account (401); writing nothing', async () => {
    const segment = recorded.segments[0];
    const routes = [
      ['GET', `/api/hearings/${h.hearingId}/recordings`],
      ['POST', `/api/hearings/${h.hearingId}/recordings/verification`],
      ['GET', `/api/recording-segments/${segment.segmentId}/media`],
    ] as const;
    const expected: [string, number, string][] = [
      ['counsel', 403, 'recording.not_allowed'],
      ['otherJudge', 403, 'recording.not_allowed'],
      ['observer', 404, ''],
      ['theirClerk', 404, ''],
      ['witness', 401, 'auth.unauthenticated'],
      ['anonymous', 401, 'auth.unauthenticated'],
    ];
    for (const [method, path] of routes) {
      for (const [who, status, code] of expected) {
        const res = await http(api.baseUrl, method, path, { token: tokens[who] });
        expect({ who, path, status: res.status }).toEqual({ who, path, status });
        if (status === 403) {
          expect(res.body).toMatchObject({
            code,
            detail: "A hearing's recordings are seen and played only by its bench and the court's clerks.",
          });
        }
        if (status === 404) {
          expect(res.body.code).toBe(path.includes('segments') ? 'recording.segment_not_found' : 'recording.hearing_not_found');
          expect(res.body.detail).toMatch(/^There is no /);
        }
        if (status === 401) expect(res.body.code).toBe(code);
      }
    }
    expect(await played(segment.segmentId)).toEqual([]);
  });

  it('verifies the recording for the bench, and names a segment whose stored file was altered', async () => {
    const ok = await http(api.baseUrl, 'POST', `/api/hearings/${h.hearingId}/recordings/verification`, { token: tokens.clerk });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ hearingId: h.hearingId, ok: true, chain: { intact: true }, segmentsChecked: 2, problems: [] });

    const other = await recordedHearing();
    const files = await makeOpusSegments(2, 90);
    const tampered = await recordSegments(api.app.get(RecordingLedger), other, spool, files);
    const stored = join(storage, tampered.segments[1].storageKey);
    const bytes = readFileSync(stored);
    bytes[10] ^= 0xff;
    writeFileSync(stored, bytes);
    const clerk = (await login(api.baseUrl, other.clerk.email, other.clerk.password)).accessToken;
    const bad = await http(api.baseUrl, 'POST', `/api/hearings/${other.hearingId}/recordings/verification`, { token: clerk });
    expect(bad.status).toBe(200);
    expect(bad.body).toMatchObject({
      ok: false,
      chain: { intact: true },
      segmentsChecked: 2,
      problems: [
        {
          segment: `track ${tampered.trackId.slice(0, 8)} (witness, microphone) segment 1`,
          segmentId: tampered.segments[1].segmentId,
          problem: 'altered',
          detail: expect.stringMatching(/^its file's sha256 is [0-9a-f]{64}/),
        },
      ],
    });
  });

  it('answers a malformed id with 400, and an unknown one with 404', async () => {
    const malformed = await http(api.baseUrl, 'GET', `/api/recording-segments/not-a-segment/media`, { token: tokens.judge });
    expect(malformed.status).toBe(400);
    const unknown = await http(api.baseUrl, 'GET', `/api/recording-segments/00000000-0000-4000-8000-000000000000/media`, {
      token: tokens.judge,
    });
    expect(unknown).toMatchObject({ status: 404, body: { code: 'recording.segment_not_found' } });
  });
});
