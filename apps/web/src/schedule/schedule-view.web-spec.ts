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
  caseLabel,
  formatGap,
  judgeLabel,
  isWorking,
  listingKey,
  listingMinutes,
  moveDraftOf,
  moveRequest,
  moveTargets,
  readLabels,
  readPlan,
  refusedViolations,
  roomLabel,
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
    // Unlabelled, each is named by its id.
    expect(targets.judges).toEqual([
      { id: 'J-A', label: 'J-A' },
      { id: 'J-B', label: 'J-B' },
    ]);
    expect(targets.rooms).toEqual([
      { id: 'R-1', label: 'R-1' },
      { id: 'V-1', label: 'V-1' },
    ]);
  });

  describe('labelled by the run view’s labels', () => {
    // J-B before J-A by name; the night session and room V-1 labelled; J-C, R-9 and CR-2 have no label.
    const LABELS = readLabels({
      judges: [
        { id: 'J-A', name: 'Judge Zerhouni' },
        { id: 'J-B', name: 'Judge Benali' },
      ],
      rooms: [
        { id: 'R-1', name: 'Courtroom 1', virtual: false },
        { id: 'V-1', name: 'Virtual room A', virtual: true },
      ],
      sessions: [
        { id: '2027-02-28-night', date: '2027-02-28', start: '18:00', end: '21:00', night: true },
        { id: '2027-03-01-am', date: '2027-03-01', start: '09:00', end: '13:00', night: false },
      ],
      cases: [
        { id: 'CR-1', number: 'CR/2027/0001' },
        { id: 'FAM-4', number: 'FAM/2027/0004' },
      ],
    });
    const virtual = (room: string) => `${room} (virtual)`;

    it('names judges, rooms and cases, and falls back to the id for one without a label', () => {
      expect(judgeLabel(LABELS, 'J-B')).toBe('Judge Benali');
      expect(judgeLabel(LABELS, 'J-C')).toBe('J-C');
      expect(roomLabel(LABELS, 'R-1', virtual)).toBe('Courtroom 1');
      expect(roomLabel(LABELS, 'V-1', virtual)).toBe('Virtual room A (virtual)');
      expect(roomLabel(LABELS, 'R-9', virtual)).toBe('R-9');
      expect(caseLabel(LABELS, 'CR-1')).toBe('CR/2027/0001');
      expect(caseLabel(LABELS, 'CR-2')).toBe('CR-2');
      // No labels at all (a run without a plan): every id as it is.
      expect(judgeLabel(readLabels(null), 'J-A')).toBe('J-A');
    });

    it('heads the rows by name, in name order, and the columns by the sessions’ real hours', () => {
      const grid = boardGrid(readPlan(PLAN_DOC)!, 'judge', LABELS);
      expect(grid.rows.map((r) => [r.id, r.label])).toEqual([
        ['J-B', 'Judge Benali'],
        ['J-A', 'Judge Zerhouni'],
      ]);
      expect(grid.columns).toEqual([
        { session: '2027-02-28-night', date: '2027-02-28', from: '18:00', to: '21:00', night: true },
        { session: '2027-03-01-am', date: '2027-03-01', from: '09:00', to: '13:00', night: false },
        // Unlabelled: the hours its listings span.
        { session: '2027-03-01-pm', date: '2027-03-01', from: '14:00', to: '14:45', night: false },
      ]);
      expect(boardGrid(readPlan(PLAN_DOC)!, 'room', LABELS).rows.map((r) => r.label)).toEqual(['Courtroom 1', 'Virtual room A']);
    });

    it('offers judges and rooms as targets by name, each keeping its id as the value', () => {
      const targets = moveTargets(readPlan(PLAN_DOC)!, LABELS);
      expect(targets.judges).toEqual([
        { id: 'J-B', label: 'Judge Benali' },
        { id: 'J-A', label: 'Judge Zerhouni' },
      ]);
      expect(targets.rooms).toEqual([
        { id: 'R-1', label: 'Courtroom 1' },
        { id: 'V-1', label: 'Virtual room A' },
      ]);
      expect(targets.sessions.map((s) => [s.from, s.to])).toEqual([
        ['18:00', '21:00'],
        ['09:00', '13:00'],
        ['14:00', '14:45'],
      ]);
    });
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
    // Plural forms folded (`summonses.heading_few` is `summonses.heading`): each grammar has its own
    // (locales.web-spec.ts checks that every language has those it needs).
    const folded = (value: unknown) => [...new Set(keys(value).map((k) => k.replace(/_(zero|one|two|few|many|other)$/, '')))].sort();
    const english = folded(en.schedule);
    for (const language of LANGUAGES) expect(folded(locales[language].schedule)).toEqual(english);
    for (const status of SCHEDULE_RUN_STATUSES) expect(english).toContain(`status.${status}`);
    for (const phase of SCHEDULE_RUN_PHASES) expect(english).toContain(`phase.${phase}`);
    for (const code of SCHEDULE_ERROR_CODES) expect(english).toContain(`errors.${code.slice('scheduling.'.length)}`);
  });
});
