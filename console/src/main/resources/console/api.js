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
 * announces a 401 (the shell shows the sign-in screen on 'psi:auth') unless {@code announce} is false.
 * A 403 is the caller's to show.
 */
export async function api(method, path, { body, ifMatch, idempotencyKey, contentType, announce = true } = {}) {
  const token = bearer();
  const headers = identify({ Accept: 'application/json, application/problem+json' }, token);
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
  const data = parse(text);
  if (!response.ok) throw refused(response, data, text, announce ? token : null);
  return { status: response.status, data, etag: response.headers.get('ETag') };
}

/** The bearer token, else (local mode) the tenant header. */
function identify(headers, token) {
  if (token) headers.Authorization = `Bearer ${token}`;
  else if (settings().tenant) headers['X-Tenant-Id'] = settings().tenant;
  return headers;
}

function parse(text) {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** The ApiError of an error answer; a 401 is announced as by {@link api} (token null: not announced). */
function refused(response, data, text, token) {
  const problem = data && typeof data === 'object' ? data : { title: response.statusText, detail: text.slice(0, 300) };
  const error = new ApiError(response.status, problem);
  if (response.status === 401 && token !== null) {
    window.dispatchEvent(new CustomEvent('psi:auth', { detail: { error, token } }));
  }
  return error;
}

/**
 * GETs a file (a CSV report, a printed document) with the same credentials as {@link api}: a plain link
 * cannot send the bearer token, so the file is fetched and handed over as a Blob. Answers {blob, fileName}
 * (the name from Content-Disposition, else {@code fallback}); throws ApiError as api() does.
 */
export async function download(path, fallback = 'download') {
  const token = bearer();
  const headers = identify({ Accept: '*/*' }, token);
  let response;
  try {
    response = await fetch(path, { headers, cache: 'no-store' });
  } catch (e) {
    throw new ApiError(0, { title: 'network', detail: e.message, network: true });
  }
  if (!response.ok) {
    const text = await response.text();
    throw refused(response, parse(text), text, token);
  }
  const disposition = response.headers.get('Content-Disposition') || '';
  const named = /filename="?([^";]+)"?/i.exec(disposition);
  return { blob: await response.blob(), fileName: named ? named[1] : fallback };
}

export const get = (path) => api('GET', path).then((r) => r.data);
