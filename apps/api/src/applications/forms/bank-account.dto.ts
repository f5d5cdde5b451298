import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { SafeText } from '../../validation/validators';

export class BankAccountDto {
  @ApiProperty({ example: '嘉兴银行秀洲支行' })
  @SafeText(1, 64)
  bankName!: string;

  @ApiProperty({ example: '6222021204001234567' })
  @Matches(/^\d{8,32}$/, { message: 'accountNumber must be 8 to 32 digits' })
  accountNumber!: string;
}
