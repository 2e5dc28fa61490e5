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

export type PasswordVerificationAttemptInput = { userId: string; valid: boolean; ip: string };

/** GoTrue's PasswordVerificationAttemptOutput, zero values for what the hook left out. */
export type PasswordVerificationAttemptOutput = { decision: string; message: string; shouldLogoutUser: boolean };

/** GoTrue's message for a rejection that names no reason. */
export const DEFAULT_PASSWORD_HOOK_REJECTION = "Further password verification attempts will be rejected.";

/** GoTrue's hook timeout for pg-functions hooks, enforced by Postgres through statement_timeout. */
const HOOK_TIMEOUT_MS = 2000;

/**
 * A member of a decoded JSON object the way Go's encoding/json fills a struct field:
 * keys match case-insensitively, a later key overrides an earlier one, JSON null leaves
 * the field as it was, and any matching value of the wrong type fails the decoding
 * (`ok: false`).
 */
function goField(obj: Record<string, unknown>, name: string, fits: (v: unknown) => boolean): { ok: boolean; value: unknown } {
  let value: unknown;
  for (const [key, v] of Object.entries(obj)) {
    if (key.toLowerCase() !== name || v === null) continue;
    if (!fits(v)) return { ok: false, value: undefined };
    value = v;
  }
  return { ok: true, value };
}

const isString = (v: unknown) => typeof v === "string";
const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === "object" && !Array.isArray(v);

/**
 * GoTrue's hookserrors.Check: `{error: {http_code, message}}` with a message is a failure.
 * Go decodes it into `{HTTPCode int; Message string}`: members of another type make the
 * decoding fail, and GoTrue then treats the output as no error at all.
 */
export function hookError(result: unknown): ApiError | null {
  if (!isObject(result)) return null;
  const err = goField(result, "error", isObject);
  if (!err.ok || !isObject(err.value)) return null;
  const code = goField(err.value, "http_code", Number.isInteger);
  const message = goField(err.value, "message", isString);
  if (!code.ok || !message.ok || !message.value) return null;
  const status = typeof code.value === "number" && code.value > 0 ? code.value : 500;
  return new ApiError(status, undefined, message.value as string);
}

/** GoTrue's Metadata of every hook input; `ip_address` is omitted when unknown. */
function hookMetadata(name: string, ip: string) {
  return { uuid: randomUUID(), time: new Date().toISOString(), name, ...(ip ? { ip_address: ip } : {}) };
}

/**
 * Runs a pg-functions hook like GoTrue's hookspgfunc dispatcher: `select "schema"."fn"(event)`
 * on `db` (the caller's transaction) with a 2 s statement timeout. Returns the output as
 * the text Postgres renders (what GoTrue reads), or null for SQL NULL. Any database
 * error, a timeout included, is GoTrue's "Error running hook URI".
 */
async function invokePgFunctionHook(db: Db, hook: HookSetting, event: Record<string, unknown>): Promise<string | null> {
  try {
    await db.unsafe(`set local statement_timeout to '${HOOK_TIMEOUT_MS}'`);
    const rows = await db.unsafe(`select ${hook.functionName}($1::jsonb)::text as result`, [
      event as unknown as postgres.JSONValue,
    ]);
    await db.unsafe("set local statement_timeout to default");
    return (rows[0]?.result as string | null | undefined) ?? null;
  } catch {
    throw internalError(`Error running hook URI: ${hook.uri}`);
  }
}

/**
 * What GoTrue does with the output once the hook's transaction is over: an `error`
 * object fails the request with its code and message, text that is not JSON is
 * "Error unmarshaling JSON output.". Returns the decoded JSON (null for no output).
 */
function decodeHookOutput(text: string | null): unknown {
  if (text === null) return null;
  let output: unknown;
  try {
    output = JSON.parse(text);
  } catch {
    throw internalError("Error unmarshaling JSON output.");
  }
  const failure = hookError(output);
  if (failure) throw failure;
  return output;
}

/**
 * Calls the custom access token hook inside the issuing transaction (as GoTrue does),
 * then takes the returned `claims` after GoTrue's checks.
 */
export async function runCustomAccessTokenHook(
  db: Db,
  hook: HookSetting,
  input: CustomAccessTokenInput,
): Promise<Record<string, unknown>> {
  const event = {
    metadata: hookMetadata("customize-access-token", input.ip),
    user_id: input.userId,
    claims: input.claims,
    authentication_method: input.authenticationMethod,
  };
  const result = decodeHookOutput(await invokePgFunctionHook(db, hook, event));
  if (!isObject(result) || !("claims" in result)) {
    throw new ApiError(500, undefined, "output claims field is missing");
  }
  const claims = result.claims;
  const problem = validateHookClaims(claims);
  if (problem) throw new ApiError(500, undefined, problem);
  return claims as Record<string, unknown>;
}

/**
 * Decodes a password verification hook's output as Go's json.Unmarshal fills
 * PasswordVerificationAttemptOutput: JSON null is no output, anything but an object,
 * or a member of the wrong type, is "Error unmarshaling JSON output.".
 */
export function passwordVerificationOutput(output: unknown): PasswordVerificationAttemptOutput {
  const verdict: PasswordVerificationAttemptOutput = { decision: "", message: "", shouldLogoutUser: false };
  if (output === null) return verdict;
  const unmarshalError = () => internalError("Error unmarshaling JSON output.");
  if (!isObject(output)) throw unmarshalError();
  const decision = goField(output, "decision", isString);
  const message = goField(output, "message", isString);
  const logout = goField(output, "should_logout_user", (v) => typeof v === "boolean");
  if (!decision.ok || !message.ok || !logout.ok) throw unmarshalError();
  if (decision.value !== undefined) verdict.decision = decision.value as string;
  if (message.value !== undefined) verdict.message = message.value as string;
  if (logout.value !== undefined) verdict.shouldLogoutUser = logout.value as boolean;
  return verdict;
}

/**
 * Calls the password verification attempt hook after a password check. Like GoTrue it
 * runs in its own transaction, committed before the output is looked at, so what the
 * hook records stays even when the sign-in then fails (or the hook answers an error).
 */
export async function runPasswordVerificationAttemptHook(
  sql: postgres.Sql,
  hook: HookSetting,
  input: PasswordVerificationAttemptInput,
): Promise<PasswordVerificationAttemptOutput> {
  const event = {
    metadata: hookMetadata("password-verification", input.ip),
    user_id: input.userId,
    valid: input.valid,
  };
  const text = (await sql.begin((tx) => invokePgFunctionHook(tx, hook, event))) as string | null;
  return passwordVerificationOutput(decodeHookOutput(text));
}
