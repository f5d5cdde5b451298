import { Controller, HttpCode, Inject, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiProperty, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type {} from '@fastify/multipart';
import FileType from 'file-type';
import { randomUUID } from 'node:crypto';
import { DocumentType } from '#domain';
import { CurrentUser } from '../auth/auth.decorators';
import { Principal } from '../auth/principal';
import { API_CONFIG, ApiConfig } from '../config/api.config';
import { ProblemException } from '../problem/problem';
import { CONTROL_CHARACTERS } from '../validation/control-characters';
import { DocumentStorage } from './document-storage';
import { DOCUMENT_STORAGE, Documents } from './documents';

export class UploadResponse {
  @ApiProperty() documentId!: string;
  @ApiProperty({ description: 'SHA-256 of the content, hex' }) sha256!: string;
  @ApiProperty() bytes!: number;
  @ApiProperty({ enum: ['pdf', 'jpg', 'png'] }) type!: DocumentType;
}

/** The types taken, as the file's magic bytes say (never its name or the header the client sends). */
const TYPES: Record<string, DocumentType> = { 'application/pdf': 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png' };

class Refusal extends Error {
  constructor(readonly problem: ProblemException) {
    super(problem.message);
  }
}

/**
 * 上传材料: one file per request (multipart/form-data, field `file`), streamed to storage while it is hashed — never
 * held in memory whole. It belongs to its uploader until a submission, supplement or completion references it.
 */
@ApiTags('applications')
@ApiBearerAuth()
@Controller('applications/uploads')
export class UploadController {
  constructor(
    @Inject(DOCUMENT_STORAGE) private readonly storage: DocumentStorage,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    private readonly documents: Documents,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiResponse({ status: 201, type: UploadResponse })
  @ApiOperation({ summary: 'Upload one document (pdf, jpeg or png by its content; at most UPLOAD_MAX_BYTES, else 413)' })
  async upload(@Req() request: FastifyRequest, @CurrentUser() caller: Principal): Promise<UploadResponse> {
    if (!request.isMultipart()) throw ProblemException.validation([{ path: 'file', message: 'send multipart/form-data with the file in the field `file`' }]);
    const part = await request.file({ limits: { fileSize: this.config.uploadMaxBytes, files: 1 } }).catch((err: unknown) => {
      throw malformed(err);
    });
    if (!part || part.fieldname !== 'file') throw ProblemException.validation([{ path: 'file', message: 'send the file in the field `file`' }]);
    // The name is kept for people (Content-Disposition on reading): no control characters, no path separators.
    const name = [...(part.filename || 'document')].map((c) => (CONTROL_CHARACTERS.test(c) || c === '/' || c === '\\' ? '_' : c)).join('').slice(0, 200);
    let type: DocumentType | undefined;
    let sourceError: unknown;
    part.file.on('error', (err) => (sourceError = err));
    try {
      const stored = await this.storage.put(part.file, async (file) => {
        if (part.file.truncated) throw new Refusal(ProblemException.of(413, 'UPLOAD.TOO_LARGE', `a document may be at most ${this.config.uploadMaxBytes} bytes`));
        if (file.bytes === 0) throw new Refusal(ProblemException.validation([{ path: 'file', message: 'the file is empty' }]));
        type = TYPES[(await FileType.fromBuffer(file.head))?.mime ?? ''];
        if (!type) throw new Refusal(ProblemException.of(415, 'UPLOAD.TYPE_NOT_ALLOWED', 'only PDF, JPEG and PNG files are taken (told by their content, not their name)'));
      });
      const documentId = randomUUID();
      await this.documents.record({ documentId, sha256: stored.sha256, bytes: stored.bytes, type: type!, name, uploadedBy: caller.sub });
      for (const sha256 of await this.documents.expire()) await this.storage.remove(sha256);
      return { documentId, sha256: stored.sha256, bytes: stored.bytes, type: type! };
    } catch (err) {
      if (err instanceof Refusal) throw err.problem;
      if (sourceError) throw malformed(sourceError); // the request's body, not the system, went wrong
      throw err;
    }
  }
}

/**
 * A multipart body that could not be read: the parser's own 4xx (too large, too many files) as it says, anything
 * else (a body cut short, a broken boundary) a 400 — never a 500, nothing stored.
 */
function malformed(err: unknown): unknown {
  const status = (err as { statusCode?: number }).statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) return err;
  return ProblemException.validation([{ path: 'file', message: `the multipart body could not be read (${(err as Error)?.message ?? 'malformed'})` }]);
}
