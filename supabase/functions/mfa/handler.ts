import type { Caller } from "../_shared/caller.ts";
import { errorResponse, methodNotAllowed, toErrorResponse } from "../_shared/errors.ts";
import { json, preflight } from "../_shared/http.ts";
import { checkSecondFactor } from "../_shared/second-factor/check.ts";
import { type CodeInput, parseCodeInput, readJsonObject } from "../_shared/second-factor/input.ts";
import { attemptRefusal } from "../_shared/second-factor/refusal.ts";
import type { AttemptOutcome, AttemptPurpose, MfaStore, RequestContext, TotpEngine } from "./types.ts";

/** Everything the 2FA function touches, injected so the handler runs under vitest with fakes. */
export type MfaDeps = {
  /** The signed-in caller behind an Authorization header, or null (see _shared/caller.ts). */
  authenticate(authorization: string | null): Promise<Caller | null>;
  store: MfaStore;
  totp: TotpEngine;
  /** An SVG QR code of `text`. */
  qrSvg(text: string): Promise<string>;
  now(): Date;
  /** Shown in authenticator apps; default "FlexOffice". */
  issuer?: string;
};

export type EnrollResponse = {
  otpauth_uri: string;
  qr_svg: string;
  /** The secret for typing in by hand, in groups of four. */
  manual_key: string;
  issuer: string;
  account: string;
  algorithm: "SHA1";
  digits: 6;
  period: 30;
  replaced: boolean;
};

type Route = { method: "GET" | "POST"; run: (ctx: RequestContext, caller: Caller, req: Request) => Promise<Response> };

/** Request headers the audit log records (never credentials). */
const AUDITED_HEADERS = ["user-agent", "x-forwarded-for", "x-real-ip"] as const;

const FACTOR_PROBLEMS: Record<string, { status: number; code: string; message: string }> = {
  no_factor: { status: 404, code: "MFA_NOT_ENROLLED", message: "2FA is not set up: enroll first (POST /mfa/enroll)." },
  already_active: {
    status: 409,
    code: "MFA_ALREADY_ACTIVE",
    message: "2FA is already active; disable it first to set up another authenticator.",
  },
  not_active: {
    status: 409,
    code: "MFA_NOT_ACTIVE",
    message: "2FA is not active yet: activate it with a code from your authenticator app (POST /mfa/activate).",
  },
  no_session: {
    status: 401,
    code: "SESSION_REQUIRED",
    message: "This token belongs to no live session; sign in again, then enter your code.",
  },
};

type Succeeded = Extract<AttemptOutcome, { result: "ok" }>;
type Refused = Exclude<AttemptOutcome, Succeeded>;

/** The answer to an attempt (or a request) the database refused. */
function refusal(outcome: Refused): Response {
  switch (outcome.result) {
    case "locked":
    case "invalid":
      return attemptRefusal(outcome, "code");
    default: {
      const problem = FACTOR_PROBLEMS[outcome.result];
      if (!problem) throw new Error(`unexpected attempt outcome ${JSON.stringify(outcome)}`);
      return errorResponse(problem.status, problem.code, problem.message);
    }
  }
}

/** "ABCDEFGH..." -> "ABCD EFGH ..." (apps accept either; groups are easier to type). */
export function groupKey(secret: string): string {
  return secret.match(/.{1,4}/g)?.join(" ") ?? secret;
}

/**
 * The `mfa` edge function: TOTP enrollment, activation, sign-in challenge, recovery
 * codes, disable and status for the signed-in caller. The database decides lockout,
 * replay and state (see docs/two-factor.md); this handler checks codes and shapes answers.
 */
