/** Uploads (申请材料) and reading documents back: the one place the web app talks multipart and blobs. */
import { TASK_ATTACHMENT, type DocumentType, type MaterialSpec } from '#domain';
import { API_BASE } from './api';
import { currentToken } from './session';

export type { MaterialSpec };

export interface UploadedFile {
  documentId: string;
  sha256: string;
  bytes: number;
  type: DocumentType;
  name: string;
}

/** A document as an application lists it (every version: the newest of a material is the one in force). */
export interface ApplicationDocument extends UploadedFile {
  key: string;
  /** Erased with its owner's personal data: the file is gone. */
  erased?: boolean;
}

const TYPE_TEXTS: Record<string, string> = { pdf: 'PDF', jpg: 'JPG', png: 'PNG' };

export function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export const allowedTypesText = (m: MaterialSpec) => m.types.map((t) => TYPE_TEXTS[t] ?? t).join('、');

/** What went wrong with an upload, in words for the person who chose the file. */
function uploadError(status: number, m: MaterialSpec): string {
  if (status === 413) return `文件过大：${m.name}不能超过 ${sizeText(m.maxBytes)}`;
  if (status === 415) return `文件类型不符：只能上传 ${allowedTypesText(m)} 文件（按文件内容识别，改扩展名无效）`;
  if (status === 401) return '登录已过期，请重新登录后再上传';
  if (status === 0) return '网络中断，上传未完成，请重试';
  return `上传失败（${status}），请重试`;
}

/**
 * Uploads one file (XMLHttpRequest: fetch reports no upload progress), telling `progress` the share sent (0-100).
 * The size is checked here first so nobody waits for a 10 MB upload the server will refuse.
 */
export function uploadFile(file: File, material: MaterialSpec, progress: (percent: number) => void): Promise<UploadedFile> {
  if (file.size > material.maxBytes) return Promise.reject(new Error(uploadError(413, material)));
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${API_BASE}/applications/uploads`);
    const token = currentToken();
    if (token) xhr.setRequestHeader('authorization', `Bearer ${token}`);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) progress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onload = () => {
      if (xhr.status === 201) {
        progress(100);
        // The API answers the hash, size and type; the name is the file's own.
        resolve({ name: file.name, ...(JSON.parse(xhr.responseText) as Omit<UploadedFile, 'name'>) });
      } else reject(new Error(uploadError(xhr.status, material)));
    };
    xhr.onerror = () => reject(new Error(uploadError(0, material)));
    const body = new FormData();
    body.append('file', file, file.name);
    xhr.send(body);
  });
}

/** A document's bytes as an object URL (the bearer token cannot ride on an <img> or <iframe> src); revoke it after use. */
export async function documentUrl(applicationId: string, documentId: string): Promise<string> {
  const token = currentToken();
  const response = await fetch(`${API_BASE}/applications/${applicationId}/documents/${documentId}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (!response.ok) throw new Error(response.status === 404 ? '文件不存在或无权查看' : response.status === 410 ? '该材料已随申请人个人信息删除' : `读取失败（${response.status}）`);
  return URL.createObjectURL(await response.blob());
}

/** The uploads chosen, in the order of the materials, as the API takes them; none: no `documents` at all (as API.md submits). */
export function documentRefs(materials: readonly MaterialSpec[], chosen: Record<string, UploadedFile | undefined>): { documents?: { key: string; documentId: string }[] } {
  const documents = materials.flatMap((m) => (chosen[m.key] ? [{ key: m.key, documentId: chosen[m.key]!.documentId }] : []));
  return documents.length ? { documents } : {};
}

/** An application's documents as listed: each with its material's name, whether a later version replaced it, and whether it was erased. */
export function documentRows(documents: readonly ApplicationDocument[], materials: readonly MaterialSpec[] = []) {
  const nameOf = (key: string) => [...materials, TASK_ATTACHMENT].find((m) => m.key === key)?.name ?? '其他材料';
  return documents.map((d, i) => ({
    ...d,
    material: nameOf(d.key),
    superseded: d.key !== TASK_ATTACHMENT.key && documents.slice(i + 1).some((later) => later.key === d.key),
    // Erased with its owner's personal data (PIPL Art. 47): the file is gone.
    erased: d.erased === true,
  }));
}
