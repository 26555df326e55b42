import { createInstance } from 'i18next';
import { SCHEDULE_RUN_PHASES, SCHEDULE_RUN_STATUSES } from '@ejustice/scheduling-data/contract/schedule-run.contract';
import { ApiError } from '../api/problem';
import { LANGUAGES } from '../i18n/languages';
import ar from '../i18n/locales/ar.json';
import en from '../i18n/locales/en.json';
import fr from '../i18n/locales/fr.json';
import {
  type BoardListing,
  SCHEDULE_ERROR_CODES,
  boardGrid,
  formatGap,
  isWorking,
  listingKey,
  listingMinutes,
  moveDraftOf,
  moveRequest,
  moveTargets,
  readPlan,
  refusedViolations,
  scheduleErrorMessage,
} from './schedule-view';

const listing = (over: Partial<BoardListing>): BoardListing => ({
  case: 'CR-1',
  hearing: 0,
  part: 1,
  parts: 1,
  type: 'trial',
  session: '2027-03-01-am',
  date: '2027-03-01',
  start: '09:30',
  end: '10:30',
  judge: 'J-A',
  room: 'R-1',
  remote: false,
  ...over,
});

const PLAN_DOC = {
  format: 'ejustice.schedule-plan/1',
  summary: { hearings: 5, hearingsPlaced: 4, publishedMoved: 1 },
  assignments: [
    listing({ case: 'CR-2', start: '11:00', end: '12:00' }),
    listing({ case: 'CR-1' }),
    listing({ case: 'CV-3', session: '2027-03-01-pm', start: '14:00', end: '14:45', judge: 'J-B', room: 'V-1', remote: true }),
    listing({ case: 'FAM-4', session: '2027-02-28-night', date: '2027-02-28', start: '18:00', end: '19:00', judge: 'J-B', room: 'R-1' }),
  ],
  unscheduled: [{ case: 'TIP-9', missing: [{ hearing: 0, part: 1 }], reason: 'No trafficking judge sits before the limit.' }],
};

async function i18nIn(language: 'en' | 'ar') {
  const instance = createInstance();
  await instance.init({
    lng: language,
    fallbackLng: 'en',
    nsSeparator: false,
    resources: { en: { translation: en }, ar: { translation: ar } },
  });
  return instance;
}

