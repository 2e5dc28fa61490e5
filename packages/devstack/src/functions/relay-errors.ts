import type { ServerResponse } from "node:http";

/**
 * Errors the runtime answers itself, before or instead of the function: the codes and
 * messages of hosted Supabase's functions relay (`{ code, message }` plus an
 * `sb-error-code` header), so client code that branches on them behaves the same locally.
 */
export type RelayErrorCode =
  | "NOT_FOUND"
  | "UNAUTHORIZED_NO_AUTH_HEADER"
  | "UNAUTHORIZED_INVALID_JWT_FORMAT"
  | "UNAUTHORIZED_UNSUPPORTED_TOKEN_ALGORITHM"
  | "UNAUTHORIZED_INVALID_JWT"
  | "BOOT_ERROR"
  | "WORKER_ERROR";

export type RelayError = {
  status: number;
  code: RelayErrorCode;
  message: string;
  /** Local-only diagnostics (e.g. Deno's parse error) that hosted Supabase keeps in its logs. */
  detail?: string;
};

export const notFound = (): RelayError => ({ status: 404, code: "NOT_FOUND", message: "Requested function was not found" });

export const bootError = (detail: string): RelayError => ({
  status: 503,
  code: "BOOT_ERROR",
  message: "Worker failed to boot (please check logs)",
  detail,
});

export const workerError = (detail?: string): RelayError => ({
  status: 500,
  code: "WORKER_ERROR",
  message: "Function exited due to an error (please check logs)",
  ...(detail ? { detail } : {}),
});

/** The JSON body of a relay error. */
export function relayErrorBody(error: RelayError): Record<string, string> {
  return { code: error.code, message: error.message, ...(error.detail ? { detail: error.detail } : {}) };
}

export function sendRelayError(res: ServerResponse, error: RelayError): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = JSON.stringify(relayErrorBody(error));
  res.writeHead(error.status, {
    "Content-Type": "application/json",
    "Content-Length": Buffer.byteLength(body),
    "sb-error-code": error.code,
  });
  res.end(body);
}
