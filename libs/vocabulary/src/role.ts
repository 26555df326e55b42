/**
 * Account roles. A user belongs to one court and holds one or more of these.
 * People without accounts (most witnesses, supporters, outside interpreters) join hearings
 * through one-time links and have a hearing participant role instead (see HearingRole).
 */
export const ROLES = ['admin', 'judge', 'clerk', 'prosecutor', 'counsel', 'party', 'interpreter', 'supporter', 'observer'] as const;

export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
