// The one way the console talks to the back end: /api on its own origin, with the signed-in user's
// bearer token (the tenant then comes from the token) or, without one, the tenant header of the API's
// local mode; JSON in and out. Errors come back as ApiError carrying the problem+json body.
import { settings } from './settings.js';
import { token as bearer } from './auth.js';

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }

  get fieldErrors() {
    return Array.isArray(this.problem.errors) ? this.problem.errors : [];
  }
}

/** A random id for Idempotency-Key; crypto.randomUUID needs a secure context, getRandomValues does not. */
export function uuid() {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Builds a query string from the non-empty entries of {@code params}. */
export function query(params) {
  const q = new URLSearchParams();
  Object.entries(params).forEach(([k, v]) => {
    if (v !== undefined && v !== null && v !== '') q.set(k, v);
  });
  const s = q.toString();
  return s ? `?${s}` : '';
}

/**
 * Calls {@code path}. Options: body (an object is sent as JSON, a string as text/csv), ifMatch,
 * idempotencyKey. Answers {status, data, etag}; throws ApiError for any error status, and
 * announces a 401 (the shell shows the sign-in screen on 'psi:auth'). A 403 is the caller's to show.
 */
export async function api(method, path, { body, ifMatch, idempotencyKey, contentType } = {}) {
  const headers = { Accept: 'application/json, application/problem+json' };
  const token = bearer();
  if (token) headers.Authorization = `Bearer ${token}`;
  else if (settings().tenant) headers['X-Tenant-Id'] = settings().tenant;
  if (ifMatch) headers['If-Match'] = ifMatch;
  if (idempotencyKey) headers['Idempotency-Key'] = idempotencyKey;
  let payload;
  if (typeof body === 'string') {
    headers['Content-Type'] = contentType || 'text/csv';
    payload = body;
  } else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, { method, headers, body: payload, cache: 'no-store' });
  } catch (e) {
    throw new ApiError(0, { title: 'network', detail: e.message, network: true });
  }
  const text = await response.text();
  let data = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (!response.ok) {
    const problem = data && typeof data === 'object' ? data : { title: response.statusText, detail: text.slice(0, 300) };
    const error = new ApiError(response.status, problem);
    if (response.status === 401) {
      window.dispatchEvent(new CustomEvent('psi:auth', { detail: { error, token } }));
    }
    throw error;
  }
  return { status: response.status, data, etag: response.headers.get('ETag') };
}

export const get = (path) => api('GET', path).then((r) => r.data);
