import type { ActorType } from './audit-event.entity';

/** Who did something: an account holder, a hearing participant without an account, or the system. */
export interface Actor {
  readonly type: ActorType;
  readonly id: string | null;
}

export const SYSTEM_ACTOR: Actor = Object.freeze({ type: 'system', id: null });

export function userActor(userId: string): Actor {
  return { type: 'user', id: userId };
}

export function participantActor(participantId: string): Actor {
  return { type: 'participant', id: participantId };
}
