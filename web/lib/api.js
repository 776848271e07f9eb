// JSON over HTTP with the bearer token kept in sessionStorage.

const TOKEN_KEY = 'tanu.token';
const TIMEOUT_MS = 20000;

export const auth = {
  get token() {
    try { return sessionStorage.getItem(TOKEN_KEY); } catch { return null; }
  },
  set(token) {
    try { sessionStorage.setItem(TOKEN_KEY, token); } catch { /* ignore */ }
  },
  clear() {
    try {
      for (const k of Object.keys(sessionStorage)) if (k.startsWith('tanu.')) sessionStorage.removeItem(k);
    } catch { /* ignore */ }
  },
};

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message || code);
    this.status = status; // 0 when the server could not be reached
    this.code = code;
  }
}

// One request with the token; the answer as JSON (null for 204) or, with
// `blob`, as a Blob. Refusals become ApiError with the server's code and message.
async function once(method, path, body, { blob = false, timeoutMs = TIMEOUT_MS } = {}) {
  const headers = { Accept: blob ? '*/*' : 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const token = auth.token;
  if (token) headers.Authorization = `Bearer ${token}`;
  const ctl = new AbortController();
  const timer = setTimeout(() => ctl.abort(), timeoutMs);
  try {
    let res;
    try {
      res = await fetch(path, {
        method, headers, cache: 'no-store', signal: ctl.signal,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new ApiError(0, 'network', '');
    }
    if (res.ok && blob) {
      try { return await res.blob(); } catch { throw new ApiError(0, 'network', ''); }
    }
    if (res.status === 204) return null;
    let data = null;
    try { data = await res.json(); } catch { /* not JSON */ }
    if (!res.ok) throw new ApiError(res.status, data?.error || `http_${res.status}`, data?.message || '');
    return data;
  } finally {
    clearTimeout(timer);
  }
}

/** A file the token may read (evidence image, document PDF), as a Blob. */
export function apiBlob(path, timeoutMs = TIMEOUT_MS) {
  return once('GET', path, undefined, { blob: true, timeoutMs });
}

/** GETs are retried on network failure (weak connections); other methods are not. */
export async function api(method, path, body) {
  const tries = method === 'GET' ? 3 : 1;
  for (let i = 1; ; i++) {
    try {
      return await once(method, path, body);
    } catch (e) {
      if (i >= tries || e.status !== 0) throw e;
      await new Promise((r) => setTimeout(r, 1000 * i));
    }
  }
}
