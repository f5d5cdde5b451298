import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../../auth/auth.decorators';
import { Principal } from '../../auth/principal';
import { ApplicationListItem, ApplicationsReadModel } from '../../read-models/applications.read-model';
import { ListApplicationsQuery } from './list-applications.request.dto';

@ApiTags('applications')
@ApiBearerAuth()
@Controller('applications')
export class ListApplicationsController {
  constructor(private readonly applications: ApplicationsReadModel) {}

  @Get()
  @ApiOperation({ summary: 'Applications the caller may see, newest first; by program, status, town and submission time' })
  async list(@Query() q: ListApplicationsQuery, @CurrentUser() caller: Principal): Promise<{ items: ApplicationListItem[]; total: number }> {
    return this.applications.list(caller, {
      program: q.program,
      status: q.status,
      town: q.town,
      submittedFrom: q.submittedFrom,
      submittedTo: q.submittedTo,
      page: q.page ?? 1,
      pageSize: q.pageSize ?? 20,
    });
  }
}
