import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsDefined, IsIn, IsInt, IsObject, IsOptional, Max, Min, ValidateNested } from 'class-validator';
import { INDUSTRIES, TALENT_CATEGORIES } from '#domain';
import { IsIdNumber, SafeText } from '../../validation/validators';
import { BankAccountDto, BankAccountField } from './bank-account.dto';

const MAX_FEN = 100_000_000_000;

export class TalentDto {
  @ApiProperty({ example: '王五' }) @SafeText(1, 64) name!: string;
  @ApiProperty({ enum: TALENT_CATEGORIES }) @IsIn(TALENT_CATEGORIES) category!: string;
  @ApiProperty({ type: [String] }) @IsArray() @ArrayMaxSize(50) @SafeText(1, 200, { each: true }) honours!: string[];
  @ApiPropertyOptional({ description: "the talent's resident ID, for the no-double-benefit check (extension of API.md)" })
  @IsOptional()
  @IsIdNumber()
  idNumber?: string;
}

export class ProjectDto {
  @ApiProperty() @SafeText(1, 200) title!: string;
  @ApiProperty({ enum: INDUSTRIES }) @IsIn(INDUSTRIES) industry!: string;
  @ApiProperty() @SafeText(1, 4000) summary!: string;
}

export class RequestedSupportDto {
  @ApiProperty({ description: 'fen' }) @IsInt() @Min(1) @Max(MAX_FEN) fundingFen!: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(10_000_000) spaceSqm?: number;
  @ApiPropertyOptional() @IsOptional() @SafeText(1, 500) housing?: string;
  @ApiPropertyOptional() @IsOptional() @SafeText(1, 2000) other?: string;
}

/** 顶尖人才 "一事一议" form (API.md); the sponsoring organisation is the applicant (its USCC is in the token). */
export class TopTalentFormDto {
  @ApiProperty({ type: TalentDto }) @IsDefined() @IsObject() @ValidateNested() @Type(() => TalentDto) talent!: TalentDto;
  @ApiProperty({ type: ProjectDto }) @IsDefined() @IsObject() @ValidateNested() @Type(() => ProjectDto) project!: ProjectDto;
  @ApiProperty({ type: RequestedSupportDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => RequestedSupportDto)
  requestedSupport!: RequestedSupportDto;

  @BankAccountField({ optional: true, description: "where instalments go; without it, the sponsor's account registered with the treasury" })
  bankAccount?: BankAccountDto;
}
