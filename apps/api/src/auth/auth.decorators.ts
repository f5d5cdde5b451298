import { ExecutionContext, SetMetadata, createParamDecorator } from '@nestjs/common';
import type { Role } from '../../../../libs/domain/src/shared/programs';
import type { Principal } from './principal';

export const PUBLIC_ROUTE = 'talentflow:public';
export const ROUTE_ROLES = 'talentflow:roles';

/** No token needed (health, metrics, dev-token). */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/** The caller needs at least one of these roles; otherwise 403. */
export const Roles = (...roles: Role[]) => SetMetadata(ROUTE_ROLES, roles);

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  return ctx.switchToHttp().getRequest<{ principal: Principal }>().principal;
});
