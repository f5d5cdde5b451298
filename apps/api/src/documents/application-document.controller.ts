import { Controller, Get, Inject, Param, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { readableDocuments } from '#domain';
import { ApplicationAccess } from '../applications/application-access';
import { AccessLog } from '../audit/access-log';
import { CurrentUser } from '../auth/auth.decorators';
import { Principal } from '../auth/principal';
import { ProblemException } from '../problem/problem';
import { DocumentStorage } from './document-storage';
import { DOCUMENT_STORAGE, Documents } from './documents';

const CONTENT_TYPES = { pdf: 'application/pdf', jpg: 'image/jpeg', png: 'image/png' } as const;

/** A document of an application, to whoever may read the application (404 to anyone else); every read is logged. */
@ApiTags('applications')
@ApiBearerAuth()
@Controller('applications')
export class ApplicationDocumentController {
  constructor(
    private readonly access: ApplicationAccess,
    private readonly log: AccessLog,
    @Inject(DOCUMENT_STORAGE) private readonly storage: DocumentStorage,
    private readonly documents: Documents,
  ) {}

  @Get(':id/documents/:documentId')
  @ApiProduces('application/pdf', 'image/jpeg', 'image/png')
  @ApiOperation({ summary: "One of the application's documents, streamed (Content-Disposition, nosniff); the read goes to the audit access log" })
  async read(@Param('id') id: string, @Param('documentId') documentId: string, @CurrentUser() caller: Principal, @Res({ passthrough: true }) reply: FastifyReply): Promise<StreamableFile> {
    const row = await this.access.visible(caller, id);
    const readable = readableDocuments(row.state, caller.sub);
    const document = [...readable.materials, ...readable.attachments].find((d) => d.documentId === documentId);
    if (!document) throw ProblemException.notFound('document');
    if ((await this.documents.erased([documentId])).size) throw ProblemException.of(410, 'DOCUMENT.ERASED', '该材料已随申请人个人信息删除（个人信息保护法第四十七条）');
    await this.log.record(caller, 'GET /applications/:id/documents/:documentId', id, { documentId, key: document.key, sha256: document.sha256 });
    void reply.header('x-content-type-options', 'nosniff');
    return new StreamableFile(this.storage.open(document.sha256), {
      type: CONTENT_TYPES[document.type],
      length: document.bytes,
      disposition: `attachment; filename="${document.documentId}.${document.type}"; filename*=UTF-8''${encodeURIComponent(document.name)}`,
    });
  }
}
