import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@ejustice/platform';
import type { UserPrincipal } from '../domain/principal';
import { IdentityErrors } from '../domain/identity-errors';
import { assertPlatformOperator } from '../domain/platform-operator';

/**
 * Only platform operators (see isPlatformOperator) may call the routes of a controller or route
 * with `@UseGuards(PlatformOperatorGuard)`. Runs after the global JwtAuthGuard and RolesGuard.
 */
@Injectable()
export class PlatformOperatorGuard implements CanActivate {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const principal = context.switchToHttp().getRequest<{ user?: UserPrincipal }>().user;
    if (!principal || principal.kind !== 'user') throw IdentityErrors.unauthenticated();
    assertPlatformOperator(principal, this.config.operators.courtId);
    return true;
  }
}
