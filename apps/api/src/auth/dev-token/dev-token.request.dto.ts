import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsEmail, IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { ROLES, Role } from '#domain';
import { IsIdNumber, IsUscc, SafeText } from '../../validation/validators';

export class DevTokenRequest {
  @ApiProperty({ example: 'applicant-001' })
  @IsString()
  @Length(1, 128)
  @Matches(/^[A-Za-z0-9._:@-]+$/, { message: 'sub may contain letters, digits and . _ : @ - only' })
  sub!: string;

  @ApiProperty({ enum: ROLES, isArray: true, example: ['applicant'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(ROLES.length)
  @ArrayUnique()
  @IsIn(ROLES, { each: true })
  roles!: Role[];

  @ApiPropertyOptional({ example: '张三' })
  @IsOptional()
  @SafeText(1, 64)
  name?: string;

  @ApiPropertyOptional({ example: '11010519491231002X' })
  @IsOptional()
  @IsIdNumber()
  idNumber?: string;

  @ApiPropertyOptional({ example: '914403001922038216' })
  @IsOptional()
  @IsUscc()
  orgCode?: string;

  @ApiPropertyOptional({ example: '区科技局', description: 'reporter: the department whose indicators the holder reports' })
  @IsOptional()
  @SafeText(1, 64)
  department?: string;

  @ApiPropertyOptional({ example: 'zhangsan@example.cn', description: 'where e-mail notifications go' })
  @IsOptional()
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @Length(3, 254)
  email?: string;

  @ApiPropertyOptional({ example: '13800138000', description: 'a mainland mobile number: where SMS notifications go' })
  @IsOptional()
  @Matches(/^1[3-9][0-9]{9}$/, { message: 'phone must be an 11-digit mainland mobile number' })
  phone?: string;

  @ApiPropertyOptional({ example: ['hrss-skill'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Matches(/^[a-z0-9-]{1,64}$/, { each: true, message: 'each queue must be a lowercase queue name' })
  queues?: string[];

  @ApiPropertyOptional({ example: ['wangdian'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Matches(/^[a-z0-9-]{1,64}$/, { each: true, message: 'each town must be a town code' })
  towns?: string[];
}
