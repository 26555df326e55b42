import type { Locator, Page } from 'playwright-core';
import type { LocalePage } from '@ejustice/testing/browser/chromium';
import { recordTraffic, textsContaining, type PageTraffic } from '@ejustice/testing/browser/page-traffic';
import { startWebApp, type WebApp } from '@ejustice/testing/browser/web-app';
import { type TestCase, type TestUser, closeTestDb, createCase, createCourt, createUser, testDb } from '@ejustice/testing';
import en from '../../apps/web/src/i18n/locales/en.json';
import { signIn } from '@ejustice/testing/browser/sign-in';

/**
 * A case's Scheduling section on its docket page, in Chromium through the real api and
 * PostgreSQL: a clerk records a custody trafficking case's facts (the limit, a language, a victim
 * and a protected witness chosen from the parties, two hearings needed) and they are in the
 * database; a second page holding the facts as they were is told to reload and writes nothing; a
 * judge of the court reads the facts with nothing to edit; a party of the case is not shown the
 * section. The protected witness is shown by pseudonym throughout: the court's staff are entitled
 * to her name (the docket's parties list shows it to them), but the section and the scheduling
 * api never carry it, and the party's browser never receives it at all.
 */

const WITNESS_NAME = 'Yusra Bennani';
const WITNESS_PSEUDONYM = 'W-4';
/** Every part of her real name: none may show where she is to be known by pseudonym. */
const NAME_PARTS = WITNESS_NAME.split(' ');

