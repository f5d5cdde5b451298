import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../../auth/auth.decorators';
import { Principal } from '../../auth/principal';
import { ApplicationAccess } from '../application-access';
import { ApplicationView, applicationView } from '../application.view';

@ApiTags('applications')
@ApiBearerAuth()
@Controller('applications')
export class GetApplicationController {
  constructor(private readonly access: ApplicationAccess) {}

  @Get(':id')
  @ApiOperation({ summary: 'One application, if the caller may see it (404 otherwise)' })
  @ApiResponse({ status: 200, type: ApplicationView })
  async get(@Param('id') id: string, @CurrentUser() caller: Principal): Promise<ApplicationView> {
    const row = await this.access.visible(caller, id);
    return applicationView(row.state, caller);
  }
}
