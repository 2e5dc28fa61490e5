import { errors, jwtVerify, SignJWT } from "jose";
import { forbidden } from "./errors.ts";

const key = (secret: string) => new TextEncoder().encode(secret);

/** Signs claims as given (the hook may have reshaped them), HS256 like a GoTrue with a JWT secret. */
export async function signJwt(claims: Record<string, unknown>, secret: string): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: "HS256", typ: "JWT" }).sign(key(secret));
}

/** Verifies an access token; failures read like golang-jwt's, inside GoTrue's 403 bad_jwt. */
export async function verifyJwt(token: string, secret: string): Promise<Record<string, unknown>> {
  try {
    const { payload } = await jwtVerify(token, key(secret), { algorithms: ["HS256"] });
    return payload as Record<string, unknown>;
  } catch (e) {
    let reason = "token is malformed: could not parse token";
    if (e instanceof errors.JWTExpired) reason = "token has invalid claims: token is expired";
    else if (e instanceof errors.JWSSignatureVerificationFailed) reason = "token signature is invalid: signature is invalid";
    else if (e instanceof errors.JOSEAlgNotAllowed) reason = "token is unverifiable: signing method is invalid";
    else if (e instanceof errors.JWTClaimValidationFailed) reason = `token has invalid claims: ${e.message}`;
    throw forbidden("bad_jwt", `invalid JWT: unable to parse or verify signature, ${reason}`);
  }
}
