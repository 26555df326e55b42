import { parseClockTime } from '../calendar';
import type { ScheduleInstance } from '../model/instance';
import type { PlanAssignment } from '../plan';

/**
 * Every listing that shares a judge, room, interpreter, supporter, counsel or witness with a
 * booking outside the plan (`commitments`) at the same time, as `listing / commitment / whom`:
 * what no plan may hold. Written apart from the checker, so that tests can hold both to it.
 */
export function commitmentOverlaps(instance: ScheduleInstance, assignments: readonly PlanAssignment[]): string[] {
  const cases = new Map(instance.cases.map((item) => [item.id, item]));
  const found: string[] = [];
  for (const a of assignments) {
    const item = cases.get(a.case);
    const people = [...(item?.counsel ?? []), ...(item?.witnesses ?? []).map((w) => w.id)];
    const held = [
      a.judge,
      a.room,
      ...a.interpreters.map((i) => i.interpreter),
      ...(a.intermediary ? [a.intermediary] : []),
      ...(a.supporter ? [a.supporter] : []),
      ...people,
    ];
    const [start, end] = [parseClockTime(a.start) as number, parseClockTime(a.end) as number];
    for (const c of instance.commitments ?? []) {
      if (c.date !== a.date || (parseClockTime(c.start) as number) >= end || (parseClockTime(c.end) as number) <= start) continue;
      const bound = [...(c.judges ?? []), ...(c.rooms ?? []), ...(c.interpreters ?? []), ...(c.supporters ?? []), ...(c.people ?? [])];
      for (const whom of held.filter((id) => bound.includes(id))) found.push(`${a.case}#${a.hearing}.${a.part} / ${c.id} / ${whom}`);
    }
  }
  return found;
}
