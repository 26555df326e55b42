import type { HearingRole } from '@ejustice/vocabulary/hearing-role';

/*
 * Copies of media-policy's role lists (libs/media-policy/src/role-permissions.ts), which the
 * browser bundle cannot import; a unit test keeps them equal. They only decide which buttons are
 * offered: the media node asks media-policy itself and refuses anyone else.
 */
const SCREEN_SHARING_ROLES: readonly HearingRole[] = ['judge', 'prosecutor', 'defence_counsel', 'victim_counsel'];
const CONSULTATION_OPENING_ROLES: readonly HearingRole[] = ['judge', 'prosecutor', 'defence_counsel', 'victim_counsel', 'supporter'];
const RECEIVE_ONLY_ROLES: readonly HearingRole[] = ['observer'];

export const ROLE_LISTS_FOR_TEST = { SCREEN_SHARING_ROLES, CONSULTATION_OPENING_ROLES, RECEIVE_ONLY_ROLES };

type Role = HearingRole | null | undefined;

export function mayShareScreen(role: Role): boolean {
  return role !== null && role !== undefined && SCREEN_SHARING_ROLES.includes(role);
}

export function mayOpenConsultation(role: Role): boolean {
  return role !== null && role !== undefined && CONSULTATION_OPENING_ROLES.includes(role);
}

export function sendsMedia(role: Role): boolean {
  return role !== null && role !== undefined && !RECEIVE_ONLY_ROLES.includes(role);
}

/**
 * The public gallery: watches and listens, is never seen or heard, has no microphone or camera to
 * check before entering and none to be muted. Unknown (null) is not the gallery. Takes a plain
 * string too: the hearing-link exchange names the role as one.
 */
export function isReceiveOnly(role: Role | string): boolean {
  return role !== null && role !== undefined && (RECEIVE_ONLY_ROLES as readonly string[]).includes(role);
}

/** Whether this participant conducts the hearing (the judge, or a clerk acting for the judge). */
export function isBench(role: Role): boolean {
  return role === 'judge' || role === 'clerk';
}

/**
 * Who may tell the judge, privately, "I need a break" (the server's rule in room-permissions.ts):
 * everyone who may be giving evidence or sitting beside a witness. The bench takes its own breaks;
 * the public gallery has no voice in the hearing.
 */
export function mayAskForBreak(role: Role): boolean {
  return role !== null && role !== undefined && !isBench(role) && !isReceiveOnly(role);
}
