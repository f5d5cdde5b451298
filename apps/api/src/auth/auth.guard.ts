import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '#domain';
import { ProblemException } from '../problem/problem';
import { PUBLIC_ROUTE, ROUTE_ROLES } from './auth.decorators';
import { Principal } from './principal';
import { TokenService } from './token.service';
import { People } from '#notifications';
import { DelegationDirectory } from '../delegations/delegation-directory';

/** Every route needs a valid bearer token (401) and, where it names roles, one of them (403). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    private readonly delegations: DelegationDirectory,
    private readonly people: People,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    const request = ctx.switchToHttp().getRequest<{ headers: Record<string, string | undefined>; principal?: Principal }>();
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer ([A-Za-z0-9\-_.]+)$/.exec(header) : null;
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) {
      // A public route serves everyone; a valid token still tells who asks (an employer sees its internal notices).
      const principal = match ? await this.tokens.verify(match[1]) : null;
      if (principal) request.principal = await this.delegations.effective(principal);
      return true;
    }
    if (!match) throw ProblemException.of(401, 'Unauthorized', 'a bearer token is required');
    const principal = await this.tokens.verify(match[1]);
    if (!principal) throw ProblemException.of(401, 'Unauthorized', 'the token is invalid or expired');
    // Notifications reach people by what their token says (e-mail, phone, queues): kept when it changes.
    await this.people.saw(principal).catch((err) => process.stderr.write(`people: ${String(err)}\n`));
    request.principal = await this.delegations.effective(principal);
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROUTE_ROLES, targets);
    if (roles && !roles.some((r) => request.principal!.roles.includes(r))) {
      throw ProblemException.of(403, 'Forbidden', `this needs one of the roles: ${roles.join(', ')}`);
    }
    return true;
  }
}
