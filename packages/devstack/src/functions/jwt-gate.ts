import { decodeProtectedHeader, jwtVerify } from "jose";
import type { RelayError } from "./relay-errors.ts";

const invalid = (code: RelayError["code"], message: string): RelayError => ({ status: 401, code, message });

/**
 * The `verify_jwt` check the platform runs before a function: a Bearer HS256 JWT signed
 * with the project's secret and not expired. It proves only that the caller holds a
 * project key or a session, not who they are; functions still authorize themselves.
 * Returns the refusal, or `undefined` when the request may pass.
 */
export async function checkAuthorization(
  authorization: string | undefined,
  secret: Uint8Array,
  now: Date = new Date(),
): Promise<RelayError | undefined> {
  if (!authorization?.trim()) return invalid("UNAUTHORIZED_NO_AUTH_HEADER", "Missing authorization header");
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  const token = match?.[1] ?? "";
  if (token.split(".").length !== 3) return invalid("UNAUTHORIZED_INVALID_JWT_FORMAT", "Invalid JWT");
  let alg: string | undefined;
  try {
    alg = decodeProtectedHeader(token).alg;
  } catch {
    return invalid("UNAUTHORIZED_INVALID_JWT_FORMAT", "Invalid JWT");
  }
  if (alg !== "HS256") return invalid("UNAUTHORIZED_UNSUPPORTED_TOKEN_ALGORITHM", `Unsupported JWT algorithm ${alg ?? "(none)"}`);
  try {
    await jwtVerify(token, secret, { algorithms: ["HS256"], currentDate: now });
    return undefined;
  } catch {
    return invalid("UNAUTHORIZED_INVALID_JWT", "Invalid JWT");
  }
}
