import { type KeyObject, createSecretKey } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { APP_CONFIG, type AppConfig, ConfigError } from '@ejustice/platform';
import { IdentityErrors } from '../domain/identity-errors';
import type { UserPrincipal } from '../domain/principal';
import { accessPrincipalOf } from '../tokens/token.service';
import { SessionService } from './session.service';

/**
 * The HMAC key, made once: given the secret as a string, jsonwebtoken tries it first as a PEM public
 * key on every request, and builds and throws an error before taking it as a secret (a fifth of a
 * millisecond per request under load, in the filing benchmark's profile). loadConfig leaves
 * JWT_SECRET out only in a production process that declared it signs no tokens.
 */
function jwtKeyOf(config: AppConfig): KeyObject {
  if (config.auth.jwtSecret === undefined) throw new ConfigError(['JWT_SECRET must be set for this process to check access tokens.']);
  return createSecretKey(Buffer.from(config.auth.jwtSecret, 'utf8'));
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
      // passport-jwt hands the key to jsonwebtoken unchanged; its types predate jsonwebtoken 9's KeyObject.
      secretOrKey: jwtKeyOf(config) as unknown as Buffer,
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
