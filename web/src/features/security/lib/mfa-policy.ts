/** What `get_mfa_requirement()` answers (docs/two-factor.md, "The policy"). */
export type MfaRequirement = {
  state: "ok" | "prompt" | "enroll_required" | "challenge_required";
  /** registered_at + grace period; null once a factor is active. */
  deadline: string | null;
  factor: "none" | "pending" | "active";
  session_verified: boolean;
  grace_days: number;
  /** Set for API-key machine users, who are always "ok". */
  exempt?: string;
};
export type MfaState = MfaRequirement["state"];

const STATES: readonly string[] = ["ok", "prompt", "enroll_required", "challenge_required"];
const FACTORS: readonly string[] = ["none", "pending", "active"];

/**
 * Checks the RPC's JSON before the gate trusts it (without zod: the gate is on every page's
 * first load). An unexpected shape throws, and the gate then lets the page explain itself.
 */
export function parseMfaRequirement(value: unknown): MfaRequirement {
  const v = (value ?? {}) as Record<string, unknown>;
  if (
    typeof v.state !== "string" ||
    !STATES.includes(v.state) ||
    typeof v.factor !== "string" ||
    !FACTORS.includes(v.factor) ||
    (v.deadline !== null && typeof v.deadline !== "string")
  ) {
    throw new Error(`unexpected get_mfa_requirement answer: ${JSON.stringify(value)}`);
  }
  return {
    state: v.state as MfaState,
    deadline: (v.deadline as string | null) ?? null,
    factor: v.factor as MfaRequirement["factor"],
    session_verified: v.session_verified === true,
    grace_days: typeof v.grace_days === "number" ? v.grace_days : 30,
    ...(typeof v.exempt === "string" ? { exempt: v.exempt } : {}),
  };
}

/**
 * Pages a user whom the policy locks out ("nothing but enroll") may still open: setting up
 * 2FA, the security page around it, and deleting the account (docs/account-deletion.md).
 */
const OPEN_WHILE_ENROLL_REQUIRED = ["/account/security", "/account/delete"];

/** Where the enrollment wizard lives; no reminder banner on top of it. */
export const TWO_FACTOR_SETUP_PATH = "/account/security/two-factor";
/** The sign-in step that asks for the code. */
export const TWO_FACTOR_CHALLENGE_PATH = "/sign-in/two-factor";

export function isOpenWhileEnrollRequired(pathname: string): boolean {
  return OPEN_WHILE_ENROLL_REQUIRED.some((path) => pathname === path || pathname.startsWith(`${path}/`));
}

/**
 * What a signed-in page shows for the session's 2FA state: the page (`pass`), the page under
 * a reminder (`prompt`), the "set it up to continue" screen (`enroll`), or the code step
 * (`challenge`). The database refuses tenant data in the last two anyway; this only explains.
 */
export type GateDecision = "pass" | "prompt" | "enroll" | "challenge";

export function gateDecision(requirement: MfaRequirement, pathname: string): GateDecision {
  switch (requirement.state) {
    case "challenge_required":
      return "challenge";
    case "enroll_required":
      return isOpenWhileEnrollRequired(pathname) ? "pass" : "enroll";
    case "prompt":
      return pathname === TWO_FACTOR_SETUP_PATH ? "pass" : "prompt";
    default:
      return "pass";
  }
}

/** Whole days left until `deadline` (rounded up: "in 1 day" until the very moment), never negative. */
export function daysUntil(deadline: string | null, now: Date = new Date()): number | null {
  if (!deadline) return null;
  const end = new Date(deadline).getTime();
  if (Number.isNaN(end)) return null;
  return Math.max(0, Math.ceil((end - now.getTime()) / 86_400_000));
}

/** The address of the code step that returns to `path` afterwards. */
export function challengePathFor(path: string): string {
  return `${TWO_FACTOR_CHALLENGE_PATH}?next=${encodeURIComponent(path)}`;
}

/** The address of the enrollment wizard that returns to `path` once done. */
export function setupPathFor(path: string | null): string {
  return path && path !== TWO_FACTOR_SETUP_PATH
    ? `${TWO_FACTOR_SETUP_PATH}?next=${encodeURIComponent(path)}`
    : TWO_FACTOR_SETUP_PATH;
}
