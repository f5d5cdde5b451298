import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, ValidateNested } from 'class-validator';
import { TITLE_LEVELS } from '#domain';
import { IsPastOrCurrentYear, IsUscc, SafeText } from '../../validation/validators';

export class AchievementDto {
  @ApiProperty({ example: 'patent' }) @SafeText(1, 64) kind!: string;
  @ApiProperty() @SafeText(1, 200) title!: string;
  @ApiProperty({ example: 2025, minimum: 1950, description: 'at most this year' }) @IsPastOrCurrentYear() year!: number;
}

/** 职称直通车 form (API.md). */
export class TitleFastTrackFormDto {
  @ApiProperty({ example: 'engineering' }) @SafeText(1, 64) series!: string;
  @ApiProperty({ enum: TITLE_LEVELS }) @IsIn(TITLE_LEVELS) targetLevel!: string;
  @ApiProperty() @IsUscc() employerOrgCode!: string;
  @ApiProperty({ type: [AchievementDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => AchievementDto)
  achievements!: AchievementDto[];
}
