import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsOptional, Matches } from 'class-validator';
import { ExpertPool } from '#registries';
import { Roles } from '../auth/auth.decorators';
import { FieldError } from '../problem/problem';
import { assertValid, validateAs } from '../problem/validation';
import { IsUscc, SafeText } from '../validation/validators';

export class ExpertRegistration {
  @ApiProperty({ description: "the expert's token `sub`" }) @Matches(/^[A-Za-z0-9._:@-]{1,128}$/, { message: 'id must be 1 to 128 letters, digits or . _ : @ -' }) id!: string;
  @ApiProperty() @SafeText(1, 64) name!: string;
  @ApiProperty({ type: [String], example: ['digital', 'engineering'] }) @IsArray() @ArrayMaxSize(50) @SafeText(1, 64, { each: true }) fields!: string[];
  @ApiPropertyOptional({ description: "the expert's organisation (USCC): excluded from its own cases (回避)" }) @IsOptional() @IsUscc() orgCode?: string;
  @ApiPropertyOptional({ description: 'false takes the expert out of future draws' }) @IsOptional() @IsBoolean() active?: boolean;
}

@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/experts')
export class ExpertsController {
  constructor(private readonly experts: ExpertPool) {}

  @Post()
  @HttpCode(200)
  @Roles('admin')
  @ApiBody({ type: [ExpertRegistration] })
  @ApiOperation({ summary: 'Register or update members of the expert pool (upsert by id)' })
  async register(@Body() body: unknown): Promise<{ registered: number }> {
    if (!Array.isArray(body) || body.length === 0 || body.length > 1000) assertValid([{ path: '', message: 'the body must be an array of 1 to 1000 experts' }]);
    const errors: FieldError[] = [];
    const experts = (body as unknown[]).map((row, i) => {
      const checked = validateAs(ExpertRegistration, row, String(i));
      errors.push(...checked.errors);
      return checked.value;
    });
    const ids = experts.map((e) => e?.id);
    ids.forEach((id, i) => {
      if (id !== undefined && ids.indexOf(id) !== i) errors.push({ path: `${i}.id`, message: 'id appears twice in this request' });
    });
    assertValid(errors);
    return { registered: await this.experts.register(experts) };
  }
}
