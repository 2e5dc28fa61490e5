import { compactVerify, decodeProtectedHeader } from "jose";

/** Verified JWT claims; Realtime insists on `role` and `exp`. */
export type Claims = Record<string, unknown> & { role: unknown; exp: number };

export type TokenErrorKind = "malformed" | "signature" | "signer" | "expired" | "missing_claims" | "invalid_claims";

export type TokenError = { kind: TokenErrorKind; expiredSecondsAgo?: number };

export type TokenResult = { ok: true; claims: Claims } | { ok: false; error: TokenError };

const HS_ALGORITHMS = ["HS256", "HS384", "HS512"];

/** Realtime strips whitespace and URL-decodes tokens before verifying them. */
export function cleanToken(token: string): string {
  let decoded = token;
  try {
    decoded = decodeURIComponent(token);
  } catch {
    // keep the raw token: verification reports it as malformed if it is
  }
  return decoded.replace(/\s/g, "");
}

function peekJson(segment: string | undefined): Record<string, unknown> | null {
  if (!segment) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, "base64url").toString("utf8"));
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/**
 * Verifies a token the way Realtime does (HS* with the project's JWT secret, `exp` in the
 * future, `iat` numeric if present, `role` and `exp` required), and classifies failures so
 * callers can answer with Realtime's exact messages.
 */
export async function verifyToken(token: string, secret: Uint8Array, nowMs = Date.now()): Promise<TokenResult> {
  const jwt = cleanToken(token);
  const parts = jwt.split(".");
  if (parts.length !== 3 || !peekJson(parts[0]) || !peekJson(parts[1])) return { ok: false, error: { kind: "malformed" } };
  let alg: unknown;
  try {
    alg = decodeProtectedHeader(jwt).alg;
  } catch {
    return { ok: false, error: { kind: "malformed" } };
  }
  if (typeof alg !== "string" || !HS_ALGORITHMS.includes(alg)) return { ok: false, error: { kind: "signer" } };
  try {
    await compactVerify(jwt, secret, { algorithms: [alg] });
  } catch {
    return { ok: false, error: { kind: "signature" } };
  }
  const claims = peekJson(parts[1]) as Record<string, unknown>;
  const now = Math.floor(nowMs / 1000);
  if ("exp" in claims) {
    const exp = claims.exp;
    if (typeof exp !== "number") return { ok: false, error: { kind: "invalid_claims" } };
    if (!(exp > now)) {
      return Number.isInteger(exp)
        ? { ok: false, error: { kind: "expired", expiredSecondsAgo: now - exp } }
        : { ok: false, error: { kind: "invalid_claims" } };
    }
  }
  if ("iat" in claims && typeof claims.iat !== "number") return { ok: false, error: { kind: "invalid_claims" } };
  if (!("role" in claims) || !("exp" in claims)) return { ok: false, error: { kind: "missing_claims" } };
  const rounded: Record<string, unknown> = { ...claims, exp: Math.round(claims.exp as number) };
  if (typeof claims.iat === "number") rounded.iat = Math.round(claims.iat);
  return { ok: true, claims: rounded as Claims };
}

/** The `reason` of a refused channel join (`<Code>: <message>`), as Realtime words it. */
export function joinErrorReason(e: TokenError): string {
  switch (e.kind) {
    case "expired":
      return `InvalidJWTToken: Token has expired ${e.expiredSecondsAgo ?? 0} seconds ago`;
    case "missing_claims":
      return "InvalidJWTToken: Fields `role` and `exp` are required in JWT";
    case "malformed":
      return "MalformedJWT: The token provided is not a valid JWT";
    case "signature":
      return "JwtSignatureError: Failed to validate JWT signature";
    case "signer":
      return "JwtSignerError: Failed to generate JWT signer, check your JWT secret or JWKS configuration";
    case "invalid_claims":
      return "InvalidJWTToken: Token expiration time is invalid";
  }
}

/** The `system` message that closes a joined channel whose (new or aging) token no longer verifies. */
export function shutdownMessage(e: TokenError): string {
  switch (e.kind) {
    case "expired":
      return `Token has expired ${e.expiredSecondsAgo ?? 0} seconds ago`;
    case "missing_claims":
      return "Fields `role` and `exp` are required in JWT";
    case "malformed":
      return "The token provided is not a valid JWT";
    case "signature":
      return ":signature_error";
    case "signer":
      return "Failed to generate JWT signer, check your JWT secret or JWKS configuration";
    case "invalid_claims":
      return "Token expiration time is invalid";
  }
}

/** HTTP status and `{error}` text for a refused WebSocket upgrade. */
export function connectError(e: TokenError): { status: number; message: string } {
  switch (e.kind) {
    case "expired":
      return { status: 401, message: "Token has expired" };
    case "missing_claims":
      return { status: 401, message: "Fields `role` and `exp` are required in JWT" };
    case "malformed":
      return { status: 401, message: "The token provided is not a valid JWT" };
    case "signature":
      return { status: 401, message: "Failed to validate JWT signature" };
    case "signer":
      return { status: 401, message: "Failed to generate JWT signer, check your JWT secret or JWKS configuration" };
    case "invalid_claims":
      return { status: 500, message: "Error connecting to Realtime" };
  }
}
