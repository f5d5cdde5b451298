import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { DataSource } from 'typeorm';
import { Checkpoint, CheckpointVerdict, Checkpoints, loadSigningKey, StoreVerdict, verifyAll, DATA_SOURCE } from '#event-store';
import { Roles } from '../auth/auth.decorators';
import { ProblemException } from '../problem/problem';
import { AccessLog, AccessLogEntry, RecordsAuditAccess } from './access-log';

export class ExportedCheckpoint implements Checkpoint {
  @ApiProperty() @IsInt() @Min(1) id!: number;
  @ApiProperty() @IsString() @MaxLength(40) createdAt!: string;
  @ApiProperty() @IsInt() @Min(0) upToPosition!: number;
  @ApiProperty() @IsInt() @Min(0) streamCount!: number;
  @ApiProperty() @IsInt() @Min(0) eventCount!: number;
  @ApiProperty() @Matches(/^[0-9a-f]{64}$/) merkleRoot!: string;
  @ApiProperty({ enum: ['Ed25519'] }) @IsIn(['Ed25519']) algorithm!: 'Ed25519';
  @ApiProperty() @IsString() @MaxLength(200) signature!: string;
  @ApiProperty() @IsString() @MaxLength(2000) publicKey!: string;
  @ApiProperty() @Matches(/^[0-9a-f]{64}$/) keyId!: string;
}

export class VerifyCheckpointRequest {
  @ApiProperty({ type: ExportedCheckpoint }) @IsDefined() @ValidateNested() @Type(() => ExportedCheckpoint) checkpoint!: ExportedCheckpoint;
  @ApiPropertyOptional({ description: 'PEM public key the auditor trusts; defaults to the one in the checkpoint' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  trustedPublicKey?: string;
}

export class AccessLogQuery {
  @ApiPropertyOptional() @IsOptional() @IsUUID() applicationId?: string;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(1) page?: number;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) pageSize?: number;
}

@ApiTags('audit')
@ApiBearerAuth()
@Roles('auditor')
@UseInterceptors(RecordsAuditAccess)
@Controller('audit')
export class StoreAuditController {
  constructor(
    @Inject(DATA_SOURCE) private readonly ds: DataSource,
    private readonly checkpointLog: Checkpoints,
    private readonly accessLog: AccessLog,
  ) {}

  @Get('verify')
  @ApiOperation({ summary: 'Verify every stream of the store, and every signed checkpoint' })
  async verify(): Promise<StoreVerdict & { checkpoints: CheckpointVerdict[] }> {
    const verdict = await verifyAll(this.ds);
    const checkpoints = await this.checkpointLog.verifyAll();
    return { ...verdict, valid: verdict.valid && checkpoints.every((c) => c.valid), checkpoints };
  }

  @Get('checkpoints')
  @ApiOperation({ summary: 'Signed checkpoints (Ed25519 over a Merkle root of every stream head), with their public keys' })
  async checkpoints(): Promise<Checkpoint[]> {
    return this.checkpointLog.list();
  }

  @Get('checkpoints/:checkpointId')
  @ApiOperation({ summary: 'One checkpoint, as exported: keep it to prove later that the log was not rewritten' })
  async checkpoint(@Param('checkpointId') checkpointId: string): Promise<Checkpoint> {
    const found = /^\d{1,12}$/.test(checkpointId) ? await this.checkpointLog.get(Number(checkpointId)) : null;
    if (!found) throw ProblemException.notFound('checkpoint');
    return found;
  }

  @Post('checkpoints/verify')
  @HttpCode(200)
  @ApiOperation({ summary: 'Check a checkpoint you kept against the log as it is now (changes nothing)' })
  async verifyCheckpoint(@Body() body: VerifyCheckpointRequest): Promise<CheckpointVerdict> {
    return this.checkpointLog.verify(body.checkpoint, body.trustedPublicKey);
  }

  @Get('access-log')
  @ApiOperation({ summary: 'Who read which file, when (audit reads included)' })
  async log(@Query() q: AccessLogQuery): Promise<{ items: AccessLogEntry[]; total: number }> {
    return this.accessLog.list({ applicationId: q.applicationId, page: q.page ?? 1, pageSize: q.pageSize ?? 50 });
  }
}

/** Admins (not auditors, who change nothing) can take a checkpoint now; the worker takes them periodically. */
@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin/audit')
export class CheckpointAdminController {
  constructor(private readonly checkpointLog: Checkpoints) {}

  @Post('checkpoints')
  @ApiOperation({ summary: 'Take a signed checkpoint of the log now' })
  async create(): Promise<Checkpoint> {
    return this.checkpointLog.create(loadSigningKey());
  }
}