describe('the schedule page’s view model', () => {
  it('polls a run only while it is queued or running', () => {
    expect(SCHEDULE_RUN_STATUSES.filter(isWorking)).toEqual(['queued', 'running']);
  });

  it('reads a plan with its figures, and nothing that is not a plan', () => {
    const plan = readPlan(PLAN_DOC);
    expect(plan).toMatchObject({ hearings: 5, hearingsPlaced: 4, publishedMoved: 1 });
    expect(plan?.assignments).toHaveLength(4);
    expect(plan?.unscheduled).toEqual([
      { case: 'TIP-9', missing: [{ hearing: 0, part: 1 }], reason: 'No trafficking judge sits before the limit.' },
    ]);
    for (const bad of [null, undefined, 'plan', { format: 'other', assignments: [] }, { format: 'ejustice.schedule-plan/1' }])
      expect(readPlan(bad)).toBeUndefined();
    // A listing of another shape is left out rather than drawn half.
    expect(readPlan({ ...PLAN_DOC, assignments: [{ case: 'X' }, ...PLAN_DOC.assignments] })?.assignments).toHaveLength(4);
  });

  it('draws the board by judge: sessions in day and time order across, judges down, each cell by start', () => {
    const grid = boardGrid(readPlan(PLAN_DOC)!, 'judge');
    expect(grid.columns.map((c) => c.session)).toEqual(['2027-02-28-night', '2027-03-01-am', '2027-03-01-pm']);
    expect(grid.columns[1]).toMatchObject({ from: '09:30', to: '12:00' });
    expect(grid.rows.map((r) => r.id)).toEqual(['J-A', 'J-B']);
    expect(grid.rows[0].cells.map((cell) => cell.map((a) => a.case))).toEqual([[], ['CR-1', 'CR-2'], []]);
    expect(grid.rows[1].cells.map((cell) => cell.map((a) => a.case))).toEqual([['FAM-4'], [], ['CV-3']]);
  });

  it('draws the same plan by room', () => {
    const grid = boardGrid(readPlan(PLAN_DOC)!, 'room');
    expect(grid.rows.map((r) => r.id)).toEqual(['R-1', 'V-1']);
    expect(grid.rows[0].cells.map((cell) => cell.map((a) => a.case))).toEqual([['FAM-4'], ['CR-1', 'CR-2'], []]);
  });

  it('offers as targets the sessions, judges and rooms the plan names', () => {
    const targets = moveTargets(readPlan(PLAN_DOC)!);
    expect(targets.sessions.map((s) => s.session)).toEqual(['2027-02-28-night', '2027-03-01-am', '2027-03-01-pm']);
    expect(targets.judges).toEqual(['J-A', 'J-B']);
    expect(targets.rooms).toEqual(['R-1', 'V-1']);
  });

  it('makes a move request only when the form names a new place or time, with a valid time', () => {
    const a = listing({});
    const draft = moveDraftOf(a);
    expect(moveRequest(a, draft)).toBeUndefined();
    expect(moveRequest(a, { ...draft, start: '9h30' })).toBeUndefined();
    expect(moveRequest(a, { ...draft, judge: 'J-B' })).toEqual({
      case: 'CR-1',
      hearing: 0,
      part: 1,
      session: '2027-03-01-am',
      start: '09:30',
      judge: 'J-B',
      room: 'R-1',
    });
    expect(listingKey(a)).toBe('CR-1#0#1');
    expect(listingMinutes(listing({ start: '09:30', end: '11:15' }))).toBe(105);
  });

  it('reads the broken constraints of a refused move from the 409', () => {
    const violations = [
      { constraint: 'double_booked', message: 'J-A is in two places at once on 2027-03-01: CR-1 hearing 1 and CR-2 hearing 1.' },
    ];
    const refusal = new ApiError({ status: 409, code: 'scheduling.move_refused', detail: 'x', extensions: { violations } });
    expect(refusedViolations(refusal)).toEqual(violations);
    expect(refusedViolations(new ApiError({ status: 409, code: 'scheduling.run_not_draft' }))).toEqual([]);
    expect(refusedViolations(new Error('boom'))).toEqual([]);
  });

  it('says a known scheduling code in the person’s language, and an unknown one as the server said it', async () => {
    const arabic = await i18nIn('ar');
    expect(scheduleErrorMessage(new ApiError({ status: 409, code: 'scheduling.run_not_draft', detail: 'Only a draft…' }), arabic)).toBe(
      ar.schedule.errors.run_not_draft,
    );
    const english = await i18nIn('en');
    expect(scheduleErrorMessage(new ApiError({ status: 409, code: 'scheduling.something_new', detail: 'A sentence.' }), english)).toBe(
      'A sentence.',
    );
  });

  it('formats the gap as a percentage', () => {
    expect(formatGap(0.053, 'en')).toBe('5.3%');
    expect(formatGap(null, 'fr')).toBe('—');
  });

  it('has every string in the three languages: statuses, phases, error codes and the same keys', () => {
    const locales = { ar, en, fr } as const;
    const keys = (value: unknown, prefix = ''): string[] =>
      typeof value === 'object' && value !== null
        ? Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k))
        : [prefix];
    const english = keys(en.schedule).sort();
    for (const language of LANGUAGES) expect(keys(locales[language].schedule).sort()).toEqual(english);
    for (const status of SCHEDULE_RUN_STATUSES) expect(english).toContain(`status.${status}`);
    for (const phase of SCHEDULE_RUN_PHASES) expect(english).toContain(`phase.${phase}`);
    for (const code of SCHEDULE_ERROR_CODES) expect(english).toContain(`errors.${code.slice('scheduling.'.length)}`);
  });
});