export function createHandler(deps: MfaDeps): (req: Request) => Promise<Response> {
  const issuer = deps.issuer ?? "FlexOffice";

  const attempt = (ctx: RequestContext, purpose: AttemptPurpose, input: CodeInput) =>
    deps.store.attempt(ctx, (tx) => checkSecondFactor(tx, purpose, input, deps.totp, deps.now()));

  const routes: Record<string, Route> = {
    enroll: {
      method: "POST",
      run: async (ctx, caller) => {
        const secret = deps.totp.generateSecret();
        const outcome = await deps.store.enroll(ctx, secret);
        if (outcome.result !== "ok") return refusal(outcome);
        const account = caller.email ?? caller.userId;
        const uri = deps.totp.keyUri(account, issuer, secret);
        const body: EnrollResponse = {
          otpauth_uri: uri,
          qr_svg: await deps.qrSvg(uri),
          manual_key: groupKey(secret),
          issuer,
          account,
          algorithm: "SHA1",
          digits: 6,
          period: 30,
          replaced: outcome.replaced,
        };
        return json(body, { status: 200, headers: { "Cache-Control": "no-store" } });
      },
    },
    activate: {
      method: "POST",
      run: async (ctx, _caller, req) => {
        const input = parseCodeInput(await readJsonObject(req), { allowRecovery: false });
        const outcome = await attempt(ctx, "activate", input);
        if (outcome.result !== "ok") return refusal(outcome);
        return json(
          { active: true, session_verified: outcome.session_verified, recovery_codes: outcome.recovery_codes ?? [] },
          { status: 200, headers: { "Cache-Control": "no-store" } },
        );
      },
    },
    challenge: {
      method: "POST",
      run: async (ctx, _caller, req) => {
        const input = parseCodeInput(await readJsonObject(req), { allowRecovery: true });
        if (!ctx.sessionId) return refusal({ result: "no_session" });
        const outcome = await attempt(ctx, "challenge", input);
        if (outcome.result !== "ok") return refusal(outcome);
        return json({
          session_verified: outcome.session_verified,
          method: outcome.method,
          recovery_codes_left: outcome.recovery_codes_left,
        });
      },
    },
    disable: {
      method: "POST",
      run: async (ctx, _caller, req) => {
        const input = parseCodeInput(await readJsonObject(req), { allowRecovery: true });
        const outcome = await attempt(ctx, "disable", input);
        if (outcome.result !== "ok") return refusal(outcome);
        return json({ disabled: true, method: outcome.method });
      },
    },
    "recovery-codes": {
      method: "POST",
      run: async (ctx, _caller, req) => {
        const input = parseCodeInput(await readJsonObject(req), { allowRecovery: false });
        const outcome = await attempt(ctx, "regenerate", input);
        if (outcome.result !== "ok") return refusal(outcome);
        return json({ recovery_codes: outcome.recovery_codes ?? [] }, { status: 200, headers: { "Cache-Control": "no-store" } });
      },
    },
    status: {
      method: "GET",
      run: async (ctx) => json(await deps.store.status(ctx)),
    },
  };

  return async (req) => {
    try {
      const pre = preflight(req);
      if (pre) return pre;
      const segments = new URL(req.url).pathname.split("/").filter(Boolean);
      const action = (segments[0] === "mfa" ? segments.slice(1) : segments).join("/");
      const route = routes[action];
      if (!route) {
        return errorResponse(
          404,
          "NOT_FOUND",
          `No such 2FA action "${action}"; use ${Object.keys(routes)
            .map((name) => `${routes[name]?.method} /mfa/${name}`)
            .join(", ")}`,
        );
      }
      if (req.method !== route.method) return methodNotAllowed([route.method]);

      const caller = await deps.authenticate(req.headers.get("authorization"));
      if (!caller) return errorResponse(401, "UNAUTHORIZED", "Sign in first: 2FA needs a signed-in user's session token.");
      const headers: Record<string, string> = {};
      for (const name of AUDITED_HEADERS) {
        const value = req.headers.get(name);
        if (value) headers[name] = value;
      }
      const ctx: RequestContext = { userId: caller.userId, sessionId: caller.sessionId, claims: caller.claims, headers };
      return await route.run(ctx, caller, req);
    } catch (error) {
      return toErrorResponse(error);
    }
  };
}
