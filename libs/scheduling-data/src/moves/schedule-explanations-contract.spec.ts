import * as plan from '@ejustice/scheduling';
import {
  HELD_BY_REASONS,
  LISTING_DAY_CODES,
  PRIORITY_GROUNDS,
  SCHEDULE_CONSTRAINTS,
  UNSCHEDULED_CODES,
} from '../contract/schedule-explanations.contract';

describe('the schedule explanations contract', () => {
  it("names exactly the solver's and the checker's codes", () => {
    expect([...SCHEDULE_CONSTRAINTS]).toEqual([...plan.HARD_CONSTRAINTS]);
    expect([...HELD_BY_REASONS]).toEqual([...plan.HELD_BY_REASONS]);
    expect([...LISTING_DAY_CODES]).toEqual([...plan.LISTING_DAY_CODES]);
    expect([...UNSCHEDULED_CODES]).toEqual([...plan.UNSCHEDULED_CODES]);
    expect([...PRIORITY_GROUNDS]).toEqual([...plan.PRIORITY_GROUNDS]);
  });
});
