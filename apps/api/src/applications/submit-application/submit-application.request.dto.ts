import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsDefined, IsIn, IsObject, IsOptional, IsString, IsUUID, Length, Matches, ValidateNested } from 'class-validator';
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

  @DocumentReferences(30, "materials (申请材料): uploads (POST /applications/uploads) by the program's material keys")
  documents?: DocumentReferenceDto[];
}

/** An optional `documents` list of a request: at most `max` references to uploads, each checked. */
export function DocumentReferences(max: number, description: string): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ type: () => [DocumentReferenceDto], description }),
    IsOptional(),
    IsArray(),
    ArrayMaxSize(max),
    ValidateNested({ each: true }),
    Type(() => DocumentReferenceDto),
  );
}

/** A material of the application: which one (`key`, from the policy's materials) and the upload that is it. */
export class DocumentReferenceDto {
  @ApiProperty({ example: 'qualification-certificate' }) @IsString() @Matches(/^[a-z0-9-]{1,64}$/) key!: string;
  @ApiProperty() @IsUUID() documentId!: string;
}

export class SubmitApplicationResponse {
  @ApiProperty() id!: string;
  @ApiProperty() program!: string;
  @ApiProperty() status!: string;
  @ApiProperty() workflowId!: string;
}
