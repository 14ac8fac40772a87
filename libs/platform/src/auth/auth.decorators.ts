import { applyDecorators, createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import type { Request } from 'express';
import type { Actor } from '../http/request-context.js';
import type { Role } from './roles.js';

export const PUBLIC_ROUTE = 'medjourney:public';
export const ROUTE_ROLES = 'medjourney:roles';

/**
 * A route anyone may call without a token (login, the public directory, verification). Its
 * OpenAPI operation says so with `security: []`, so a generated client sends no token; the
 * undefined summary keeps the one the route's own @ApiOperation gives, whatever the order.
 */
export const Public = () => applyDecorators(SetMetadata(PUBLIC_ROUTE, true), ApiOperation({ summary: undefined, security: [] }));

export const OWN_AUTHORIZATION = 'medjourney:own-authorization';

/**
 * A route outside the API whose Authorization header is not a session token (the API's
 * /metrics takes METRICS_TOKEN): the guard leaves it alone, and the route checks it itself.
 */
export const OwnAuthorization = () => SetMetadata(OWN_AUTHORIZATION, true);

/** The roles that may call a route; any other authenticated role answers 403. Every route declares this or @Public, once. */
export const Roles = (...roles: Role[]) => SetMetadata(ROUTE_ROLES, roles);

export type AuthenticatedRequest = Request & { actor?: Actor };

/** The caller established by the auth guard. */
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  const actor = ctx.switchToHttp().getRequest<AuthenticatedRequest>().actor;
  if (!actor) throw new Error('CurrentActor used on a public route');
  return actor;
});