describe('a case’s scheduling facts in the browser: a clerk saves, a stale page reloads, a judge reads, a party sees nothing', () => {
  let web: WebApp;
  let clerk: TestUser;
  let judge: TestUser;
  let defendant: TestUser;
  let target: TestCase;

  beforeAll(async () => {
    web = await startWebApp({ pages: { viewport: { width: 1280, height: 900 }, timeout: 30_000 } });
    const court = await createCourt();
    clerk = await createUser({ roles: ['clerk'], courtId: court.id });
    judge = await createUser({ roles: ['judge'], courtId: court.id });
    defendant = await createUser({ roles: ['party'], courtId: court.id });
    target = await createCase({
      courtId: court.id,
      caseType: 'trafficking',
      parties: [
        { partyRole: 'victim', fullName: 'Amina Saidi' },
        { partyRole: 'witness', fullName: WITNESS_NAME, isProtected: true, pseudonym: WITNESS_PSEUDONYM },
        { partyRole: 'defendant', fullName: 'Tarek Amrani', userId: defendant.id },
      ],
    });
  }, 120_000);

  afterAll(async () => {
    await web?.close();
    await closeTestDb();
  });

  /** A signed-in page on the case's docket, with everything the api sent it recorded from the start. */
  async function docketOf(who: TestUser): Promise<LocalePage & { traffic: PageTraffic }> {
    const localePage = await web.newPage('en-GB');
    const { page } = localePage;
    const traffic = recordTraffic(page);
    await signIn(page, who);
    await page.goto(`/cases/${target.id}`);
    await page.getByRole('heading', { level: 2, name: en.docket.parties }).waitFor();
    return { ...localePage, traffic };
  }

  const sectionOf = (page: Page): Locator => page.getByRole('region', { name: en.caseScheduling.heading });
  const legend = (template: string, number: number) => template.replace('{{number}}', String(number));

  /** The rows the api keeps for the case, read raw: what a save wrote, or did not. */
  async function stored() {
    const db = testDb();
    const [facts, people, needs, audits] = await Promise.all([
      db.query(
        `SELECT offence, in_custody, custody_limit::text AS custody_limit, interpreter_languages, needs_intermediary, needs_supporter,
                needs_live_link, remote_allowed, judge_specialisms
           FROM case_scheduling_facts WHERE case_id = $1`,
        [target.id],
      ),
      db.query(`SELECT role, party_id, person_key, is_child, is_vulnerable FROM case_scheduling_people WHERE case_id = $1 ORDER BY role`, [
        target.id,
      ]),
      db.query(`SELECT seq, hearing_type, minutes, min_days_after_previous FROM case_hearing_needs WHERE case_id = $1 ORDER BY seq`, [
        target.id,
      ]),
      db.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'case.scheduling_facts_changed' AND case_id = $1`, [target.id]),
    ]);
    return { facts: facts.rows, people: people.rows, needs: needs.rows, audited: audits.rows[0].n as number };
  }

  /** What of her real name a text holds, shortened around each hit, for a failure message that says where. */
  const nameIn = (texts: readonly string[]) => NAME_PARTS.flatMap((part) => textsContaining(texts, part));

  it('lets a clerk record the facts, tells a stale page to reload, shows a judge the facts read-only and a party nothing', async () => {
    const victim = target.parties.find((p) => p.partyRole === 'victim')!;
    const witness = target.parties.find((p) => p.partyRole === 'witness')!;

    // A second page of the clerk's, opened first: it holds the facts as they are now (none).
    const stale = await docketOf(clerk);
    await sectionOf(stale.page).getByRole('button', { name: en.caseScheduling.save }).waitFor();

    const { page, traffic, pageErrors } = await docketOf(clerk);
    const section = sectionOf(page);
    await section.getByRole('button', { name: en.caseScheduling.save }).waitFor();

    // Custody with its limit, and a language.
    await section.getByLabel(en.caseScheduling.fields.offence).fill('trafficking in persons');
    await section.getByLabel(en.caseScheduling.fields.inCustody).check();
    await section.getByLabel(en.caseScheduling.fields.custodyLimit).fill('2027-03-04');
    await section.getByLabel(en.caseScheduling.fields.interpreterLanguages).fill('ar');

    // The victim and the witness, chosen from the parties: the protected one offered by pseudonym.
    await section.getByRole('button', { name: en.caseScheduling.people.addVictim }).click();
    await section.getByRole('button', { name: en.caseScheduling.people.addWitness }).click();
    const victimRow = section.getByRole('group', { name: legend(en.caseScheduling.people.legend_victim, 1) });
    const witnessRow = section.getByRole('group', { name: legend(en.caseScheduling.people.legend_witness, 2) });
    await victimRow.getByLabel(en.caseScheduling.people.party).selectOption({ label: 'Amina Saidi' });
    await victimRow.getByLabel(en.caseScheduling.people.child).check();
    const witnessParty = witnessRow.getByLabel(en.caseScheduling.people.party);
    await expect(witnessParty.locator('option').allTextContents()).resolves.toEqual([
      en.caseScheduling.people.notAParty,
      `${WITNESS_PSEUDONYM} (${en.docket.protected})`,
    ]);
    await witnessParty.selectOption({ label: `${WITNESS_PSEUDONYM} (${en.docket.protected})` });
    await witnessRow.getByLabel(en.caseScheduling.people.personKey).fill('w-77');
    await witnessRow.getByLabel(en.caseScheduling.people.vulnerable).check();

    // Two hearings needed.
    await section.getByRole('button', { name: en.caseScheduling.hearings.add }).click();
    await section.getByRole('button', { name: en.caseScheduling.hearings.add }).click();
    const first = section.getByRole('group', { name: legend(en.caseScheduling.hearings.legend, 1) });
    const second = section.getByRole('group', { name: legend(en.caseScheduling.hearings.legend, 2) });
    await first.getByLabel(en.caseScheduling.hearings.type).selectOption('case_management');
    await first.getByLabel(en.caseScheduling.hearings.minutes).fill('30');
    await second.getByLabel(en.caseScheduling.hearings.type).selectOption('trial');
    await second.getByLabel(en.caseScheduling.hearings.minutes).fill('120');
    await second.getByLabel(en.caseScheduling.hearings.minDays).fill('7');

    await section.getByRole('button', { name: en.caseScheduling.save }).click();
    await section.getByRole('status').filter({ hasText: en.caseScheduling.saved }).waitFor();

    const saved = await stored();
    expect(saved.facts).toEqual([
      {
        offence: 'trafficking in persons',
        in_custody: true,
        custody_limit: '2027-03-04',
        interpreter_languages: ['ar'],
        needs_intermediary: false,
        needs_supporter: false,
        needs_live_link: false,
        remote_allowed: false,
        judge_specialisms: [],
      },
    ]);
    expect(saved.people).toEqual([
      { role: 'victim', party_id: victim.id, person_key: null, is_child: true, is_vulnerable: false },
      { role: 'witness', party_id: witness.id, person_key: 'w-77', is_child: false, is_vulnerable: true },
    ]);
    expect(saved.needs).toEqual([
      { seq: 1, hearing_type: 'case_management', minutes: 30, min_days_after_previous: null },
      { seq: 2, hearing_type: 'trial', minutes: 120, min_days_after_previous: 7 },
    ]);
    expect(saved.audited).toBe(1);

    // The section never names her. The clerk may know who she is (the docket's parties list, and
    // the case's answer, name her to the court's staff), but no scheduling answer holds her name.
    expect(nameIn([(await section.textContent()) ?? ''])).toEqual([]);
    const clerkResponses = (await traffic.settled()).responses;
    const schedulingResponses = clerkResponses.filter((r) => /^\w+ \/api\/cases\/[^/]+\/scheduling /.test(r));
    const firstLine = (r: string) => r.split('\n')[0];
    expect(schedulingResponses.map(firstLine)).toEqual([
      `GET /api/cases/${target.id}/scheduling 200`,
      `PUT /api/cases/${target.id}/scheduling 200`,
    ]);
    expect(nameIn(schedulingResponses)).toEqual([]);
    expect(pageErrors).toEqual([]);

    // The stale page changes something and saves: told to reload, and nothing is written.
    const staleSection = sectionOf(stale.page);
    await staleSection.getByLabel(en.caseScheduling.fields.remoteAllowed).check();
    await staleSection.getByRole('button', { name: en.caseScheduling.save }).click();
    await staleSection.getByRole('alert').filter({ hasText: en.caseScheduling.stale }).waitFor();
    await expect(stored()).resolves.toEqual(saved);
    // Reloading starts the form from the clerk's saved facts.
    await staleSection.getByRole('button', { name: en.caseScheduling.reload }).click();
    await expect(staleSection.getByLabel(en.caseScheduling.fields.custodyLimit).inputValue()).resolves.toBe('2027-03-04');
    await expect(staleSection.getByLabel(en.caseScheduling.fields.remoteAllowed).isChecked()).resolves.toBe(false);
    await expect(staleSection.getByRole('alert').count()).resolves.toBe(0);
    expect(stale.pageErrors).toEqual([]);

    // A judge of the court reads the facts, with nothing to edit or press.
    const reader = await docketOf(judge);
    const readOnly = sectionOf(reader.page);
    await readOnly.getByText('In custody; time limit expires').waitFor();
    await readOnly.getByRole('cell').filter({ hasText: WITNESS_PSEUDONYM }).waitFor();
    await expect(readOnly.locator('input, select, textarea, button').count()).resolves.toBe(0);
    await expect(readOnly.locator('li').allTextContents()).resolves.toEqual([
      'Case management — 30 minutes',
      'Trial — 120 minutes — at least 7 days after the previous one',
    ]);
    expect(nameIn([(await readOnly.textContent()) ?? ''])).toEqual([]);
    expect(reader.pageErrors).toEqual([]);

    // A party of the case: the docket, without the section, and never her name.
    const party = await docketOf(defendant);
    await party.page.getByRole('cell').filter({ hasText: WITNESS_PSEUDONYM }).waitFor();
    await expect(sectionOf(party.page).count()).resolves.toBe(0);
    await expect(party.page.getByRole('heading', { name: en.caseScheduling.heading }).count()).resolves.toBe(0);
    const partyResponses = (await party.traffic.settled()).responses;
    const partyRequests = partyResponses.map((r) => r.split('\n')[0]);
    expect(partyRequests).toContain(`GET /api/cases/${target.id} 200`);
    expect(partyRequests.filter((r) => r.includes('/scheduling'))).toEqual([]);
    expect(nameIn([(await party.page.locator('html').textContent()) ?? '', ...partyResponses])).toEqual([]);
    expect(party.pageErrors).toEqual([]);
  }, 180_000);
});
