import { Body, Controller, HttpCode, Inject, Post, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { TEMPORAL_PAYLOAD_CODEC } from '#temporal';
import { Roles } from '../auth/auth.decorators';
import { FieldError, ProblemException } from '../problem/problem';
import { RecordsAuditAccess } from './access-log';

/** A payload as the Temporal Web UI and CLI send it to a codec server: metadata values and data in base64. */
interface JsonPayload {
  metadata?: Record<string, string>;
  data?: string;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const MAX_PAYLOADS = 1000;

function problemsOf(body: unknown): FieldError[] {
  const payloads = (body as { payloads?: unknown } | null)?.payloads;
  if (!Array.isArray(payloads)) return [{ path: 'payloads', message: 'payloads must be an array' }];
  if (payloads.length > MAX_PAYLOADS) return [{ path: 'payloads', message: `at most ${MAX_PAYLOADS} payloads at once` }];
  const problems: FieldError[] = [];
  payloads.forEach((p: JsonPayload, i) => {
    if (!p || typeof p !== 'object') return problems.push({ path: `payloads.${i}`, message: 'must be an object' });
    if (p.data !== undefined && (typeof p.data !== 'string' || !BASE64.test(p.data))) problems.push({ path: `payloads.${i}.data`, message: 'must be base64' });
    for (const [k, v] of Object.entries(p.metadata ?? {})) if (typeof v !== 'string' || !BASE64.test(v)) problems.push({ path: `payloads.${i}.metadata.${k}`, message: 'must be base64' });
    return undefined;
  });
  return problems;
}

const fromJson = (p: JsonPayload): Payload => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64')])),
  data: Buffer.from(p.data ?? '', 'base64'),
});
const toJson = (p: Payload): JsonPayload => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v ?? new Uint8Array()).toString('base64')])),
  data: Buffer.from(p.data ?? new Uint8Array()).toString('base64'),
});

/**
 * The codec server for Temporal's Web UI and CLI (`--codec-endpoint …/temporal-codec`): decrypts workflow payloads
 * for auditors and administrators only. Everyone else — and the Temporal server itself — sees ciphertext.
 */
@ApiTags('audit')
@ApiBearerAuth()
@UseInterceptors(RecordsAuditAccess)
@Controller('temporal-codec')
export class TemporalCodecController {
  constructor(@Inject(TEMPORAL_PAYLOAD_CODEC) private readonly codec: PayloadCodec) {}

  @Post('decode')
  @HttpCode(200)
  @Roles('auditor', 'admin')
  @ApiBody({ schema: { type: 'object', properties: { payloads: { type: 'array', items: { type: 'object' } } } } })
  @ApiOperation({ summary: 'Decrypt Temporal payloads (the Web UI / CLI codec protocol); auditor or admin' })
  async decode(@Body() body: unknown): Promise<{ payloads: JsonPayload[] }> {
    const problems = problemsOf(body);
    if (problems.length) throw ProblemException.validation(problems);
    const payloads = (body as { payloads: JsonPayload[] }).payloads;
    const out: JsonPayload[] = [];
    for (const [i, p] of payloads.entries()) {
      try {
        out.push(toJson((await this.codec.decode([fromJson(p)]))[0]));
      } catch (err) {
        problems.push({ path: `payloads.${i}`, message: `cannot be decrypted: ${err instanceof Error ? err.message : String(err)}` });
      }
    }
    if (problems.length) throw ProblemException.validation(problems);
    return { payloads: out };
  }
}
