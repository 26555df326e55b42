import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { MemoryRouter } from 'react-router';
import {
  RESOURCE_LIMITS,
  UNAVAILABILITY_OWNER_TYPES,
  type JudgeProfileView,
  type SessionView,
} from '@ejustice/scheduling-data/contract/scheduling-resources.contract';
import { ApiError, CLIENT_ERROR_CODES } from '../api/problem';
import { testI18n } from '../i18n/i18n.testing';
import { LANGUAGES } from '../i18n/languages';
import ar from '../i18n/locales/ar.json';
import en from '../i18n/locales/en.json';
import fr from '../i18n/locales/fr.json';
import { paths } from '../paths';
import { ProblemNotice } from './form-parts';
import { ResourceListSection } from './ResourceListSection';
import { SessionsSection } from './SessionsSection';
import {
  POLICY_WEIGHTS,
  SCHEDULING_DATA_ERROR_CODES,
  availabilityChoices,
  availabilityFields,
  choiceOrAny,
  courtToday,
  daysOffOwners,
  daysOffRequest,
  expandPattern,
  formatDay,
  hoursToMinutes,
  isoWeekday,
  mayMaintainSchedulingData,
  minutesToHours,
  mondayOf,
  ownerName,
  parseList,
  patternProblem,
  policyWithWeights,
  sayProblem,
  sessionProblem,
  sessionsByWeek,
  sortDaysOff,
  weekdayName,
  weekdaysText,
  weeksRange,
  weightKey,
  weightValues,
  type PatternDraft,
  type PatternProblem,
} from './scheduling-data-view';

const locales = { ar, en, fr } as const;

function lookup(tree: unknown, key: string): unknown {
  return key
    .split('.')
    .reduce<unknown>(
      (node, part) => (typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[part] : undefined),
      tree,
    );
}

function session(id: string, date: string, start: string, end = '13:00', kind: 'day' | 'night' = 'day'): SessionView {
  return { id, date, kind, start, end, rooms: [], startsAt: `${date}T${start}:00Z`, endsAt: `${date}T${end}:00Z` };
}

/** Day court Monday to Friday 09:00–16:00, night court Tuesday and Thursday 17:00–21:00. */
const COURT_WEEK: PatternDraft['sittings'] = [
  { weekdays: [1, 2, 3, 4, 5], kind: 'day', start: '09:00', end: '16:00' },
  { weekdays: [2, 4], kind: 'night', start: '17:00', end: '21:00' },
];

describe('who may change the scheduling data', () => {
  it('offers changes to clerks and administrators, and only reading to judges', () => {
    expect(mayMaintainSchedulingData(['clerk'])).toBe(true);
    expect(mayMaintainSchedulingData(['admin'])).toBe(true);
    expect(mayMaintainSchedulingData(['judge'])).toBe(false);
    expect(mayMaintainSchedulingData(['counsel', 'party'])).toBe(false);
  });

  it('has an address of its own under the court', () => {
    expect(paths.schedulingData('c 1')).toBe('/courts/c%201/scheduling-data');
  });
});

describe('weeks', () => {
  it('knows the ISO weekday and the Monday of a week, across months and years', () => {
    expect(isoWeekday('2027-03-01')).toBe(1);
    expect(isoWeekday('2027-03-07')).toBe(7);
    expect(mondayOf('2027-03-07')).toBe('2027-03-01');
    expect(mondayOf('2027-01-01')).toBe('2026-12-28');
  });

  it('lists whole weeks from the Monday of the day chosen', () => {
    expect(weeksRange('2027-03-03', 2)).toEqual({ from: '2027-03-01', to: '2027-03-14' });
  });

  it('groups sessions by week, earliest first and by their hours within a day', () => {
    const weeks = sessionsByWeek([
      session('c', '2027-03-09', '09:00'),
      session('b', '2027-03-02', '17:00', '21:00', 'night'),
      session('a', '2027-03-02', '09:00'),
    ]);
    expect(weeks.map((w) => [w.monday, w.sessions.map((s) => s.id)])).toEqual([
      ['2027-03-01', ['a', 'b']],
      ['2027-03-08', ['c']],
    ]);
  });

  it('reads a court day without shifting it into the reader’s zone', () => {
    expect(formatDay('2027-03-01', 'en')).toBe('Mon, Mar 1, 2027');
    expect(formatDay('not a day', 'en')).toBe('not a day');
  });

  it('takes today from the court’s clock, not the reader’s', () => {
    const lateEvening = new Date('2027-03-01T23:30:00Z');
    expect(courtToday('Africa/Cairo', lateEvening)).toBe('2027-03-02');
    expect(courtToday('UTC', lateEvening)).toBe('2027-03-01');
  });
});

