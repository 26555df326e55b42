import { type CanActivate, type ExecutionContext, Injectable, SetMetadata, createParamDecorator } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '@ejustice/vocabulary/role';
import type { UserPrincipal } from '../domain/principal';
import { IdentityErrors } from '../domain/identity-errors';

const ROLES_KEY = 'ejustice:roles';

/** Only account holders with one of these roles may call the route (checked by RolesGuard). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const required = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [context.getHandler(), context.getClass()]);
    if (!required || required.length === 0) return true;
    const principal = context.switchToHttp().getRequest<{ user?: UserPrincipal }>().user;
    if (!principal || principal.kind !== 'user') throw IdentityErrors.unauthenticated();
    if (!principal.roles.some((r) => required.includes(r))) throw IdentityErrors.forbiddenRole();
    return true;
  }
}

/** The authenticated account holder of this request. */
export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext): UserPrincipal => {
  const user = context.switchToHttp().getRequest<{ user?: UserPrincipal }>().user;
  if (!user) throw IdentityErrors.unauthenticated();
  return user;
});
