import { HttpError } from "../errors.ts";
/** A submitted second factor: a code from the authenticator app or a recovery code. */
export type CodeInput = { method: "totp"; code: string } | { method: "recovery"; recoveryCode: string };

const invalid = (field: string, message: string) => new HttpError(422, "INVALID_INPUT", `${field}: ${message}`);

/** The JSON object a POST carries; 400 when the body is not one. */
export async function readJsonObject(req: Request): Promise<Record<string, unknown>> {
  const text = await req.text();
  if (!text.trim()) return {};
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new HttpError(400, "INVALID_JSON", 'The request body must be JSON, e.g. {"code": "123456"}');
  }
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    throw new HttpError(400, "INVALID_JSON", 'The request body must be a JSON object, e.g. {"code": "123456"}');
  }
  return body as Record<string, unknown>;
}

/**
 * Reads `{code}` or `{recovery_code}` (exactly one). Codes may contain spaces as apps
 * display them ("123 456"); a malformed value is an input error, not a counted attempt.
 */
export function parseCodeInput(body: Record<string, unknown>, options: { allowRecovery: boolean }): CodeInput {
  const { code, recovery_code: recoveryCode } = body;
  const hasCode = code !== undefined && code !== null;
  const hasRecovery = recoveryCode !== undefined && recoveryCode !== null;
  if (hasCode && hasRecovery) throw invalid("code", "send either code or recovery_code, not both");
  if (hasRecovery) {
    if (!options.allowRecovery) {
      throw invalid("recovery_code", "a recovery code is not accepted here; enter the 6-digit code from your authenticator app");
    }
    if (typeof recoveryCode !== "string" || !/^[0-9A-Za-z\s-]{10,24}$/.test(recoveryCode)) {
      throw invalid("recovery_code", "must be one of your recovery codes, like abcde-12345");
    }
    return { method: "recovery", recoveryCode };
  }
  if (!hasCode) {
    throw invalid("code", options.allowRecovery ? "required (or recovery_code)" : "required");
  }
  const digits = typeof code === "string" ? code.replace(/\s/g, "") : "";
  if (!/^\d{6}$/.test(digits)) throw invalid("code", "must be the 6 digits your authenticator app shows");
  return { method: "totp", code: digits };
}
