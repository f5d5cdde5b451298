import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Matches, Max, Min } from 'class-validator';
import { IsCalendarDate, SafeText } from '../../validation/validators';
import { BankAccountDto, BankAccountField } from './bank-account.dto';

/** 技能补贴 form (API.md). */
export class SkillSubsidyFormDto {
  @ApiProperty({ example: 'S330400202600123' })
  @Matches(/^[A-Za-z0-9-]{4,64}$/, { message: 'certificateNumber must be 4 to 64 letters, digits or dashes' })
  certificateNumber!: string;

  @ApiProperty({ minimum: 1, maximum: 5, example: 3 })
  @IsInt()
  @Min(1)
  @Max(5)
  level!: number;

  @ApiProperty({ example: '电工' })
  @SafeText(1, 64)
  occupation!: string;

  @ApiProperty({ example: '2026-09-01' })
  @IsCalendarDate()
  issuedOn!: string;

  @BankAccountField()
  bankAccount!: BankAccountDto;
}
