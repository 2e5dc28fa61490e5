import { randomUUID } from "node:crypto";
import type postgres from "postgres";
import type { AccessTokenClaims } from "./claims.ts";
import { validateHookClaims } from "./claims.ts";
import { ApiError, internalError } from "./errors.ts";
import type { HookSetting } from "./settings.ts";
import type { Db } from "./store.ts";

export type CustomAccessTokenInput = {
  userId: string;
  claims: AccessTokenClaims;
  authenticationMethod: string;
  ip: string;
};

/** GoTrue's hookserrors.Check: `{error: {http_code, message}}` with a message is a failure. */
export function hookError(result: unknown): ApiError | null {
  if (!result || typeof result !== "object" || Array.isArray(result)) return null;
  const err = (result as Record<string, unknown>).error;
  if (!err || typeof err !== "object" || Array.isArray(err)) return null;
  const { http_code: code, message } = err as Record<string, unknown>;
  if (typeof message !== "string" || message === "") return null;
  const status = typeof code === "number" && code > 0 ? code : 500;
  return new ApiError(status, undefined, message);
}

/**
 * Calls the custom access token hook as GoTrue's pg-functions dispatcher does:
 * `select "schema"."fn"(event)` as supabase_auth_admin inside the issuing transaction,
 * with a 2 s statement timeout, then takes the returned `claims` after GoTrue's checks.
 */
export async function runCustomAccessTokenHook(
  db: Db,
  hook: HookSetting,
  input: CustomAccessTokenInput,
): Promise<Record<string, unknown>> {
  const event = {
    metadata: {
      uuid: randomUUID(),
      time: new Date().toISOString(),
      name: "customize-access-token",
      ...(input.ip ? { ip_address: input.ip } : {}),
    },
    user_id: input.userId,
    claims: input.claims,
    authentication_method: input.authenticationMethod,
  };
  let result: unknown;
  try {
    await db.unsafe("set local statement_timeout to '2000'");
    const rows = await db.unsafe(`select ${hook.functionName}($1::jsonb) as result`, [event as unknown as postgres.JSONValue]);
    await db.unsafe("set local statement_timeout to default");
    result = rows[0]?.result;
  } catch {
    throw internalError(`Error running hook URI: ${hook.uri}`);
  }
  if (typeof result === "string") {
    try {
      result = JSON.parse(result);
    } catch {
      throw internalError("Error unmarshaling JSON output.");
    }
  }
  const failure = hookError(result);
  if (failure) throw failure;
  if (!result || typeof result !== "object" || !("claims" in result)) {
    throw new ApiError(500, undefined, "output claims field is missing");
  }
  const claims = (result as { claims: unknown }).claims;
  const problem = validateHookClaims(claims);
  if (problem) throw new ApiError(500, undefined, problem);
  return claims as Record<string, unknown>;
}
