import { startWebApp, type WebApp } from '@ejustice/testing/browser/web-app';
import {
  type TestCase,
  type TestUser,
  closeTestDb,
  createCase,
  createCourt,
  createHearing,
  createParticipant,
  createUser,
  testDb,
} from '@ejustice/testing';
import en from '../../apps/web/src/i18n/locales/en.json';
import { signIn } from '@ejustice/testing/browser/sign-in';

/**
 * A clerk seats people in a hearing from its page, in Chromium through the real api and
 * PostgreSQL: one of the court's interpreters by id in the language chosen, a witness of the case,
 * and the defendant's counsel by their account; each is listed on the page at once, and seating the
 * interpreter a second time is refused with the court's sentence, nothing written. The witness,
 * who has no account, is then issued her one-time link on the same page.
 */
describe('adding participants to a hearing in the browser: the court’s interpreter by id, a party, counsel, a second seat refused, and a link issued', () => {
  let web: WebApp;
  let clerk: TestUser;
  let judge: TestUser;
  let counsel: TestUser;
  let target: TestCase;
  let hearingId: string;
  let salem: string;

  beforeAll(async () => {
    web = await startWebApp({ pages: { viewport: { width: 1280, height: 900 }, timeout: 30_000 } });
    const court = await createCourt({ timeZone: 'Africa/Cairo' });
    clerk = await createUser({ roles: ['clerk'], courtId: court.id });
    judge = await createUser({ roles: ['judge'], courtId: court.id, displayName: 'Judge Hoda Mansour' });
    counsel = await createUser({ roles: ['counsel'], courtId: court.id, displayName: 'Rana Haddad' });
    target = await createCase({
      courtId: court.id,
      parties: [
        { partyRole: 'witness', fullName: 'Mona Aziz' },
        { partyRole: 'defendant', fullName: 'Omar Salim', counselUserId: counsel.id },
      ],
    });
    hearingId = (await createHearing({ caseId: target.id, courtId: court.id, presidingJudgeId: judge.id, startInMinutes: 24 * 60 })).id;
    await createParticipant({ hearingId, hearingRole: 'judge', userId: judge.id, displayName: judge.displayName });
    salem = (
      await testDb().query(`INSERT INTO court_interpreters (court_id, name, languages) VALUES ($1, 'Salem', '{ar,fr}') RETURNING id`, [
        court.id,
      ])
    ).rows[0].id;
  }, 120_000);

  afterAll(async () => {
    await web?.close();
    await closeTestDb();
  });

  const seats = async () =>
    (
      await testDb().query(
        `SELECT hearing_role, display_name, language, court_interpreter_id, party_id, user_id FROM hearing_participants WHERE hearing_id = $1 AND hearing_role <> 'judge' ORDER BY created_at`,
        [hearingId],
      )
    ).rows;

  it('seats the interpreter in French, the witness and defence counsel, lists them at once, refuses the interpreter twice, and issues the witness her link', async () => {
    const { page, pageErrors } = await web.newPage('en-GB');
    await signIn(page, clerk);
    await page.goto(`/hearings/${hearingId}`);
    // The case's page is a click away for the bench.
    expect(await page.getByRole('link', { name: target.number }).getAttribute('href')).toBe(`/cases/${target.id}`);
    const section = page.getByRole('region', { name: en.addParticipant.heading });
    await section.getByText(en.addParticipant.open).click();
    const who = section.getByLabel(en.addParticipant.fields.who);
    await who.waitFor();

    // Nothing chosen: the form says so and sends nothing.
    await section.getByRole('button', { name: en.addParticipant.submit }).click();
    await section.getByText(en.addParticipant.problems.who).waitFor();

    await who.selectOption({ label: 'Salem — ar, fr' });
    await section.getByRole('button', { name: en.addParticipant.submit }).click();
    await section.getByText(en.addParticipant.problems.channel).waitFor();
    await section.getByLabel(en.addParticipant.fields.channel).selectOption('fr');
    await section.getByRole('button', { name: en.addParticipant.submit }).click();
    await section.getByRole('status').filter({ hasText: 'Added: Salem (fr), as Interpreter.' }).waitFor();
    const links = page.getByRole('region', { name: en.participantLinks.title });
    await links.getByText('Salem (fr)', { exact: true }).waitFor();

    await who.selectOption({ label: 'Mona Aziz — Witness' });
    await section.getByRole('button', { name: en.addParticipant.submit }).click();
    await section.getByRole('status').filter({ hasText: 'Added: Mona Aziz, as Witness.' }).waitFor();
    await links.getByText('Mona Aziz', { exact: true }).waitFor();
    await who.selectOption({ label: 'Rana Haddad — Defence counsel, for Omar Salim' });
    await section.getByRole('button', { name: en.addParticipant.submit }).click();
    await section.getByRole('status').filter({ hasText: 'Added: Rana Haddad, as Defence counsel.' }).waitFor();
    const seat = { language: null, court_interpreter_id: null, party_id: null, user_id: null };
    expect(await seats()).toEqual([
      { ...seat, hearing_role: 'interpreter', display_name: 'Salem (fr)', language: 'fr', court_interpreter_id: salem },
      { ...seat, hearing_role: 'witness', display_name: 'Mona Aziz', party_id: target.parties[0].id },
      { ...seat, hearing_role: 'defence_counsel', display_name: 'Rana Haddad', user_id: counsel.id },
    ]);

    await who.selectOption({ label: 'Salem — ar, fr' });
    await section.getByLabel(en.addParticipant.fields.channel).selectOption('ar');
    await section.getByRole('button', { name: en.addParticipant.submit }).click();
    const refused = section.getByRole('alert');
    await refused.waitFor();
    expect(await refused.innerText()).toContain(en.errors.hearing.already_participant);
    expect(await who.getAttribute('aria-invalid')).toBe('true');
    expect(await seats()).toHaveLength(3);

    // The witness has no account: her one-time link is issued here, shown once, and listed.
    const mona = links.getByRole('listitem').filter({ hasText: 'Mona Aziz' });
    await mona.getByText(en.participantLinks.showLinks).click();
    await mona.getByText(en.participantLinks.empty).waitFor();
    await mona.getByRole('button', { name: en.participantLinks.issue }).click();
    const url = await mona.getByLabel('The link for Mona Aziz').inputValue();
    expect(url).toMatch(/\/join\/[A-Za-z0-9_-]{20,}$/);
    await mona.getByText(en.participantLinks.status.unused).waitFor();
    const { rows } = await testDb().query(
      `SELECT count(*)::int AS n FROM hearing_links l JOIN hearing_participants p ON p.id = l.participant_id
        WHERE p.hearing_id = $1 AND p.party_id = $2`,
      [hearingId, target.parties[0].id],
    );
    expect(rows[0].n).toBe(1);
    expect(pageErrors).toEqual([]);
  });

  it('lets the presiding judge order the witness’s anonymity from the hearing page, before anyone joins', async () => {
    const sami = await createParticipant({ hearingId, hearingRole: 'witness', displayName: 'Sami Fares' });
    const { page, pageErrors } = await web.newPage('en-GB');
    await signIn(page, judge);
    await page.goto(`/hearings/${hearingId}`);
    const orders = page.getByRole('region', { name: en.console.orders.title });
    await orders.getByText(en.console.orders.none).waitFor();
    await orders.getByRole('button', { name: en.console.orders.make }).click();
    await orders.getByLabel(en.console.orders.form.kind).selectOption('anonymity');
    await orders.getByLabel(en.console.orders.form.participant).selectOption({ label: 'Sami Fares (Witness)' });
    await orders.getByLabel(en.console.orders.form.pseudonym).fill('Witness A');
    await orders.getByLabel(en.console.orders.form.reason).fill('She fears reprisals from the defendant’s family.');
    await orders.getByRole('button', { name: en.console.orders.form.submitMake }).click();
    await orders.getByText('Known in the hearing as').waitFor();
    const { rows } = await testDb().query(
      `SELECT kind, participant_id, terms->>'pseudonym' AS pseudonym FROM special_measure_orders WHERE hearing_id = $1 AND revoked_at IS NULL`,
      [hearingId],
    );
    expect(rows).toEqual([{ kind: 'anonymity', participant_id: sami.id, pseudonym: 'Witness A' }]);
    expect(pageErrors).toEqual([]);
  });

  it('withdraws a seat given by mistake, after asking, and offers nothing of the kind for someone who has been in the room', async () => {
    const wrong = await createParticipant({ hearingId, hearingRole: 'observer', displayName: 'Wrong Person' });
    await createParticipant({ hearingId, hearingRole: 'observer', displayName: 'Came Earlier', state: 'disconnected' });
    const { page, pageErrors } = await web.newPage('en-GB');
    await signIn(page, clerk);
    await page.goto(`/hearings/${hearingId}`);
    const links = page.getByRole('region', { name: en.participantLinks.title });
    const earlier = links.getByRole('listitem').filter({ hasText: 'Came Earlier' });
    await earlier.getByText(en.withdrawSeat.joined).waitFor();
    expect(await earlier.getByRole('button', { name: /Withdraw seat/ }).count()).toBe(0);

    const line = links.getByRole('listitem').filter({ hasText: 'Wrong Person' });
    await line.getByRole('button', { name: 'Withdraw seat of Wrong Person (Observer)' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Withdraw the seat of Wrong Person (Observer)?').waitFor();
    await dialog.getByRole('button', { name: en.withdrawSeat.confirm }).click();
    await line
      .getByRole('status')
      .filter({ hasText: 'Seat withdrawn: Wrong Person (Observer) no longer takes part in this hearing.' })
      .waitFor();
    await line.getByText(en.participantLinks.removed).waitFor();
    // Her links' story stays to read; none can be issued to someone removed.
    await line.getByText(en.participantLinks.showLinks).click();
    await line.getByText(en.participantLinks.empty).waitFor();
    expect(await line.getByRole('button', { name: en.participantLinks.issue }).count()).toBe(0);
    const { rows } = await testDb().query('SELECT state FROM hearing_participants WHERE id = $1', [wrong.id]);
    expect(rows).toEqual([{ state: 'removed' }]);
    expect(pageErrors).toEqual([]);
  });
});
