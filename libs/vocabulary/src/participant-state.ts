/**
 * Lifecycle of a participant in a live hearing.
 *
 *   invited ──join──▶ waiting ──admit──▶ admitted ⇄ in_consultation
 *      ▲                 ▲  ◀──send back──┘
 *      │                 └──── reconnect ── disconnected ◀── socket lost (from any live state)
 *   removed ◀── remove (from any state; final for this hearing)
 *
 * Only `admitted` and `in_consultation` may ever receive hearing media; what exactly they
 * receive is decided by @ejustice/media-policy.
 */
export const PARTICIPANT_STATES = ['invited', 'waiting', 'admitted', 'in_consultation', 'disconnected', 'removed'] as const;

export type ParticipantState = (typeof PARTICIPANT_STATES)[number];

export function isParticipantState(value: unknown): value is ParticipantState {
  return typeof value === 'string' && (PARTICIPANT_STATES as readonly string[]).includes(value);
}
