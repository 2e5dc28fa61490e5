import type postgres from "postgres";
import type { Logger } from "../process/log.ts";
import { tooManyRequests } from "./errors.ts";
import type { Mailer } from "./mailer.ts";
import { RateLimiter } from "./rate-limit.ts";
import type { AuthSettings } from "./settings.ts";

export type Limiters = {
  /** Per IP and endpoint: signup, recover, resend, otp, user update (GoTrue's RateLimitOtp limiters). */
  otp: RateLimiter;
  /** Per IP: every /token grant. */
  token: RateLimiter;
  /** Per IP: /verify. */
  verify: RateLimiter;
  /** Per email address and action: sign-in, signup, recovery, otp (a devstack addition, same numbers as per IP). */
  email: RateLimiter;
  /** Mails sent by the whole instance per hour. */
  emailSent: RateLimiter;
};

/** What every handler gets: settings, the pool (as supabase_auth_admin), mail and limits. */
export type AuthApp = {
  settings: AuthSettings;
  sql: postgres.Sql;
  mailer: Mailer;
  logger: Logger;
  limits: Limiters;
};

export function createLimiters(settings: AuthSettings): Limiters {
  const r = settings.rateLimits;
  return {
    otp: new RateLimiter(r.otp),
    token: new RateLimiter(r.token),
    verify: new RateLimiter(r.verify),
    email: new RateLimiter(r.otp),
    emailSent: new RateLimiter(r.emailSent),
  };
}

/** GoTrue's storage.NewCommitWithError: keep the transaction's writes, then fail the request. */
export class CommitWithError {
  constructor(readonly error: Error) {}
}

/** Runs `fn` in a transaction; a returned CommitWithError is thrown after the commit. */
export async function inTx<T>(app: AuthApp, fn: (db: postgres.TransactionSql) => Promise<T | CommitWithError>): Promise<T> {
  const result = (await app.sql.begin((tx) => fn(tx))) as T | CommitWithError;
  if (result instanceof CommitWithError) throw result.error;
  return result;
}

/** 429 `over_request_rate_limit` when the key's bucket is empty. */
export function limit(limiter: RateLimiter, key: string): void {
  if (!limiter.take(key)) throw tooManyRequests("over_request_rate_limit", "Request rate limit reached");
}
