import { createHash, randomBytes, randomInt, timingSafeEqual } from "node:crypto";

const BASE32 = "abcdefghijklmnopqrstuvwxyz234567";

/** GoTrue's legacy refresh token: 12 characters of lowercase base32 (matches ^[a-z0-9]{12}$). */
export function newRefreshToken(): string {
  const bytes = randomBytes(12);
  let out = "";
  for (const b of bytes) out += BASE32[b % 32];
  return out;
}

/** A numeric one-time code of `digits` digits, as sent in mails next to the link. */
export function generateOtp(digits: number): string {
  let out = "";
  for (let i = 0; i < digits; i++) out += String(randomInt(10));
  return out;
}

/** GoTrue's GenerateTokenHash: hex SHA-224 of email (or phone) followed by the OTP. */
export function tokenHash(emailOrPhone: string, otp: string): string {
  return createHash("sha224")
    .update(emailOrPhone + otp)
    .digest("hex");
}

/** Verifies a PKCE code_verifier against the stored challenge (RFC 7636), like GoTrue. */
export function verifyPkce(challenge: string, method: string, verifier: string): "ok" | "mismatch" | "unsupported" {
  const eq = (a: string, b: string) => {
    const x = Buffer.from(a);
    const y = Buffer.from(b);
    return x.length === y.length && timingSafeEqual(x, y);
  };
  switch (method.toLowerCase()) {
    case "s256":
      return eq(challenge, createHash("sha256").update(verifier).digest("base64url")) ? "ok" : "mismatch";
    case "plain":
      return eq(challenge, verifier) ? "ok" : "mismatch";
    default:
      return "unsupported";
  }
}

/** A random password for users created without one (invites, magic links, OAuth). */
export function randomPassword(): string {
  return randomBytes(33).toString("base64url");
}
