import type { CaseType, HearingType } from '@ejustice/vocabulary';
import { formatClockTime, formatIsoDate, isoWeekday, parseIsoDate } from '../calendar';
import {
  ADJOURNMENT_REASONS,
  INSTANCE_FORMAT,
  LIVE_LINK,
  type AdjournmentInput,
  type CaseInput,
  type CommitmentInput,
  type HearingNeedInput,
  type InterpreterInput,
  type JudgeInput,
  type RoomInput,
  type ScheduleInstance,
  type SessionInput,
  type SessionKind,
  type SupporterInput,
  type WitnessInput,
} from '../model/instance';
import { createRandom, type Random } from '../random';

/**
 * Seeded instances for the tests and the benchmark (the same code, so that both speak of the
 * same court). Two profiles:
 * - `court`: a court as the benchmark describes it: `judges` judges (40), `workingDays` (90)
 *   working days with a morning and an afternoon day session each, night court on
 *   `nightsPerWeek` (2) evenings, and a backlog of `cases` pending cases filed over four years;
 * - `hostile`: small instances built to break a solver: overlapping sessions, weekend and
 *   night-only days, scarce and part-time interpreters and supporters, counsel and witnesses
 *   shared by many cases, judges with short days, hearings longer than some sessions, custody
 *   limits already passed. Property tests run on these.
 */
export interface GeneratorOptions {
  readonly seed: number;
  readonly cases: number;
  readonly profile?: 'court' | 'hostile';
  readonly judges?: number;
  readonly workingDays?: number;
  readonly nightsPerWeek?: number;
  /** The plan's first day (a Monday by default). */
  readonly start?: string;
  /**
   * How many bookings outside the plan (`commitments`) to add, naming random judges, rooms,
   * interpreters, supporters, counsel and witnesses (and now and then an id the court does not
   * know). None by default; drawn from their own random stream, so the rest of the instance is
   * the same with or without them.
   */
  readonly commitments?: number;
  /**
   * The share of cases (0 to 1) that have had a hearing already (`lastHeard`, within the three
   * weeks before the plan and not before the case was filed). None by default; drawn from their
   * own random stream, as commitments are.
   */
  readonly lastHeard?: number;
}

const LANGUAGES = [
  ['ar', 0.3],
  ['fr', 0.15],
  ['ro', 0.12],
  ['ti', 0.1],
  ['so', 0.1],
  ['ps', 0.08],
  ['fa', 0.08],
  ['pl', 0.07],
] as const;

const CASE_TYPES: readonly (readonly [CaseType, number])[] = [
  ['criminal', 0.45],
  ['trafficking', 0.07],
  ['family', 0.15],
  ['civil', 0.2],
  ['labour', 0.08],
  ['administrative', 0.05],
];

const ADJOURNMENT_WEIGHTS: readonly number[] = [0.3, 0.1, 0.08, 0.15, 0.12, 0.08, 0.12, 0.05];

export function generateInstance(options: GeneratorOptions): ScheduleInstance {
  const random = createRandom(options.seed);
  const hostile = options.profile === 'hostile';
  const start = options.start ?? '2026-03-02';
  const startDay = parseIsoDate(start) as number;
  const judgeCount = options.judges ?? (hostile ? 2 + random.int(5) : 40);
  const workingDays = options.workingDays ?? (hostile ? 3 + random.int(8) : 90);
  const nightsPerWeek = options.nightsPerWeek ?? (hostile ? random.int(4) : 2);

  const sessions = generateSessions(random, startDay, workingDays, nightsPerWeek, hostile);
  const rooms = generateRooms(random, judgeCount, hostile);
  const lastDay = parseIsoDate(sessions.length ? sessions[sessions.length - 1].date : start) as number;
  if (hostile) restrictSessionRooms(random, sessions, rooms);
  const judges = generateJudges(random, judgeCount, startDay, lastDay, hostile);
  const interpreters = generateInterpreters(random, judgeCount, startDay, lastDay, hostile);
  const supporters = generateSupporters(random, judgeCount, hostile);
  const pools = {
    prosecutors: Math.max(hostile ? 2 : 10, Math.round(options.cases / (hostile ? 6 : 25))),
    defence: Math.max(hostile ? 3 : 20, Math.round(options.cases / (hostile ? 5 : 10))),
    officers: Math.max(hostile ? 1 : 5, Math.round(options.cases / (hostile ? 8 : 50))),
  };
  const generated = Array.from({ length: options.cases }, (_, index) => generateCase(random, index, startDay, pools, hostile));
  const heard = createRandom(options.seed ^ 0x1a57);
  const cases = options.lastHeard
    ? generated.map((item): CaseInput => {
        if (!heard.chance(options.lastHeard as number)) return item;
        const earliest = Math.max(parseIsoDate(item.filed) as number, startDay - 21);
        return { ...item, lastHeard: formatIsoDate(earliest + heard.int(startDay - earliest + 1)) };
      })
    : generated;
  const commitments = options.commitments
    ? generateCommitments(createRandom(options.seed ^ 0x5eed), options.commitments, {
        sessions,
        judges,
        rooms,
        interpreters,
        supporters,
        cases,
      })
    : [];
  return {
    format: INSTANCE_FORMAT,
    court: hostile ? `Hostile court ${options.seed}` : `Generated court (seed ${options.seed})`,
    horizon: { start },
    sessions,
    judges,
    rooms,
    interpreters,
    supporters,
    cases,
    ...(commitments.length ? { commitments } : {}),
  };
}

