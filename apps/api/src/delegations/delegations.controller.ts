import { Body, Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsISO8601, IsOptional, IsString, Length, Matches } from 'class-validator';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { DelegationEvent, delegationStreamId, Role } from '#domain';
import { EventStore, DATA_SOURCE, EVENT_STORE } from '#event-store';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { Principal } from '../auth/principal';
import { FieldError, ProblemException } from '../problem/problem';
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

export interface DelegationView {
  id: string;
  from: string;
  to: string;
  roles: string[];
  queues: string[];
  validFrom: string;
  validUntil: string;
  reason: string;
  revokedAt?: string;
}

/** 委托: delegations are events in their own streams (`delegation-<id>`), projected into `delegations`. */
@ApiTags('tasks')
@ApiBearerAuth()
@Roles(...DELEGABLE_ROLES)
@Controller('delegations')
export class DelegationsController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(DATA_SOURCE) private readonly ds: DataSource,
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
    return (await this.find(delegationId))!;
  }

  @Get()
  @ApiOperation({ summary: 'Delegations you gave or received' })
  async mine(@CurrentUser() caller: Principal): Promise<DelegationView[]> {
    const rows = (await this.ds.query(`SELECT * FROM delegations WHERE delegator = $1 OR delegate = $1 ORDER BY valid_from DESC`, [caller.sub])) as Row[];
    return rows.map(view);
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @ApiOperation({ summary: 'End a delegation you gave, now' })
  async revoke(@Param('id') id: string, @CurrentUser() caller: Principal): Promise<DelegationView> {
    const found = /^[0-9a-f-]{36}$/i.test(id) ? await this.find(id) : null;
    if (!found || (found.from !== caller.sub && found.to !== caller.sub)) throw ProblemException.notFound('delegation');
    if (found.from !== caller.sub) throw ProblemException.of(403, 'FORBIDDEN', 'only the person who delegated can revoke');
    if (found.revokedAt) throw ProblemException.of(409, 'DELEGATION.REVOKED', 'this delegation was already revoked');
    const event: DelegationEvent = { type: 'DelegationRevoked', data: { delegationId: id, by: caller.sub } };
    await this.store.append(delegationStreamId(id), 1, [
      { eventId: randomUUID(), type: event.type, data: event.data, metadata: { actor: { id: caller.sub, role: found.roles[0] as Role }, workflowId: 'none', policyVersion: 0 } },
    ]);
    return (await this.find(id))!;
  }

  private async find(id: string): Promise<DelegationView | null> {
    const [row] = (await this.ds.query(`SELECT * FROM delegations WHERE id = $1`, [id])) as Row[];
    return row ? view(row) : null;
  }
}

interface Row {
  id: string;
  delegator: string;
  delegate: string;
  roles: string[];
  queues: string[];
  valid_from: Date;
  valid_until: Date;
  reason: string;
  revoked_at: Date | null;
}

function view(r: Row): DelegationView {
  return {
    id: r.id,
    from: r.delegator,
    to: r.delegate,
    roles: r.roles,
    queues: r.queues,
    validFrom: r.valid_from.toISOString(),
    validUntil: r.valid_until.toISOString(),
    reason: r.reason,
    ...(r.revoked_at ? { revokedAt: r.revoked_at.toISOString() } : {}),
  };
}
