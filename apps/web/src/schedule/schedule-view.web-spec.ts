import { createInstance } from 'i18next';
import { SCHEDULE_RUN_PHASES, SCHEDULE_RUN_STATUSES } from '@ejustice/scheduling-data/contract/schedule-run.contract';
import {
  CUSTODY_RISK_CODES,
  HELD_BY_REASONS,
  LISTING_DAY_CODES,
  PRIORITY_GROUNDS,
  SCHEDULE_CONSTRAINTS,
  UNSCHEDULED_CODES,
  type HeldBy,
  type ListingExplanation,
} from '@ejustice/scheduling-data/contract/schedule-explanations.contract';
import type { ScheduleMoveViolation } from '@ejustice/scheduling-data/contract/schedule-moves.contract';
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
  formatPlanDay,
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
  sayCustodyRisk,
  sayExplanation,
  sayUnscheduled,
  sayViolation,
  scheduleErrorMessage,
  violationKey,
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
    // An older plan without custody risks has none.
    expect(plan?.custodyRisk).toEqual([]);
  });

  it('reads the custody limits a plan does not meet, breaches first and then by limit, and nothing of another shape', () => {
    const risk = (over: Record<string, unknown>) => ({
      limit: '2027-03-10',
      status: 'breach',
      unavoidable: false,
      reason: 'Not met.',
      ...over,
    });
    const plan = readPlan({
      ...PLAN_DOC,
      custodyRisk: [
        risk({ case: 'LATER', status: 'at_risk', limit: '2027-03-01' }),
        risk({ case: 'SECOND', limit: '2027-03-12' }),
        risk({ case: 'FIRST', unavoidable: true, code: 'limit_passed', params: { limit: '2027-03-10', heldBy: [] } }),
        risk({ case: 'ODD', status: 'maybe' }),
        { case: 'HALF', limit: '2027-03-01' },
        'not a risk',
      ],
    });
    expect(plan?.custodyRisk.map((r) => r.case)).toEqual(['FIRST', 'SECOND', 'LATER']);
    expect(plan?.custodyRisk[0]).toMatchObject({ unavoidable: true, code: 'limit_passed' });
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

describe('reasons said in the person’s language', () => {
  const LABELS = readLabels({
    judges: [{ id: 'J-A', name: 'Judge Zerhouni' }],
    rooms: [
      { id: 'R-1', name: 'Courtroom 1', virtual: false },
      { id: 'V-1', name: 'Virtual room A', virtual: true },
    ],
    sessions: [],
    cases: [
      { id: 'CR-1', number: 'CR/2027/0001' },
      { id: 'CR-2', number: 'CR/2027/0002' },
    ],
  });
  const locales = { ar, en, fr } as const;
  async function contextIn(language: 'ar' | 'en' | 'fr') {
    const i18n = createInstance();
    await i18n.init({
      lng: language,
      fallbackLng: false,
      nsSeparator: false,
      resources: { [language]: { translation: locales[language] } },
    });
    return { i18n, language, labels: LABELS };
  }
  const one = { case: 'CR-1', hearing: 1, part: 1, parts: 1 };
  const block = { case: 'CR-1', hearing: 0, part: 2, parts: 3 };
  const other = { case: 'CR-2', hearing: 0, part: 1, parts: 1 };
  const ENGLISH = 'An English sentence from the server.';
  /** Arabic text with the court's own data (case numbers, names, ids) taken out: no Latin word may be left. */
  const DATA = /CR\/2027\/000\d|Judge Zerhouni|Courtroom 1|Virtual room A|I-FR|SUP-2|P-7|\d{1,2}:\d{2}/g;
  const expectNoEnglishIn = (language: string, text: string) => {
    if (language === 'ar') expect(text.replace(DATA, '')).not.toMatch(/[A-Za-z]{2,}/);
  };

  /** Every sentence the checker can give a move: each constraint, each variant, with what it names. */
  const VIOLATIONS: { v: ScheduleMoveViolation; shows: string[] }[] = [
    ...(['case', 'hearing', 'session', 'judge', 'room', 'listing'] as const).map((unknown) => ({
      v: { constraint: 'unknown_reference', message: ENGLISH, params: { listing: one, unknown } },
      shows: ['CR/2027/0001'],
    })),
    {
      v: {
        constraint: 'unknown_reference',
        message: ENGLISH,
        params: { listing: { case: 'CR-1', hearing: 0, part: 2 }, unknown: 'listing' },
      },
      shows: ['CR/2027/0001'],
    },
    { v: { constraint: 'duplicate', message: ENGLISH, params: { listing: block } }, shows: ['CR/2027/0001'] },
    {
      v: {
        constraint: 'outside_session',
        message: ENGLISH,
        params: {
          listing: one,
          date: '2027-03-01',
          start: '12:30',
          end: '14:00',
          session: 'S-1',
          sessionDate: '2027-03-01',
          sessionStart: '09:00',
          sessionEnd: '13:00',
        },
      },
      shows: ['12:30', '14:00', '09:00', '13:00'],
    },
    {
      v: { constraint: 'wrong_duration', message: ENGLISH, params: { listing: one, minutes: 45, required: 60, blocks: [60] } },
      shows: ['45', '60'],
    },
    {
      v: { constraint: 'wrong_duration', message: ENGLISH, params: { listing: block, minutes: 45, required: 240, blocks: [80, 80, 80] } },
      shows: ['45', '240', '80'],
    },
    { v: { constraint: 'block_too_long', message: ENGLISH, params: { listing: one, minutes: 150, max: 120 } }, shows: ['150', '120'] },
    {
      v: { constraint: 'night_for_vulnerable_witness', message: ENGLISH, params: { listing: one, session: 'S-N', date: '2027-03-01' } },
      shows: ['CR/2027/0001'],
    },
    {
      v: { constraint: 'judge_not_sitting', message: ENGLISH, params: { listing: one, judge: 'J-A', kind: 'night', date: '2027-03-01' } },
      shows: ['Judge Zerhouni'],
    },
    {
      v: { constraint: 'judge_lacks_specialism', message: ENGLISH, params: { listing: one, judge: 'J-A', specialisms: ['trafficking'] } },
      shows: ['Judge Zerhouni'],
    },
    {
      v: { constraint: 'judge_over_daily_hours', message: ENGLISH, params: { judge: 'J-A', date: '2027-03-01', minutes: 330, max: 300 } },
      shows: ['Judge Zerhouni', '330', '300'],
    },
    {
      v: {
        constraint: 'room_not_open',
        message: ENGLISH,
        params: { listing: one, room: 'R-1', session: 'S-1', date: '2027-03-01', sessionStart: '09:00', sessionEnd: '13:00' },
      },
      shows: ['Courtroom 1', '09:00'],
    },
    { v: { constraint: 'remote_not_allowed', message: ENGLISH, params: { listing: one, room: 'V-1' } }, shows: ['Virtual room A'] },
    { v: { constraint: 'live_link_missing', message: ENGLISH, params: { listing: one, room: 'R-1' } }, shows: ['Courtroom 1'] },
    {
      v: { constraint: 'interpreter_wrong', message: ENGLISH, params: { listing: one, language: 'ti', given: ['I-FR'] } },
      shows: ['I-FR'],
    },
    { v: { constraint: 'interpreter_wrong', message: ENGLISH, params: { listing: one, given: ['I-FR'] } }, shows: ['I-FR'] },
    {
      v: { constraint: 'support_wrong', message: ENGLISH, params: { listing: one, role: 'intermediary', given: [] } },
      shows: ['CR/2027/0001'],
    },
    {
      v: { constraint: 'support_wrong', message: ENGLISH, params: { listing: one, role: 'supporter', given: ['SUP-2'] } },
      shows: ['SUP-2'],
    },
    ...(['judge', 'room', 'interpreter', 'supporter', 'person'] as const).map((kind) => ({
      v: {
        constraint: 'double_booked',
        message: ENGLISH,
        params: {
          resource: { kind, id: kind === 'judge' ? 'J-A' : kind === 'room' ? 'R-1' : 'P-7' },
          date: '2027-03-01',
          listing: one,
          other,
        },
      },
      shows: ['CR/2027/0001', 'CR/2027/0002', kind === 'judge' ? 'Judge Zerhouni' : kind === 'room' ? 'Courtroom 1' : 'P-7'],
    })),
    { v: { constraint: 'hearing_order', message: ENGLISH, params: { listing: one } }, shows: ['CR/2027/0001'] },
    {
      v: {
        constraint: 'double_booked',
        message: ENGLISH,
        params: { resource: { kind: 'judge', id: 'J-A' }, date: '2027-03-01', listing: one, commitment: 'H-9' },
      },
      shows: ['CR/2027/0001', 'Judge Zerhouni'],
    },
    {
      v: {
        constraint: 'hearing_order',
        message: ENGLISH,
        params: { listing: one, date: '2027-03-01', start: '10:00', minDays: 7, breakMinutes: 0 },
      },
      shows: ['7', '10:00'],
    },
    {
      v: {
        constraint: 'hearing_order',
        message: ENGLISH,
        params: { listing: block, date: '2027-03-01', start: '10:00', minDays: 0, breakMinutes: 15 },
      },
      shows: ['15', '10:00'],
    },
    {
      v: {
        constraint: 'hearing_order',
        message: ENGLISH,
        params: { listing: one, date: '2027-03-01', start: '10:00', minDays: 0, breakMinutes: 0 },
      },
      shows: ['10:00'],
    },
    { v: { constraint: 'pinned_moved', message: ENGLISH, params: { listing: one, start: '10:00' } }, shows: ['CR/2027/0001'] },
  ];

  it('covers every constraint the checker names', () => {
    expect(new Set(VIOLATIONS.map(({ v }) => v.constraint))).toEqual(new Set(SCHEDULE_CONSTRAINTS));
  });

  it.each(['ar', 'en', 'fr'] as const)(
    'says why a move is refused in %s, naming judges, rooms and cases, never the server’s English',
    async (language) => {
      const ctx = await contextIn(language);
      for (const { v, shows } of VIOLATIONS) {
        const said = sayViolation(v, ctx);
        expect({ key: violationKey(v), lang: said.lang }).toEqual({ key: violationKey(v), lang: undefined });
        expect(said.text).not.toContain(ENGLISH);
        expect(said.text).not.toMatch(/{{|}}|schedule\.reasons/);
        expectNoEnglishIn(language, said.text);
        for (const shown of shows) expect(said.text).toContain(shown);
      }
      // The date in the person's language, as the board's columns show it.
      const night = sayViolation(VIOLATIONS.find(({ v }) => v.constraint === 'judge_not_sitting')!.v, ctx);
      expect(night.text).toContain(
        new Intl.DateTimeFormat(language, { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' }).format(
          new Date(Date.UTC(2027, 2, 1)),
        ),
      );
      expect(night.text).toContain(locales[language].schedule.reasons.sessionKind.night);
    },
  );

  it('says the same refusal differently in each language', async () => {
    const v = VIOLATIONS.find(({ v }) => v.constraint === 'double_booked')!.v;
    const texts = await Promise.all((['ar', 'en', 'fr'] as const).map(async (l) => sayViolation(v, await contextIn(l)).text));
    expect(texts[1]).toBe(
      'Judge Zerhouni (judge) would be in two places at once on Mon, Mar 1: CR/2027/0001, hearing 2 and CR/2027/0002, hearing 1.',
    );
    expect(texts[2]).toBe(
      'Judge Zerhouni (juge) serait à deux endroits à la fois le lun. 1 mars : CR/2027/0001, audience 2 et CR/2027/0002, audience 1.',
    );
    expect(texts[0]).toContain('في مكانين في الوقت نفسه');
  });

  it('falls back to the server’s English sentence, marked English, for a code or shape it does not know', async () => {
    const ctx = await contextIn('ar');
    for (const v of [
      { constraint: 'judge_on_the_moon', message: ENGLISH, params: { judge: 'J-A' } },
      { constraint: 'double_booked', message: ENGLISH },
      { constraint: 'judge_not_sitting', message: ENGLISH, params: { listing: one, kind: 'night', date: '2027-03-01' } },
      { constraint: 'duplicate', message: ENGLISH, params: { listing: { case: 7 } } },
    ] as ScheduleMoveViolation[])
      expect(sayViolation(v, ctx)).toEqual({ text: ENGLISH, lang: 'en' });
  });

  const held = (reason: HeldBy['reason'], over: Partial<HeldBy> = {}): HeldBy => ({
    reason,
    days: 2,
    specialisms: [],
    languages: [],
    minutes: 150,
    inPerson: false,
    liveLink: false,
    intermediary: false,
    supporter: false,
    ...over,
  });
  /** Every reason with each of its variants: what a phrase names. */
  const HELD: HeldBy[] = [
    ...HELD_BY_REASONS.map((reason) => held(reason)),
    held('no_judge', { specialisms: ['trafficking'] }),
    held('judges_full', { specialisms: ['trafficking', 'family'] }),
    held('no_room', { inPerson: true }),
    held('no_room', { liveLink: true }),
    held('rooms_full', { inPerson: true }),
    held('rooms_full', { liveLink: true }),
    held('no_interpreter', { languages: ['ti', 'fr'] }),
    held('interpreters_busy', { languages: ['ti'] }),
    ...(['no_support', 'support_busy'] as const).flatMap((reason) => [
      held(reason, { intermediary: true }),
      held(reason, { supporter: true }),
      held(reason, { intermediary: true, supporter: true }),
    ]),
  ];

  it.each(['ar', 'en', 'fr'] as const)('says why a case is left out in %s, from every code and reason', async (language) => {
    const ctx = await contextIn(language);
    for (const code of UNSCHEDULED_CODES) {
      for (const heldBy of code === 'cannot_be_listed' || code === 'crowded_out' ? HELD.map((h) => [h]) : [[]]) {
        for (const [part, parts] of [
          [1, 1],
          [2, 3],
        ]) {
          const said = sayUnscheduled(
            { case: 'CR-1', reason: ENGLISH, code, params: { hearing: 1, type: 'trial', part, parts, minDays: 7, days: 12, heldBy } },
            ctx,
          );
          expect(said.lang).toBeUndefined();
          expect(said.text).not.toContain(ENGLISH);
          expect(said.text).not.toMatch(/{{|}}|schedule\.reasons|undefined/);
          expectNoEnglishIn(language, said.text);
          expect(said.text).toContain('2');
          if (code === 'beyond_plan') expect(said.text).toContain('7');
          if (code === 'crowded_out') expect(said.text).toContain('12');
        }
      }
    }
    // Several reasons, each with its days, the hearing's type in the person's language.
    const crowded = sayUnscheduled(
      {
        case: 'CR-1',
        reason: ENGLISH,
        code: 'crowded_out',
        params: {
          hearing: 0,
          type: 'trial',
          part: 1,
          parts: 1,
          days: 22,
          heldBy: [held('judges_full', { days: 20 }), held('people_busy', { days: 2 })],
        },
      },
      ctx,
    );
    expect(crowded.text).toContain(locales[language].schedule.reasons.held.judges_full);
    expect(crowded.text).toContain(locales[language].schedule.reasons.held.people_busy);
    expect(crowded.text).toContain(locales[language].hearingTypes.trial);
    expect(crowded.text).toContain('20');
    // An older plan's reason, or a code this page does not know: as the server said it.
    expect(sayUnscheduled({ case: 'CR-1', reason: ENGLISH }, ctx)).toEqual({ text: ENGLISH, lang: 'en' });
    expect(
      sayUnscheduled(
        { case: 'CR-1', reason: ENGLISH, code: 'new_code', params: { hearing: 0, type: 'trial', part: 1, parts: 1, heldBy: [] } },
        ctx,
      ),
    ).toEqual({
      text: ENGLISH,
      lang: 'en',
    });
  });

  it.each(['ar', 'en', 'fr'] as const)('says why a custody limit is not met in %s, from every code', async (language) => {
    const ctx = await contextIn(language);
    const limitShown = formatPlanDay('2027-03-10', language);
    for (const code of CUSTODY_RISK_CODES) {
      for (const params of [
        { limit: '2027-03-10', heldBy: [] },
        { limit: '2027-03-10', hearings: 3, gapDays: 17, daysLeft: 9, heldBy: [held('judges_full')] },
      ]) {
        const said = sayCustodyRisk(
          { case: 'CR-1', limit: '2027-03-10', status: 'breach', unavoidable: true, reason: ENGLISH, code, params },
          ctx,
        );
        expect(said.lang).toBeUndefined();
        expect(said.text).not.toContain(ENGLISH);
        expect(said.text).not.toMatch(/{{|}}|schedule\.reasons|undefined/);
        expectNoEnglishIn(language, said.text);
        expect(said.text).toContain(limitShown);
        if (code === 'unavoidable' && params.hearings !== undefined) {
          for (const figure of ['3', '17', '9']) expect(said.text).toContain(figure);
        }
        if ((code === 'unavoidable' || code === 'crowded_out') && params.heldBy.length)
          expect(said.text).toContain(locales[language].schedule.reasons.held.judges_full);
      }
    }
    // Nothing to say beyond the code: the sentence for no reason at all.
    expect(
      sayCustodyRisk(
        {
          case: 'CR-1',
          limit: '2027-03-10',
          status: 'breach',
          unavoidable: true,
          reason: ENGLISH,
          code: 'unavoidable',
          params: { limit: '2027-03-10', heldBy: [] },
        },
        ctx,
      ).text,
    ).toContain(locales[language].schedule.reasons.custody.noSession);
    // An older plan's reason, or a code this page does not know: as the server said it.
    expect(sayCustodyRisk({ case: 'CR-1', limit: '2027-03-10', status: 'breach', unavoidable: false, reason: ENGLISH }, ctx)).toEqual({
      text: ENGLISH,
      lang: 'en',
    });
    expect(
      sayCustodyRisk(
        {
          case: 'CR-1',
          limit: '2027-03-10',
          status: 'breach',
          unavoidable: false,
          reason: ENGLISH,
          code: 'new_code',
          params: { limit: '2027-03-10', heldBy: [] },
        },
        ctx,
      ),
    ).toEqual({ text: ENGLISH, lang: 'en' });
  });

  it('says the unscheduled example in English as the solver does, and in French', async () => {
    const entry = {
      case: 'OLD',
      reason: ENGLISH,
      code: 'crowded_out',
      params: { hearing: 0, type: 'trial', part: 1, parts: 1, days: 1, heldBy: [held('judges_full', { days: 1 })] },
    };
    expect(sayUnscheduled(entry, await contextIn('en')).text).toBe(
      "Hearing 1 (Trial) is not listed: on the sitting days it could be heard (1), the judges' lists were full; cases of higher priority (or listed earlier) hold that time.",
    );
    expect(sayUnscheduled(entry, await contextIn('fr')).text).toMatch(
      /^L'audience 1 \(.+\) n'est pas inscrite : .*les rôles des juges étaient complets/,
    );
  });

  const EXPLANATION: ListingExplanation = {
    tier: 'custody',
    custodyLimit: '2026-03-04',
    filed: '2024-05-10',
    daysWaited: 661,
    yearsWaited: 1.81,
    adjournments: 2,
    adjournmentReasons: ['courts_suspended', 'no_court_time'],
    rank: 1,
    of: 8,
    day: 'earliest',
    date: '2026-03-02',
    heldBy: [],
  };

  it('says why this case and why this day in English from the facts, as the solver’s sentence does', async () => {
    const said = sayExplanation(EXPLANATION, await contextIn('en'));
    expect(said).toEqual({
      whyCase: [
        'In custody: custody time limit Mar 4, 2026.',
        "Filed on May 10, 2024; waiting at the plan's start: 1.8 years.",
        'Adjournments before: 2 (courts suspended and no court time).',
        'Priority 1 of 8 in this plan.',
      ],
      whyDay: ['Listed on Mar 2, 2026, the earliest day it could be heard.'],
    });
  });

  it.each(['ar', 'en', 'fr'] as const)('says every tier, ground, day and reason of a listing in %s', async (language) => {
    const ctx = await contextIn(language);
    const variants: ListingExplanation[] = [
      EXPLANATION,
      ...PRIORITY_GROUNDS.map((ground) => ({ ...EXPLANATION, tier: 'child_vulnerable' as const, ground, custodyLimit: undefined })),
      { ...EXPLANATION, tier: 'trafficking', custodyLimit: undefined, adjournments: 0, adjournmentReasons: [] },
      { ...EXPLANATION, tier: 'other', custodyLimit: undefined, adjournmentReasons: ['defence_request', 'prosecution_request'] },
      ...LISTING_DAY_CODES.flatMap((day) =>
        HELD.map((h) => ({ ...EXPLANATION, day, heldBy: [h, held('people_busy', { days: 1 })], sittingDays: 3, afterDays: 7 })),
      ),
      { ...EXPLANATION, day: 'earliest', afterBreakMinutes: 15 },
    ];
    for (const e of variants) {
      const said = sayExplanation(e, ctx);
      expect(said).toBeDefined();
      const text = [...said!.whyCase, ...said!.whyDay].join(' ');
      expect(text).not.toMatch(/{{|}}|schedule\.reasons|undefined|_/);
      expectNoEnglishIn(language, text);
      expect(text).toContain(new Intl.NumberFormat(language).format(e.rank));
      if (e.tier === 'custody') expect(text).toContain(locales[language].schedule.reasons.why.tier.custody.split('{{')[0].trim());
      if (e.day === 'first_with_room') expect(text).toContain(new Intl.NumberFormat(language).format(3));
      if (e.afterBreakMinutes) expect(text).toContain(new Intl.NumberFormat(language).format(15));
    }
    // No facts (an older plan): nothing to say in the person's language; the panel shows `why` marked English.
    expect(sayExplanation(undefined, ctx)).toBeUndefined();
    expect(sayExplanation({ ...EXPLANATION, day: 'by_magic' }, ctx)).toBeUndefined();
  });

  it('has a sentence in every language for every code, variant and reason the page says', () => {
    const violationKeys = [...new Set(VIOLATIONS.map(({ v }) => violationKey(v)))];
    for (const language of LANGUAGES) {
      const reasons = locales[language].schedule.reasons as unknown as Record<string, Record<string, unknown>>;
      for (const key of violationKeys) expect(reasons.violation[key as string]).toEqual(expect.any(String));
      for (const code of UNSCHEDULED_CODES) expect(reasons.unscheduled[code]).toEqual(expect.any(String));
      for (const day of LISTING_DAY_CODES) expect((reasons.why.day as Record<string, unknown>)[day]).toEqual(expect.any(String));
      for (const ground of PRIORITY_GROUNDS) expect((reasons.why.tier as Record<string, unknown>)[ground]).toEqual(expect.any(String));
    }
  });
});
