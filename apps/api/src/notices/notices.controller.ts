import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { fileObjectionUpdate } from '#workflows';
import { CurrentUser, Public } from '../auth/auth.decorators';
import { Principal } from '../auth/principal';
import { ApplicationAccess } from '../applications/application-access';
import { ApplicationWorkflows } from '../applications/application-workflows';
import { ProblemException } from '../problem/problem';
import { assertValid, validateAs } from '../problem/validation';
import { NoticesReadModel, NoticeView } from '../read-models/notices.read-model';
import { SafeText } from '../validation/validators';

export class ObjectionRequest {
  @SafeText(1, 4000)
  text!: string;
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
    private readonly notices: NoticesReadModel,
    private readonly access: ApplicationAccess,
    private readonly workflows: ApplicationWorkflows,
  ) {}

  @Get('notices')
  @Public()
  @ApiOperation({ summary: 'Open public notices (公示), with masked summaries; no sign-in needed (an employer signed in also sees its internal ones)' })
  async list(@CurrentUser() caller: Principal | undefined): Promise<{ items: NoticeView[]; total: number }> {
    const items = await this.notices.open(caller?.orgCode);
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
    if (!(await this.notices.openTo(id, caller.orgCode))) {
      await this.access.visible(caller, id); // 404 unless the caller may see the application at all
      throw ProblemException.of(409, 'NOTICE.NOT_OPEN', 'this application has no public notice open for objections');
    }
    const summary = await this.workflows.handle(id).executeUpdate(fileObjectionUpdate, {
      args: [{ actor: { id: caller.sub, role: caller.roles[0] ?? 'applicant' }, text: request.value.text }],
    });
    return { application: { id: summary.id, status: summary.status, stage: summary.stage } };
  }
}