describe('a recurring pattern', () => {
  const fourWeeks: PatternDraft = { from: '2027-03-01', to: '2027-03-28', sittings: COURT_WEEK };

  it('counts the sessions it will create before it is sent', () => {
    const sessions = expandPattern(fourWeeks);
    expect(sessions).toHaveLength(4 * 5 + 4 * 2);
    expect(sessions[0]).toEqual({ date: '2027-03-01', kind: 'day', start: '09:00', end: '16:00' });
    expect(sessions.filter((s) => s.kind === 'night').map((s) => isoWeekday(s.date))).toEqual([2, 4, 2, 4, 2, 4, 2, 4]);
    expect(patternProblem(fourWeeks)).toBeNull();
  });

  it.each<[string, PatternDraft, PatternProblem]>([
    ['a day that does not exist', { ...fourWeeks, to: '2027-02-30' }, 'dates'],
    ['dates the wrong way round', { ...fourWeeks, from: '2027-03-28', to: '2027-03-01' }, 'range_backwards'],
    ['more days than one pattern covers', { ...fourWeeks, to: '2028-03-01' }, 'range_too_long'],
    ['a sitting without weekdays', { ...fourWeeks, sittings: [{ ...COURT_WEEK[0], weekdays: [] }] }, 'no_weekdays'],
    ['a sitting that ends before it starts', { ...fourWeeks, sittings: [{ ...COURT_WEEK[0], end: '08:00' }] }, 'hours'],
    [
      'two sittings overlapping on a weekday',
      { ...fourWeeks, sittings: [COURT_WEEK[0], { weekdays: [5], kind: 'night', start: '15:00', end: '20:00' }] },
      'sittings_overlap',
    ],
    ['weekdays that never fall in the range', { from: '2027-03-06', to: '2027-03-07', sittings: [COURT_WEEK[0]] }, 'nothing_created'],
    [
      'more sessions than one pattern may create',
      {
        from: '2027-01-01',
        to: '2027-12-31',
        sittings: [0, 1, 2].map((n) => ({
          weekdays: [1, 2, 3, 4, 5, 6, 7],
          kind: 'day' as const,
          start: `0${n * 3}:00`,
          end: `0${n * 3 + 2}:00`,
        })),
      },
      'too_many',
    ],
  ])('refuses %s', (_, draft, problem) => {
    expect(patternProblem(draft)).toBe(problem);
  });

  it('allows sittings that only touch (day court until 17:00, night court from 17:00)', () => {
    const touching: PatternDraft = {
      ...fourWeeks,
      sittings: [{ ...COURT_WEEK[0], end: '17:00' }, COURT_WEEK[1]],
    };
    expect(patternProblem(touching)).toBeNull();
  });

  it('checks one session as the server does', () => {
    expect(sessionProblem({ date: '2027-03-01', kind: 'day', start: '09:00', end: '13:00' })).toBeNull();
    expect(sessionProblem({ date: '2027-03-01', kind: 'night', start: '21:00', end: '17:00' })).toBe('hours');
    expect(sessionProblem({ date: '2027-13-01', kind: 'day', start: '09:00', end: '13:00' })).toBe('dates');
  });
});

describe('form values and the contract', () => {
  it('reads a typed list without blanks or repeats, Arabic commas included', () => {
    expect(parseList(' trafficking, family,,trafficking ، labour\n')).toEqual(['trafficking', 'family', 'labour']);
  });

  it('sends "any" (null) when every choice or none is ticked, the ticked ones otherwise', () => {
    expect(choiceOrAny([1, 2, 3, 4, 5, 6, 7], [1, 2, 3, 4, 5, 6, 7])).toBeNull();
    expect(choiceOrAny([], [1, 2, 3])).toBeNull();
    expect(availabilityFields([3, 1], ['night'])).toEqual({ availableWeekdays: [1, 3], availableKinds: ['night'] });
    expect(availabilityChoices({ availableWeekdays: null, availableKinds: ['day'] })).toEqual({
      weekdays: [1, 2, 3, 4, 5, 6, 7],
      kinds: ['day'],
    });
  });

  it('turns a judge’s hours a day into minutes and back', () => {
    expect(hoursToMinutes('6')).toBe(360);
    expect(hoursToMinutes('5,5')).toBe(330);
    expect(hoursToMinutes('0')).toBeNull();
    expect(hoursToMinutes('25')).toBeNull();
    expect(hoursToMinutes('')).toBeNull();
    expect(minutesToHours(330)).toBe('5.5');
  });

  it('names weekdays in the reader’s language, Monday first', () => {
    expect(weekdayName(1, 'en')).toBe('Monday');
    expect(weekdayName(7, 'fr')).toBe('dimanche');
    expect(weekdaysText([2, 4], 'en')).toBe('Tue, Thu');
    expect(weekdaysText(null, 'en')).toBeNull();
  });
});