/** Hearings listed by hand or in another court: on a sitting day, from 08:00 to 21:00, naming a few of the court's people. */
function generateCommitments(
  random: Random,
  count: number,
  court: Pick<ScheduleInstance, 'sessions' | 'judges' | 'rooms' | 'interpreters' | 'supporters' | 'cases'>,
): CommitmentInput[] {
  const people = [...new Set(court.cases.flatMap((item) => [...(item.counsel ?? []), ...(item.witnesses ?? []).map((w) => w.id)]))];
  const some = (ids: readonly string[], rate: number) => {
    const picked = ids.length && random.chance(rate) ? [ids[random.int(ids.length)]] : [];
    return random.chance(0.05) ? [...picked, `ELSEWHERE-${random.int(1_000)}`] : picked;
  };
  return Array.from({ length: count }, (_, index): CommitmentInput => {
    const date = court.sessions.length ? court.sessions[random.int(court.sessions.length)].date : '2026-03-02';
    const start = 8 * 60 + random.int(48) * 15;
    const end = Math.min(21 * 60, start + 15 * (1 + random.int(16)));
    return {
      id: `OUTSIDE-${index + 1}`,
      date,
      start: formatClockTime(start),
      end: formatClockTime(end),
      judges: some(
        court.judges.map((j) => j.id),
        0.5,
      ),
      rooms: some(
        court.rooms.map((r) => r.id),
        0.3,
      ),
      interpreters: some(
        (court.interpreters ?? []).map((i) => i.id),
        0.2,
      ),
      supporters: some(
        (court.supporters ?? []).map((p) => p.id),
        0.2,
      ),
      people: some(people, 0.6),
    };
  });
}

function generateSessions(random: Random, startDay: number, workingDays: number, nightsPerWeek: number, hostile: boolean): SessionInput[] {
  const nightWeekdays = [[], [3], [2, 4], [1, 3, 5], [1, 2, 3, 4]][Math.min(4, nightsPerWeek)];
  const sessions: SessionInput[] = [];
  let day = startDay;
  for (let worked = 0; worked < workingDays; day += 1) {
    const weekday = isoWeekday(day);
    const date = formatIsoDate(day);
    const add = (kind: SessionKind, startMinute: number, endMinute: number, suffix: string) =>
      sessions.push({ id: `${date}-${suffix}`, date, kind, start: formatClockTime(startMinute), end: formatClockTime(endMinute) });
    if (weekday <= 5 || (hostile && random.chance(0.2))) {
      worked += 1;
      if (hostile && random.chance(0.15)) {
        add('night', 17 * 60 + 30, 20 * 60 + random.int(4) * 30, 'night');
        continue;
      }
      const morningStart = hostile ? 9 * 60 + random.int(4) * 15 : 9 * 60 + 30;
      add('day', morningStart, 13 * 60, 'am');
      add('day', 14 * 60, hostile ? 15 * 60 + random.int(6) * 15 : 16 * 60 + 30, 'pm');
      if (hostile && random.chance(0.3)) add('day', 10 * 60, 15 * 60, 'long');
      if (nightWeekdays.includes(weekday)) add('night', 18 * 60, 21 * 60, 'night');
    }
  }
  return sessions;
}

function generateRooms(random: Random, judges: number, hostile: boolean): RoomInput[] {
  const physical = hostile ? 1 + random.int(Math.max(1, judges)) : Math.round(judges * 0.7);
  const liveLinks = hostile ? random.int(physical + 1) : Math.round(judges * 0.15);
  const virtual = hostile ? random.int(3) : Math.round(judges * 0.25);
  const rooms: RoomInput[] = [];
  for (let index = 0; index < physical; index += 1) {
    rooms.push({
      id: `R-${index + 1}`,
      name: `Courtroom ${index + 1}`,
      virtual: false,
      equipment: index < liveLinks ? [LIVE_LINK] : [],
      ...(hostile && random.chance(0.3) ? { available: { weekdays: [1, 2, 3, 4, 5].filter(() => random.chance(0.7)) } } : {}),
    });
  }
  for (let index = 0; index < virtual; index += 1) rooms.push({ id: `V-${index + 1}`, name: `Virtual room ${index + 1}`, virtual: true });
  return rooms;
}

