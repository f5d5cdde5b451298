/** A small but real PDF: its magic bytes say PDF whatever the file is called (padded to `padTo` bytes). */
export function pdf(text: string, padTo = 0): Buffer {
  const body = `%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% ${text}\ntrailer << /Root 1 0 R >>\n%%EOF\n`;
  return Buffer.concat([Buffer.from(body), Buffer.alloc(Math.max(0, padTo - body.length), 0x20)]);
}

/** `POST /applications/uploads` with one file in the field `file`, as a browser sends it. */
export async function uploadFile(baseUrl: string, token: string, bytes: Buffer, name: string): Promise<{ status: number; body: Record<string, any> }> {
  const form = new FormData();
  form.append('file', new Blob([bytes]), name);
  const res = await fetch(`${baseUrl}/applications/uploads`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}
