// HTTP client for the Lifeline server API.
//
// - The session lives in an HttpOnly cookie that this code never sees; requests
//   only go to our own origin (credentials: 'same-origin').
// - Every state-changing request carries the CSRF token in X-CSRF-Token. The
//   token is kept in memory only (never in storage), taken from the sign-in
//   answer or from GET /api/v1/me.
// - Errors arrive as application/problem+json and become ApiError objects.

export const PROBLEM_PREFIX = 'urn:lifeline:problem:';

export interface FieldError {
  field: string;
  message: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly type: string;
  readonly title: string;
  readonly detail: string;
  readonly errors: readonly FieldError[];

  constructor(status: number, type: string, title: string, detail: string, errors: readonly FieldError[] = []) {
    super(detail || title || `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.type = type;
    this.title = title;
    this.detail = detail;
    this.errors = errors;
  }

  /** True when the problem type is urn:lifeline:problem:<slug>. */
  is(slug: string): boolean {
    return this.type === PROBLEM_PREFIX + slug;
  }
}

/** Status 0 marks a request that never got an answer (network down, server stopped). */
export const NETWORK_ERROR_STATUS = 0;

let csrfToken: string | null = null;
let unauthorizedHandler: (() => void) | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when any request except sign-in answers 401: the session is gone. */
export function onUnauthorized(handler: () => void): void {
  unauthorizedHandler = handler;
}

export interface RequestOptions {
  /** Sign-in answers 401 for wrong credentials; that must not count as "session ended". */
  isSignIn?: boolean;
  /** Asking whether anyone is signed in, on a public page: 401 is an answer, not an ending. */
  isSessionProbe?: boolean;
  /**
   * The version of the record the user saw; sent as If-Match so that the server refuses
   * the change (412) when someone else changed the record meanwhile.
   */
  ifMatch?: number;
}

/** The status of a refused If-Match: the record changed since it was read. */
export const PRECONDITION_FAILED_STATUS = 412;

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

function buildHeaders(method: Method, hasBody: boolean, ifMatch: number | undefined): Headers {
  const headers = new Headers({ Accept: 'application/json, application/problem+json' });
  if (hasBody) headers.set('Content-Type', 'application/json');
  if (method !== 'GET' && csrfToken) headers.set('X-CSRF-Token', csrfToken);
  if (ifMatch !== undefined) headers.set('If-Match', `"${ifMatch}"`);
  return headers;
}

function asString(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function asFieldErrors(value: unknown): FieldError[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter((item): item is Record<string, unknown> => typeof item === 'object' && item !== null)
    .map((item) => ({ field: asString(item['field']), message: asString(item['message']) }));
}

async function problemFrom(response: Response): Promise<ApiError> {
  let body: Record<string, unknown> = {};
  try {
    const parsed: unknown = await response.json();
    if (typeof parsed === 'object' && parsed !== null) body = parsed as Record<string, unknown>;
  } catch {
    // Not JSON (for example a proxy error page): fall back to the status line.
  }
  return new ApiError(
    response.status,
    asString(body['type']) || 'about:blank',
    asString(body['title']) || response.statusText,
    asString(body['detail']),
    asFieldErrors(body['errors']),
  );
}

async function send(method: Method, path: string, body: unknown, ifMatch: number | undefined): Promise<Response> {
  const hasBody = body !== undefined;
  try {
    return await fetch(path, {
      method,
      credentials: 'same-origin',
      cache: 'no-store',
      headers: buildHeaders(method, hasBody, ifMatch),
      body: hasBody ? JSON.stringify(body) : null,
    });
  } catch {
    throw new ApiError(NETWORK_ERROR_STATUS, 'about:blank', 'Network error', '');
  }
}

export async function request<T>(method: Method, path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
  const response = await send(method, path, body, options.ifMatch);
  if (!response.ok) {
    const problem = await problemFrom(response);
    if (response.status === 401 && !options.isSignIn && !options.isSessionProbe) unauthorizedHandler?.();
    throw problem;
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  get: <T>(path: string, options?: RequestOptions) => request<T>('GET', path, undefined, options),
  post: <T>(path: string, body: unknown = {}, options?: RequestOptions) => request<T>('POST', path, body, options),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
};
