import { HttpError } from "./errors.ts";

/**
 * A database error raised with private.raise_error (SQLSTATE PGRST) becomes the HTTP error
 * it describes (status, stable code, message); anything else is rethrown as is. Functions
 * that talk to Postgres directly answer refusals the way PostgREST would.
 */
export function fromPgrst(error: unknown): unknown {
  const e = error as { code?: unknown; message?: unknown; detail?: unknown };
  if (e?.code !== "PGRST" || typeof e.message !== "string") return error;
  try {
    const body = JSON.parse(e.message) as { code?: unknown; message?: unknown };
    const detail = typeof e.detail === "string" ? (JSON.parse(e.detail) as { status?: unknown }) : {};
    const status = typeof detail.status === "number" ? detail.status : 400;
    return new HttpError(status, String(body.code ?? "FOERR"), String(body.message ?? "The database refused the request."));
  } catch {
    return error;
  }
}
