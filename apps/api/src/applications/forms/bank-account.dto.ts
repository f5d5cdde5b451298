import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsObject, IsOptional, Matches, ValidateNested } from 'class-validator';
import { SafeText } from '../../validation/validators';

export class BankAccountDto {
  @ApiProperty({ example: '嘉兴银行秀洲支行' })
  @SafeText(1, 64)
  bankName!: string;

  @ApiProperty({ example: '6222021204001234567' })
  @Matches(/^\d{8,32}$/, { message: 'accountNumber must be 8 to 32 digits' })
  accountNumber!: string;
}

/** A form's bank account: a nested, validated object (required unless `optional`). */
export function BankAccountField(options: { optional?: boolean; description?: string } = {}): PropertyDecorator {
  return applyDecorators(
    options.optional ? ApiPropertyOptional({ type: BankAccountDto, description: options.description }) : ApiProperty({ type: BankAccountDto }),
    options.optional ? IsOptional() : IsDefined(),
    IsObject(),
    ValidateNested(),
    Type(() => BankAccountDto),
  ) as PropertyDecorator;
}
