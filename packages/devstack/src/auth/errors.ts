/**
 * GoTrue's error model. Handlers throw these; the server turns them into the exact
 * bodies GoTrue sends, in the legacy shape or the 2024-01-01 shape that auth-js asks
 * for with the `X-Supabase-Api-Version` header. Anything else becomes a bare 500.
 */

export const API_VERSION_HEADER = "x-supabase-api-version";
const API_VERSION_2024 = "2024-01-01";

/** An error GoTrue answers with `{code, error_code, msg}` (or `{code, message}` from 2024-01-01 on). */
export class ApiError extends Error {
  readonly status: number;
  readonly errorCode: string | undefined;
  /** Reasons of a `weak_password` error (GoTrue's WeakPasswordError). */
  readonly weakPasswordReasons: string[] | undefined;

  constructor(status: number, errorCode: string | undefined, message: string, weakPasswordReasons?: string[]) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.errorCode = errorCode;
    this.weakPasswordReasons = weakPasswordReasons;
  }
}

/** OAuth2-style error (`{error, error_description}`, always 400), used by a few grant paths. */
export class OAuthError extends Error {
  readonly error: string;
  readonly description: string;

  constructor(error: string, description: string) {
    super(`${error}: ${description}`);
    this.name = "OAuthError";
    this.error = error;
    this.description = description;
  }
}

export const badRequest = (code: string, message: string) => new ApiError(400, code, message);
export const unauthorized = (code: string, message: string) => new ApiError(401, code, message);
export const forbidden = (code: string, message: string) => new ApiError(403, code, message);
export const notFound = (code: string, message: string) => new ApiError(404, code, message);
export const unprocessable = (code: string, message: string) => new ApiError(422, code, message);
export const tooManyRequests = (code: string, message: string) => new ApiError(429, code, message);
export const internalError = (message: string) => new ApiError(500, "unexpected_failure", message);
export const weakPassword = (message: string, reasons: string[]) => new ApiError(422, "weak_password", message, reasons);

/** GoTrue's DetermineClosestAPIVersion: a valid date on or after 2024-01-01 selects the new shape. */
export function apiVersionOf(header: string | undefined): "initial" | "2024-01-01" {
  if (!header) return "initial";
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(header.trim());
  if (!m) return "initial";
  const date = new Date(`${header.trim()}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== header.trim()) return "initial";
  return header.trim() >= API_VERSION_2024 ? "2024-01-01" : "initial";
}

export type RenderedError = { status: number; headers: Record<string, string>; body: Record<string, unknown> };

const UNEXPECTED = "Unexpected failure, please check server logs for more information";

/** Builds the response for a thrown value exactly as GoTrue's HandleResponseError does. */
export function renderError(err: unknown, apiVersionHeader: string | undefined): RenderedError {
  const version = apiVersionOf(apiVersionHeader);
  const headers: Record<string, string> = {};
  if (version === "2024-01-01") headers["X-Supabase-Api-Version"] = API_VERSION_2024;

  if (err instanceof ApiError && err.weakPasswordReasons) {
    const payload = err.weakPasswordReasons.length > 0 ? { weak_password: { reasons: err.weakPasswordReasons } } : {};
    if (version === "2024-01-01") {
      return { status: 422, headers, body: { code: "weak_password", message: err.message, ...payload } };
    }
    headers["x-sb-error-code"] = "weak_password";
    return { status: 422, headers, body: { code: 422, error_code: "weak_password", msg: err.message, ...payload } };
  }
  if (err instanceof ApiError) {
    const code = err.errorCode || (err.status === 500 ? "unexpected_failure" : "unknown");
    if (err.errorCode) headers["x-sb-error-code"] = err.errorCode;
    if (version === "2024-01-01") return { status: err.status, headers, body: { code, message: err.message } };
    return { status: err.status, headers, body: { code: err.status, error_code: code, msg: err.message } };
  }
  if (err instanceof OAuthError) {
    return {
      status: 400,
      headers,
      body: { error: err.error, ...(err.description ? { error_description: err.description } : {}) },
    };
  }
  if (version === "2024-01-01") return { status: 500, headers, body: { code: "unexpected_failure", message: UNEXPECTED } };
  return { status: 500, headers, body: { code: 500, error_code: "unexpected_failure", msg: UNEXPECTED } };
}

/** OAuth error names GoTrue puts in redirect URLs for an HTTP status. */
export const OAUTH_ERROR_BY_STATUS: Record<number, string> = {
  400: "invalid_request",
  401: "unauthorized_client",
  403: "access_denied",
  500: "server_error",
  503: "temporarily_unavailable",
};
