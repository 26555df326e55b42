import { type RunningApi, closeTestDb, createCase, createCourt, createUser, http, login, startApiServer, testDb } from '@ejustice/testing';

/*
 * A hearing listed by hand books a court room of its court (one of the court's scheduling rooms):
 * the database refuses a second hearing still to be held in that room at an overlapping time,
 * whether listed by hand or by the published timetable; a room of another court is no room of
 * this one; and a room still booked cannot be removed.
 */
describe('hearings listed by hand book their court room (e2e)', () => {
  let api: RunningApi;
  let courtId: string;
  let caseId: string;
  let token: string;
  let roomId: string;
  let otherCourtsRoom: string;
  const day = Date.UTC(2031, 2, 11);
  const at = (hour: number) => new Date(day + hour * 3_600_000).toISOString();

  async function room(court: string, name: string): Promise<string> {
    const { rows } = await testDb().query(`INSERT INTO scheduling_rooms (court_id, name, is_virtual) VALUES ($1, $2, false) RETURNING id`, [
      court,
      name,
    ]);
    return rows[0].id;
  }

  const list = (body: Record<string, unknown>) =>
    http(api.baseUrl, 'POST', '/api/hearings', {
      token,
      body: { caseId, title: 'Listed by hand', hearingType: 'case_management', ...body },
    });
  const hearingsOfCase = async () =>
    (await testDb().query('SELECT count(*)::int AS n FROM hearings WHERE case_id = $1', [caseId])).rows[0].n as number;

  beforeAll(async () => {
    api = await startApiServer();
    const court = await createCourt();
    courtId = court.id;
    caseId = (await createCase({ courtId })).id;
    const clerk = await createUser({ roles: ['clerk'], courtId });
    token = (await login(api.baseUrl, clerk.email, clerk.password)).accessToken;
    roomId = await room(courtId, 'Courtroom 2');
    otherCourtsRoom = await room((await createCourt()).id, 'Courtroom 2');
  });

  afterAll(async () => {
    await api.close();
    await closeTestDb();
  });

  it('books the room, and refuses a second hearing in it at an overlapping time with 409, writing nothing', async () => {
    const first = await list({ scheduledStart: at(9), scheduledEnd: at(11), roomId });
    expect(first.status).toBe(201);
    expect(first.body.roomId).toBe(roomId);
    const { rows } = await testDb().query(`SELECT room_id FROM hearings WHERE id = $1`, [first.body.id]);
    expect(rows[0].room_id).toBe(roomId);
    const before = await hearingsOfCase();

    const clash = await list({ scheduledStart: at(10), scheduledEnd: at(12), roomId });

    expect({ status: clash.status, code: clash.body.code }).toEqual({ status: 409, code: 'hearing.room_double_booked' });
    expect(clash.body.detail).toMatch(/Choose another room or another time/);
    expect(await hearingsOfCase()).toBe(before);
    const audited = await testDb().query(
      `SELECT count(*)::int AS n FROM audit_events WHERE case_id = $1 AND action = 'hearing.scheduled'`,
      [caseId],
    );
    expect(audited.rows[0].n).toBe(before);
  });

  it('shows the room with the hearing to its court, or none', async () => {
    const listed = await list({ scheduledStart: at(7), scheduledEnd: at(8), roomId });
    expect(listed.status).toBe(201);
    const detail = await http(api.baseUrl, 'GET', `/api/hearings/${listed.body.id}`, { token });
    expect(detail.status).toBe(200);
    expect(detail.body.courtRoom).toEqual({ id: roomId, name: 'Courtroom 2', virtual: false });
    const none = await list({ scheduledStart: at(7), scheduledEnd: at(8) });
    expect((await http(api.baseUrl, 'GET', `/api/hearings/${none.body.id}`, { token })).body.courtRoom).toBeNull();
  });

  it('books the room again right after, or at the same time in another room or none', async () => {
    expect((await list({ scheduledStart: at(11), scheduledEnd: at(12), roomId })).status).toBe(201);
    const elsewhere = await room(courtId, 'Courtroom 3');
    expect((await list({ scheduledStart: at(9), scheduledEnd: at(11), roomId: elsewhere })).status).toBe(201);
    const none = await list({ scheduledStart: at(9), scheduledEnd: at(11) });
    expect(none.status).toBe(201);
    expect(none.body.roomId).toBeNull();
  });

  it('lets a hearing adjourned give its room back', async () => {
    const first = await list({ scheduledStart: at(14), scheduledEnd: at(15), roomId });
    expect(first.status).toBe(201);
    await testDb().query(`UPDATE hearings SET status = 'adjourned' WHERE id = $1`, [first.body.id]);

    expect((await list({ scheduledStart: at(14), scheduledEnd: at(15), roomId })).status).toBe(201);
  });

  it('refuses a room of another court, or none at all, as no room of this court', async () => {
    const before = await hearingsOfCase();
    for (const id of [otherCourtsRoom, '00000000-0000-4000-8000-000000000000']) {
      const res = await list({ scheduledStart: at(16), scheduledEnd: at(17), roomId: id });
      expect({ status: res.status, code: res.body.code }).toEqual({ status: 400, code: 'hearing.unknown_room' });
    }
    const malformed = await list({ scheduledStart: at(16), scheduledEnd: at(17), roomId: 'courtroom-2' });
    expect({ status: malformed.status, code: malformed.body.code }).toEqual({ status: 400, code: 'validation_failed' });
    expect(await hearingsOfCase()).toBe(before);
  });

  it('refuses a hearing listed by hand into a room the published timetable holds at that time', async () => {
    // As publication writes it: the hearing holds the room its listing names.
    const published = await room(courtId, 'Courtroom 4');
    await testDb().query(
      `INSERT INTO hearings (court_id, case_id, title, hearing_type, scheduled_start, scheduled_end, room_id)
       VALUES ($1, $2, 'Published', 'trial', $3, $4, $5)`,
      [courtId, caseId, at(9), at(13), published],
    );

    const clash = await list({ scheduledStart: at(12), scheduledEnd: at(14), roomId: published });

    expect({ status: clash.status, code: clash.body.code }).toEqual({ status: 409, code: 'hearing.room_double_booked' });
  });

  it('refuses to remove a room still booked, and lets past hearings go without it', async () => {
    const closing = await room(courtId, 'Courtroom 5');
    const booked = await list({ scheduledStart: at(9), scheduledEnd: at(10), roomId: closing });
    expect(booked.status).toBe(201);
    const remove = () => http(api.baseUrl, 'DELETE', `/api/courts/${courtId}/scheduling/rooms/${closing}`, { token });

    const refused = await remove();
    expect({ status: refused.status, code: refused.body.code }).toEqual({ status: 409, code: 'scheduling.room_booked' });

    // Held since: the room may go, and the hearing keeps no room.
    await testDb().query(`UPDATE hearings SET status = 'closed' WHERE id = $1`, [booked.body.id]);
    expect((await remove()).status).toBe(204);
    const { rows } = await testDb().query(`SELECT room_id, status FROM hearings WHERE id = $1`, [booked.body.id]);
    expect(rows[0]).toEqual({ room_id: null, status: 'closed' });
  });
});
