import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, ValidateIf, IsOptional } from 'class-validator';
import { DEGREES } from '#domain';
import { IsCalendarDate, IsUscc, SafeText } from '../../validation/validators';
import { BankAccountDto, BankAccountField } from './bank-account.dto';

/** 硕博倍增 form (API.md). */
export class DegreeDoublingFormDto {
  @ApiProperty({ enum: DEGREES }) @IsIn(DEGREES) degree!: (typeof DEGREES)[number];
  @ApiProperty({ example: '浙江大学' }) @SafeText(1, 128) university!: string;
  @ApiProperty({ example: '2026-06-30' }) @IsCalendarDate() graduatedOn!: string;
  @ApiProperty() @IsBoolean() overseas!: boolean;
  @ApiPropertyOptional({ description: '全日制: a part-time degree is rejected (NOT_FULL_TIME); absent = not declared, the reviewer checks' })
  @IsOptional()
  @IsBoolean()
  fullTime?: boolean;

  @ApiPropertyOptional({ description: 'required when overseas: the 留学服务中心 degree-verification reference' })
  @ValidateIf((o: DegreeDoublingFormDto) => o.overseas === true || o.degreeVerificationRef !== undefined)
  @SafeText(1, 64)
  degreeVerificationRef?: string;

  @ApiProperty({ description: "the employer's Unified Social Credit Code" }) @IsUscc() employerOrgCode!: string;
  @ApiProperty({ example: '2026-07-01' }) @IsCalendarDate() contractStart!: string;
  @ApiProperty({ example: '2029-06-30' }) @IsCalendarDate() contractEnd!: string;

  @BankAccountField()
  bankAccount!: BankAccountDto;
}
