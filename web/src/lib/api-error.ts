import type { Database } from "@flexoffice/shared";
import { supabase } from "./supabase.ts";

/** The database's stable error codes (docs/security-model.md, "Errors"), plus what the network adds. */
export type ApiErrorCode = "FOVAL" | "FODEN" | "FONF0" | "FOCON" | "FOAUT" | "network" | "unknown";

const KNOWN_CODES: readonly string[] = ["FOVAL", "FODEN", "FONF0", "FOCON", "FOAUT"];

/**
 * A refusal from the API in the shape the UI needs: the stable code, the HTTP status, and the
 * field and rule it broke. `serverMessage` is the database's English text, used only when the
 * UI has no message of its own for the rule.
 */
export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly status: number;
  readonly field: string | null;
  readonly rule: string | null;
  readonly details: Record<string, unknown>;
  readonly serverMessage: string;

  constructor(options: {
    code: ApiErrorCode;
    status: number;
    serverMessage: string;
    field?: string | null;
    rule?: string | null;
    details?: Record<string, unknown>;
  }) {
    super(options.serverMessage);
    this.name = "ApiError";
    this.code = options.code;
    this.status = options.status;
    this.serverMessage = options.serverMessage;
    this.field = options.field ?? null;
    this.rule = options.rule ?? null;
    this.details = options.details ?? {};
  }
}

function parseDetails(details: unknown): Record<string, unknown> {
  if (details && typeof details === "object") return details as Record<string, unknown>;
  if (typeof details !== "string" || details === "") return {};
  try {
    const parsed: unknown = JSON.parse(details);
    return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** Folds a PostgREST error body (or a fetch failure) and its HTTP status into an ApiError. */
export function toApiError(error: unknown, status: number): ApiError {
  if (error instanceof ApiError) return error;
  const body = (error ?? {}) as { code?: unknown; message?: unknown; details?: unknown };
  const message = typeof body.message === "string" ? body.message : "";
  const rawCode = typeof body.code === "string" ? body.code : "";
  const details = parseDetails(body.details);
  const field = typeof details.field === "string" ? details.field : null;
  const rule = typeof details.rule === "string" ? details.rule : null;
  let code: ApiErrorCode = "unknown";
  if (KNOWN_CODES.includes(rawCode)) code = rawCode as ApiErrorCode;
  else if (status === 0 || /fetch|network/i.test(message)) code = "network";
  else if (rawCode === "42501" || status === 403) code = "FODEN";
  else if (status === 401) code = "FOAUT";
  else if (status === 404) code = "FONF0";
  else if (status === 409) code = "FOCON";
  return new ApiError({ code, status, serverMessage: message, field, rule, details });
}

type Functions = Database["public"]["Functions"];
export type RpcName = keyof Functions;
export type RpcArgs<Name extends RpcName> = Functions[Name]["Args"];
export type RpcResult<Name extends RpcName> = Functions[Name]["Returns"];

/**
 * Calls a database function and returns its result, or throws an ApiError. Every data hook goes
 * through here, so every screen gets the same error shape to map onto a human message.
 */
export async function callRpc<Name extends RpcName>(
  name: Name,
  ...args: RpcArgs<Name> extends never ? [] : [RpcArgs<Name>]
): Promise<RpcResult<Name>> {
  const { data, error, status } = await supabase.rpc(name, ...(args as [RpcArgs<Name>]));
  if (error) throw toApiError(error, status);
  return data as RpcResult<Name>;
}

/** Same as callRpc for table reads: `const rows = await throwOnError(await supabase.from(...).select())`. */
export function throwOnError<T>(response: { data: T | null; error: unknown; status: number }): T {
  if (response.error) throw toApiError(response.error, response.status);
  return response.data as T;
}
