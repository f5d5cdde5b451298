import { ExecutionContext, SetMetadata, applyDecorators, createParamDecorator } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import type { Role } from '#domain';
import type { Principal } from './principal';

export const PUBLIC_ROUTE = 'talentflow:public';
export const ROUTE_ROLES = 'talentflow:roles';

/** No token needed (health, metrics, dev-token). The OpenAPI document says so (`x-public`, no 401). */
export const Public = () => applyDecorators(SetMetadata(PUBLIC_ROUTE, true), ApiExtension('x-public', true));

/** The caller needs at least one of these roles; otherwise 403 (declared in the OpenAPI document as `x-roles`). */
export const Roles = (...roles: Role[]) => applyDecorators(SetMetadata(ROUTE_ROLES, roles), ApiExtension('x-roles', roles));

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  return ctx.switchToHttp().getRequest<{ principal: Principal }>().principal;
});
