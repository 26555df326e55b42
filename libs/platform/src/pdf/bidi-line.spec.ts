import { firstStrongDirection, isolate, reorderRuns, visualRuns } from './bidi-line';

describe('visualRuns', () => {
  it('keeps a Latin line as one left-to-right run', () => {
    expect(visualRuns('Certified copy 12', 'ltr')).toEqual([{ text: 'Certified copy 12', rtl: false }]);
  });

  it('puts a Latin word inside Arabic on the left, each run in logical order', () => {
    expect(visualRuns('رقم ABC-12 هنا', 'rtl')).toEqual([
      { text: ' هنا', rtl: true },
      { text: 'ABC-12', rtl: false },
      { text: 'رقم ', rtl: true },
    ]);
  });

  it('mirrors brackets in right-to-left runs', () => {
    expect(visualRuns('قال (نعم)', 'rtl')).toEqual([{ text: 'قال )نعم(', rtl: true }]);
  });

  it('keeps an isolated date whole and drops the isolate marks', () => {
    expect(visualRuns(`صدرت في ${isolate('2026-12-06 (UTC+01:00)')}`, 'rtl')).toEqual([
      { text: '2026-12-06 (UTC+01:00)', rtl: false },
      { text: 'صدرت في ', rtl: true },
    ]);
  });

  it('shows why the isolate is needed: without it the parts of an ISO date swap', () => {
    const runs = visualRuns('صدرت في 2026-12-06', 'rtl').map((r) => r.text);
    expect(runs.slice(0, 3)).toEqual(['06', '-', '12']);
  });
});

describe('reorderRuns (rule L2)', () => {
  it('reverses from the highest level down', () => {
    const runs = [0, 1, 2, 1, 0].map((level, i) => ({ level, i }));
    expect(reorderRuns(runs).map((r) => r.i)).toEqual([0, 3, 2, 1, 4]);
  });
});

describe('firstStrongDirection', () => {
  it('reads the first strong letter, skipping isolates', () => {
    expect(firstStrongDirection('12 نسخة')).toBe('rtl');
    expect(firstStrongDirection(`${isolate('نسخة')} copy`)).toBe('ltr');
    expect(firstStrongDirection('2026')).toBe('ltr');
  });
});
