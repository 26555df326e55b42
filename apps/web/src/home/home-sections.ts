import type { Role } from '@ejustice/vocabulary/role';

/**
 * What each account role lands on. `available` sections show real data; the others are features
 * still to be built and are shown only as a heading with an honest sentence, never with made-up
 * content. When a feature lands, flip it to available and give it a component in HomePage.
 */
export const HOME_SECTIONS = [
  // A judge's day is the hearings in it: first. Clerks see the whole court's (they act for the judge).
  { id: 'todaysHearings', roles: ['judge', 'clerk'], available: true },
  // Everyone else who takes part in hearings sees the ones they are listed in, next first.
  { id: 'myHearings', roles: ['interpreter', 'supporter', 'counsel', 'prosecutor', 'party'], available: true },
  { id: 'cases', roles: ['party', 'counsel', 'prosecutor', 'judge', 'clerk', 'admin', 'observer'], available: true },
  { id: 'inbox', roles: ['party', 'counsel', 'prosecutor', 'observer'], available: true },
  { id: 'myFilings', roles: ['party', 'counsel', 'prosecutor', 'observer'], available: true },
  { id: 'filingQueue', roles: ['clerk'], available: true },
  { id: 'hearingsToSchedule', roles: ['clerk'], available: false },
  { id: 'jobQueues', roles: ['admin'], available: true },
  { id: 'courtAdministration', roles: ['admin'], available: false },
] as const satisfies readonly { id: string; roles: readonly Role[]; available: boolean }[];

export type HomeSection = (typeof HOME_SECTIONS)[number];
export type HomeSectionId = HomeSection['id'];
export type PendingSectionId = Extract<HomeSection, { available: false }>['id'];

/** Sections for someone holding these roles, each once, real data before placeholders. */
export function sectionsFor(roles: readonly Role[]): HomeSection[] {
  const held = HOME_SECTIONS.filter((section) => (section.roles as readonly Role[]).some((role) => roles.includes(role)));
  return [...held.filter((section) => section.available), ...held.filter((section) => !section.available)];
}

/**
 * "My cases" for those who take part in cases; plain "Cases" for those who see the court's
 * cases by office (judge, clerk, administrator, observer).
 */
export function casesTitleKey(roles: readonly Role[]): 'cases.titleMine' | 'cases.titleAll' {
  const participant: readonly Role[] = ['party', 'counsel', 'prosecutor'];
  return roles.some((role) => participant.includes(role)) ? 'cases.titleMine' : 'cases.titleAll';
}
