import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../../auth/auth.decorators';
import { Principal } from '../../auth/principal';
import { IsIdNumber, SafeText } from '../../validation/validators';
import { SubjectErasure } from './subject-erasure';

export class EraseSubjectRequest {
  @IsIdNumber() idNumber!: string;
  /** Why (the legal basis, the request that asked): recorded in the log, numbers in it replaced. */
  @SafeText(1, 500) reason!: string;
}

/** Erasure of a person's personal data after the retention period (crypto-shredding, four eyes). */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/subjects/erase')
export class SubjectErasureController {
  constructor(private readonly erasure: SubjectErasure) {}

  @Post()
  @Roles('admin')
  @ApiResponse({ status: 201, description: '{ requestId }: another administrator confirms it' })
  @ApiOperation({ summary: "Ask to erase a person's personal data (admin); 404 when the system holds nothing of theirs" })
  request(@Body() body: EraseSubjectRequest, @CurrentUser() caller: Principal): Promise<{ requestId: string }> {
    return this.erasure.request(body.idNumber, body.reason, caller.sub);
  }

  @Post(':requestId/confirm')
  @Roles('admin')
  @ApiResponse({ status: 201, description: "the subject's data key is destroyed; every sealed field of theirs reads [已删除]" })
  @ApiOperation({ summary: 'Confirm an erasure (a different admin: 403 for the one who asked; 409 with possibleFrom before retention ends)' })
  confirm(@Param('requestId') requestId: string, @CurrentUser() caller: Principal): Promise<{ requestId: string; erasedAt: string; applications: string[] }> {
    return this.erasure.confirm(requestId, caller.sub);
  }
}
