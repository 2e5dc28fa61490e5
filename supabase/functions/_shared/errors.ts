import { json } from "./http.ts";

/**
 * The one error shape every FlexOffice function answers with:
 * `{ "error": { "code": "...", "message": "..." } }`. Clients branch on `code` (stable,
 * SCREAMING_SNAKE) and show `message` (human, names the field and the rule).
 */
export type ErrorBody = { error: { code: string; message: string } };

/** Thrown by handlers to answer a specific status; anything else becomes a 500. */
export class HttpError extends Error {
  readonly status: number;
  readonly code: string;

  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = "HttpError";
    this.status = status;
    this.code = code;
  }
}

/** Builds an error answer in the shared shape (with CORS headers, like every answer). */
export function errorResponse(status: number, code: string, message: string, init: ResponseInit = {}): Response {
  const body: ErrorBody = { error: { code, message } };
  return json(body, { ...init, status });
}

/**
 * Turns whatever a handler threw into an answer. Unknown errors never leak their
 * message or stack to the caller: they are logged and answered as a generic 500.
 */
export function toErrorResponse(error: unknown, log: (message: string) => void = console.error): Response {
  if (error instanceof HttpError) return errorResponse(error.status, error.code, error.message);
  log(`unhandled error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  return errorResponse(500, "INTERNAL_ERROR", "The function failed unexpectedly; see its logs");
}

/** Refuses HTTP methods a handler does not serve, in the shared shape. */
export function methodNotAllowed(allowed: readonly string[]): Response {
  return errorResponse(405, "METHOD_NOT_ALLOWED", `Use one of: ${allowed.join(", ")}`, {
    headers: { Allow: allowed.join(", ") },
  });
}