function restrictSessionRooms(random: Random, sessions: SessionInput[], rooms: RoomInput[]): void {
  for (let index = 0; index < sessions.length; index += 1) {
    if (!random.chance(0.25)) continue;
    const open = rooms.filter(() => random.chance(0.5)).map((room) => room.id);
    sessions[index] = { ...sessions[index], rooms: open };
  }
}

function generateJudges(random: Random, count: number, startDay: number, lastDay: number, hostile: boolean): JudgeInput[] {
  return Array.from({ length: count }, (_, index): JudgeInput => {
    const specialisms: string[] = [];
    if (index % 5 === 1 || (hostile && random.chance(0.3))) specialisms.push('trafficking');
    if (index % 5 === 3 || (hostile && random.chance(0.3))) specialisms.push('family');
    const partTime = random.chance(hostile ? 0.4 : 0.2);
    const weekdays = partTime ? [1, 2, 3, 4, 5].filter(() => random.chance(0.7)) : [1, 2, 3, 4, 5];
    if (hostile && random.chance(0.3)) weekdays.push(6, 7);
    const nights = index % 4 === 0 || (hostile && random.chance(0.5));
    const leave = random.chance(hostile ? 0.5 : 0.7) ? [leaveBlock(random, startDay, lastDay, hostile ? 3 : 10)] : [];
    return {
      id: `J-${index + 1}`,
      name: `Judge ${index + 1}`,
      specialisms,
      sittingPattern: { weekdays, kinds: nights ? ['day', 'night'] : ['day'] },
      maxSittingMinutesPerDay: hostile ? random.pick([90, 150, 240, 300, 420]) : random.pick([300, 300, 300, 270, 330]),
      leave,
    };
  });
}

function leaveBlock(random: Random, startDay: number, lastDay: number, maxDays: number) {
  const from = startDay + random.int(Math.max(1, lastDay - startDay + 1));
  return { from: formatIsoDate(from), to: formatIsoDate(from + 2 + random.int(maxDays)) };
}

function generateInterpreters(random: Random, judges: number, startDay: number, lastDay: number, hostile: boolean): InterpreterInput[] {
  const count = hostile ? random.int(4) : Math.max(LANGUAGES.length, Math.round(judges * 0.3));
  return Array.from({ length: count }, (_, index): InterpreterInput => {
    const languages = new Set<string>([LANGUAGES[index % LANGUAGES.length][0]]);
    if (random.chance(0.35)) languages.add(weightedPick(random, LANGUAGES));
    return {
      id: `I-${index + 1}`,
      languages: [...languages],
      available: {
        weekdays: random.chance(hostile ? 0.6 : 0.3) ? [1, 2, 3, 4, 5].filter(() => random.chance(0.75)) : [1, 2, 3, 4, 5, 6, 7],
        kinds: random.chance(0.5) ? ['day', 'night'] : ['day'],
        unavailable: random.chance(0.4) ? [leaveBlock(random, startDay, lastDay, 7)] : [],
      },
    };
  });
}

function generateSupporters(random: Random, judges: number, hostile: boolean): SupporterInput[] {
  const intermediaries = hostile ? random.int(3) : Math.max(2, Math.round(judges * 0.15));
  const supporters = hostile ? random.int(3) : Math.max(2, Math.round(judges * 0.25));
  const weekly = () => (hostile && random.chance(0.5) ? { available: { weekdays: [1, 3, 5], kinds: ['day' as const] } } : {});
  return [
    ...Array.from({ length: intermediaries }, (_, index): SupporterInput => ({
      id: `INT-${index + 1}`,
      role: 'intermediary',
      ...weekly(),
    })),
    ...Array.from({ length: supporters }, (_, index): SupporterInput => ({ id: `SUP-${index + 1}`, role: 'supporter', ...weekly() })),
  ];
}

interface PersonPools {
  readonly prosecutors: number;
  readonly defence: number;
  readonly officers: number;
}

