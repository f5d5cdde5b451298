import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Expert } from '#domain';
import { ExpertPool } from '#registries';
import { Roles } from '../../auth/auth.decorators';
import { ListExpertsQuery } from './list-experts.request.dto';

@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin/experts')
export class ListExpertsController {
  constructor(private readonly experts: ExpertPool) {}

  @Get()
  @ApiOperation({ summary: 'The expert pool, inactive members included, newest change first' })
  @ApiResponse({ status: 200, description: '{ items: [{ id, name, fields, orgCode?, active, updatedAt }], total }' })
  async list(@Query() q: ListExpertsQuery): Promise<{ items: (Expert & { active: boolean; updatedAt: string })[]; total: number }> {
    return this.experts.search({ q: q.q, active: q.active, page: q.page ?? 1, pageSize: q.pageSize ?? 20 });
  }
}
