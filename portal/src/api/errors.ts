/**
 * Errors as the API returns them. Harbor's shape, {"errors":[{"code":…,"message":…}]}, is what
 * core-service and the gateway send under /api and /c; anything else (an HTML page from a proxy, an
 * empty body) falls back to the HTTP status, so the user always sees a sentence.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string | undefined;

  constructor(status: number, message: string, code?: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }
}

interface HarborError {
  code?: unknown;
  message?: unknown;
}

/** The message(s) and first code of a Harbor error body; null when the body is not one. */
export function parseHarborError(body: string): { code?: string; message: string } | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return null;
  }
  if (!parsed || typeof parsed !== 'object') {
    return null;
  }
  const errors = (parsed as { errors?: unknown }).errors;
  if (!Array.isArray(errors) || errors.length === 0) {
    const message = (parsed as { message?: unknown }).message;
    return typeof message === 'string' && message ? { message } : null;
  }
  const messages = (errors as HarborError[])
    .map((e) => (e && typeof e.message === 'string' ? e.message : ''))
    .filter((m) => m !== '');
  const first = errors[0] as HarborError;
  const code = first && typeof first.code === 'string' ? first.code : undefined;
  if (messages.length === 0) {
    return code ? { code, message: code } : null;
  }
  return { code, message: messages.join('; ') };
}

/** The ApiError for a response that was not a success, from its status and body text. */
export function errorFromResponse(status: number, statusText: string, body: string): ApiError {
  const harbor = parseHarborError(body);
  if (harbor) {
    return new ApiError(status, harbor.message, harbor.code);
  }
  const text = statusText ? `${status} ${statusText}` : `HTTP ${status}`;
  return new ApiError(status, text);
}

/** What to show for anything thrown by an API call. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError || error instanceof Error) {
    return error.message;
  }
  return String(error);
}
