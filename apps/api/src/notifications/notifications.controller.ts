import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiPropertyOptional, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { NotificationPolicy, ROLES, notificationPolicyProblems } from '#domain';
import { NotificationPolicies } from '#notifications';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { Principal } from '../auth/principal';
import { ProblemException } from '../problem/problem';
import { assertValid } from '../problem/validation';
import { DeliveryView, InboxItem, NotificationsReadModel } from '../read-models/notifications.read-model';

export class InboxQuery {
  @ApiPropertyOptional({ default: 50 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
}

export const DELIVERY_STATUSES = ['pending', 'sending', 'retrying', 'sent', 'failed'] as const;

export class DeliveriesQuery {
  @ApiPropertyOptional({ enum: DELIVERY_STATUSES }) @IsOptional() @IsIn(DELIVERY_STATUSES) status?: string;
  @ApiPropertyOptional({ default: 100 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
}

/** The caller's inbox (站内消息): what the log told them, their queues and their organisation. */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('me/notifications')
export class MyNotificationsController {
  constructor(private readonly notifications: NotificationsReadModel) {}

  @Get()
  @Roles(...ROLES)
  @ApiOperation({ summary: 'My notifications, newest first, and how many are unread' })
  inbox(@Query() q: InboxQuery, @CurrentUser() caller: Principal): Promise<{ items: InboxItem[]; unread: number }> {
    return this.notifications.inbox(caller, q.limit ?? 50);
  }

  @Post('read-all')
  @HttpCode(200)
  @Roles(...ROLES)
  @ApiOperation({ summary: 'Mark every notification of mine read' })
  async readAll(@CurrentUser() caller: Principal): Promise<{ marked: number }> {
    return { marked: await this.notifications.markAllRead(caller) };
  }

  @Post(':id/read')
  @HttpCode(200)
  @Roles(...ROLES)
  @ApiOperation({ summary: 'Mark a notification read (again: keeps the first time); 404 when it is not mine' })
  async read(@Param('id') id: string, @CurrentUser() caller: Principal): Promise<{ id: string; readAt: string }> {
    const read = await this.notifications.markRead(caller, id);
    if (!read) throw ProblemException.notFound('notification');
    return read;
  }
}

/** The delivery log for operators: what went out by e-mail and SMS, what is being retried, what was given up. */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/notifications')
export class AdminNotificationsController {
  constructor(private readonly notifications: NotificationsReadModel) {}

  @Get()
  @Roles('admin')
  @ApiOperation({ summary: 'Deliveries (e-mail, SMS), newest first; ?status=failed for those given up' })
  list(@Query() q: DeliveriesQuery): Promise<{ items: DeliveryView[]; counts: Record<string, number> }> {
    return this.notifications.deliveries(q.status, q.limit ?? 100);
  }
}

/** The message texts (templates, in Chinese) and the reminder lead time: policy data, versioned. */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/notification-policy')
export class NotificationPolicyController {
  constructor(private readonly policies: NotificationPolicies) {}

  @Get()
  @Roles('admin')
  @ApiOperation({ summary: 'The notification policy in force (templates per kind, reminder working days)' })
  async current(): Promise<{ version: number; policy: NotificationPolicy }> {
    const policy = await this.policies.current();
    return { version: policy.version, policy };
  }

  @Post()
  @Roles('admin')
  @ApiBody({ schema: { type: 'object' } })
  @ApiResponse({ status: 201, description: '{ version }' })
  @ApiOperation({ summary: 'Publish new templates (every kind, known placeholders only); every problem listed' })
  async publish(@Body() body: unknown, @CurrentUser() caller: Principal): Promise<{ version: number }> {
    assertValid(notificationPolicyProblems(body));
    const { version: _version, ...document } = body as NotificationPolicy;
    return { version: await this.policies.publish(document, caller.sub) };
  }
}