describe('days off', () => {
  const judges: JudgeProfileView[] = [
    {
      userId: 'j1',
      displayName: 'Judge Amal',
      profile: { specialisms: [], sittingWeekdays: null, sittingKinds: null, maxSittingMinutesPerDay: 360 },
    },
    { userId: 'j2', displayName: 'Judge Without Profile', profile: null },
  ];
  const owners = daysOffOwners({
    judges,
    rooms: [{ id: 'r1', name: 'Courtroom 1', virtual: false, equipment: [], availableWeekdays: null, availableKinds: null }],
    interpreters: [{ id: 'i1', name: 'Samir', languages: ['ti'], availableWeekdays: null, availableKinds: null }],
    supporters: [{ id: 's1', name: 'Nadia', role: 'intermediary', availableWeekdays: null, availableKinds: null }],
  });

  it('offers only judges with a sitting profile (the server refuses the others), then rooms, interpreters, supporters', () => {
    expect(owners.map((o) => `${o.type}:${o.name}`)).toEqual([
      'judge:Judge Amal',
      'room:Courtroom 1',
      'interpreter:Samir',
      'supporter:Nadia',
    ]);
  });

  it.each(UNAVAILABILITY_OWNER_TYPES)('names exactly one owner for a %s', (type) => {
    const request = daysOffRequest({ type, id: 'x' }, '2027-03-01', '2027-03-05');
    const owned = (['judgeUserId', 'roomId', 'interpreterId', 'supporterId'] as const).filter((field) => request[field] !== undefined);
    expect(owned).toHaveLength(1);
    expect(request).toMatchObject({ from: '2027-03-01', to: '2027-03-05' });
  });

  it('names whose days off they are, soonest first', () => {
    const list = sortDaysOff([
      { id: 'b', owner: { type: 'room', id: 'r1' }, from: '2027-04-01', to: '2027-04-02' },
      { id: 'a', owner: { type: 'judge', id: 'j1' }, from: '2027-03-01', to: '2027-03-05' },
      { id: 'c', owner: { type: 'room', id: 'gone' }, from: '2027-05-01', to: '2027-05-01' },
    ]);
    expect(list.map((v) => ownerName(v, owners))).toEqual(['Judge Amal', 'Courtroom 1', null]);
  });
});

describe('the policy’s weights', () => {
  const court = { tierWeights: { custody: 10 }, movePenalty: 50, specialistRules: [{ caseType: 'family', specialism: 'family' }] };

  it('shows the court’s own weights and leaves the defaults blank', () => {
    const values = weightValues(court);
    expect(values['tierWeights.custody']).toBe('10');
    expect(values.movePenalty).toBe('50');
    expect(values.agingPerYear).toBe('');
  });

  it('sends what was typed, drops what was blanked, and keeps every setting the form does not show', () => {
    const values = { ...weightValues(court), 'tierWeights.custody': '', 'tierWeights.other': '1.5', agingPerYear: '0,3' };
    const { policy, invalid } = policyWithWeights(court, values);
    expect(invalid).toEqual([]);
    expect(policy).toEqual({
      tierWeights: { other: 1.5 },
      agingPerYear: 0.3,
      movePenalty: 50,
      specialistRules: court.specialistRules,
    });
  });

  it('sends no tier weights at all when every one is blank', () => {
    const { policy } = policyWithWeights(court, { ...weightValues(court), 'tierWeights.custody': '' });
    expect(policy).not.toHaveProperty('tierWeights');
  });

  it('says which weights are not numbers of 0 or more', () => {
    const { invalid } = policyWithWeights({}, { ...weightValues({}), movePenalty: 'many', agingPerYear: '-1' });
    expect(invalid).toEqual(['agingPerYear', 'movePenalty']);
  });
});

