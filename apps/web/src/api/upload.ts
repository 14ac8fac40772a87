import { ApiProblem, type Problem } from './client';
import { currentSession } from './session';

/**
 * A multipart upload with progress. openapi-fetch uses fetch, which reports no upload
 * progress; XMLHttpRequest does.
 */
export function uploadWithProgress<T>(path: string, form: FormData, onProgress: (share: number) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    const session = currentSession();
    if (session) xhr.setRequestHeader('Authorization', `Bearer ${session.accessToken}`);
    xhr.upload.onprogress = (e) => { if (e.lengthComputable) onProgress(e.loaded / e.total); };
    xhr.onload = () => {
      const body = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      if (xhr.status >= 200 && xhr.status < 300) { onProgress(1); resolve(body as T); }
      else reject(new ApiProblem({ title: xhr.statusText, status: xhr.status, code: `HTTP_${xhr.status}`, type: 'about:blank', ...(body as Partial<Problem>) }));
    };
    xhr.onerror = () => reject(new ApiProblem({ type: 'about:blank', title: 'Network error', status: 0, code: 'NETWORK' }));
    xhr.send(form);
  });
}

/**
 * Downloads an authorised file (a grant notice, a document, an export) and hands it to the
 * browser, telling its progress as the share received (null while the size is unknown).
 */
export async function download(path: string, filename: string, opts: { accept?: string; onProgress?: (share: number | null) => void } = {}): Promise<void> {
  const session = currentSession();
  const headers: Record<string, string> = session ? { Authorization: `Bearer ${session.accessToken}` } : {};
  if (opts.accept) headers.Accept = opts.accept;
  const response = await fetch(path, { headers });
  if (!response.ok) {
    const body = await response.json().catch(() => ({}));
    throw new ApiProblem({ type: 'about:blank', title: response.statusText, status: response.status, code: `HTTP_${response.status}`, ...body });
  }
  const blob = opts.onProgress ? await withProgress(response, opts.onProgress) : await response.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Reads the body chunk by chunk, telling the share of Content-Length received. */
async function withProgress(response: Response, onProgress: (share: number | null) => void): Promise<Blob> {
  const total = Number(response.headers.get('Content-Length')) || null;
  const reader = response.body!.getReader();
  const chunks: BlobPart[] = [];
  let received = 0;
  onProgress(total ? 0 : null);
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    received += value.byteLength;
    onProgress(total ? Math.min(received / total, 1) : null);
  }
  onProgress(1);
  return new Blob(chunks, { type: response.headers.get('Content-Type') ?? undefined });
}

/** An authorised file as an object URL, to show a document inline. */
export async function objectUrl(path: string): Promise<string> {
  const session = currentSession();
  const response = await fetch(path, { headers: session ? { Authorization: `Bearer ${session.accessToken}` } : {} });
  if (!response.ok) throw new ApiProblem({ type: 'about:blank', title: response.statusText, status: response.status, code: `HTTP_${response.status}` });
  return URL.createObjectURL(await response.blob());
}
