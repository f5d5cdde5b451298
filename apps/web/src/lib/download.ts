/** Downloads a file the API serves behind the bearer token: fetched, then saved through a blob link. */
import { API_BASE, ApiError } from './api';
import type { Problem } from './problems';
import { currentToken } from './session';

export interface Downloaded {
  fileName: string;
  bytes: number;
}

function fileNameOf(disposition: string | null, fallback: string): string {
  const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition ?? '');
  return match ? decodeURIComponent(match[1]) : fallback;
}

export async function downloadFromApi(path: string, fallbackName: string): Promise<Downloaded> {
  const token = currentToken();
  const response = await fetch(`${API_BASE}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (!response.ok) {
    let problem: Problem = { status: response.status };
    try {
      problem = { ...((await response.json()) as Problem), status: response.status };
    } catch {
      // not JSON: the status alone says enough
    }
    throw new ApiError(problem);
  }
  const blob = await response.blob();
  const fileName = fileNameOf(response.headers.get('content-disposition'), fallbackName);
  saveBlob(blob, fileName);
  return { fileName, bytes: blob.size };
}

export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