function generateCase(random: Random, index: number, startDay: number, pools: PersonPools, hostile: boolean): CaseInput {
  const type = weightedPick(random, CASE_TYPES);
  const criminal = type === 'criminal' || type === 'trafficking';
  const filedDaysAgo = 14 + Math.floor(1_450 * Math.pow(random.next(), 1.6));
  const filed = startDay - filedDaysAgo;
  const custody = criminal && random.chance(type === 'trafficking' ? 0.35 : 0.22);
  const childRate = type === 'trafficking' ? 0.3 : type === 'family' ? 0.25 : 0.08;
  const victims =
    criminal || type === 'family'
      ? Array.from({ length: 1 + random.int(2) }, () => ({ child: random.chance(childRate), vulnerable: random.chance(0.1) }))
      : [];
  const witnesses: WitnessInput[] = Array.from({ length: random.int(criminal ? 4 : 3) }, (_, k) => ({
    id: `W-${index + 1}-${k + 1}`,
    ...(random.chance(criminal || type === 'family' ? 0.06 : 0.01) ? { child: true } : {}),
    ...(random.chance(0.06) ? { vulnerable: true } : {}),
  }));
  if (criminal && random.chance(0.3)) witnesses.push({ id: `OFFICER-${1 + random.int(pools.officers)}` });
  const counsel = criminal
    ? [`PROS-${1 + random.int(pools.prosecutors)}`, `DEF-${1 + random.int(pools.defence)}`]
    : random.chance(0.8)
      ? [`DEF-${1 + random.int(pools.defence)}`, `DEF-${1 + random.int(pools.defence)}`].filter((id, k, all) => all.indexOf(id) === k)
      : [];
  const languages = random.chance(hostile ? 0.3 : 0.12) ? [weightedPick(random, LANGUAGES)] : [];
  if (languages.length && random.chance(0.12)) {
    const second = weightedPick(random, LANGUAGES);
    if (second !== languages[0]) languages.push(second);
  }
  const childWitness = witnesses.some((witness) => witness.child);
  const vulnerableWitness = witnesses.some((witness) => witness.vulnerable);
  const childVictim = victims.some((victim) => victim.child);
  const needs = {
    ...(childWitness && random.chance(0.6) ? { intermediary: true } : {}),
    ...((vulnerableWitness || childVictim) && random.chance(0.5) ? { supporter: true } : {}),
    ...(vulnerableWitness && random.chance(0.3) ? { liveLink: true } : {}),
  };
  const remoteRate = custody ? 0.1 : criminal ? 0.25 : type === 'family' ? 0.4 : 0.6;
  const judgeSpecialisms = type === 'family' && (childVictim || childWitness) && random.chance(0.4) ? ['family'] : [];
  const custodyLimitDays = hostile ? -3 + random.int(20) : -4 + random.int(200);
  return {
    id: `${type.slice(0, 3).toUpperCase()}-${String(index + 1).padStart(6, '0')}`,
    type,
    filed: formatIsoDate(filed),
    ...(custody ? { custody: { limit: formatIsoDate(startDay + custodyLimitDays) } } : {}),
    victims,
    witnesses,
    counsel,
    interpreterLanguages: languages,
    needs,
    remoteAllowed: random.chance(remoteRate),
    ...(judgeSpecialisms.length ? { judgeSpecialisms } : {}),
    hearings: generateHearings(random, criminal, hostile),
    adjournments: generateAdjournments(random, filed, startDay),
  };
}

function generateHearings(random: Random, criminal: boolean, hostile: boolean): HearingNeedInput[] {
  const minutes = (low: number, high: number) => low + 15 * random.int(Math.floor((high - low) / 15) + 1);
  const hearing = (type: HearingType, low: number, high: number, minDaysAfterPrevious?: number): HearingNeedInput => ({
    type,
    minutes: minutes(low, high),
    ...(minDaysAfterPrevious === undefined ? {} : { minDaysAfterPrevious }),
  });
  const longest = hostile ? 270 : 210;
  const gap = () => (hostile ? random.int(3) : 14 + random.int(22));
  const draw = random.next();
  if (criminal) {
    if (draw < 0.45) return [hearing('trial', 60, longest)];
    if (draw < 0.55) return [hearing('sentencing', 30, 60)];
    if (draw < 0.88) return [hearing('case_management', 30, 60), hearing('trial', 60, longest, gap())];
    return [hearing('case_management', 30, 60), hearing('trial', 90, longest, gap()), hearing('trial', 90, longest, 1)];
  }
  if (draw < 0.4) return [hearing('trial', 45, 150)];
  if (draw < 0.6) return [hearing('other', 30, 60)];
  return [hearing('case_management', 30, 45), hearing('trial', 60, 150, gap())];
}

function generateAdjournments(random: Random, filed: number, startDay: number): AdjournmentInput[] {
  const draw = random.next();
  const count = draw < 0.55 ? 0 : draw < 0.8 ? 1 : draw < 0.92 ? 2 : 3;
  return Array.from({ length: count }, () => ({
    date: formatIsoDate(filed + random.int(Math.max(1, startDay - filed))),
    reason: weightedPick(
      random,
      ADJOURNMENT_REASONS.map((reason, k) => [reason, ADJOURNMENT_WEIGHTS[k]] as const),
    ),
  }));
}

function weightedPick<T>(random: Random, items: readonly (readonly [T, number])[]): T {
  const total = items.reduce((sum, [, weight]) => sum + weight, 0);
  let draw = random.next() * total;
  for (const [item, weight] of items) {
    draw -= weight;
    if (draw < 0) return item;
  }
  return items[items.length - 1][0];
}
