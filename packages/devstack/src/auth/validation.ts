import bcrypt from "bcryptjs";
import { type ApiError, badRequest, weakPassword } from "./errors.ts";

/** GoTrue's MaxPasswordLength: bcrypt only reads 72 bytes. */
export const MAX_PASSWORD_LENGTH = 72;

const EMAIL_FORMAT =
  /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;

/** GoTrue's validateEmail (checkmail format check), returning the lowercased address. */
export function validateEmail(email: string): string {
  if (email === "") throw badRequest("validation_failed", "An email address is required");
  if (email.length > 255) throw badRequest("validation_failed", "An email address is too long");
  if (!EMAIL_FORMAT.test(email)) throw badRequest("validation_failed", "Unable to validate email address: invalid format");
  return email.toLowerCase();
}

/** GoTrue's checkPasswordStrength with the configured minimum length (no character rules, no HIBP). */
export function passwordProblem(password: string, minLength: number): ApiError | null {
  const bytes = Buffer.byteLength(password, "utf8");
  if (bytes > MAX_PASSWORD_LENGTH) {
    return badRequest("validation_failed", `Password cannot be longer than ${MAX_PASSWORD_LENGTH} characters`);
  }
  if (bytes < minLength) return weakPassword(`Password should be at least ${minLength} characters.`, ["length"]);
  return null;
}

export function checkPasswordStrength(password: string, minLength: number): void {
  const problem = passwordProblem(password, minLength);
  if (problem) throw problem;
}

/** bcrypt at cost 10, as GoTrue stores in auth.users.encrypted_password. */
export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, 10);
}

export async function passwordMatches(password: string, hash: string | null): Promise<boolean> {
  if (!hash?.startsWith("$2")) return false;
  try {
    return await bcrypt.compare(password, hash);
  } catch {
    return false;
  }
}

/** GoTrue's validatePKCEParams: both or neither, and a well-formed challenge. */
export function validatePkceParams(method: string, challenge: string): void {
  if ((challenge === "") !== (method === "")) {
    throw badRequest("validation_failed", "PKCE flow requires code_challenge_method and code_challenge");
  }
  if (challenge === "") return;
  if (challenge.length < 43 || challenge.length > 128) {
    throw badRequest("validation_failed", "code challenge has to be between 43 and 128 characters");
  }
  if (!/^[a-zA-Z._~0-9-]+$/.test(challenge)) {
    throw badRequest(
      "validation_failed",
      "code challenge can only contain alphanumeric characters, hyphens, periods, underscores and tildes",
    );
  }
  if (!["s256", "plain"].includes(method.toLowerCase())) {
    throw badRequest("validation_failed", "Invalid code_challenge_method");
  }
}
