import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, Matches, Max, Min } from 'class-validator';
import { APPLICATION_STATUSES, PROGRAMS } from '#domain';

export class ListApplicationsQuery {
  @ApiPropertyOptional({ enum: PROGRAMS }) @IsOptional() @IsIn(PROGRAMS) program?: string;
  @ApiPropertyOptional({ enum: APPLICATION_STATUSES }) @IsOptional() @IsIn(APPLICATION_STATUSES) status?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(/^[a-z0-9-]{1,64}$/) town?: string;
  @ApiPropertyOptional({ description: 'submitted at or after (ISO-8601)' }) @IsOptional() @IsISO8601({ strict: true }) submittedFrom?: string;
  @ApiPropertyOptional({ description: 'submitted before (ISO-8601)' }) @IsOptional() @IsISO8601({ strict: true }) submittedTo?: string;
  @ApiPropertyOptional({ default: 1 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100000) page?: number;
  @ApiPropertyOptional({ default: 20 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) pageSize?: number;
}
