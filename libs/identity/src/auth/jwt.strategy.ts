import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { APP_CONFIG, type AppConfig } from '@ejustice/platform';
import { IdentityErrors } from '../domain/identity-errors';
import type { UserPrincipal } from '../domain/principal';
import { TokenService } from '../tokens/token.service';
import { SessionService } from './session.service';

/**
 * Bearer access tokens. Beyond the signature and expiry, the session the token names must
 * still be live, which is what makes logout immediate.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly tokens: TokenService,
    private readonly sessions: SessionService,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: config.auth.jwtSecret,
      issuer: 'ejustice',
      audience: 'ejustice-api',
      algorithms: ['HS256'],
      passReqToCallback: true,
    });
  }

  async validate(req: { headers: { authorization?: string } }): Promise<UserPrincipal> {
    // Re-check through TokenService so the claim rules (typ, roles) live in one place.
    const raw = req.headers.authorization?.replace(/^Bearer\s+/i, '') ?? '';
    const principal = this.tokens.verifyAccessToken(raw);
    if (!principal) throw IdentityErrors.unauthenticated();
    if (!(await this.sessions.isLive(principal.sessionId))) throw IdentityErrors.sessionEnded();
    return principal;
  }
}
