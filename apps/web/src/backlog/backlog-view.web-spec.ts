import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  AGE_BAND_NAMES,
  type BacklogForecast,
  type BacklogReport,
  CUSTODY_RISK_REASON_NAMES,
  FORECAST_SCENARIO_NAMES,
  BACKLOG_PERIODS,
} from '@ejustice/scheduling-data/contract/backlog.contract';
import { LANGUAGES } from '../i18n/languages';
import ar from '../i18n/locales/ar.json';
import en from '../i18n/locales/en.json';
import fr from '../i18n/locales/fr.json';
import { queryString } from './backlog-api';
import {
  ageBars,
  clearanceOutlook,
  forecastRows,
  formatCalendarDate,
  formatFigure,
  formatPercent,
  indicatorSeries,
  isReportEmpty,
  periodLabel,
  scenarioParam,
  toggleScenario,
  typesInReport,
} from './backlog-view';

const zero = { incoming: 0, resolved: 0, pendingStart: 0, pendingEnd: 0, clearanceRate: null, dispositionTimeDays: null };
const counts = (under_3m: number, over_2y: number) => ({ under_3m, '3_to_6m': 0, '6_to_12m': 0, '1_to_2y': 0, over_2y });

/** Two quarters of a small court: criminal cases in both, civil only in the second. */
const report: BacklogReport = {
  courtId: 'c',
  asOf: '2026-06-30',
  period: 'quarter',
  from: '2026-01-01',
  to: '2026-06-30',
  periods: [
    {
      key: '2026-Q1',
      start: '2026-01-01',
      end: '2026-03-31',
      total: { incoming: 3, resolved: 2, pendingStart: 2, pendingEnd: 3, clearanceRate: 200 / 3, dispositionTimeDays: 136.875 },
      byType: [
        {
          type: 'criminal',
          incoming: 3,
          resolved: 2,
          pendingStart: 2,
          pendingEnd: 3,
          clearanceRate: 200 / 3,
          dispositionTimeDays: 136.875,
        },
      ],
    },
    {
      key: '2026-Q2',
      start: '2026-04-01',
      end: '2026-06-30',
      total: { incoming: 1, resolved: 0, pendingStart: 3, pendingEnd: 4, clearanceRate: 0, dispositionTimeDays: null },
      byType: [
        { type: 'civil', incoming: 1, resolved: 0, pendingStart: 0, pendingEnd: 1, clearanceRate: 0, dispositionTimeDays: null },
        { type: 'criminal', ...zero, pendingStart: 3, pendingEnd: 3 },
      ],
    },
  ],
  ageProfile: {
    asOf: '2026-06-30',
    pending: 4,
    total: counts(1, 3),
    byType: [
      { type: 'civil', counts: counts(1, 0) },
      { type: 'criminal', counts: counts(0, 3) },
    ],
    oldestFiled: '2023-05-01',
  },
  custodyWarningDays: 28,
  custodyRisks: [],
};