describe('refusals', () => {
  const i18n = testI18n('en');

  it('says an overlap in the person’s words, with the server’s particulars and the code', () => {
    const error = new ApiError({
      status: 409,
      code: 'scheduling.session_overlap',
      detail: 'The session on 2027-03-02 17:00–21:00 overlaps the court’s session on 2027-03-02 09:00–18:00; nothing was created.',
    });
    const said = sayProblem(error, i18n);
    expect(said.sentence).toBe(en.schedulingData.errors.session_overlap);
    expect(said.server).toContain('09:00–18:00');
    expect(said.code).toBe('scheduling.session_overlap');
    const html = renderToStaticMarkup(createElement(I18nextProvider, { i18n }, createElement(ProblemNotice, { problem: said })));
    expect(html).toContain('role="alert"');
    expect(html).toContain('<span lang="en" dir="ltr">The session on 2027-03-02');
    expect(html).toContain('<code dir="ltr">scheduling.session_overlap</code>');
  });

  it('says a room still in use, and lists the fields a refusal names', () => {
    const said = sayProblem(
      new ApiError({
        status: 409,
        code: 'scheduling.room_in_use',
        detail: 'in use',
        fieldErrors: [{ field: 'name', message: 'is taken' }],
      }),
      i18n,
    );
    expect(said.sentence).toBe(en.schedulingData.errors.room_in_use);
    expect(said.fields).toEqual(['name: is taken']);
  });

  it('falls back to the app’s sentence for other failures, with no code for a dropped connection', () => {
    const said = sayProblem(new ApiError({ status: 0, code: CLIENT_ERROR_CODES.network }), i18n);
    expect(said.code).toBeNull();
    expect(said.server).toBeNull();
    expect(said.sentence.length).toBeGreaterThan(0);
    expect(
      sayProblem(new ApiError({ status: 400, code: 'scheduling.a_rule_not_yet_translated', detail: 'from must be a date' }), i18n).sentence,
    ).toBe('from must be a date');
  });
});

describe('what the page offers to whom', () => {
  function render(element: ReturnType<typeof createElement>): string {
    return renderToStaticMarkup(createElement(MemoryRouter, null, createElement(I18nextProvider, { i18n: testI18n('en') }, element)));
  }

  it('offers clerks and administrators to add sessions, one or by pattern, and judges only the list', () => {
    const clerk = render(createElement(SessionsSection, { courtId: 'c1', canEdit: true }));
    expect(clerk).toContain(en.schedulingData.sessions.addOne);
    expect(clerk).toContain(en.schedulingData.sessions.addPattern);
    const judge = render(createElement(SessionsSection, { courtId: 'c1', canEdit: false }));
    expect(judge).toContain(en.schedulingData.sessions.loading);
    expect(judge).not.toContain(en.schedulingData.sessions.addOne);
    expect(judge).not.toContain(en.schedulingData.sessions.addPattern);
  });

  it('offers to add a room only to those who may', () => {
    const props = { courtId: 'c1', kind: 'rooms' as const, onChanged: () => undefined };
    expect(render(createElement(ResourceListSection, { ...props, canEdit: true }))).toContain(en.schedulingData.rooms.add);
    expect(render(createElement(ResourceListSection, { ...props, canEdit: false }))).not.toContain(en.schedulingData.rooms.add);
  });
});

describe('every sentence in the three languages', () => {
  const PATTERN_PROBLEMS: PatternProblem[] = [
    'range_backwards',
    'range_too_long',
    'no_weekdays',
    'hours',
    'sittings_overlap',
    'nothing_created',
    'too_many',
  ];

  it.each(LANGUAGES)('%s says each refusal the page knows', (language) => {
    const missing = SCHEDULING_DATA_ERROR_CODES.map((code) => `schedulingData.errors.${code.slice('scheduling.'.length)}`).filter(
      (key) => typeof lookup(locales[language], key) !== 'string',
    );
    expect(missing).toEqual([]);
  });

  it.each(LANGUAGES)('%s names each weight and gives its meaning', (language) => {
    const missing = POLICY_WEIGHTS.flatMap((weight) => [
      `schedulingData.policy.weight.${weightKey(weight)}.label`,
      `schedulingData.policy.weight.${weightKey(weight)}.meaning`,
    ]).filter((key) => typeof lookup(locales[language], key) !== 'string');
    expect(missing).toEqual([]);
  });

  it.each(LANGUAGES)('%s explains each problem of a pattern and every kind of owner of days off', (language) => {
    const keys = [
      ...PATTERN_PROBLEMS.map((problem) => `schedulingData.pattern.problem.${problem}`),
      ...UNAVAILABILITY_OWNER_TYPES.flatMap((type) => [`schedulingData.daysOff.type.${type}`, `schedulingData.daysOff.group.${type}`]),
      ...(['rooms', 'interpreters', 'supporters'] as const).flatMap((kind) =>
        ['heading', 'empty', 'emptyHint', 'add', 'deleteQuestion'].map((key) => `schedulingData.${kind}.${key}`),
      ),
    ];
    expect(keys.filter((key) => typeof lookup(locales[language], key) !== 'string')).toEqual([]);
  });

  it('says how many sessions a pattern creates in each language', () => {
    for (const language of LANGUAGES) {
      const said = testI18n(language).t('schedulingData.pattern.willCreate', { count: 28, first: 'A', last: 'B' });
      expect(said).toMatch(/28/);
    }
    expect(RESOURCE_LIMITS.patternSessions).toBeGreaterThan(28);
  });
});
