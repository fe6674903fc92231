// The documented HTTP API, read with the key the user entered (kept in sessionStorage only).
const STORAGE = 'codegen.apiKey';

export class KeyRefused extends Error {}

export function key() {
  return sessionStorage.getItem(STORAGE);
}

export function rememberKey(value) {
  sessionStorage.setItem(STORAGE, value);
}

export function forgetKey() {
  sessionStorage.removeItem(STORAGE);
}

/** GET path (with query) as JSON; a problem document becomes an Error with its detail. */
export async function get(path) {
  const response = await fetch(path, {
    headers: { Authorization: 'Bearer ' + key(), Accept: 'application/json' },
    cache: 'no-store',
  });
  if (response.status === 401) {
    throw new KeyRefused('the API key was refused (unknown, rotated or revoked)');
  }
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const fields = body && Array.isArray(body.errors)
      ? ': ' + body.errors.map((e) => e.field + ' ' + e.reason).join('; ') : '';
    const error = new Error(((body && (body.detail || body.title)) || 'HTTP ' + response.status)
      + fields);
    error.status = response.status;
    throw error;
  }
  return body;
}

export const STATUSES = ['queued', 'generating', 'post_processing', 'succeeded', 'failed',
  'rejected', 'cancelled'];
export const TERMINAL = new Set(['succeeded', 'failed', 'rejected', 'cancelled']);
export const LANGUAGES = ['java', 'python', 'javascript', 'typescript', 'go', 'bash', 'kotlin',
  'rust', 'c', 'cpp', 'csharp', 'php', 'ruby', 'sql'];
