import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  Max,
  Min,
  ValidateNested,
  ValidationArguments,
  registerDecorator,
} from 'class-validator';
import { IsCalendarDate, SafeText } from '../../validation/validators';
import { DocumentReferenceDto, DocumentReferences } from '../../applications/submit-application/submit-application.request.dto';

// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

function commentProblem(value: unknown, outcome: unknown): string | null {
  if (value === undefined) return outcome === 'approve' ? null : 'comment is required to reject or return';
  if (typeof value !== 'string' || value.trim().length === 0 || value.length > 4000) return 'comment must be text of 1 to 4000 characters';
  if (CONTROL_CHARS.test(value)) return 'comment must not contain control characters';
  return null;
}

/** A comment must be given to reject or return; approving may go without one. One message per failure. */
function CommentRule(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'commentRule',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: (args: ValidationArguments) => commentProblem(args.value, (args.object as CompleteTaskRequest).outcome) ?? '' },
      validator: {
        validate: (value: unknown, args: ValidationArguments) => commentProblem(value, (args.object as CompleteTaskRequest).outcome) === null,
      },
    });
}

const MAX_FEN = 100_000_000_000; // 10亿 yuan: far above any package, far below 2^53

export class ScoresDto {
  @IsInt() @Min(0) @Max(100) innovation!: number;
  @IsInt() @Min(0) @Max(100) team!: number;
  @IsInt() @Min(0) @Max(100) industryFit!: number;
  @IsInt() @Min(0) @Max(100) feasibility!: number;
}

export class MilestoneDto {
  @SafeText(1, 200) title!: string;
  @IsInt() @Min(1) @Max(MAX_FEN) amountFen!: number;
  @IsCalendarDate() dueOn!: string;
}

export class MeetingDto {
  @ApiProperty({ example: '区人才工作领导小组会议' }) @SafeText(1, 64) body!: string;
  @ApiProperty({ example: '2026-11-20' }) @IsCalendarDate() date!: string;
  @ApiProperty({ example: '秀人才〔2026〕3号纪要' }) @SafeText(1, 64) minutesRef!: string;
}

export class PackageDto {
  @IsInt() @Min(1) @Max(MAX_FEN) totalFundingFen!: number;
  @ApiPropertyOptional({ description: 'working space granted (m²)' }) @IsOptional() @IsInt() @Min(0) @Max(1_000_000) spaceSqm?: number;
  @ApiPropertyOptional({ description: 'housing granted, in words' }) @IsOptional() @SafeText(1, 200) housing?: string;
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => MilestoneDto) milestones!: MilestoneDto[];
}

export class EvidenceDto {
  @SafeText(1, 4000) summary!: string;
  @IsOptional() @IsArray() @ArrayMaxSize(50) @SafeText(1, 500, { each: true }) documents?: string[];
}

/** 硕博倍增: the labour contract the employer confirms (its dates must be the application's). */
export class ContractDto {
  @ApiProperty({ example: '2026-07-01' }) @IsCalendarDate() start!: string;
  @ApiProperty({ example: '2029-06-30' }) @IsCalendarDate() end!: string;
}

/** 一次性告知: one missing or wrong thing, and why. */
export class ReturnItemDto {
  @ApiPropertyOptional({ description: 'the form field concerned' }) @IsOptional() @SafeText(1, 64) field?: string;
  @ApiPropertyOptional({ description: 'the document (material) concerned' }) @IsOptional() @SafeText(1, 64) document?: string;
  @ApiProperty() @SafeText(1, 500) reason!: string;
}

export const OUTCOMES = ['approve', 'reject', 'return', 'uphold', 'overturn'] as const;

export class CompleteTaskRequest {
  @ApiProperty({ enum: OUTCOMES, description: 'uphold / overturn on a reconsideration (复核) task' })
  @IsIn(OUTCOMES)
  outcome!: (typeof OUTCOMES)[number];

  @ApiPropertyOptional({ description: 'required for every outcome but approve' })
  @CommentRule()
  comment?: string;

  @ApiPropertyOptional() @IsOptional() @IsBoolean() conflictOfInterest?: boolean;
  @ApiPropertyOptional({ type: ScoresDto }) @IsOptional() @ValidateNested() @Type(() => ScoresDto) scores?: ScoresDto;
  @ApiPropertyOptional({ enum: ['yes', 'no', 'abstain'] }) @IsOptional() @IsIn(['yes', 'no', 'abstain']) vote?: string;
  @ApiPropertyOptional({ type: PackageDto }) @IsOptional() @ValidateNested() @Type(() => PackageDto) package?: PackageDto;
  @ApiPropertyOptional({ type: MeetingDto, description: 'leadership decision: the collective meeting that took it (集体研究)' })
  @IsOptional()
  @ValidateNested()
  @Type(() => MeetingDto)
  meeting?: MeetingDto;
  @ApiPropertyOptional({ type: EvidenceDto }) @IsOptional() @ValidateNested() @Type(() => EvidenceDto) evidence?: EvidenceDto;
  @ApiPropertyOptional({ description: "finance: the bank's payment reference" }) @IsOptional() @SafeText(1, 64) paymentReference?: string;
  @ApiPropertyOptional({ description: 'clawback recovery: the amount repaid (fen; partial amounts allowed)' }) @IsOptional() @IsInt() @Min(1) @Max(MAX_FEN) repaidFen?: number;
  @ApiPropertyOptional({ description: 'title sign-off: the decision document number (文号)', example: '嘉秀人社〔2026〕12号' }) @IsOptional() @SafeText(1, 64) decisionRef?: string;
  @ApiPropertyOptional({ type: ContractDto, description: "employment confirmation (硕博倍增): the labour contract's dates, as the application declares them" })
  @IsOptional()
  @ValidateNested()
  @Type(() => ContractDto)
  contract?: ContractDto;
  @ApiPropertyOptional({ type: [ReturnItemDto], description: 'return (退回补正): every missing item at once (一次性告知), at least one' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ReturnItemDto)
  items?: ReturnItemDto[];
  @DocumentReferences(10, "attachments (办理附件): uploads (POST /applications/uploads) under the key 'evidence'")
  documents?: DocumentReferenceDto[];
}

/** The kind-specific part of a completion, as stored in TaskCompleted.fields. */
export function completionFields(body: CompleteTaskRequest): Record<string, unknown> {
  const { outcome: _outcome, comment: _comment, documents: _documents, ...rest } = body;
  void _outcome;
  void _comment;
  void _documents;
  return JSON.parse(JSON.stringify(rest)) as Record<string, unknown>;
}
