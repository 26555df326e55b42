import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ScheduleInstance } from '../model/instance';

/** The README's example (libs/scheduling/examples/small-court.json), for tests. */
export function exampleInstance(): ScheduleInstance {
  return JSON.parse(readFileSync(join(__dirname, '..', '..', 'examples', 'small-court.json'), 'utf8')) as ScheduleInstance;
}