describe('backlog dashboard view-model', () => {
  it('draws all types, or one, with rates rounded and the type’s own zeros where it had no case', () => {
    const all = indicatorSeries(report, 'all', (k) => `[${k}]`);
    expect(all).toEqual([
      { key: '2026-Q1', label: '[2026-Q1]', incoming: 3, resolved: 2, pendingEnd: 3, clearanceRate: 66.7, dispositionTimeDays: 137 },
      { key: '2026-Q2', label: '[2026-Q2]', incoming: 1, resolved: 0, pendingEnd: 4, clearanceRate: 0, dispositionTimeDays: null },
    ]);
    expect(indicatorSeries(report, 'civil', String)[0]).toEqual({
      key: '2026-Q1',
      label: '2026-Q1',
      incoming: 0,
      resolved: 0,
      pendingEnd: 0,
      clearanceRate: null,
      dispositionTimeDays: null,
    });
    expect(typesInReport(report)).toEqual(['civil', 'criminal']);
  });

  it('gives the age bars youngest first with their shares, for all types or one', () => {
    expect(ageBars(report, 'all').map((b) => [b.band, b.count, b.share])).toEqual([
      ['under_3m', 1, 0.25],
      ['3_to_6m', 0, 0],
      ['6_to_12m', 0, 0],
      ['1_to_2y', 0, 0],
      ['over_2y', 3, 0.75],
    ]);
    expect(ageBars(report, 'family').every((b) => b.count === 0 && b.share === 0)).toBe(true);
  });

  it('calls a report empty only when no period has a case and none is pending', () => {
    expect(isReportEmpty(report)).toBe(false);
    const empty: BacklogReport = {
      ...report,
      periods: report.periods.map((p) => ({ ...p, total: zero, byType: [] })),
      ageProfile: { ...report.ageProfile, pending: 0, total: counts(0, 0), byType: [], oldestFiled: null },
    };
    expect(isReportEmpty(empty)).toBe(true);
  });

  it('labels periods and dates per locale, calendar dates never moved by the reader’s zone', () => {
    const quarter = (n: number, year: string) => `Q${n}/${year}`;
    expect(periodLabel('2026-Q3', 'quarter', 'en', quarter)).toBe('Q3/2026');
    expect(periodLabel('2026', 'year', 'fr', quarter)).toBe('2026');
    expect(periodLabel('2026-03', 'month', 'en', quarter)).toBe('Mar 2026');
    expect(periodLabel('2026-03', 'month', 'fr', quarter)).toBe('mars 2026');
    expect(periodLabel('2026-03', 'month', 'ar', quarter)).toMatch(/مارس/);
    expect(formatCalendarDate('2027-03-01', 'en')).toBe('Mar 1, 2027');
    expect(formatCalendarDate('2027-03-01', 'fr')).toBe('1 mars 2027');
  });

  it('formats figures and percentages per locale, with a dash for an undefined rate', () => {
    expect(formatPercent(66.7, 'en')).toBe('66.7%');
    expect(formatPercent(66.7, 'fr')).toBe('66,7\u00a0%');
    expect(formatPercent(null, 'ar')).toBe('—');
    expect(formatFigure(1234.56, 'fr', 1)).toBe('1\u202f234,6');
    expect(formatFigure(null, 'en')).toBe('—');
  });

  it('turns scenario toggles into the forecast’s parameter, in the catalogue’s order', () => {
    let selected = toggleScenario(new Set(), 'virtual_rooms');
    expect(scenarioParam(selected)).toBe('virtual_rooms');
    selected = toggleScenario(selected, 'night_sessions');
    expect(scenarioParam(selected)).toBe('night_sessions,virtual_rooms');
    expect(scenarioParam(toggleScenario(selected, 'virtual_rooms'))).toBe('night_sessions');
    expect(queryString({ scenario: '', period: 'month', from: undefined })).toBe('?period=month');
    expect(queryString({ scenario: 'night_sessions,virtual_rooms' })).toBe('?scenario=night_sessions%2Cvirtual_rooms');
  });

  it('rows the burn-down by week, pending whole, and says how each line ends', () => {
    const forecast: BacklogForecast = {
      courtId: 'c',
      asOf: '2027-03-01',
      lookbackWeeks: 26,
      pending: 5,
      incomingPerWeek: 0.2,
      resolvedPerWeek: 0.1,
      hearingHoursPerCase: 2,
      capacity: { nightSessionHours: 3, nightRooms: 1, daySessionHoursPerWeek: 30, remoteShare: 0.5 },
      scenarioSizes: { night_sessions: 2, virtual_rooms: 4 },
      weekStarts: ['2027-03-01', '2027-03-08'],
      lines: [
        { scenario: 'baseline', extraHearingHoursPerWeek: 0, resolvedPerWeek: 0.1, pending: [5, 5.1], weeksToClear: null, clearedOn: null },
        {
          scenario: 'night_sessions',
          extraHearingHoursPerWeek: 6,
          resolvedPerWeek: 3.1,
          pending: [5, 2.1],
          weeksToClear: 2,
          clearedOn: '2027-03-15',
        },
      ],
    };
    expect(forecastRows(forecast, (iso) => iso.slice(5))).toEqual([
      { week: '2027-03-01', label: '03-01', baseline: 5, night_sessions: 5 },
      { week: '2027-03-08', label: '03-08', baseline: 5, night_sessions: 2 },
    ]);
    expect(clearanceOutlook(forecast.lines[0])).toEqual({ kind: 'never', scenario: 'baseline' });
    expect(clearanceOutlook(forecast.lines[1])).toEqual({ kind: 'cleared', scenario: 'night_sessions', on: '2027-03-15', weeks: 2 });
    expect(clearanceOutlook({ ...forecast.lines[0], weeksToClear: 0, clearedOn: '2027-03-01' })).toEqual({
      kind: 'clear',
      scenario: 'baseline',
    });
  });
});

describe('backlog dashboard strings', () => {
  const locales = { ar, en, fr } as const;
  function get(language: keyof typeof locales, key: string): unknown {
    return key
      .split('.')
      .reduce<unknown>(
        (node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined),
        locales[language],
      );
  }

  it('names every period, age band, custody reason and scenario the API answers with, in every language', () => {
    const keys = [
      ...BACKLOG_PERIODS.map((p) => `backlog.period.${p}`),
      ...AGE_BAND_NAMES.map((b) => `backlog.age.band.${b}`),
      ...CUSTODY_RISK_REASON_NAMES.map((r) => `backlog.custody.reason.${r}`),
      ...['baseline', ...FORECAST_SCENARIO_NAMES, 'combined'].map((s) => `backlog.forecast.scenario.${s}`),
    ];
    const missing = LANGUAGES.flatMap((language) =>
      keys.filter((key) => typeof get(language, key) !== 'string').map((key) => `${language}:${key}`),
    );
    expect(missing).toEqual([]);
  });

  it('translates every error code the backlog requests can answer with', () => {
    const source = readFileSync(path.resolve(__dirname, '../../../../libs/scheduling-data/src/analytics/backlog-request.ts'), 'utf8');
    const codes = [...source.matchAll(/'backlog\.([a-z_]+)'/g)].map((m) => m[1]);
    expect(codes.length).toBeGreaterThanOrEqual(4);
    const missing = LANGUAGES.flatMap((language) =>
      codes.filter((code) => typeof get(language, `errors.backlog.${code}`) !== 'string').map((code) => `${language}:${code}`),
    );
    expect(missing).toEqual([]);
  });
});
