import { RUN_PROGRESS, solvingPercent } from './run-schedule.use-case';

describe('solvingPercent', () => {
  it('spreads the solver’s share of the work between the assembled and solved milestones', () => {
    expect(solvingPercent(0)).toBe(RUN_PROGRESS.assembled);
    expect(solvingPercent(0.5)).toBe(58);
    expect(solvingPercent(1)).toBe(RUN_PROGRESS.solved);
  });

  it('stays within them whatever it is told', () => {
    expect(solvingPercent(-1)).toBe(RUN_PROGRESS.assembled);
    expect(solvingPercent(7)).toBe(RUN_PROGRESS.solved);
  });
});
