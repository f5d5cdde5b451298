import { Inject, Injectable, Provider } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { DocumentRef, DocumentType, ERASED_TEXT, MaterialSpec, UploadedDocument, documentProblems } from '#domain';
import { DATA_SOURCE } from '#event-store';
import { API_CONFIG, ApiConfig } from '../config/api.config';
import path from 'node:path';
import { DocumentStorage, FolderDocumentStorage, S3DocumentStorage } from './document-storage';

export const DOCUMENT_STORAGE = Symbol('DOCUMENT_STORAGE');

export const documentStorageProvider: Provider = {
  provide: DOCUMENT_STORAGE,
  inject: [API_CONFIG],
  useFactory: (config: ApiConfig): DocumentStorage =>
    config.s3 ? new S3DocumentStorage(config.s3, path.join(config.documentsDir, 'staging')) : new FolderDocumentStorage(config.documentsDir),
};

/** How long an upload no submission, supplement or completion references is kept. */
const UNREFERENCED_HOURS = 24;

interface DocumentRow {
  document_id: string;
  sha256: string;
  bytes: string;
  type: DocumentType;
  name: string;
  uploaded_by: string;
  application_id: string | null;
}

const toUpload = (r: DocumentRow): UploadedDocument => ({
  documentId: r.document_id,
  sha256: r.sha256,
  bytes: Number(r.bytes),
  type: r.type,
  name: r.name,
  uploadedBy: r.uploaded_by,
  applicationId: r.application_id,
});

/** The rows an UPDATE or DELETE … RETURNING gave back (TypeORM answers them with the affected count beside). */
function returned<R>(result: unknown): R[] {
  return (Array.isArray(result) && Array.isArray(result[0]) ? result[0] : result) as R[];
}

/** The register of uploads: who uploaded what, and which application references it. */
@Injectable()
export class Documents {
  constructor(@Inject(DATA_SOURCE) private readonly ds: DataSource) {}

  async record(upload: Omit<UploadedDocument, 'applicationId'>): Promise<void> {
    await this.ds.query(`INSERT INTO documents (document_id, sha256, bytes, type, name, uploaded_by) VALUES ($1, $2, $3, $4, $5, $6)`, [
      upload.documentId,
      upload.sha256,
      upload.bytes,
      upload.type,
      upload.name,
      upload.uploadedBy,
    ]);
  }

  async byIds(ids: readonly string[]): Promise<Map<string, UploadedDocument>> {
    const valid = ids.filter((id) => /^[0-9a-f-]{36}$/i.test(id));
    if (valid.length === 0) return new Map();
    const rows = (await this.ds.query(`SELECT * FROM documents WHERE document_id = ANY($1::uuid[])`, [valid])) as DocumentRow[];
    return new Map(rows.map((r) => [r.document_id, toUpload(r)]));
  }

  /**
   * The documents a submission, supplement or completion references, checked (every problem by path, under
   * `documents`) and, when all are fine, as events record them.
   */
  async references(
    materials: readonly MaterialSpec[],
    refs: readonly { key: string; documentId: string }[],
    caller: string,
    applicationId: string,
  ): Promise<{ problems: { path: string; message: string }[]; documents: DocumentRef[] }> {
    if (refs.length === 0) return { problems: [], documents: [] };
    const uploads = await this.byIds(refs.map((d) => d.documentId));
    const problems = documentProblems(materials, refs, uploads, caller, applicationId);
    if (problems.length) return { problems, documents: [] };
    const documents = refs.map((r) => {
      const u = uploads.get(r.documentId)!;
      const about = materials.find((m) => m.key === r.key)?.about;
      return { key: r.key, documentId: u.documentId, sha256: u.sha256, bytes: u.bytes, type: u.type, name: u.name, ...(about ? { about } : {}) };
    });
    return { problems, documents };
  }

  /**
   * Erasure: these documents (a person's, see `documentsAbout`) lose their names and are marked erased; answers the
   * contents no living document holds any more (to remove from storage once the transaction is in).
   */
  async erase(m: EntityManager, documentIds: readonly string[]): Promise<string[]> {
    const rows = (await m.query(
      `UPDATE documents SET name = $2, erased_at = coalesce(erased_at, now()) WHERE document_id = ANY($1::uuid[]) RETURNING sha256`,
      [documentIds, ERASED_TEXT],
    )) as unknown;
    const hashes = [...new Set(returned<{ sha256: string }>(rows).map((r) => r.sha256))];
    const living = (await m.query(`SELECT DISTINCT sha256 FROM documents WHERE sha256 = ANY($1) AND erased_at IS NULL`, [hashes])) as { sha256: string }[];
    return hashes.filter((h) => !living.some((l) => l.sha256 === h));
  }

  /** Which of these documents were erased with their owner's personal data. */
  async erased(documentIds: readonly string[]): Promise<Set<string>> {
    if (documentIds.length === 0) return new Set();
    const rows = (await this.ds.query(`SELECT document_id FROM documents WHERE document_id = ANY($1::uuid[]) AND erased_at IS NOT NULL`, [documentIds])) as { document_id: string }[];
    return new Set(rows.map((r) => r.document_id));
  }

  /** Forgets uploads nobody referenced within 24 hours; answers the hashes no upload refers to any more. */
  async expire(): Promise<string[]> {
    const gone = (await this.ds.query(
      `DELETE FROM documents WHERE application_id IS NULL AND uploaded_at < now() - make_interval(hours => $1) RETURNING sha256`,
      [UNREFERENCED_HOURS],
    )) as unknown;
    const hashes = [...new Set(returned<{ sha256: string }>(gone).map((r) => r.sha256))];
    if (hashes.length === 0) return [];
    const still = (await this.ds.query(`SELECT DISTINCT sha256 FROM documents WHERE sha256 = ANY($1)`, [hashes])) as { sha256: string }[];
    return hashes.filter((h) => !still.some((s) => s.sha256 === h));
  }
}
