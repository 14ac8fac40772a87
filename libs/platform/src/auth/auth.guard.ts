import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError } from '../errors/domain-error.js';
import { RequestContext } from '../http/request-context.js';
import { OWN_AUTHORIZATION, PUBLIC_ROUTE, ROUTE_ROLES, type AuthenticatedRequest } from './auth.decorators.js';
import type { Role } from './roles.js';
import { Authenticator } from './authenticator.js';

/**
 * Global guard: every route needs a valid bearer token of an active user (its scope read from
 * the account, see Authenticator) unless marked @Public, and the caller's role must be among the
 * route's @Roles (403 otherwise, before any lookup). A route that declares neither is closed to
 * everyone (fail closed); the route-table test (apps/api/test/route-table.e2e-spec.ts) names any such route.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: Authenticator,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    const req = ctx.switchToHttp().getRequest<AuthenticatedRequest>();
    if (this.reflector.getAllAndOverride<boolean>(OWN_AUTHORIZATION, targets)) return true;
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets);
    const header = req.headers.authorization;
    if (isPublic && !header) return true;

    const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
    if (!match) throw DomainError.unauthenticated();
    // A deactivated account or a changed role loses access at once, not when its token expires.
    const actor = await this.authenticator.actorOf(match[1]);
    req.actor = actor;
    RequestContext.setActor(actor);

    if (isPublic) return true;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROUTE_ROLES, targets);
    if (!roles || !roles.includes(actor.role as Role)) throw DomainError.forbidden();
    return true;
  }
}
