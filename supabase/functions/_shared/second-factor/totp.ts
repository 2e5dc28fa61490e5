import { authenticator } from "npm:otplib@12.0.1";
import type { TotpEngine } from "./types.ts";

const STEP_SECONDS = 30;

// otplib's authenticator (RFC 6238 with base32 secrets); SHA-1 is its default algorithm,
// which is what every authenticator app assumes for otpauth URIs without one.
const base = authenticator.clone({ step: STEP_SECONDS, digits: 6, window: 1 });

/** TOTP through otplib: SHA-1, 6 digits, 30-second steps, a window of one step either way. */
export function otplibTotp(): TotpEngine {
  return {
    generateSecret: () => base.generateSecret(20),
    keyUri: (account, issuer, secret) => base.keyuri(account, issuer, secret),
    matchStep: (secret, code, at) => {
      const delta = base.clone({ epoch: at.getTime() }).checkDelta(code, secret);
      return delta === null ? null : Math.floor(at.getTime() / 1000 / STEP_SECONDS) + delta;
    },
  };
}
