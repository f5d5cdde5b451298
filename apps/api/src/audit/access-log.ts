import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import { Observable, from, switchMap } from 'rxjs';
import { DataSource } from 'typeorm';
import { DATA_SOURCE } from '#event-store';
import { Principal } from '../auth/principal';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface AccessLogEntry {
  id: number;
  at: string;
  actorId: string;
  actorRoles: string[];
  action: string;
  applicationId: string | null;
  detail: Record<string, unknown>;
}

/** Who read which file, when: audit reads are themselves recorded (append-only table). */
@Injectable()
export class AccessLog {
  constructor(@Inject(DATA_SOURCE) private readonly ds: DataSource) {}

  async record(p: Principal, action: string, applicationId: string | null, detail: Record<string, unknown>): Promise<void> {
    await this.ds.query(
      `INSERT INTO audit_access_log (actor_id, actor_roles, action, application_id, detail) VALUES ($1, $2, $3, $4, $5)`,
      [p.sub, p.roles, action, applicationId && UUID.test(applicationId) ? applicationId : null, JSON.stringify(detail)],
    );
  }

  async list(filter: { applicationId?: string; page: number; pageSize: number }): Promise<{ items: AccessLogEntry[]; total: number }> {
    const params = [filter.applicationId ?? null];
    const where = `($1::uuid IS NULL OR application_id = $1)`;
    const rows = (await this.ds.query(
      `SELECT * FROM audit_access_log WHERE ${where} ORDER BY id DESC LIMIT ${filter.pageSize} OFFSET ${(filter.page - 1) * filter.pageSize}`,
      params,
    )) as { id: string; at: Date; actor_id: string; actor_roles: string[]; action: string; application_id: string | null; detail: Record<string, unknown> }[];
    const [{ total }] = (await this.ds.query(`SELECT count(*)::int AS total FROM audit_access_log WHERE ${where}`, params)) as { total: number }[];
    return {
      total,
      items: rows.map((r) => ({
        id: Number(r.id),
        at: r.at.toISOString(),
        actorId: r.actor_id,
        actorRoles: r.actor_roles,
        action: r.action,
        applicationId: r.application_id,
        detail: r.detail,
      })),
    };
  }
}

/** Records the read before answering; a read that cannot be recorded is not served. */
@Injectable()
export class RecordsAuditAccess implements NestInterceptor {
  constructor(private readonly log: AccessLog) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = ctx.switchToHttp().getRequest<{
      principal: Principal;
      params: Record<string, string>;
      query: Record<string, unknown>;
      routeOptions?: { url?: string };
      method: string;
    }>();
    const action = `${request.method} ${request.routeOptions?.url ?? ctx.getHandler().name}`;
    return from(this.log.record(request.principal, action, request.params?.id ?? null, { ...request.query })).pipe(switchMap(() => next.handle()));
  }
}
