import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { APP_CONFIG, type AppConfig, ConfigError } from '@ejustice/platform';
import { IdentityErrors } from '../domain/identity-errors';
import type { UserPrincipal } from '../domain/principal';
import { accessPrincipalOf, jwtKeyOf } from '../tokens/token.service';
import { SessionService } from './session.service';

/** loadConfig leaves JWT_SECRET out only in a production process that declared it signs no tokens. */
function jwtKeyOrFail(config: AppConfig): Buffer {
  const key = jwtKeyOf(config);
  if (key === undefined) throw new ConfigError(['JWT_SECRET must be set for this process to check access tokens.']);
  return key;
}

/**
 * Bearer access tokens. Beyond the signature and expiry, the session the token names must
 * still be live (which makes logout immediate) and its account enabled, and the principal
 * carries the account's roles as they are now, not as the token remembers them (which makes a
 * withdrawn role or a disabled account count from the next request).
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly sessions: SessionService,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: jwtKeyOrFail(config),
      issuer: 'ejustice',
      audience: 'ejustice-api',
      algorithms: ['HS256'],
    });
  }

  /** The token's signature, issuer, audience and expiry are verified by now, once; the claim rules are TokenService's. */
  async validate(claims: unknown): Promise<UserPrincipal> {
    const principal = accessPrincipalOf(claims);
    if (!principal) throw IdentityErrors.unauthenticated();
    return this.sessions.currentPrincipal(principal);
  }
}
