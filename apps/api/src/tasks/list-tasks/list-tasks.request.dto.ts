import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { PROGRAMS } from '#domain';
import { TASK_SORTS } from '../../read-models/tasks.read-model';

export class ListTasksQuery {
  @ApiPropertyOptional() @IsOptional() @Matches(/^[a-z0-9-]{1,64}$/) queue?: string;
  @ApiPropertyOptional({ enum: ['open', 'claimed', 'completed'] }) @IsOptional() @IsIn(['open', 'claimed', 'completed']) status?: string;
  @ApiPropertyOptional({ enum: ['true', 'false'] }) @IsOptional() @IsIn(['true', 'false']) mine?: string;
  @ApiPropertyOptional({ enum: PROGRAMS }) @IsOptional() @IsIn(PROGRAMS) program?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(/^[a-z0-9-]{1,64}$/) town?: string;
  @ApiPropertyOptional({ enum: ['true', 'false'] }) @IsOptional() @IsIn(['true', 'false']) escalated?: string;
  @ApiPropertyOptional({ enum: ['true'], description: 'only tasks past their due time' }) @IsOptional() @IsIn(['true', 'false']) overdue?: string;
  @ApiPropertyOptional({ enum: TASK_SORTS, default: 'escalated first, then priority, then dueAt' }) @IsOptional() @IsIn(TASK_SORTS) sort?: (typeof TASK_SORTS)[number];
  @ApiPropertyOptional({ default: 1 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100000) page?: number;
  @ApiPropertyOptional({ default: 50 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) pageSize?: number;
}
