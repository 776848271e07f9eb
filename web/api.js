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

async function once(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const token = auth.token;
  if (token) headers.Authorization = `Bearer ${token}`;
  const ctl = new AbortController();
  const timer = setTimeout(() => ctl.abort(), TIMEOUT_MS);
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
    if (res.status === 204) return null;
    let data = null;
    try { data = await res.json(); } catch { /* not JSON */ }
    if (!res.ok) throw new ApiError(res.status, data?.error || `http_${res.status}`, data?.message || '');
    return data;
  } finally {
    clearTimeout(timer);
  }
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
