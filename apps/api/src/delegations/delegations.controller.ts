import { Body, Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsISO8601, IsOptional, IsString, Length, Matches } from 'class-validator';
import { randomUUID } from 'node:crypto';
import { DelegationEvent, delegationStreamId, Role } from '#domain';
import { EventStore, EVENT_STORE } from '#event-store';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { Principal } from '../auth/principal';
import { FieldError, ProblemException } from '../problem/problem';
import { DelegationsReadModel, DelegationView } from '../read-models/delegations.read-model';
import { SafeText } from '../validation/validators';
import { DELEGABLE_ROLES } from './delegation-directory';

const MAX_DAYS = 90;

export class GrantDelegationRequest {
  @ApiProperty({ description: 'the stand-in (token sub)' }) @IsString() @Length(1, 128) @Matches(/^[A-Za-z0-9._:@-]+$/) to!: string;
  @ApiProperty({ type: [String] }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(50) @Matches(/^[a-z0-9-]{1,64}$/, { each: true }) queues!: string[];
  @ApiPropertyOptional({ enum: DELEGABLE_ROLES, isArray: true }) @IsOptional() @IsArray() @IsIn(DELEGABLE_ROLES, { each: true }) roles?: Role[];
  @ApiPropertyOptional() @IsOptional() @IsISO8601({ strict: true }) validFrom?: string;
  @ApiProperty() @IsISO8601({ strict: true }) validUntil!: string;
  @ApiProperty() @SafeText(1, 500) reason!: string;
}

/** 委托: delegations are events in their own streams (`delegation-<id>`), projected into `delegations`. */
@ApiTags('tasks')
@ApiBearerAuth()
@Roles(...DELEGABLE_ROLES)
@Controller('delegations')
export class DelegationsController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly delegations: DelegationsReadModel,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Let a stand-in act on some of your queues for a period (at most 90 days)' })
  async grant(@Body() body: GrantDelegationRequest, @CurrentUser() caller: Principal & { delegatedBy?: string[] }): Promise<DelegationView> {
    const errors: FieldError[] = [];
    const now = new Date();
    const validFrom = body.validFrom ? new Date(body.validFrom) : now;
    const validUntil = new Date(body.validUntil);
    const ownQueues = caller.delegatedBy ? [] : caller.queues; // a stand-in cannot pass on what was lent to them
    const roles = body.roles ?? caller.roles.filter((r) => DELEGABLE_ROLES.includes(r));
    if (body.to === caller.sub) errors.push({ path: 'to', message: 'you cannot delegate to yourself' });
    const foreign = body.queues.filter((q) => !ownQueues.includes(q));
    if (foreign.length) errors.push({ path: 'queues', message: `you can delegate only your own queues; not yours: ${foreign.join(', ')}` });
    const foreignRoles = roles.filter((r) => !caller.roles.includes(r));
    if (foreignRoles.length || roles.length === 0) errors.push({ path: 'roles', message: 'you can delegate only staff roles you hold' });
    if (!(validUntil > validFrom)) errors.push({ path: 'validUntil', message: 'validUntil must be after validFrom' });
    if (validUntil.getTime() - validFrom.getTime() > MAX_DAYS * 86_400_000) errors.push({ path: 'validUntil', message: `a delegation lasts at most ${MAX_DAYS} days` });
    if (validUntil <= now) errors.push({ path: 'validUntil', message: 'validUntil must be in the future' });
    if (errors.length) throw ProblemException.validation(errors);
    const delegationId = randomUUID();
    const event: DelegationEvent = {
      type: 'DelegationGranted',
      data: {
        delegationId,
        from: caller.sub,
        to: body.to,
        roles,
        queues: body.queues,
        validFrom: validFrom.toISOString(),
        validUntil: validUntil.toISOString(),
        reason: body.reason,
      },
    };
    await this.store.append(delegationStreamId(delegationId), 0, [
      { eventId: randomUUID(), type: event.type, data: event.data, metadata: { actor: { id: caller.sub, role: roles[0] }, workflowId: 'none', policyVersion: 0 } },
    ]);
    return (await this.delegations.byId(delegationId))!;
  }

  @Get()
  @ApiOperation({ summary: 'Delegations you gave or received' })
  async mine(@CurrentUser() caller: Principal): Promise<DelegationView[]> {
    return this.delegations.givenOrReceived(caller.sub);
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @ApiOperation({ summary: 'End a delegation you gave, now' })
  async revoke(@Param('id') id: string, @CurrentUser() caller: Principal): Promise<DelegationView> {
    const found = /^[0-9a-f-]{36}$/i.test(id) ? await this.delegations.byId(id) : null;
    if (!found || (found.from !== caller.sub && found.to !== caller.sub)) throw ProblemException.notFound('delegation');
    if (found.from !== caller.sub) throw ProblemException.of(403, 'FORBIDDEN', 'only the person who delegated can revoke');
    if (found.revokedAt) throw ProblemException.of(409, 'DELEGATION.REVOKED', 'this delegation was already revoked');
    const event: DelegationEvent = { type: 'DelegationRevoked', data: { delegationId: id, by: caller.sub } };
    await this.store.append(delegationStreamId(id), 1, [
      { eventId: randomUUID(), type: event.type, data: event.data, metadata: { actor: { id: caller.sub, role: found.roles[0] as Role }, workflowId: 'none', policyVersion: 0 } },
    ]);
    return (await this.delegations.byId(id))!;
  }
}
