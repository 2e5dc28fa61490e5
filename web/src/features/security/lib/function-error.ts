import { FunctionsFetchError, FunctionsHttpError, FunctionsRelayError } from "@supabase/supabase-js";

/**
 * A refusal from one of our edge functions (`mfa`, `account`), in the shape the screens need:
 * the stable `code` of the shared error body (`INVALID_CODE`, `TOO_MANY_ATTEMPTS`, ...), the
 * HTTP status, and what the answer says about the lockout. `serverMessage` is English and is
 * never shown as is: the screens have their own words for every code.
 */
export class FunctionError extends Error {
  readonly code: string;
  readonly status: number;
  readonly serverMessage: string;
  /** Attempts left before the 15-minute lockout, when the answer says so. */
  readonly attemptsLeft: number | null;
  /** Seconds until codes are checked again, when this answer is (or started) a lockout. */
  readonly retryAfterSeconds: number | null;

  constructor(options: {
    code: string;
    status: number;
    serverMessage?: string;
    attemptsLeft?: number | null;
    retryAfterSeconds?: number | null;
  }) {
    super(options.serverMessage ?? options.code);
    this.name = "FunctionError";
    this.code = options.code;
    this.status = options.status;
    this.serverMessage = options.serverMessage ?? "";
    this.attemptsLeft = options.attemptsLeft ?? null;
    this.retryAfterSeconds = options.retryAfterSeconds ?? null;
  }
}

/** "... 3 attempts left before a 15-minute lockout." -> 3; the functions phrase it only this way. */
export function attemptsLeftIn(message: string): number | null {
  const match = /(\d+) attempts? left/.exec(message);
  return match ? Number(match[1]) : null;
}

/** A Retry-After header, or failing that the "try again in N minutes" of the message, in seconds. */
export function retryAfterSecondsOf(header: string | null, message: string): number | null {
  if (header && /^\d+$/.test(header.trim())) return Number(header.trim());
  const match = /try again in (\d+) minutes?/.exec(message);
  return match ? Number(match[1]) * 60 : null;
}

/** Folds a function's HTTP answer (status, parsed body, Retry-After) into a FunctionError. */
export function functionErrorFrom(status: number, body: unknown, retryAfter: string | null): FunctionError {
  const error = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  const code = typeof error?.code === "string" && error.code !== "" ? error.code : "unknown";
  const message = typeof error?.message === "string" ? error.message : "";
  return new FunctionError({
    code,
    status,
    serverMessage: message,
    attemptsLeft: attemptsLeftIn(message),
    retryAfterSeconds: retryAfterSecondsOf(retryAfter, message),
  });
}

/** Turns what `supabase.functions.invoke` returned as `error` into a FunctionError. */
export async function toFunctionError(error: unknown): Promise<FunctionError> {
  if (error instanceof FunctionError) return error;
  if (error instanceof FunctionsHttpError) {
    const response = error.context as Response;
    const body: unknown = await response.json().catch(() => null);
    return functionErrorFrom(response.status, body, response.headers.get("Retry-After"));
  }
  if (error instanceof FunctionsFetchError || error instanceof FunctionsRelayError || error instanceof TypeError) {
    return new FunctionError({ code: "network", status: 0 });
  }
  return new FunctionError({ code: "unknown", status: 0 });
}
