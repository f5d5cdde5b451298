import { ApiProperty } from '@nestjs/swagger';
import { IsDefined, IsIn, IsObject, IsString, Length } from 'class-validator';
import { PROGRAMS, Program } from '#domain';

export class SubmitApplicationRequest {
  @ApiProperty({ enum: PROGRAMS, example: 'skill-subsidy' })
  @IsIn(PROGRAMS)
  program!: Program;

  @ApiProperty({ example: 'wangdian', description: "a town code from the policy's town list" })
  @IsString()
  @Length(1, 64)
  town!: string;

  @ApiProperty({ type: Object, description: 'the program-specific form (see API.md)' })
  @IsDefined()
  @IsObject()
  form!: Record<string, unknown>;
}

export class SubmitApplicationResponse {
  @ApiProperty() id!: string;
  @ApiProperty() program!: string;
  @ApiProperty() status!: string;
  @ApiProperty() workflowId!: string;
}
