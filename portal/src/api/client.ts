import { ApiError, errorFromResponse } from './errors';

/**
 * The one way the portal talks to Berth: same-origin fetch to /api/v2.0 and /c/, with the session
 * cookie the server set (HttpOnly: never seen here) and the CSRF token core-service hands out on login
 * and on GET /api/v2.0/users/current. The token lives in memory only, never in storage.
 */
export const CSRF_HEADER = 'X-Harbor-CSRF-Token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function isUnsafe(method: string): boolean {
  return !SAFE_METHODS.has(method.toUpperCase());
}

export interface RequestOptions {
  /** A JSON body. */
  json?: unknown;
  /** A form body (application/x-www-form-urlencoded). */
  form?: Record<string, string>;
  /** Query parameters; undefined and empty values are left out. */
  query?: Record<string, string | number | boolean | undefined>;
  /** Extra headers. */
  headers?: Record<string, string>;
  /** Answer the body as text, whatever its type (logs are text/plain). */
  asText?: boolean;
}

export interface ApiResponse<T> {
  data: T;
  headers: Headers;
  status: number;
}

type Fetch = (input: string, init: RequestInit) => Promise<Response>;

/** The path with its query string, values encoded. */
export function withQuery(path: string, query?: RequestOptions['query']): string {
  if (!query) {
    return path;
  }
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') {
      params.set(key, String(value));
    }
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

/** The fetch options of a call: credentials, Accept, the body and, on unsafe methods, the CSRF header. */
export function requestInit(method: string, options: RequestOptions, csrfToken: string | null): RequestInit {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  let body: string | undefined;
  if (options.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.json);
  } else if (options.form) {
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(options.form).toString();
  }
  if (isUnsafe(method) && csrfToken) {
    headers[CSRF_HEADER] = csrfToken;
  }
  return { method: method.toUpperCase(), headers, body, credentials: 'same-origin', cache: 'no-store' };
}

export class ApiClient {
  private csrfToken: string | null = null;
  private unauthorizedListener: (() => void) | null = null;

  constructor(private readonly fetchImpl: Fetch = (input, init) => globalThis.fetch(input, init)) {}

  setCsrfToken(token: string | null): void {
    this.csrfToken = token;
  }

  hasCsrfToken(): boolean {
    return this.csrfToken !== null;
  }

  /** Called when an API call answers 401: the session has ended. */
  onUnauthorized(listener: (() => void) | null): void {
    this.unauthorizedListener = listener;
  }

  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
    let response: Response;
    try {
      response = await this.fetchImpl(withQuery(path, options.query), requestInit(method, options, this.csrfToken));
    } catch (e) {
      throw new ApiError(0, e instanceof Error ? e.message : String(e));
    }
    const token = response.headers.get(CSRF_HEADER);
    if (token) {
      this.csrfToken = token;
    }
    const text = method.toUpperCase() === 'HEAD' ? '' : await response.text();
    if (!response.ok) {
      if (response.status === 401 && !path.startsWith('/c/')) {
        this.unauthorizedListener?.();
      }
      throw errorFromResponse(response.status, response.statusText, text);
    }
    let data: unknown = undefined;
    if (options.asText) {
      data = text;
    } else if (text && (response.headers.get('Content-Type') ?? '').includes('json')) {
      data = JSON.parse(text);
    }
    return { data: data as T, headers: response.headers, status: response.status };
  }

  async get<T>(path: string, options?: RequestOptions): Promise<T> {
    return (await this.request<T>('GET', path, options)).data;
  }

  /** A text/plain resource (a log), as text. */
  async text(path: string): Promise<string> {
    return (await this.request<string>('GET', path, { headers: { Accept: 'text/plain, application/json' }, asText: true })).data;
  }

  async post<T = void>(path: string, json?: unknown): Promise<ApiResponse<T>> {
    return this.request<T>('POST', path, { json });
  }

  async put(path: string, json?: unknown): Promise<void> {
    await this.request('PUT', path, { json });
  }

  async patch<T>(path: string, json?: unknown): Promise<T> {
    return (await this.request<T>('PATCH', path, { json })).data;
  }

  async delete(path: string): Promise<void> {
    await this.request('DELETE', path);
  }
}

/** The portal's client. */
export const api = new ApiClient();
