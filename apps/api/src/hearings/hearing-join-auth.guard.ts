import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { IdentityErrors, type ParticipantPrincipal, SessionService, TokenService, type UserPrincipal } from '@ejustice/identity';

/**
 * Authentication of the join-ticket endpoint, the one place in the api that accepts the
 * hearing-session token a one-time link is exchanged for (a witness has no account). A signed-in
 * user's access token is accepted as everywhere else, session and account checked as they stand now.
 */
@Injectable()
export class HearingJoinAuthGuard implements CanActivate {
  constructor(
    private readonly tokens: TokenService,
    private readonly sessions: SessionService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<Request & { user?: UserPrincipal | ParticipantPrincipal }>();
    const raw = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (!raw) throw IdentityErrors.unauthenticated();
    const user = this.tokens.verifyAccessToken(raw);
    if (user) {
      req.user = await this.sessions.currentPrincipal(user);
      return true;
    }
    const participant = this.tokens.verifyHearingToken(raw);
    if (!participant) throw IdentityErrors.unauthenticated();
    req.user = participant;
    return true;
  }
}
