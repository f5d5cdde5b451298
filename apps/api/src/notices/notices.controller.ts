import { Body, Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { ApplicationState } from '#domain';
import { DATA_SOURCE } from '#event-store';
import { fileObjectionUpdate } from '#workflows';
import { CurrentUser } from '../auth/auth.decorators';
import { Principal } from '../auth/principal';
import { ApplicationAccess } from '../applications/application-access';
import { ApplicationWorkflows } from '../applications/application-workflows';
import { ProblemException } from '../problem/problem';
import { assertValid, validateAs } from '../problem/validation';
import { SafeText } from '../validation/validators';

export class ObjectionRequest {
  @SafeText(1, 4000)
  text!: string;
}

export interface NoticeView {
  applicationId: string;
  program: string;
  town: string;
  scope: 'public' | 'employer-internal';
  summary: { name: string; program: string; amountFen?: number; title?: string };
  closesAt: string;
  objections: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * 公示: open public notices are visible to anyone authenticated (only the masked summary), and anyone
 * authenticated may object while one is open. An employer's internal notice is visible to its own people.
 */
@ApiTags('notices')
@ApiBearerAuth()
@Controller()
export class NoticesController {
  constructor(
    @Inject(DATA_SOURCE) private readonly ds: DataSource,
    private readonly access: ApplicationAccess,
    private readonly workflows: ApplicationWorkflows,
  ) {}

  @Get('notices')
  @ApiOperation({ summary: 'Open public notices (公示), with masked summaries' })
  async list(@CurrentUser() caller: Principal): Promise<{ items: NoticeView[]; total: number }> {
    const rows = (await this.ds.query(
      `SELECT id, program, town, state->'notice' AS notice FROM applications
       WHERE (state->'notice'->>'open')::boolean
         AND (state->'notice'->>'scope' = 'public' OR state->'form'->>'employerOrgCode' = $1)
       ORDER BY state->'notice'->>'closesAt' LIMIT 500`,
      [caller.orgCode ?? ''],
    )) as { id: string; program: string; town: string; notice: NonNullable<ApplicationState['notice']> }[];
    const items = rows.map((r) => ({
      applicationId: r.id,
      program: r.program,
      town: r.town,
      scope: r.notice.scope,
      summary: r.notice.summary,
      closesAt: r.notice.closesAt,
      objections: r.notice.objections.length,
    }));
    return { items, total: items.length };
  }

  @Post('applications/:id/objections')
  @HttpCode(201)
  @ApiBody({ type: ObjectionRequest })
  @ApiOperation({ summary: 'Object to an application during its public notice; 409 when no notice is open' })
  async object(@Param('id') id: string, @Body() body: unknown, @CurrentUser() caller: Principal) {
    const request = validateAs(ObjectionRequest, body, '');
    assertValid(request.errors.map((e) => ({ ...e, path: e.path.replace(/^\./, '') })));
    if (!UUID.test(id)) throw ProblemException.notFound('application');
    const [row] = (await this.ds.query(`SELECT state->'notice' AS notice, state->'form'->>'employerOrgCode' AS employer FROM applications WHERE id = $1`, [id])) as {
      notice: ApplicationState['notice'] | null;
      employer: string | null;
    }[];
    const noticeVisible = row?.notice?.open && (row.notice.scope === 'public' || (caller.orgCode && caller.orgCode === row.employer));
    if (!noticeVisible) {
      await this.access.visible(caller, id); // 404 unless the caller may see the application at all
      throw ProblemException.of(409, 'NOTICE.NOT_OPEN', 'this application has no public notice open for objections');
    }
    const summary = await this.workflows.handle(id).executeUpdate(fileObjectionUpdate, {
      args: [{ actor: { id: caller.sub, role: caller.roles[0] ?? 'applicant' }, text: request.value.text }],
    });
    return { application: { id: summary.id, status: summary.status, stage: summary.stage } };
  }
}
