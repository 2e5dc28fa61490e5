/**
 * Access token claims in GoTrue's shape (tokens.AccessTokenClaims, same key order), and
 * the check GoTrue applies to claims returned by a custom access token hook.
 */

export type AmrEntry = { method: string; timestamp: number };

export type AccessTokenClaims = {
  iss: string;
  sub: string;
  aud: string;
  exp: number;
  iat: number;
  email: string;
  phone: string;
  app_metadata: Record<string, unknown>;
  user_metadata: Record<string, unknown>;
  role: string;
  aal?: string;
  amr?: AmrEntry[];
  session_id?: string;
  is_anonymous: boolean;
};

export type ClaimsInput = {
  issuer: string;
  userId: string;
  aud: string | null;
  email: string | null;
  phone: string | null;
  appMetadata: Record<string, unknown> | null;
  userMetadata: Record<string, unknown> | null;
  role: string | null;
  isAnonymous: boolean;
  sessionId: string;
  aal: string;
  /** Session authentication methods with their last-use time (unix seconds). */
  amr: AmrEntry[];
  issuedAt: number;
  expiresIn: number;
};

/** The claims GoTrue signs for a session before any hook runs. */
export function buildAccessTokenClaims(input: ClaimsInput): AccessTokenClaims {
  const amr = [...input.amr].sort((a, b) => b.timestamp - a.timestamp);
  return {
    iss: input.issuer,
    sub: input.userId,
    aud: input.aud ?? "",
    exp: input.issuedAt + input.expiresIn,
    iat: input.issuedAt,
    email: input.email ?? "",
    phone: input.phone ?? "",
    app_metadata: input.appMetadata ?? {},
    user_metadata: input.userMetadata ?? {},
    role: input.role ?? "",
    ...(input.aal ? { aal: input.aal } : {}),
    ...(amr.length > 0 ? { amr } : {}),
    ...(input.sessionId ? { session_id: input.sessionId } : {}),
    is_anonymous: input.isAnonymous,
  };
}

const REQUIRED = ["aud", "exp", "iat", "sub", "email", "phone", "role", "aal", "session_id", "is_anonymous"];

type JsonType = "string" | "integer" | "number" | "object" | "array" | "boolean" | "null";

const PROPERTY_TYPES: Record<string, JsonType[]> = {
  aud: ["string", "array"],
  exp: ["integer"],
  jti: ["string"],
  iat: ["integer"],
  iss: ["string"],
  nbf: ["integer"],
  sub: ["string"],
  email: ["string"],
  phone: ["string"],
  app_metadata: ["object"],
  user_metadata: ["object"],
  role: ["string"],
  aal: ["string"],
  amr: ["array"],
  session_id: ["string"],
  client_id: ["string"],
};

function jsonType(v: unknown): JsonType {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  if (typeof v === "number") return Number.isInteger(v) ? "integer" : "number";
  if (typeof v === "string") return "string";
  if (typeof v === "boolean") return "boolean";
  return "object";
}

/**
 * GoTrue's MinimumViableTokenSchema check (gojsonschema messages). Returns the error
 * message GoTrue would send with a 500, or null when the claims are acceptable.
 */
export function validateHookClaims(claims: unknown): string | null {
  const problems: string[] = [];
  const type = jsonType(claims);
  if (type !== "object") {
    problems.push(`(root): Invalid type. Expected: object, given: ${type}`);
  } else {
    const obj = claims as Record<string, unknown>;
    for (const key of REQUIRED) if (!(key in obj)) problems.push(`(root): ${key} is required`);
    for (const [key, allowed] of Object.entries(PROPERTY_TYPES)) {
      if (!(key in obj)) continue;
      const t = jsonType(obj[key]);
      const ok = allowed.includes(t) || (t === "integer" && allowed.includes("number"));
      if (!ok) problems.push(`${key}: Invalid type. Expected: ${allowed.join("/")}, given: ${t}`);
    }
    if (Array.isArray(obj.amr)) {
      obj.amr.forEach((item, i) => {
        const t = jsonType(item);
        if (t !== "string" && t !== "object") problems.push(`amr.${i}: Must validate at least one schema (anyOf)`);
      });
    }
  }
  if (problems.length === 0) return null;
  return `output claims do not conform to the expected schema: \n${problems.map((p) => `- ${p}\n`).join("")}`;
}
