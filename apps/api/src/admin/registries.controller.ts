import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { LocalOrganisationRegistry, LocalSkillCertificateRegistry, LocalSocialInsuranceRegistry } from '#registries';
import { Roles } from '../auth/auth.decorators';
import { FieldError } from '../problem/problem';
import { assertValid, validateAs } from '../problem/validation';
import { IsCalendarDate, IsCalendarMonth, IsIdNumber, IsUscc, SafeText } from '../validation/validators';

export class SkillCertificateImport {
  @ApiProperty() @Matches(/^[A-Za-z0-9-]{4,64}$/) certificateNumber!: string;
  @ApiProperty() @IsIdNumber() idNumber!: string;
  @ApiProperty({ minimum: 1, maximum: 5 }) @IsInt() @Min(1) @Max(5) level!: number;
  @ApiProperty() @SafeText(1, 64) occupation!: string;
  @ApiProperty({ example: '2026-09-01' }) @IsCalendarDate() issuedOn!: string;
}

export class SocialInsuranceImport {
  @ApiProperty() @IsIdNumber() idNumber!: string;
  @ApiProperty() @IsUscc() orgCode!: string;
  @ApiProperty() @Matches(/^[a-z0-9-]{1,64}$/) town!: string;
  @ApiProperty() @IsInt() @Min(0) @Max(1200) months!: number;
  @ApiProperty({ example: '2026-10' }) @IsCalendarMonth() lastPaidMonth!: string;
  @ApiPropertyOptional({ example: '330411', description: 'where the months were paid (6-digit administrative code); absent means the district' })
  @IsOptional()
  @Matches(/^\d{6}$/, { message: 'regionCode must be a 6-digit administrative code' })
  regionCode?: string;
}

export class OrganisationImport {
  @ApiProperty() @IsUscc() orgCode!: string;
  @ApiProperty({ example: '嘉兴示例科技有限公司', description: 'the registered name (登记名称)' }) @SafeText(1, 100) name!: string;
}

const MAX_ROWS = 10_000;

function validateRows<T extends object>(cls: new () => T, body: unknown): T[] {
  if (!Array.isArray(body)) assertValid([{ path: '', message: 'the body must be an array of records' }]);
  const rows = body as unknown[];
  if (rows.length > MAX_ROWS) assertValid([{ path: '', message: `at most ${MAX_ROWS} records per import` }]);
  const errors: FieldError[] = [];
  const values = rows.map((row, i) => {
    const checked = validateAs(cls, row, String(i));
    errors.push(...checked.errors);
    return checked.value;
  });
  assertValid(errors);
  return values;
}

/**
 * Imports into the STAND-IN registries (see libs/registries): how this deployment learns what the 人社, 社保 and
 * 市场监管 systems know, until real adapters connect to them.
 */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/registries')
export class RegistriesController {
  constructor(
    private readonly certificateRegistry: LocalSkillCertificateRegistry,
    private readonly insuranceRegistry: LocalSocialInsuranceRegistry,
    private readonly organisationRegistry: LocalOrganisationRegistry,
  ) {}

  @Post('skill-certificates')
  @HttpCode(200)
  @Roles('admin')
  @ApiBody({ type: [SkillCertificateImport] })
  @ApiOperation({ summary: 'Import skill certificates (upsert by certificateNumber)' })
  async certificates(@Body() body: unknown): Promise<{ imported: number }> {
    const rows = validateRows(SkillCertificateImport, body);
    return { imported: await this.certificateRegistry.importCertificates(rows) };
  }

  @Post('social-insurance')
  @HttpCode(200)
  @Roles('admin')
  @ApiBody({ type: [SocialInsuranceImport] })
  @ApiOperation({ summary: 'Import social-insurance records (upsert by idNumber + orgCode)' })
  async insurance(@Body() body: unknown): Promise<{ imported: number }> {
    const rows = validateRows(SocialInsuranceImport, body);
    return { imported: await this.insuranceRegistry.importRecords(rows) };
  }

  @Post('organisations')
  @HttpCode(200)
  @Roles('admin')
  @ApiBody({ type: [OrganisationImport] })
  @ApiOperation({ summary: 'Import organisations’ registered names (upsert by orgCode): the 市场监管 enterprise registry, stand-in' })
  async organisations(@Body() body: unknown): Promise<{ imported: number }> {
    const rows = validateRows(OrganisationImport, body);
    return { imported: await this.organisationRegistry.importOrganisations(rows) };
  }
}
